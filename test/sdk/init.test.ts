import { trace } from '@opentelemetry/api';
import { expect } from 'chai';
import { init } from '../../src/index';
import { captureConsole, servers, sleep, uniqueService, waitForSpans } from '../support/helpers';

describe('init', () => {
  const originalFetch = window.fetch;
  const originalOpen = XMLHttpRequest.prototype.open;
  const originalSend = XMLHttpRequest.prototype.send;

  const badConfigs: [string, unknown, string[]][] = [
    ['a missing endpoint', { serviceName: 'x' }, ['endpoint']],
    ['an ftp endpoint', { endpoint: 'ftp://c/v1/traces', serviceName: 'x' }, ['endpoint', '"ftp://c/v1/traces"']],
    ['sampleRate 1.5', { endpoint: '/v1/traces', serviceName: 'x', sampleRate: 1.5 }, ['sampleRate', '1.5']],
    ['an unknown instrumentation', { endpoint: '/v1/traces', serviceName: 'x', instrumentations: { fecth: true } }, ['instrumentations.fecth']],
    ['no config at all', undefined, ['config']],
  ];
  for (const [label, config, mentions] of badConfigs) {
    it(`with ${label}: one [otel-browser] error naming it, no exception, SDK off`, async () => {
      const { result: handle, errors } = captureConsole(() => init(config as never));
      expect(errors.length).to.equal(1);
      const message = String(errors[0][0]);
      expect(message.startsWith('[otel-browser]')).to.equal(true);
      for (const mention of mentions) expect(message).to.contain(mention);
      expect(window.fetch).to.equal(originalFetch);
      expect(XMLHttpRequest.prototype.open).to.equal(originalOpen);
      expect(handle.getSessionId()).to.equal(undefined);
      await handle.forceFlush();
      handle.setAttributes({ a: 1 });
      await handle.shutdown();
    });
  }

  it('does not instrument twice when called twice, and warns once', async () => {
    const s = await servers();
    const service = uniqueService('twice');
    const config = { endpoint: `${s.receiver}/v1/traces`, serviceName: service, instrumentations: { documentLoad: false } };
    const first = init(config);
    const { result: second, warnings } = captureConsole(() => init({ ...config, serviceName: 'other' }));
    try {
      expect(second).to.equal(first);
      expect(warnings.length).to.equal(1);
      expect(String(warnings[0][0])).to.match(/^\[otel-browser\]/);
      await fetch('/echo?id=twice');
      await first.forceFlush();
      await sleep(50);
      const spans = await waitForSpans(service, (all) => all.some((x) => String(x.attributes['url.full']).includes('id=twice')));
      expect(spans.filter((x) => String(x.attributes['url.full']).includes('id=twice')).length).to.equal(1);
    } finally {
      await first.shutdown();
    }
  });

  it('shutdown() undoes what init() did', async () => {
    const s = await servers();
    const otel = init({ endpoint: `${s.receiver}/v1/traces`, serviceName: uniqueService('shutdown') });
    expect(window.fetch).to.not.equal(originalFetch);
    expect(XMLHttpRequest.prototype.send).to.not.equal(originalSend);
    await otel.shutdown();
    expect(window.fetch).to.equal(originalFetch);
    expect(XMLHttpRequest.prototype.open).to.equal(originalOpen);
    expect(XMLHttpRequest.prototype.send).to.equal(originalSend);
    // The global provider is unregistered: user spans are no-ops again.
    expect(trace.getTracer('t').startSpan('x').isRecording()).to.equal(false);
    // And a new init may start fresh.
    const again = init({ endpoint: `${s.receiver}/v1/traces`, serviceName: uniqueService('again') });
    expect(window.fetch).to.not.equal(originalFetch);
    await again.shutdown();
  });

  it('never throws, even with a config that throws when read', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('hostile');
        },
      },
    );
    const { result, errors } = captureConsole(() => init(hostile as never));
    expect(errors.length).to.equal(1);
    expect(String(errors[0][0])).to.match(/^\[otel-browser\]/);
    expect(result.getSessionId()).to.equal(undefined);
  });
});

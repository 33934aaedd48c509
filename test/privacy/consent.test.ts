import { trace } from '@opentelemetry/api';
import { expect } from 'chai';
import type { Config } from '../../src/config';
import type { OtelBrowserHandle } from '../../src/sdk/handle';
import { init } from '../../src/index';
import { MAX_PENDING_SPANS } from '../../src/privacy/consent-gate';
import { captureConsole, apiRequests, receiverRequests, servers, sleep, uniqueService, waitForSpans } from '../support/helpers';
import { useSdk } from '../support/sdk';
import { spyOnStorage } from '../support/privacy-storage-spy';

function xhr(url: string): Promise<void> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('GET', url);
    request.onloadend = () => resolve();
    request.send();
  });
}

/** Longer than the export batch delay: anything that was going to be sent has been sent. */
const EXPORT_WINDOW_MS = 1500;

describe('consent', () => {
  const sdk = useSdk('consent');

  function start(extra: Partial<Config>): OtelBrowserHandle {
    return sdk.start({ propagateTo: [sdk.servers.api], ...extra });
  }

  it('while pending: no request to the collector, no trace header, nothing stored; on grant the held spans arrive', async () => {
    const storage = spyOnStorage();
    try {
      start({ consent: 'pending' });
      await pendingActivity();
      await sdk.otel!.forceFlush();
      await sleep(EXPORT_WINDOW_MS);
    } finally {
      storage.restore();
    }
    expect(storage.writes, 'storage writes while pending').to.deep.equal([]);
    expect(storage.cookieReads, 'cookie reads').to.equal(0);
    expect(await receiverRequests(sdk.service)).to.deep.equal([]);

    sdk.otel!.setConsent('granted');
    const spans = await sdk.spans(
      (all) =>
        ['pending-same', 'pending-api', 'pending-xhr'].every((id) => all.some((x) => String(x.attributes['url.full']).includes(id))) &&
        all.some((x) => x.name === 'pending-manual') &&
        all.some((x) => x.name === 'documentLoad'),
    );
    expect(spans.length).to.be.greaterThan(4);
    const after = await (await fetch('/echo?id=granted-same')).json();
    expect(after.headers.traceparent).to.match(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  async function pendingActivity(): Promise<void> {
    const echoed = await (await fetch('/echo?id=pending-same')).json();
    await fetch(`${sdk.servers.api}/items?id=pending-api`);
    await xhr(`${sdk.servers.api}/items?id=pending-xhr`);
    trace.getTracer('app').startSpan('pending-manual').end();
    expect(echoed.headers.traceparent, 'same-origin traceparent').to.equal(undefined);
    const api = (await apiRequests()).api.filter((r) => String(r.query.id).startsWith('pending-'));
    expect(api.length).to.equal(2);
    for (const request of api) {
      expect(request.headers.traceparent, request.query.id).to.equal(undefined);
      expect(request.headers.tracestate, request.query.id).to.equal(undefined);
      expect(request.headers.baggage, request.query.id).to.equal(undefined);
    }
  }

  it('pending then denied: the held spans are discarded, and later spans too', async () => {
    start({ consent: 'pending', instrumentations: { documentLoad: false } });
    trace.getTracer('app').startSpan('held-then-denied').end();
    sdk.otel!.setConsent('denied');
    trace.getTracer('app').startSpan('while-denied').end();
    const echoed = await (await fetch('/echo?id=denied-same')).json();
    expect(echoed.headers.traceparent).to.equal(undefined);
    await sdk.otel!.forceFlush();
    await sleep(EXPORT_WINDOW_MS);
    expect(await receiverRequests(sdk.service)).to.deep.equal([]);
    // A later grant starts from there: what was denied stays discarded.
    sdk.otel!.setConsent('granted');
    trace.getTracer('app').startSpan('after-grant').end();
    await sdk.otel!.forceFlush();
    const spans = await sdk.spans((all) => all.some((x) => x.name === 'after-grant'));
    expect(spans.map((x) => x.name)).to.not.include('held-then-denied');
    expect(spans.map((x) => x.name)).to.not.include('while-denied');
  });

  it('denied from the start: nothing exported, no header; granted and back to pending holds spans again', async () => {
    start({ consent: 'denied', instrumentations: { documentLoad: false } });
    await fetch(`${sdk.servers.api}/items?id=denied-start`);
    const request = (await apiRequests()).api.find((r) => r.query.id === 'denied-start')!;
    expect(request.headers.traceparent).to.equal(undefined);
    sdk.otel!.setConsent('granted');
    trace.getTracer('app').startSpan('granted-span').end();
    await sdk.spans((all) => all.some((x) => x.name === 'granted-span'));
    sdk.otel!.setConsent('pending');
    trace.getTracer('app').startSpan('pending-again').end();
    await sdk.otel!.forceFlush();
    await sleep(EXPORT_WINDOW_MS);
    const names = (await receiverRequests(sdk.service)).flatMap((r) => r.spans).map((x) => x.name);
    expect(names).to.not.include('pending-again');
    expect(names.some((name) => name.startsWith('HTTP') || name === 'denied-start')).to.equal(false);
    sdk.otel!.setConsent('granted');
    await sdk.spans((all) => all.some((x) => x.name === 'pending-again'));
  });

  it(`holds at most ${MAX_PENDING_SPANS} spans while pending`, async () => {
    start({ consent: 'pending', instrumentations: { documentLoad: false } });
    const tracer = trace.getTracer('app');
    for (let i = 0; i < MAX_PENDING_SPANS + 100; i++) tracer.startSpan(`bounded-${i}`).end();
    sdk.otel!.setConsent('granted');
    await sdk.otel!.forceFlush();
    // Only this test's spans count: other instrumentations (web vitals) may add their own.
    const bounded = (names: string[]) => names.filter((name) => name.startsWith('bounded-'));
    await sdk.spans((all) => bounded(all.map((x) => x.name)).length >= MAX_PENDING_SPANS, { timeoutMs: 15000 });
    await sleep(EXPORT_WINDOW_MS);
    const names = bounded((await receiverRequests(sdk.service)).flatMap((r) => r.spans).map((x) => x.name));
    expect(names.length).to.equal(MAX_PENDING_SPANS);
    expect(names).to.include('bounded-0');
    expect(names).to.not.include(`bounded-${MAX_PENDING_SPANS}`);
  });

  it('refuses a bad consent value in the config, and ignores one given to setConsent() with a warning', async () => {
    const { errors, warnings } = captureConsole(() => {
      const off = init({ endpoint: `${sdk.servers.receiver}/v1/traces`, serviceName: 'x', consent: 'yes' as never });
      off.setConsent('granted');
      start({ consent: 'pending', instrumentations: { documentLoad: false } });
      sdk.otel!.setConsent('maybe' as never);
    });
    expect(String(errors[0]?.[0])).to.contain('consent must be one of "granted", "pending", "denied"; got "yes"');
    expect(String(warnings[0]?.[0])).to.match(/^\[otel-browser\] setConsent\(\) takes/);
    const echoed = await (await fetch('/echo?id=still-pending')).json();
    expect(echoed.headers.traceparent).to.equal(undefined);
  });
});

describe('consent with the script tag', () => {
  it('data-consent="pending" holds everything until OtelBrowser.setConsent("granted")', async () => {
    const s = await servers();
    const service = uniqueService('consent-tag');
    const frame = document.createElement('iframe');
    frame.src = '/test/fixtures/blank.html';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const win = frame.contentWindow as Window & typeof globalThis & { OtelBrowser: { setConsent(state: string): void } };
    const script = win.document.createElement('script');
    script.src = '/dist/otel-browser.min.js';
    Object.assign(script.dataset, { endpoint: `${s.receiver}/v1/traces`, serviceName: service, consent: 'pending' });
    const loaded = new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
    win.document.head.append(script);
    await loaded;
    const echoed = await (await win.fetch('/echo?id=tag-pending')).json();
    expect(echoed.headers.traceparent).to.equal(undefined);
    await sleep(EXPORT_WINDOW_MS);
    expect(await receiverRequests(service)).to.deep.equal([]);
    win.OtelBrowser.setConsent('granted');
    await waitForSpans(
      service,
      (all) => all.some((x) => String(x.attributes['url.full']).includes('tag-pending')) && all.some((x) => x.name === 'documentLoad'),
    );
    frame.remove();
  });
});

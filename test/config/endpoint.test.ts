import { expect } from 'chai';
import { init } from '../../src/index';
import { receiverRequests, servers, uniqueService, waitForSpans } from '../support/helpers';

describe('export endpoint options', () => {
  it('sends to a root-relative endpoint on the page origin, without cookies, headers or spans for itself', async () => {
    document.cookie = 'session_cookie=secret; path=/';
    const service = uniqueService('same-origin');
    const otel = init({ endpoint: '/otlp/v1/traces', serviceName: service, instrumentations: { documentLoad: false } });
    try {
      await fetch('/echo?id=same-origin-endpoint');
      await otel.forceFlush();
      await waitForSpans(service, (all) => all.some((x) => String(x.attributes['url.full']).includes('same-origin-endpoint')), { receiver: 'same' });
      await fetch('/echo?id=second');
      await otel.forceFlush();
      const requests = await receiverRequests(service, 'same');
      for (const request of requests) {
        expect(request.headers.traceparent).to.equal(undefined);
        expect(request.headers.cookie).to.equal(undefined);
      }
      const spans = requests.flatMap((r) => r.spans);
      expect(spans.filter((x) => String(x.attributes['url.full']).includes('/otlp/'))).to.deep.equal([]);
    } finally {
      await otel.shutdown();
      document.cookie = 'session_cookie=; path=/; max-age=0';
    }
  });

  it('adds the configured headers to export requests', async () => {
    const s = await servers();
    const service = uniqueService('headers');
    const otel = init({
      endpoint: `${s.receiver}/v1/traces`,
      serviceName: service,
      headers: { 'X-Api-Key': 'k-123' },
      instrumentations: { documentLoad: false },
    });
    try {
      await fetch('/echo?id=headers');
      await otel.forceFlush();
      await waitForSpans(service, (all) => all.length > 0);
      const requests = await receiverRequests(service);
      expect(requests[0].headers['x-api-key']).to.equal('k-123');
    } finally {
      await otel.shutdown();
    }
  });
});

// Chromium's keepalive budget (64 KiB of request bodies in flight per document) is shared with the
// page's own keepalive requests and beacons. When the page holds most of it, the SDK's keepalive export is
// refused, and the refusal looks like a network failure; the batch must go out at once as a plain
// request, not wait in retry backoff until the page's request lets go.
import { trace } from '@opentelemetry/api';
import { expect } from 'chai';
import { init } from '../../src/index';
import { servers, uniqueService, waitForSpans } from '../support/helpers';

describe('export while the page holds the keepalive budget', () => {
  it('delivers the spans while the page still holds the budget, without retry backoff', async () => {
    const s = await servers();
    const service = uniqueService('shared-budget');
    // The page's own keepalive request: ~63.5 KiB held for 20 s by the server.
    let released = false;
    void fetch('/slow?ms=20000', { method: 'POST', body: 'x'.repeat(65_000), keepalive: true })
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => (released = true));
    const otel = init({
      endpoint: `${s.receiver}/v1/traces`,
      serviceName: service,
      instrumentations: { documentLoad: false, fetch: false },
      export: { delayMs: 50 },
    });
    try {
      const tracer = trace.getTracer('shared-budget-test');
      for (let i = 0; i < 5; i++) tracer.startSpan(`work-${i}`).end();
      const spans = await waitForSpans(service, (all) => all.filter((x) => x.name.startsWith('work-')).length >= 5);
      expect(spans.filter((x) => x.name.startsWith('work-'))).to.have.length(5);
      expect(released, 'the spans arrived only after the page released the keepalive budget').to.equal(false);
    } finally {
      // The held request is left to finish on its own (this file has no other test to hold it up).
      await otel.shutdown();
    }
  });
});

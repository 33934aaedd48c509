// Chromium counts a keepalive request against the document's 64 KiB budget until its response body is
// read, cancelled or garbage-collected, not until the response arrives. The SDK never needs the body of
// an export's answer; unless it lets go of it, two answered exports hold most of the budget until a
// garbage collection, and the page's own keepalive requests and beacons (analytics at exit) are refused.
import { trace } from '@opentelemetry/api';
import { expect } from 'chai';
import { receivedSpans } from '../support/helpers';
import { useSdk } from '../support/sdk';

describe('keepalive budget after answered exports', () => {
  const sdk = useSdk('budget-released');

  it("is the page's again: its own keepalive request goes", async () => {
    const otel = sdk.start({ instrumentations: { documentLoad: false, fetch: false }, export: { delayMs: 50 } });
    const tracer = trace.getTracer('budget-released-test');
    // Two exports of ~26 KB each, one after the other: together most of the budget.
    const note = 'n'.repeat(4000);
    for (let batch = 0; batch < 2; batch++) {
      for (let i = 0; i < 6; i++) tracer.startSpan(`big-${batch}-${i}`, { attributes: { note } }).end();
      await otel.forceFlush();
    }
    expect((await receivedSpans(sdk.service)).filter((x) => x.name.startsWith('big-'))).to.have.length(12);
    // Refused with a TypeError while the answered exports still held the budget.
    const response = await fetch('/echo', { method: 'POST', body: 'p'.repeat(30_000), keepalive: true });
    expect(response.ok).to.equal(true);
  });
});

import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { expect } from 'chai';
import { watchPageErrors } from '../support/delivery-helpers';
import { useSdk } from '../support/sdk';

// The page's own API calls (issue 16 item 3): whatever the page does to the built-ins the span path uses
// (fake timers replacing the clocks, a library replacing Array or Object methods, a broken Web Crypto),
// startSpan, setAttribute, addEvent, end and the rest never throw into the page. What a span recorded
// meanwhile arrives with sane timestamps once it ends; a span that ends while the built-ins throw is
// delivered or counted in otel_browser.dropped_spans.

/** Replaces each `owner[key]` for the duration of `action`, and always puts them back. */
function whileReplaced(replacements: Array<[object, string, unknown]>, action: () => void): void {
  const saved = replacements.map(([owner, key]) => [owner, key, Object.getOwnPropertyDescriptor(owner, key)] as const);
  try {
    for (const [owner, key, value] of replacements) Object.defineProperty(owner, key, { value, configurable: true, writable: true });
    action();
  } finally {
    for (const [owner, key, had] of saved) {
      if (had) Object.defineProperty(owner, key, had);
      else delete (owner as Record<string, unknown>)[key];
    }
  }
}

describe('the page’s own API calls under tampered built-ins', () => {
  const sdk = useSdk('sealed-api');

  it('never throws when the clocks, Object.keys, Array methods, Web Crypto and Math.random throw, and what they recorded arrives or is counted', async () => {
    sdk.start({ instrumentations: { documentLoad: false }, export: { delayMs: 100 } });
    const watch = watchPageErrors();
    const boom = () => {
      throw new Error('replaced by the page');
    };
    const before = Date.now();
    const thrown: unknown[] = [];
    const tracer = trace.getTracer('sealed-api');
    let parent: ReturnType<typeof tracer.startSpan> | undefined;
    try {
      whileReplaced(
        [
          [performance, 'now', boom],
          [Date, 'now', boom],
          [Object, 'keys', boom],
          [Array.prototype, 'push', boom],
          [Array.prototype, 'shift', boom],
          [Array, 'isArray', boom],
          [crypto, 'getRandomValues', boom],
          [Math, 'random', boom],
          [JSON, 'stringify', boom],
        ],
        () => {
          try {
            // Enough spans to run through the id pool (4 KB of random bytes) at least once.
            for (let i = 0; i < 300; i++) tracer.startSpan(`filler ${i}`).end();
            parent = tracer.startSpan('tampered parent', { attributes: { a: 1 } });
            parent.setAttribute('b', 'two').setAttributes({ c: [1, 2] });
            parent.addEvent('an event', { d: true });
            parent.addLink({ context: parent.spanContext() });
            parent.recordException(new Error('recorded'));
            parent.setStatus({ code: SpanStatusCode.ERROR, message: 'failed' });
            parent.updateName('tampered parent (renamed)');
            tracer.startActiveSpan('tampered child', (child) => {
              context.with(trace.setSpan(context.active(), child), () => child.setAttribute('inside', true));
              child.end();
            });
          } catch (error) {
            thrown[thrown.length] = error; // not push(): it throws in here
          }
        },
      );
    } finally {
      watch.stop();
    }
    expect(
      thrown.map((e) => String((e as Error).stack)),
      'API calls that threw into the page',
    ).to.deep.equal([]);
    expect(watch.problems).to.deep.equal([]);
    // Ended once the page has put the built-ins back: what was recorded meanwhile is all there.
    parent!.end();
    tracer.startSpan('after').end();
    const spans = await sdk.spans((all) => all.some((x) => x.name === 'tampered parent (renamed)') && all.some((x) => x.name === 'after'));
    const received = spans.find((x) => x.name === 'tampered parent (renamed)')!;
    expect(received.attributes).to.include({ a: 1, b: 'two' });
    expect(received.attributes.c).to.deep.equal([1, 2]);
    expect(received.events.map((e) => e.name)).to.deep.equal(['an event', 'exception']);
    expect(received.links.map((l) => l.spanId)).to.deep.equal([received.spanId]);
    expect(received.status).to.deep.include({ code: SpanStatusCode.ERROR, message: 'failed' });
    // Times from the clocks captured at load, not from the page's replacements.
    expect(received.start).to.be.within(before - 5_000, Date.now() + 5_000);
    expect(received.end).to.be.at.least(received.start);
    // Spans that ended while the page's built-ins threw: delivered, or counted as dropped; never lost quietly.
    const child = spans.find((x) => x.name === 'tampered child');
    if (child) expect(child.parentSpanId).to.equal(received.spanId);
    const arrived = spans.filter((x) => x.name.startsWith('filler ') || x.name === 'tampered child').length;
    const dropped = spans.reduce((sum, x) => sum + Number(x.attributes['otel_browser.dropped_spans'] ?? 0), 0);
    expect(arrived + dropped, `${arrived} arrived + ${dropped} counted as dropped`).to.equal(301);
    expect(new Set(spans.map((x) => x.spanId)).size, 'span ids stay unique').to.equal(spans.length);
  });
});

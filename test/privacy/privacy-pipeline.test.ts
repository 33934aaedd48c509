import { expect } from 'chai';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { createConsent } from '../../src/privacy/consent';
import { createLogger } from '../../src/lib/logger';
import { createUrlRedactor } from '../../src/privacy/redact';
import { DropCounter } from '../../src/export/drops';
import { ConsentGate } from '../../src/privacy/consent-gate';
import { DEFAULT_ATTRIBUTE_LIMITS } from '../../src/privacy/limits';
import { SanitizeProcessor } from '../../src/privacy/privacy-pipeline';

/** A processor that only remembers what reached it. */
function sink(): SpanProcessor & { spans: ReadableSpan[] } {
  const spans: ReadableSpan[] = [];
  return { spans, onStart() {}, onEnd: (span) => spans.push(span), forceFlush: () => Promise.resolve(), shutdown: () => Promise.resolve() };
}

describe('the privacy pipeline, unit by unit', () => {
  it('hands the exporter an ended, redacted copy and leaves the live span alone', () => {
    const out = sink();
    const processor = new SanitizeProcessor(out, { redactor: createUrlRedactor(), limits: DEFAULT_ATTRIBUTE_LIMITS }, createLogger(false));
    const provider = new TracerProvider({ spanProcessors: [processor] });
    const span = provider.getTracer('t').startSpan('s', { attributes: { 'url.full': 'https://a.example/?token=1', 'url.query': 'sig=2&x=3' } });
    span.addEvent('e', { note: 'see https://a.example/?password=3' });
    span.end();
    const [copy] = out.spans;
    expect(copy.attributes).to.deep.equal({ 'url.full': 'https://a.example/?token=REDACTED', 'url.query': 'sig=REDACTED&x=3' });
    expect(copy.events[0].attributes).to.deep.equal({ note: 'see https://a.example/?password=REDACTED' });
    expect(copy.events[0].time).to.deep.equal((span as unknown as ReadableSpan).events[0].time);
    expect(copy.spanContext()).to.deep.equal(span.spanContext());
    expect(copy.ended).to.equal(true);
    expect((span as unknown as ReadableSpan).attributes['url.full']).to.equal('https://a.example/?token=1');
  });

  it('drops a span it cannot clean instead of sending it half-cleaned', () => {
    const out = sink();
    const failing = Object.assign(createUrlRedactor(), {
      text: () => {
        throw new Error('bug');
      },
    });
    const drops = new DropCounter();
    const processor = new SanitizeProcessor(out, { redactor: failing, limits: DEFAULT_ATTRIBUTE_LIMITS, drops }, createLogger(false));
    const provider = new TracerProvider({ spanProcessors: [processor] });
    provider.getTracer('t').startSpan('s').end();
    expect(out.spans).to.deep.equal([]);
    expect(drops.total).to.equal(1);
  });

  it('the consent gate holds, releases in order, and discards', async () => {
    const out = sink();
    const consent = createConsent('pending');
    const drops = new DropCounter();
    const gate = new ConsentGate(out, consent, createLogger(false), 2, drops);
    const provider = new TracerProvider({ spanProcessors: [gate] });
    for (const name of ['a', 'b', 'c']) provider.getTracer('t').startSpan(name).end();
    await gate.forceFlush();
    expect(out.spans).to.deep.equal([]);
    consent.set('granted');
    expect(out.spans.map((s) => s.name)).to.deep.equal(['a', 'b']);
    expect(drops.total, 'the overflow is lost').to.equal(1);
    consent.set('pending');
    provider.getTracer('t').startSpan('d').end();
    consent.set('denied');
    consent.set('granted');
    expect(out.spans.map((s) => s.name)).to.deep.equal(['a', 'b']);
    expect(drops.total, 'what denial discards is withheld, not lost').to.equal(1);
  });
});

import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AlwaysOnSampler, InMemorySpanExporter, SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { expect } from 'chai';
import { BrowserTracerProvider } from '../../src/trace/provider';
import { createResource } from '../../src/trace/resource';
import { resolveConfig } from '../../src/config';
import { toSpanLimits, DEFAULT_ATTRIBUTE_LIMITS } from '../../src/privacy/limits';

// The provider alone: tracers per scope, spans through every processor in order, flush and shutdown.

function provider(spanProcessors: SpanProcessor[], flushTimeoutMs?: number): BrowserTracerProvider {
  const resolved = resolveConfig({ endpoint: '/v1/traces', serviceName: 'provider-test' }, location.href);
  if (!resolved.ok) throw new Error(resolved.problems.join('; '));
  return new BrowserTracerProvider({
    resource: createResource(resolved.config, navigator),
    sampler: new AlwaysOnSampler(),
    spanProcessors,
    spanLimits: toSpanLimits(DEFAULT_ATTRIBUTE_LIMITS),
    flushTimeoutMs,
  });
}

const never = (): Promise<void> => new Promise(() => undefined);

describe('BrowserTracerProvider', () => {
  it('hands out one tracer per scope, whose spans carry the resource and scope and reach every processor', async () => {
    const first = new InMemorySpanExporter();
    const second = new InMemorySpanExporter();
    const p = provider([new SimpleSpanProcessor({ exporter: first }), new SimpleSpanProcessor({ exporter: second })]);
    expect(p.getTracer('scope', '1.0')).to.equal(p.getTracer('scope', '1.0'));
    expect(p.getTracer('scope', '1.0')).to.not.equal(p.getTracer('scope', '2.0'));
    const parent = p.getTracer('scope', '1.0').startSpan('parent');
    p.getTracer('scope', '1.0').startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, parent)).end();
    parent.end();
    await p.forceFlush();
    for (const exporter of [first, second]) {
      const [child, ended] = exporter.getFinishedSpans();
      expect([child.name, ended.name]).to.deep.equal(['child', 'parent']);
      expect(child.parentSpanContext?.spanId).to.equal(parent.spanContext().spanId);
      expect(child.resource.attributes['service.name']).to.equal('provider-test');
      expect(child.instrumentationScope).to.deep.include({ name: 'scope', version: '1.0' });
    }
  });

  it('applies the span limits it was given', async () => {
    const exporter = new InMemorySpanExporter();
    const p = provider([new SimpleSpanProcessor({ exporter })]);
    const span = p.getTracer('limits').startSpan('big');
    for (let i = 0; i < 200; i++) span.setAttribute(`a${i}`, i);
    span.end();
    await p.forceFlush();
    expect(Object.keys(exporter.getFinishedSpans()[0].attributes)).to.have.length(DEFAULT_ATTRIBUTE_LIMITS.count);
  });

  it('gives up on a processor that never finishes flushing, and still flushes the others', async () => {
    const exporter = new InMemorySpanExporter();
    const stuck: SpanProcessor = { onStart() {}, onEnd() {}, forceFlush: never, shutdown: () => Promise.resolve() };
    const p = provider([stuck, new SimpleSpanProcessor({ exporter })], 50);
    p.getTracer('flush').startSpan('one').end();
    const outcome = await p.forceFlush().then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    expect(outcome).to.equal('a span processor did not flush within 50 ms');
    expect(exporter.getFinishedSpans().map((span) => span.name)).to.deep.equal(['one']);
  });
});

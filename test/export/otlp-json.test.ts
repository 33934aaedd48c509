import { expect } from 'chai';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { encodeSpans } from '../../src/export/otlp-json';

describe('OTLP JSON encoding', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'encode-test' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('encode-scope', '1.2.3');

  it('encodes ids, kind, times, typed attributes, events, links and status as the OTLP/JSON mapping says', () => {
    exporter.reset();
    const parent = tracer.startSpan('parent');
    const linked = tracer.startSpan('linked');
    const span = tracer.startSpan(
      'GET',
      {
        kind: SpanKind.CLIENT,
        startTime: [1700000000, 0],
        attributes: { 'url.full': 'https://a.example/x', 'server.port': 8443, ratio: 0.5, ok: true, tags: ['a', 'b'] },
        links: [{ context: linked.spanContext() }],
      },
      trace.setSpan(context.active(), parent),
    );
    span.addEvent('fetchStart', [1700000000, 5000]);
    span.addEvent('retry', { attempt: 2 }, [1700000001, 0]);
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
    span.end([1700000002, 123]);
    parent.end();
    linked.end();

    const body = JSON.parse(encodeSpans(exporter.getFinishedSpans().filter((s) => s.name === 'GET')));
    const [resourceSpans] = body.resourceSpans;
    expect(resourceSpans.resource.attributes).to.deep.include({ key: 'service.name', value: { stringValue: 'encode-test' } });
    const [scopeSpans] = resourceSpans.scopeSpans;
    expect(scopeSpans.scope).to.deep.equal({ name: 'encode-scope', version: '1.2.3' });
    const [encoded] = scopeSpans.spans;
    expect(encoded.traceId).to.equal(parent.spanContext().traceId);
    expect(encoded.parentSpanId).to.equal(parent.spanContext().spanId);
    expect(encoded.kind, 'OTLP counts kinds from UNSPECIFIED = 0: CLIENT is 3').to.equal(3);
    expect([encoded.startTimeUnixNano, encoded.endTimeUnixNano], 'nanoseconds as decimal strings').to.deep.equal([
      '1700000000000000000',
      '1700000002000000123',
    ]);
    expect(encoded.attributes).to.deep.equal([
      { key: 'url.full', value: { stringValue: 'https://a.example/x' } },
      { key: 'server.port', value: { intValue: 8443 } },
      { key: 'ratio', value: { doubleValue: 0.5 } },
      { key: 'ok', value: { boolValue: true } },
      { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } } },
    ]);
    // An event without attributes carries none: empty lists are left out.
    expect(encoded.events).to.deep.equal([
      { timeUnixNano: '1700000000000005000', name: 'fetchStart' },
      { timeUnixNano: '1700000001000000000', name: 'retry', attributes: [{ key: 'attempt', value: { intValue: 2 } }] },
    ]);
    expect(encoded.links).to.deep.equal([{ traceId: linked.spanContext().traceId, spanId: linked.spanContext().spanId }]);
    expect(encoded.status).to.deep.equal({ code: 2, message: 'boom' });
  });

  it('leaves out what is empty or unset: no events, links, status or parent', () => {
    exporter.reset();
    tracer.startSpan('plain').end();
    const encoded = JSON.parse(encodeSpans(exporter.getFinishedSpans())).resourceSpans[0].scopeSpans[0].spans[0];
    expect(Object.keys(encoded).sort()).to.deep.equal(['attributes', 'endTimeUnixNano', 'kind', 'name', 'spanId', 'startTimeUnixNano', 'traceId']);
    expect(encoded.kind, 'INTERNAL is 1').to.equal(1);
  });
});

import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { expect } from 'chai';
import {
  documentServerSpan,
  fromServerTimingEntries,
  fromServerTimingHeader,
  linkToServerSpan,
  parseTraceparent,
} from '../../../src/instrumentations/http/server-timing';

// The parsing and the document/meta lookup of the Server-Timing back-link. The links on real
// fetch/XHR/page-load spans, against a real traced backend, are checked in test/e2e/joined-traces.test.mjs.

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('Server-Timing back-link', () => {
  it('parses a W3C traceparent and rejects what is not one', () => {
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-01`)).to.deep.equal({ traceId: TRACE, spanId: SPAN, traceFlags: 1, isRemote: true });
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-00`)?.traceFlags).to.equal(0);
    for (const bad of [
      undefined,
      '',
      'garbage',
      `01-${TRACE}-${SPAN}-01`,
      `00-${'0'.repeat(32)}-${SPAN}-01`,
      `00-${TRACE}-${'0'.repeat(16)}-01`,
      `00-${TRACE}-${SPAN}`,
    ]) {
      expect(parseTraceparent(bad), String(bad)).to.equal(undefined);
    }
  });

  it('finds the traceparent metric among Server-Timing entries and header metrics', () => {
    const entries = [
      { name: 'db', description: 'query' },
      { name: 'traceparent', description: `00-${TRACE}-${SPAN}-01` },
    ];
    expect(fromServerTimingEntries(entries)?.spanId).to.equal(SPAN);
    expect(fromServerTimingEntries([{ name: 'db', description: '' }])).to.equal(undefined);
    expect(fromServerTimingHeader(`traceparent;desc="00-${TRACE}-${SPAN}-01"`)?.traceId).to.equal(TRACE);
    expect(fromServerTimingHeader(`db;dur=53, app;desc="x, y";dur=1, traceparent;desc=00-${TRACE}-${SPAN}-01`)?.spanId).to.equal(SPAN);
    expect(fromServerTimingHeader('db;dur=53')).to.equal(undefined);
    expect(fromServerTimingHeader(`mytraceparent;desc="00-${TRACE}-${SPAN}-01"`)).to.equal(undefined);
    expect(fromServerTimingHeader(null)).to.equal(undefined);
  });

  it('reads the document server span from <meta name="traceparent"> when the navigation entry has none', () => {
    // The test runner's page is served without Server-Timing, so the meta tag is the source here.
    expect(documentServerSpan(window)).to.equal(undefined);
    const meta = document.createElement('meta');
    meta.name = 'traceparent';
    meta.content = `00-${TRACE}-${SPAN}-01`;
    document.head.append(meta);
    try {
      expect(documentServerSpan(window)).to.deep.include({ traceId: TRACE, spanId: SPAN });
    } finally {
      meta.remove();
    }
  });

  it('adds the link to an open span, and not to an ended one', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
    const tracer = provider.getTracer('test');
    const server = parseTraceparent(`00-${TRACE}-${SPAN}-01`);
    const open = tracer.startSpan('open');
    expect(linkToServerSpan(open, server)).to.equal(true);
    open.end();
    expect(linkToServerSpan(open, server)).to.equal(false);
    const [span] = exporter.getFinishedSpans() as ReadableSpan[];
    expect(span.links.map((l) => l.context.spanId)).to.deep.equal([SPAN]);
  });
});

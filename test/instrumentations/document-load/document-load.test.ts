import { context, propagation, SpanKind, type HrTime } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { DocumentLoadInstrumentation } from '@opentelemetry/instrumentation-document-load';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { expect } from 'chai';
import { AmbientContextManager } from '../../../src/context/ambient-context-manager';
import { nativeTimers } from '../../../src/context/timers';
import { DOCUMENT_LOAD_SCOPE, documentLoadInstrumentation } from '../../../src/instrumentations/document-load/document-load';
import { documentServerSpan, linkToServerSpan } from '../../../src/instrumentations/http/server-timing';
import type { SdkContext } from '../../../src/instrumentations/types';
import { createLogger } from '../../../src/lib/logger';
import { SDK_VERSION } from '../../../src/sdk/version';
import { sleep } from '../../support/helpers';
import { coreProvider, recorder } from '../../trace/fixture';

// The page-load spans, recorded by our own instrumentation straight from this page's performance
// timeline. They must carry the same data that upstream's instrumentation-document-load (which we used
// before) records, so the tests pin the data itself and compare it with upstream's, run on the same page.

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SERVER_SPAN = '00f067aa0ba902b7';

type Options = { networkEvents?: boolean; paintEvents?: boolean };

/** The events the page's paint entries become. */
const paintEvents = () => performance.getEntriesByType('paint').map((p) => (p.name === 'first-paint' ? 'firstPaint' : 'firstContentfulPaint'));

const toMs = ([s, ns]: HrTime) => s * 1e3 + ns / 1e6;

/** The request policy init() passes, with nothing on the ignore list. */
const NOTHING_IGNORED = { isIgnored: () => false };

function provider() {
  const exporter = new InMemorySpanExporter();
  return { exporter, tracerProvider: new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }) };
}

async function spansOf(exporter: InMemorySpanExporter): Promise<ReadableSpan[]> {
  for (let i = 0; i < 50 && !exporter.getFinishedSpans().some((s) => s.name === 'documentLoad'); i++) await sleep(20);
  return exporter.getFinishedSpans() as ReadableSpan[];
}

/**
 * Ours, as init() sets it up, on our own core: its clock maps a performance time exactly onto
 * performance.timeOrigin (upstream's anchors it on Date.now() at each span's start, which a loaded
 * machine moves by milliseconds between two calls).
 */
async function ours(options: Options = {}): Promise<ReadableSpan[]> {
  const recorded = recorder();
  const tracerProvider = coreProvider({ processors: [recorded] });
  const sdk = { tracerProvider, window, timers: nativeTimers(window), logger: createLogger(false), policy: NOTHING_IGNORED } as unknown as SdkContext;
  const teardown = documentLoadInstrumentation.setup(sdk, options as Record<string, unknown>);
  try {
    for (let i = 0; i < 50 && !recorded.ended.some((s) => s.name === 'documentLoad'); i++) await sleep(20);
    return recorded.ended as unknown as ReadableSpan[];
  } finally {
    teardown?.();
  }
}

/** Upstream's, configured as our instrumentation configured it until it was replaced. */
async function upstream(options: Options = {}): Promise<ReadableSpan[]> {
  const { exporter, tracerProvider } = provider();
  const instrumentation = new DocumentLoadInstrumentation({
    enabled: false,
    ignoreNetworkEvents: options.networkEvents === false,
    ignorePerformancePaintEvents: options.paintEvents === false,
    applyCustomAttributesOnSpan: { documentLoad: (span) => void linkToServerSpan(span, documentServerSpan(window)) },
  });
  instrumentation.setTracerProvider(tracerProvider);
  instrumentation.enable();
  try {
    return await spansOf(exporter);
  } finally {
    instrumentation.disable();
  }
}

/** True when the high-resolution clock ticks in whole milliseconds (measured, not guessed from the engine). */
function coarseClock(): boolean {
  return Array.from({ length: 50 }, () => performance.now()).every(Number.isInteger);
}

/**
 * What users see of a span: its name, kind, parent (by name, or the remote span id), times, attributes,
 * events and links. Times in ms: each span converts performance.now() times with its own clock offset,
 * so two recordings of the same entry agree to within a millisecond, not to the nanosecond.
 */
function view(spans: ReadableSpan[]) {
  const names = new Map(spans.map((s) => [s.spanContext().spanId, s.name]));
  return spans
    .map((s) => ({
      name: s.name,
      kind: s.kind,
      scope: s.instrumentationScope.name,
      traceId: s.parentSpanContext?.isRemote ? s.spanContext().traceId : undefined,
      parent: s.parentSpanContext ? (names.get(s.parentSpanContext.spanId) ?? `remote ${s.parentSpanContext.spanId}`) : undefined,
      start: toMs(s.startTime),
      end: toMs(s.endTime),
      attributes: s.attributes,
      events: s.events.map((e) => ({ name: e.name, time: toMs(e.time) })),
      links: s.links.map((l) => l.context.spanId),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || String(a.attributes['url.full']).localeCompare(String(b.attributes['url.full'])) || a.start - b.start);
}

/**
 * Deep equality, with times compared within each span (its duration, and each event's offset from its
 * start), allowed to differ by the span clock's rounding: below 2 ms, or below 3 ms where performance.now()
 * and timeOrigin are coarsened to whole milliseconds (Firefox without cross-origin isolation), since each
 * recording rounds both once. Absolute times are not compared: upstream anchors each span's clock on
 * Date.now() at its start, which a loaded machine moves by milliseconds (one offset for the whole span,
 * so times within a span are unaffected).
 */
function expectSame(actual: ReturnType<typeof view>, expected: ReturnType<typeof view>) {
  const slack = coarseClock() ? 3 : 2;
  const round = (v: ReturnType<typeof view>) => v.map((s) => ({ ...s, start: undefined, end: undefined, events: s.events.map((e) => e.name) }));
  expect(round(actual)).to.deep.equal(round(expected));
  actual.forEach((span, i) => {
    const other = expected[i];
    expect(Math.abs(span.end - span.start - (other.end - other.start)), `${span.name} duration`).to.be.below(slack);
    span.events.forEach((e, j) => expect(Math.abs(e.time - span.start - (other.events[j].time - other.start)), `${span.name} ${e.name}`).to.be.below(slack));
  });
}

describe('page load (documentLoad)', () => {
  before(async () => {
    // As init() registers them: upstream reads the active context and the global propagator.
    context.setGlobalContextManager(new AmbientContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    // Something to paint (first paint, first contentful paint) and a resource loaded before the test runs.
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'page load' }));
    while (document.readyState !== 'complete') await sleep(20);
    await sleep(100);
  });
  after(() => {
    context.disable();
    propagation.disable();
  });

  it('records documentLoad, its documentFetch and resourceFetch children, with the navigation timings', async () => {
    const spans = await ours();
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const origin = performance.timeOrigin;
    const slack = coarseClock() ? 3 : 2;
    const load = spans.find((s) => s.name === 'documentLoad')!;
    const documentFetch = spans.find((s) => s.name === 'documentFetch')!;
    const resources = spans.filter((s) => s.name === 'resourceFetch');
    expect(spans.length).to.equal(2 + performance.getEntriesByType('resource').length);

    expect(load.instrumentationScope).to.deep.include({ name: DOCUMENT_LOAD_SCOPE, version: SDK_VERSION });
    expect(load.kind).to.equal(SpanKind.INTERNAL);
    expect(load.parentSpanContext).to.equal(undefined);
    expect(load.attributes).to.deep.equal({ 'url.full': location.href, 'user_agent.original': navigator.userAgent });
    expect(toMs(load.startTime) - origin).to.be.closeTo(navigation.fetchStart, slack);
    expect(toMs(load.endTime) - origin).to.be.closeTo(navigation.loadEventEnd, slack);
    const milestones = [
      'fetchStart',
      'unloadEventStart',
      'unloadEventEnd',
      'domInteractive',
      'domContentLoadedEventStart',
      'domContentLoadedEventEnd',
      'domComplete',
      'loadEventStart',
      'loadEventEnd',
    ] as const;
    const paints = paintEvents();
    expect(paints.length, 'the page painted').to.be.greaterThan(0);
    // Zero (here: no previous document to unload) means not measured, and is left out.
    expect(load.events.map((e) => e.name)).to.deep.equal([...milestones.filter((m) => navigation[m] !== 0), ...paints]);
    expect(toMs(load.events.find((e) => e.name === 'domInteractive')!.time) - origin).to.be.closeTo(navigation.domInteractive, slack);

    expect(documentFetch.parentSpanContext?.spanId).to.equal(load.spanContext().spanId);
    expect(documentFetch.attributes['url.full']).to.equal(location.href);
    expect(documentFetch.attributes['http.response_content_length']).to.equal(navigation.encodedBodySize);
    expect(toMs(documentFetch.endTime) - origin).to.be.closeTo(navigation.responseEnd, slack);
    // The navigation entry starts at 0, so its zeros are recorded too (upstream's rule, kept).
    expect(documentFetch.events.map((e) => e.name)).to.deep.equal([
      'fetchStart',
      'domainLookupStart',
      'domainLookupEnd',
      'connectStart',
      'secureConnectionStart',
      'connectEnd',
      'requestStart',
      'responseStart',
      'responseEnd',
    ]);

    expect(resources.length).to.be.greaterThan(0);
    for (const resource of resources) {
      expect(resource.parentSpanContext?.spanId).to.equal(load.spanContext().spanId);
      expect(resource.spanContext().traceId).to.equal(load.spanContext().traceId);
    }
    const script = resources.find((s) => String(s.attributes['url.full']).includes('document-load.test'))!;
    const entry = performance.getEntriesByName(String(script.attributes['url.full']), 'resource')[0] as PerformanceResourceTiming;
    expect(toMs(script.startTime) - origin).to.be.closeTo(entry.fetchStart, slack);
    expect(toMs(script.endTime) - origin).to.be.closeTo(entry.responseEnd, slack);
    expect(script.attributes['http.response_content_length']).to.equal(entry.encodedBodySize);
    expect(script.events.map((e) => e.name)).to.include.members(['fetchStart', 'responseEnd']);
  });

  it('records the same data as upstream instrumentation-document-load', async () => {
    const [mine, theirs] = [view(await ours()), view(await upstream())];
    expect(mine.map((s) => s.name)).to.include.members(['documentLoad', 'documentFetch', 'resourceFetch']);
    expectSame(mine, theirs);
  });

  it('leaves out the network timing events with networkEvents: false, and the paints with paintEvents: false', async () => {
    const noNetwork = view(await ours({ networkEvents: false }));
    expect(noNetwork.find((s) => s.name === 'documentLoad')!.events.map((e) => e.name)).to.deep.equal(paintEvents());
    expect(noNetwork.filter((s) => s.name !== 'documentLoad').every((s) => s.events.length === 0)).to.equal(true);
    expectSame(noNetwork, view(await upstream({ networkEvents: false })));

    const noPaint = view(await ours({ paintEvents: false }));
    const loadEvents = noPaint.find((s) => s.name === 'documentLoad')!.events.map((e) => e.name);
    expect(loadEvents).to.include('loadEventEnd');
    expect(loadEvents.filter((name) => name.endsWith('Paint'))).to.deep.equal([]);
    expectSame(noPaint, view(await upstream({ paintEvents: false })));
  });

  it('joins the trace of <meta name="traceparent"> and links to that server span', async () => {
    const meta = Object.assign(document.createElement('meta'), { name: 'traceparent', content: `00-${TRACE}-${SERVER_SPAN}-01` });
    document.head.append(meta);
    try {
      const spans = view(await ours());
      const load = spans.find((s) => s.name === 'documentLoad')!;
      expect(load.parent).to.equal(`remote ${SERVER_SPAN}`);
      expect(load.traceId).to.equal(TRACE);
      expect(load.links).to.deep.equal([SERVER_SPAN]);
      expect(spans.find((s) => s.name === 'documentFetch')!.parent).to.equal('documentLoad');
      expectSame(spans, view(await upstream()));
    } finally {
      meta.remove();
    }
  });

  it('waits for load when init() runs before it, and records just after it', async () => {
    // This page has loaded long ago: a window whose document is still loading stands in for an early init().
    const listeners = new Map<string, EventListener>();
    const real = (target: object, key: string | symbol) => {
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    };
    const loadingDocument = new Proxy(document, { get: (doc, key) => (key === 'readyState' ? 'loading' : real(doc, key)) });
    const loading = new Proxy(window, {
      get(target, key) {
        if (key === 'document') return loadingDocument;
        if (key === 'addEventListener') return (type: string, listener: EventListener) => listeners.set(type, listener);
        if (key === 'removeEventListener') return (type: string, listener: EventListener) => listeners.get(type) === listener && listeners.delete(type);
        return real(target, key);
      },
    });
    const { exporter, tracerProvider } = provider();
    const sdk = {
      tracerProvider,
      window: loading,
      timers: nativeTimers(window),
      logger: createLogger(false),
      policy: NOTHING_IGNORED,
    } as unknown as SdkContext;
    const teardown = documentLoadInstrumentation.setup(sdk, {});
    await sleep(50);
    expect(exporter.getFinishedSpans(), 'nothing before load').to.deep.equal([]);
    expect([...listeners.keys()]).to.deep.equal(['load']);
    listeners.get('load')!(new Event('load'));
    const spans = await spansOf(exporter);
    expect(spans.filter((s) => s.name === 'documentLoad')).to.have.length(1);
    teardown?.();
    expect(listeners.size, 'teardown removes the listener').to.equal(0);
  });

  it('records nothing after teardown when load has not been handled yet', async () => {
    const { exporter, tracerProvider } = provider();
    const sdk = { tracerProvider, window, timers: nativeTimers(window), logger: createLogger(false), policy: NOTHING_IGNORED } as unknown as SdkContext;
    documentLoadInstrumentation.setup(sdk, {})?.();
    await sleep(50);
    expect(exporter.getFinishedSpans()).to.deep.equal([]);
  });
});

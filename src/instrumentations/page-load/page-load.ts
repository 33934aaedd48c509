import { propagation, ROOT_CONTEXT, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { ATTR_URL_FULL, ATTR_USER_AGENT_ORIGINAL } from '../../lib/semconv';
import { NETWORK_EVENTS } from '../http/http-span';
import { documentServerSpan, linkToServerSpan, TRACEPARENT_METRIC } from '../http/server-timing';
import { ATTR_RESPONSE_CONTENT_LENGTH, ATTR_RESPONSE_CONTENT_LENGTH_UNCOMPRESSED } from './semconv';

// The page load as upstream's `@opentelemetry/instrumentation-document-load` recorded it (same span
// names, parents, times, attributes and events), so that queries and dashboards built on it keep working.

/** The document's milestones, events of the `documentLoad` span, in order. */
const DOCUMENT_EVENTS = [
  'fetchStart',
  'unloadEventStart',
  'unloadEventEnd',
  'domInteractive',
  'domContentLoadedEventStart',
  'domContentLoadedEventEnd',
  'domComplete',
  'loadEventStart',
  'loadEventEnd',
];

/** Paint entries by name, and the event each becomes on the `documentLoad` span. */
const PAINT_EVENTS: Record<string, string> = { 'first-paint': 'firstPaint', 'first-contentful-paint': 'firstContentfulPaint' };

/** A navigation or resource timing entry (or the legacy `performance.timing`), read by key. */
type Timing = Record<string, unknown>;

/**
 * Records the page load from the performance timeline, once `load` is over: a `documentLoad` span
 * (fetchStart to loadEventEnd) with the document's milestones and first paints as events, a
 * `documentFetch` child for the HTML document and a `resourceFetch` child per resource entry, except
 * those `isIgnored` names (the exporter's own requests, `ignoreUrls`), as fetch and XHR skip them.
 * Times are performance.now() values, converted by the span itself.
 */
export function recordPageLoad(
  tracer: Tracer,
  win: Window & typeof globalThis,
  networkEvents: boolean,
  paintEvents: boolean,
  isIgnored: (url: string) => boolean,
): void {
  const perf = win.performance;
  // `performance.timing` only where Navigation Timing 2 is missing (old Safari): its times are epoch ms.
  const navigation = (perf.getEntriesByType?.('navigation')[0] ?? perf.timing) as unknown as Timing | undefined;
  if (typeof navigation?.fetchStart !== 'number') return;
  const href = win.location.href;

  // A server that rendered <meta name="traceparent"> into the page made the page load part of its trace.
  const meta = win.document.querySelector<HTMLMetaElement>(`meta[name="${TRACEPARENT_METRIC}"]`);
  const parent = propagation.extract(ROOT_CONTEXT, { [TRACEPARENT_METRIC]: meta?.content || '' });
  const root = tracer.startSpan('documentLoad', { startTime: navigation.fetchStart }, parent);
  const inRoot = trace.setSpan(parent, root);

  requestSpan(tracer, 'documentFetch', navigation, inRoot, href, networkEvents);
  root.setAttribute(ATTR_URL_FULL, href);
  root.setAttribute(ATTR_USER_AGENT_ORIGINAL, win.navigator.userAgent);
  for (const entry of perf.getEntriesByType?.('resource') ?? []) {
    if (!isIgnored(entry.name)) requestSpan(tracer, 'resourceFetch', entry as unknown as Timing, inRoot, entry.name, networkEvents);
  }
  if (networkEvents) for (const name of DOCUMENT_EVENTS) addEvent(root, navigation, name, true);
  if (paintEvents) {
    for (const { name, startTime } of perf.getEntriesByType?.('paint') ?? []) {
      // eslint-disable-next-line no-prototype-builtins -- PAINT_EVENTS is our own object literal, and the call is shorter in the bundle
      if (PAINT_EVENTS.hasOwnProperty(name)) root.addEvent(PAINT_EVENTS[name], startTime);
    }
  }
  // The Server-Timing back-link (navigation entry's Server-Timing, or the meta tag; see server-timing.ts).
  linkToServerSpan(root, documentServerSpan(win));
  root.end(navigation.loadEventEnd as number | undefined);
}

/** A request as a span from its timing entry: fetchStart to responseEnd, with the network timings as events. */
function requestSpan(tracer: Tracer, name: string, timing: Timing, parent: Context, url: string, networkEvents: boolean): void {
  if (typeof timing.fetchStart !== 'number') return;
  const span = tracer.startSpan(name, { startTime: timing.fetchStart }, parent);
  span.setAttribute(ATTR_URL_FULL, url);
  if (networkEvents) {
    // Upstream's rule, kept: a zero means "not measured" except in an entry that itself starts at 0
    // (the navigation entry), where it is recorded as is.
    const skipZero = timing.startTime !== 0;
    for (const event of NETWORK_EVENTS) addEvent(span, timing, event, skipZero);
  }
  const encoded = timing.encodedBodySize as number | undefined;
  const decoded = timing.decodedBodySize as number | undefined;
  if (encoded !== undefined) span.setAttribute(ATTR_RESPONSE_CONTENT_LENGTH, encoded);
  // Only where a content encoding made the sizes differ.
  if (decoded !== undefined && decoded !== encoded) span.setAttribute(ATTR_RESPONSE_CONTENT_LENGTH_UNCOMPRESSED, decoded);
  span.end(timing.responseEnd as number | undefined);
}

function addEvent(span: Span, timing: Timing, name: string, skipZero: boolean): void {
  const time = timing[name];
  if (typeof time === 'number' && !(skipZero && time === 0)) span.addEvent(name, time);
}

import type { Span, SpanContext } from '@opentelemetry/api';
import { parseTraceparentHeader } from '../../trace/w3c-propagators';

// The Server-Timing back-link. A backend that adds
//   Server-Timing: traceparent;desc="00-<trace id>-<span id>-01"
// to a response names the span that served it. The browser keeps Server-Timing in the performance
// timeline (`serverTiming` of the navigation entry and of resource entries, the latter only where the
// response sent `Timing-Allow-Origin`), so even a page load, which cannot carry a traceparent in its
// request, leads to the server's trace: we record a span link to that server span.

/** The Server-Timing metric name (and `<meta name>`) that carries a W3C traceparent. */
export const TRACEPARENT_METRIC = 'traceparent';

/** A W3C traceparent (version 00) as a remote span context, or undefined: the one parser, in its lenient mode. */
export const parseTraceparent = (value: string | null | undefined): SpanContext | undefined => parseTraceparentHeader(value ?? '', true);

/** The server span named in a list of `PerformanceServerTiming` entries. */
export function fromServerTimingEntries(entries: readonly { name: string; description: string }[] | undefined): SpanContext | undefined {
  for (const entry of entries ?? []) {
    if (entry.name === TRACEPARENT_METRIC) return parseTraceparent(entry.description);
  }
  return undefined;
}

// One metric of a Server-Timing header: `traceparent;desc="..."` or `traceparent;desc=...`, with
// other parameters possibly around it. Metrics are comma-separated.
const HEADER_METRIC = /(?:^|,)\s*traceparent\s*((?:;[^,]*)?)/i;
const DESC_PARAM = /;\s*desc\s*=\s*"?([0-9a-fA-F-]+)"?/i;

/** The server span named in a `Server-Timing` header value, when the page may read the header. */
export function fromServerTimingHeader(header: string | null | undefined): SpanContext | undefined {
  const params = HEADER_METRIC.exec(header ?? '')?.[1];
  return params ? parseTraceparent(DESC_PARAM.exec(params)?.[1]) : undefined;
}

/**
 * The span that served the current document: the navigation entry's Server-Timing, else a
 * `<meta name="traceparent" content="...">` in the HTML (for servers that render it into the page).
 */
export function documentServerSpan(win: Window & typeof globalThis): SpanContext | undefined {
  try {
    const navigation = win.performance?.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
    const fromTiming = fromServerTimingEntries(navigation?.serverTiming);
    if (fromTiming) return fromTiming;
    const meta = win.document?.querySelector?.(`meta[name="${TRACEPARENT_METRIC}"]`);
    return parseTraceparent(meta?.getAttribute('content'));
  } catch {
    return undefined;
  }
}

/** Records a link from `span` to `server` (the span may already carry it as its parent: harmless). */
export function linkToServerSpan(span: Span, server: SpanContext | undefined): boolean {
  if (!server || !span.isRecording()) return false;
  span.addLink({ context: server });
  return true;
}

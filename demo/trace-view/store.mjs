// Groups the spans a receiver holds into traces, for the trace view's JSON API.

const BROWSER_LANGUAGE = 'webjs';

/** One line per trace, newest first: what the list page shows. */
export function traceSummaries(spans) {
  const byTrace = groupByTrace(spans);
  const summaries = [];
  for (const [traceId, list] of byTrace) {
    const ids = new Set(list.map((s) => s.spanId));
    const roots = list.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId)).sort((a, b) => a.start - b.start);
    const start = Math.min(...list.map((s) => s.start));
    const end = Math.max(...list.map((s) => s.end));
    summaries.push({
      traceId,
      name: roots[0] ? `${roots[0].resource['service.name']}: ${roots[0].name}` : '?',
      start,
      durationMs: end - start,
      spanCount: list.length,
      services: [...new Set(list.map((s) => s.resource['service.name']))],
      // Frontend and backend spans in one trace: the point of the demo.
      joined: list.some(isBrowser) && list.some((s) => !isBrowser(s)),
      links: list.reduce((n, s) => n + s.links.length, 0),
    });
  }
  return summaries.sort((a, b) => b.start - a.start);
}

/** The spans of one trace, plus the spans of other traces that link into it. */
export function traceDetail(spans, traceId) {
  const own = spans.filter((s) => s.traceId === traceId).sort((a, b) => a.start - b.start);
  const linkedFrom = spans
    .filter((s) => s.traceId !== traceId && s.links.some((l) => l.traceId === traceId))
    .map((s) => ({
      traceId: s.traceId,
      spanId: s.spanId,
      name: s.name,
      service: s.resource['service.name'],
      to: s.links.find((l) => l.traceId === traceId).spanId,
    }));
  const known = new Set(spans.map((s) => s.traceId));
  return {
    traceId,
    spans: own.map((s) => ({ ...s, browser: isBrowser(s), links: s.links.map((l) => ({ ...l, known: known.has(l.traceId) })) })),
    linkedFrom,
  };
}

export function isBrowser(span) {
  return span.resource['telemetry.sdk.language'] === BROWSER_LANGUAGE;
}

function groupByTrace(spans) {
  const byTrace = new Map();
  for (const span of spans) {
    let list = byTrace.get(span.traceId);
    if (!list) byTrace.set(span.traceId, (list = []));
    list.push(span);
  }
  return byTrace;
}

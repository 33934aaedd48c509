// Shared by the terminal tree (tree.mjs, Node) and the trace view (view.js, served to the browser).

/**
 * The spans of a trace in depth-first order, with their depth: each child right under its parent,
 * siblings by start time. A span whose parent is not among them starts at depth 0 (`orphan`).
 */
export function orderSpans(spans) {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map();
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : '';
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(span);
  }
  const out = [];
  const walk = (parent, depth) => {
    for (const span of (children.get(parent) ?? []).sort((a, b) => a.start - b.start || a.end - b.end)) {
      out.push({ span, depth, orphan: depth === 0 && !!span.parentSpanId });
      walk(span.spanId, depth + 1);
    }
  };
  walk('', 0);
  return out;
}

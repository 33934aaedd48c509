// Text renderings of traces for the terminal (`npm run demo -- --headless`) and test failures.
import { isBrowser } from './store.mjs';

const KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];

/** The spans as an indented tree: children under their parents, by start time. */
export function formatTree(spans) {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map();
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : '';
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(span);
  }
  const rows = [];
  const walk = (parent, depth) => {
    for (const span of (children.get(parent) ?? []).sort((a, b) => a.start - b.start || a.end - b.end)) {
      rows.push({ span, depth });
      walk(span.spanId, depth + 1);
    }
  };
  walk('', 0);
  const label = ({ span, depth }) => `${'  '.repeat(depth)}${span.name}`;
  const width = Math.min(60, Math.max(...rows.map((r) => label(r).length)) + 2);
  return rows
    .map((row) => {
      const { span } = row;
      const links = span.links.map((l) => `  -> link ${l.traceId.slice(0, 8)}…/${l.spanId}`).join('');
      const side = isBrowser(span) ? 'browser' : 'node';
      return `${label(row).padEnd(width)} ${`[${span.resource['service.name']}, ${side}]`.padEnd(26)} ${KINDS[span.kind].padEnd(8)} ${String(span.end - span.start).padStart(5)} ms  ${span.spanId}${links}`;
    })
    .join('\n');
}

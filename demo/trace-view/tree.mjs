// Text renderings of traces for the terminal (`npm run demo -- --headless`) and test failures.
import { orderSpans } from './order.mjs';
import { isBrowser } from './store.mjs';

const KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];

/** The spans as an indented tree: children under their parents, by start time. */
export function formatTree(spans) {
  const rows = orderSpans(spans);
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

// The trace view: a list of traces and, per trace, a waterfall of its spans (frontend and backend
// together), children indented under their parents, durations drawn as bars. Plain DOM, no framework.
import { orderSpans } from '/order.mjs';
const app = document.getElementById('app');
const KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.flat().filter((c) => c != null));
  return node;
};
const ms = (value) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`);
const hue = (text) => [...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
const serviceChip = (name) => el('span', { className: 'service', textContent: name, style: `--hue:${hue(name)}` });

async function getJson(url) {
  const response = await fetch(url, { cache: 'no-store' });
  return response.json();
}

async function showList() {
  const traces = await getJson('/api/traces');
  if (!traces.length) {
    app.replaceChildren(el('p', { textContent: 'No traces yet. Open the demo pages and click around; spans arrive within a second or two.' }));
    return;
  }
  const rows = traces.map((t) =>
    el(
      'tr',
      {},
      el('td', {}, el('a', { href: `#/trace/${t.traceId}`, textContent: t.name })),
      el('td', {}, t.services.map(serviceChip)),
      el('td', { className: 'num', textContent: String(t.spanCount) }),
      el('td', { className: 'num', textContent: ms(t.durationMs) }),
      el('td', { textContent: t.joined ? 'frontend + backend' : t.links ? `${t.links} link${t.links > 1 ? 's' : ''}` : '' }),
      el('td', { className: 'time', textContent: new Date(t.start).toLocaleTimeString() }),
    ),
  );
  app.replaceChildren(
    el('h1', { textContent: `${traces.length} traces` }),
    el(
      'table',
      { className: 'traces' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ['Trace', 'Services', 'Spans', 'Duration', 'Joined', 'Started'].map((h) => el('th', { textContent: h })),
        ),
      ),
      el('tbody', {}, rows),
    ),
  );
}

/** The URL path of an HTTP span, shown next to its name (HTTP span names are just the method). */
function httpPath(span) {
  const { attributes: a } = span;
  if (a['url.path']) return a['url.path'];
  try {
    return a['url.full'] ? new URL(a['url.full']).pathname : '';
  } catch {
    return '';
  }
}

async function showTrace(traceId) {
  const { spans, linkedFrom } = await getJson(`/api/traces/${traceId}`);
  if (!spans.length) {
    app.replaceChildren(el('p', { textContent: `Trace ${traceId} has no spans here (yet).` }));
    return;
  }
  const start = Math.min(...spans.map((s) => s.start));
  const total = Math.max(1, Math.max(...spans.map((s) => s.end)) - start);
  const rows = orderSpans(spans).map(({ span, depth, orphan }) => {
    const left = ((span.start - start) / total) * 100;
    const width = Math.max(0.4, ((span.end - span.start) / total) * 100);
    const details = el(
      'div',
      { className: 'details', hidden: true },
      el('pre', {
        textContent: JSON.stringify(
          {
            spanId: span.spanId,
            parentSpanId: span.parentSpanId,
            kind: KINDS[span.kind],
            attributes: span.attributes,
            events: span.events.map((e) => e.name),
            status: span.status,
          },
          null,
          2,
        ),
      }),
    );
    const links = span.links.map((l) =>
      el('a', {
        className: 'link',
        href: `#/trace/${l.traceId}`,
        title: `linked span ${l.spanId}`,
        textContent: `↗ ${l.traceId === traceId ? 'server span in this trace' : l.known ? 'server trace' : 'linked trace (not received)'}`,
      }),
    );
    const row = el(
      'div',
      { className: `row${span.browser ? ' browser' : ''}`, style: `--hue:${hue(span.resource['service.name'])}` },
      el(
        'div',
        { className: 'label', style: `padding-left:${depth * 16 + 4}px` },
        orphan ? el('span', { className: 'orphan', title: 'parent span not received', textContent: '⋯ ' }) : null,
        el('span', { className: 'name', textContent: span.name }),
        httpPath(span) ? el('span', { className: 'path', textContent: httpPath(span) }) : null,
        el('span', { className: 'kind', textContent: KINDS[span.kind] }),
        serviceChip(span.resource['service.name']),
        links,
      ),
      el('div', { className: 'dur', textContent: ms(span.end - span.start) }),
      el('div', { className: 'timeline' }, el('div', { className: 'bar', style: `left:${left}%;width:${width}%` })),
    );
    row.addEventListener('click', (event) => {
      if (event.target.tagName !== 'A') details.hidden = !details.hidden;
    });
    return [row, details];
  });
  app.replaceChildren(
    ...[
      el('h1', {}, 'Trace ', el('code', { textContent: traceId })),
      el('p', {
        className: 'meta',
        textContent: `${spans.length} spans, ${ms(total)}, services: ${[...new Set(spans.map((s) => s.resource['service.name']))].join(', ')}`,
      }),
      linkedFrom.length
        ? el(
            'p',
            { className: 'meta' },
            'Linked from: ',
            linkedFrom.map((l) => el('a', { className: 'link', href: `#/trace/${l.traceId}`, textContent: `${l.service}: ${l.name}` })),
          )
        : null,
      el('p', {
        className: 'meta legend',
        textContent: '◆ browser span · bars on one time axis (browser and server clocks may differ by a few ms) · click a row for its attributes',
      }),
      el('div', { className: 'waterfall' }, rows.flat()),
    ].filter(Boolean),
  );
}

async function route() {
  const match = /^#\/trace\/([0-9a-f]{32})/.exec(location.hash);
  try {
    await (match ? showTrace(match[1]) : showList());
  } catch (error) {
    app.replaceChildren(el('p', { textContent: `Could not load: ${error}` }));
  }
}

window.addEventListener('hashchange', route);
route();
// The list refreshes itself while you click around the demo.
setInterval(() => {
  if (!location.hash || location.hash === '#/') route();
}, 2000);

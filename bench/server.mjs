// The benchmark's one origin on 127.0.0.1: the pages, a tiny API the loops call, and an OTLP/HTTP
// collector that counts, per service name, the export requests, their body bytes and the spans in them.
import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { flattenSpans } from '../test/servers/receiver.mjs';

/** Which loop a span belongs to, from the API path the request went to (`/api/<phase>/<i>`). */
const phaseOf = (span) => /\/api\/(\w+)\//.exec(String(span.attributes['url.full'] ?? span.attributes['http.url'] ?? ''))?.[1] ?? 'other';

function newCounters() {
  return { requests: 0, bytes: 0, spans: 0, byPhase: {} };
}

/**
 * @param {(variant: string, query: URLSearchParams) => string} renderPage HTML for `/page/<variant>`
 * @param {Record<string, () => string | Buffer>} files what `/bundle/<name>` serves: name -> its body
 * Resolves to { origin, collected(service), close() }.
 */
export async function startServer(renderPage, files = {}) {
  const services = new Map();
  /** The first export body per service, for looking at what a span costs on the wire. */
  const samples = new Map();
  const countersOf = (service) => services.get(service) ?? services.set(service, newCounters()).get(service);

  async function handle(req, res) {
    const url = new URL(req.url, 'http://bench');
    if (url.pathname.startsWith('/api/')) {
      for await (const _ of req); // drain
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end('{"ok":true,"items":[1,2,3]}');
      return;
    }
    if (url.pathname === '/otlp/v1/traces' && req.method === 'POST') {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const wire = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(wire) : wire;
      const spans = flattenSpans(JSON.parse(body.toString('utf8')));
      const service = spans[0]?.resource['service.name'] ?? '(none)';
      if (!samples.has(service)) samples.set(service, body.toString('utf8'));
      const counters = countersOf(service);
      counters.requests++;
      counters.bytes += wire.length;
      counters.spans += spans.length;
      for (const span of spans) {
        const phase = phaseOf(span);
        counters.byPhase[phase] = (counters.byPhase[phase] ?? 0) + 1;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      return;
    }
    const page = /^\/page\/([\w-]+)$/.exec(url.pathname);
    if (page) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(renderPage(page[1], url.searchParams));
      return;
    }
    const file = /^\/bundle\/([^/]+)$/.exec(url.pathname)?.[1];
    if (file && files[file]) {
      res.writeHead(200, { 'Content-Type': file.endsWith('.map') ? 'application/json' : 'text/javascript' }).end(files[file]());
      return;
    }
    res.writeHead(404).end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    /** A copy of what the collector has received for `service` so far. */
    collected: (service) => structuredClone(countersOf(service)),
    /** The first OTLP JSON body received for `service`. */
    sample: (service) => samples.get(service),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

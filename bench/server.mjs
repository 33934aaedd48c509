// The benchmark's one origin on 127.0.0.1: the pages, a tiny API the loops call, and the
// collectors (OTLP/HTTP traces and logs, Elastic's intake) that count, per service name, the export requests,
// their body bytes (as sent, decoded, and gzipped here for comparison) and the spans in them.
import { createServer } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { flattenSpans } from '../test/servers/receiver.mjs';

/** Which loop a span belongs to, from the API path the request went to (`/api/<phase>/<i>`). */
const phaseOf = (span) => /\/api\/(\w+)\//.exec(String(span.attributes['url.full'] ?? span.attributes['http.url'] ?? ''))?.[1] ?? 'other';

function newCounters() {
  return { requests: 0, bytes: 0, rawBytes: 0, gzipBytes: 0, spans: 0, byPhase: {}, names: {}, logRequests: 0, logBytes: 0, logRecords: 0 };
}

/** Where each collector listens: OTLP/HTTP traces (ours, upstream's; the official SDK's /v1/traces), OTLP logs, Elastic's intake. */
const COLLECTOR_PATHS = { '/otlp/v1/traces': 'traces', '/v1/traces': 'traces', '/v1/logs': 'logs', '/intake/v2/rum/events': 'elastic' };

/**
 * Each body's service name and units (spans, log records; Elastic: transactions and spans), with the loop
 * phase of request spans (not of the page load's `resourceFetch` spans, which also name the page's early requests).
 */
const PARSERS = {
  traces(text) {
    const spans = flattenSpans(JSON.parse(text));
    return {
      service: spans[0]?.resource['service.name'] ?? '(none)',
      units: spans.map((span) => ({ phase: span.name === 'resourceFetch' ? undefined : phaseOf(span), name: span.name })),
    };
  },
  logs(text) {
    const body = JSON.parse(text);
    const units = (body.resourceLogs ?? []).flatMap((r) => (r.scopeLogs ?? []).flatMap((s) => s.logRecords ?? []));
    const service = body.resourceLogs?.[0]?.resource?.attributes?.find((a) => a.key === 'service.name')?.value?.stringValue ?? '(none)';
    return { service, units: units.map((record) => ({ name: record.eventName })) };
  },
  // Elastic's NDJSON (API v2): a metadata line, then transactions, spans, errors, metricsets, one per line.
  elastic(text) {
    const lines = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const service = lines[0]?.metadata?.service?.name ?? '(none)';
    const units = [];
    for (const line of lines) {
      if (line.transaction) units.push({ name: line.transaction.type });
      if (line.span) units.push({ phase: /\/api\/(\w+)\//.exec(String(line.span.context?.http?.url ?? ''))?.[1] ?? 'other' });
    }
    return { service, units };
  },
};

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
    const signal = COLLECTOR_PATHS[url.pathname];
    if (signal && req.method === 'POST') {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const wire = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(wire) : wire;
      const text = body.toString('utf8');
      const { service, units } = PARSERS[signal](text);
      if (signal !== 'logs' && !samples.has(service)) samples.set(service, text);
      const counters = countersOf(service);
      if (signal === 'logs') {
        counters.logRequests++;
        counters.logBytes += wire.length;
        counters.logRecords += units.length;
        for (const unit of units) if (unit.name) counters.names[unit.name] = (counters.names[unit.name] ?? 0) + 1;
      } else {
        counters.requests++;
        counters.bytes += wire.length;
        counters.rawBytes += body.length;
        counters.gzipBytes += gzipSync(body, { level: 6 }).length;
        counters.spans += units.length;
        for (const unit of units) {
          if (unit.phase) counters.byPhase[unit.phase] = (counters.byPhase[unit.phase] ?? 0) + 1;
          if (unit.name) counters.names[unit.name] = (counters.names[unit.name] ?? 0) + 1;
        }
      }
      res.writeHead(signal === 'elastic' ? 202 : 200, { 'Content-Type': 'application/json' }).end(signal === 'elastic' ? '' : '{}');
      return;
    }
    const page = /^\/page\/([\w-]+)$/.exec(url.pathname);
    if (page) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(renderPage(page[1], url.searchParams));
      return;
    }
    const file = /^\/bundle\/([^/]+)$/.exec(url.pathname)?.[1];
    if (file && files[file]) {
      res.writeHead(200, { 'Content-Type': file.endsWith('.map') ? 'application/json' : 'text/javascript', 'Cache-Control': 'no-store' });
      const body = files[file]();
      // A slower network: `?chunks=N&gap=ms` sends the body in N parts, `gap` ms apart.
      const chunks = Number(url.searchParams.get('chunks') ?? 1);
      if (chunks > 1) {
        const buffer = Buffer.from(body);
        const size = Math.ceil(buffer.length / chunks);
        for (let at = 0; at < buffer.length; at += size) {
          if (at) await new Promise((resolve) => setTimeout(resolve, Number(url.searchParams.get('gap') ?? 30)));
          res.write(buffer.subarray(at, at + size));
        }
        res.end();
      } else res.end(body);
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

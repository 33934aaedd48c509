// A local OTLP/HTTP trace receiver for tests: records every request (headers and decoded body),
// enforces CORS like the OpenTelemetry Collector (only listed origins; preflights answered), and
// can be told to answer the next requests with scripted faults (503, 429 + Retry-After, ...).
import { gunzipSync } from 'node:zlib';

/** Flattens OTLP JSON into plain span records: easy to assert on. */
export function flattenSpans(payload) {
  const spans = [];
  for (const rs of payload?.resourceSpans ?? []) {
    const resource = attributesOf(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        spans.push({
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId || undefined,
          name: s.name,
          kind: s.kind,
          start: Number(BigInt(s.startTimeUnixNano) / 1000000n),
          end: Number(BigInt(s.endTimeUnixNano) / 1000000n),
          attributes: attributesOf(s.attributes),
          events: (s.events ?? []).map((e) => ({ name: e.name, time: Number(BigInt(e.timeUnixNano) / 1000n) / 1000, attributes: attributesOf(e.attributes) })),
          links: (s.links ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: attributesOf(l.attributes) })),
          status: s.status ?? {},
          scope: ss.scope?.name,
          resource,
        });
      }
    }
  }
  return spans;
}

function valueOf(v) {
  if (!v) return undefined;
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue;
  if ('intValue' in v) return Number(v.intValue);
  if ('doubleValue' in v) return v.doubleValue;
  if ('arrayValue' in v) return (v.arrayValue.values ?? []).map(valueOf);
  return undefined;
}

function attributesOf(list) {
  const out = {};
  for (const kv of list ?? []) out[kv.key] = valueOf(kv.value);
  return out;
}

/**
 * @param {{ allowedOrigins?: string[] | '*', path?: string }} options
 */
export function createReceiver({ allowedOrigins = '*', path = '/v1/traces' } = {}) {
  /** Every POST received: { at, headers, bytes, contentEncoding, status, spans, origin } */
  const requests = [];
  /** Scripted answers for the next POSTs, first in first out: { status, headers, match?, delayMs? } (match: only URLs containing it; status 200 with delayMs: a slow success) */
  const faults = [];
  /** URL substrings for which the receiver is "down": the connection is dropped without an answer. */
  const down = new Set();
  const allowed = (origin) => allowedOrigins === '*' || (origin && allowedOrigins.includes(origin));

  function corsHeaders(origin) {
    if (!origin || !allowed(origin)) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type, Content-Encoding, X-Api-Key',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    };
  }

  async function handle(req, res) {
    const origin = req.headers.origin;
    if ([...down].some((part) => req.url.includes(part))) {
      req.socket.destroy();
      return true;
    }
    const url = new URL(req.url, 'http://x');
    if (url.pathname !== path) {
      res.writeHead(404).end();
      return true;
    }
    if (req.method === 'OPTIONS') {
      // The Collector answers a preflight from an unlisted origin without CORS headers: the browser blocks it.
      res.writeHead(allowed(origin) ? 204 : 403, corsHeaders(origin)).end();
      return true;
    }
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return true;
    }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    let body = Buffer.concat(chunks);
    const contentEncoding = req.headers['content-encoding'];
    const record = { at: Date.now(), url: req.url, headers: req.headers, bytes: body.length, contentEncoding, origin, spans: [] };
    requests.push(record);
    if (origin && !allowed(origin)) {
      record.status = 403;
      res.writeHead(403).end();
      return true;
    }
    // Only OTLP JSON is decoded here; say so plainly to an exporter that sends protobuf.
    if (/protobuf/.test(req.headers['content-type'] ?? '')) {
      record.status = 415;
      res.writeHead(415, { ...corsHeaders(origin), 'Content-Type': 'text/plain' }).end('this receiver accepts OTLP JSON only (Content-Type: application/json)');
      return true;
    }
    const faultIndex = faults.findIndex((f) => !f.match || req.url.includes(f.match));
    const fault = faultIndex < 0 ? undefined : faults.splice(faultIndex, 1)[0];
    // A fault may hold the request first (delayMs): a collector that answers slowly, after the page is gone.
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault && fault.status !== 200) {
      record.status = fault.status;
      res.writeHead(fault.status, { ...corsHeaders(origin), ...(fault.headers ?? {}) }).end();
      return true;
    }
    try {
      if (contentEncoding === 'gzip') body = gunzipSync(body);
      record.spans = flattenSpans(JSON.parse(body.toString('utf8')));
      record.status = 200;
      res.writeHead(200, { ...corsHeaders(origin), 'Content-Type': 'application/json' }).end('{}');
    } catch (error) {
      record.status = 400;
      record.error = String(error);
      res.writeHead(400, corsHeaders(origin)).end(String(error));
    }
    return true;
  }

  return {
    handle,
    requests,
    faults,
    down,
    spans: () => requests.flatMap((r) => r.spans),
    reset() {
      requests.length = 0;
      faults.length = 0;
      down.clear();
    },
  };
}

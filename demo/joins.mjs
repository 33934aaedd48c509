// What "frontend and backend spans are joined" means, checked on the spans a receiver holds:
// a browser CLIENT span is the parent of a backend SERVER span in the same trace.
import { isBrowser } from './trace-view/store.mjs';

export const OTLP_KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3 };
export const FETCH_SCOPE = '@opentelemetry/instrumentation-fetch';
export const XHR_SCOPE = '@opentelemetry/instrumentation-xml-http-request';

/** Pairs { client, server } where the backend's SERVER span has the browser's CLIENT span as parent. */
export function findJoins(spans) {
  const clients = new Map(spans.filter((s) => isBrowser(s) && s.kind === OTLP_KIND.CLIENT).map((s) => [s.spanId, s]));
  const joins = [];
  for (const server of spans) {
    if (isBrowser(server) || server.kind !== OTLP_KIND.SERVER) continue;
    const client = clients.get(server.parentSpanId);
    if (client && client.traceId === server.traceId) joins.push({ client, server });
  }
  return joins;
}

/** The browser's CLIENT span for `method` + URL prefix from `scope` (fetch or XHR) of `service`. */
export function findClient(spans, { service, scope, method, url }) {
  return spans.find(
    (s) =>
      s.resource['service.name'] === service &&
      s.kind === OTLP_KIND.CLIENT &&
      s.scope === scope &&
      s.attributes['http.request.method'] === method &&
      String(s.attributes['url.full']).startsWith(url),
  );
}

/** Polls `check(spans)` until it returns something truthy; undefined after `timeoutMs`. */
export async function waitFor(getSpans, check, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = check(getSpans());
    if (found) return found;
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// What the demo services share: `http` loaded through require (so the instrumentation loaded by
// tracing.mjs has patched it), a listener on 127.0.0.1, the Server-Timing back-link header, and a
// call to another service.
import { context, trace } from '@opentelemetry/api';
import { createRequire } from 'node:module';

export const http = createRequire(import.meta.url)('node:http');

/**
 * `traceparent;desc="00-<trace>-<span>-01"`: names the span serving this request, so the browser can
 * link its spans to it (the SDK reads it from the navigation and resource timing entries).
 */
export function serverTimingHeader() {
  const span = trace.getSpan(context.active());
  if (!span) return undefined;
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `traceparent;desc="00-${traceId}-${spanId}-0${traceFlags & 1}"`;
}

/** Serves `handler` on 127.0.0.1 (port 0: any free port); resolves to the origin. */
export function listen(handler, port = 0) {
  const server = http.createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(error));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

/** A JSON request to another service; instrumentation-http makes it a CLIENT span and adds traceparent. */
export function callJson(url, { method = 'GET', body } = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers: body ? { 'Content-Type': 'application/json' } : {} }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(error);
        }
      });
    });
    request.on('error', reject);
    request.end(body ? JSON.stringify(body) : undefined);
  });
}

export async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` in an INTERNAL child span of the current one. */
export function inSpan(tracer, name, attributes, work) {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error);
      span.setStatus({ code: 2, message: String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Tells the parent (demo/start.mjs) where this service listens. */
export function ready(origins) {
  if (process.send) process.send({ ready: origins });
  else console.log(JSON.stringify(origins));
}

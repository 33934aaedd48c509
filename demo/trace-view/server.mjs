// The demo's local OTLP/HTTP receiver with a trace view. A development tool, not a collector:
// it keeps spans in memory and shows them; production belongs to the OpenTelemetry Collector
// (see docs/collector-config.yaml).
//   POST /v1/traces           OTLP JSON, CORS like the Collector (only the listed origins)
//   GET  /                    the trace view (plain HTML/JS)
//   GET  /api/traces          trace summaries;  GET /api/traces/<id>  the spans of one trace
import { readFile } from 'node:fs/promises';
import { createReceiver } from '../../test/servers/receiver.mjs';
import { traceDetail, traceSummaries } from './store.mjs';

const ASSETS = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/view.js': ['view.js', 'text/javascript'],
  '/order.mjs': ['order.mjs', 'text/javascript'],
  '/view.css': ['view.css', 'text/css'],
};

/**
 * @param {{ allowedOrigins: string[] }} options origins whose pages may export (a live array: add to it later)
 */
export function createTraceView({ allowedOrigins }) {
  const receiver = createReceiver({ allowedOrigins, path: '/v1/traces' });

  async function handle(req, res) {
    const { pathname } = new URL(req.url, 'http://x');
    if (pathname === '/v1/traces') return receiver.handle(req, res);
    if (req.method !== 'GET') return void res.writeHead(405).end();
    const asset = ASSETS[pathname];
    if (asset) {
      const body = await readFile(new URL(asset[0], import.meta.url));
      return void res.writeHead(200, { 'Content-Type': asset[1], 'Cache-Control': 'no-store' }).end(body);
    }
    if (pathname === '/api/traces') return sendJson(res, traceSummaries(receiver.spans()));
    const match = /^\/api\/traces\/([0-9a-f]{32})$/.exec(pathname);
    if (match) return sendJson(res, traceDetail(receiver.spans(), match[1]));
    res.writeHead(404).end();
  }

  return { handle, receiver, spans: () => receiver.spans() };
}

function sendJson(res, body) {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

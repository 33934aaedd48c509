// The demo's traced backend (service "shop-api"), one Node process with three origins:
//   web      serves the demo pages and the SDK script (the HTML carries the Server-Timing back-link);
//   api      the shop's API on another origin: CORS allows the web origin and the trace headers,
//            exposes Server-Timing and sends Timing-Allow-Origin; calls the inventory service;
//   partner  a "third-party" API that the pages do NOT list in propagateTo: it gets no traceparent,
//            so its spans start a new trace (reachable from the page's spans only through the
//            Server-Timing link, which it exposes through Timing-Allow-Origin alone).
// Every response names its server span in `Server-Timing: traceparent;desc="..."`.
import { trace } from '@opentelemetry/api';
import { readFile } from 'node:fs/promises';
import { callJson, inSpan, listen, readJson, ready, serverTimingHeader, sleep } from './http.mjs';

const tracer = trace.getTracer('demo-shop-api');
const root = new URL('../../', import.meta.url);
const env = process.env;
const [webPort, apiPort, partnerPort] = (env.DEMO_PORTS ?? '0,0,0').split(',').map(Number);
const PRODUCTS = [
  { id: 'p-1', name: 'Trail shoes', price: 89 },
  { id: 'p-2', name: 'Rain jacket', price: 120 },
  { id: 'p-3', name: 'Water bottle', price: 15 },
];

const origins = {};

/** Every response, preflights included, names the span that served it. */
const withServerTiming = (handler) => (req, res) => {
  const header = serverTimingHeader();
  if (header) res.setHeader('Server-Timing', header);
  return handler(req, res, header);
};

const FILES = {
  '/otel-browser.min.js': ['dist/otel-browser.min.js', 'text/javascript'],
  '/otel-browser.min.js.map': ['dist/otel-browser.min.js.map', 'application/json'],
  '/spa.js': ['demo/.build/spa.js', 'text/javascript'],
  '/spa.js.map': ['demo/.build/spa.js.map', 'application/json'],
  '/style.css': ['demo/pages/style.css', 'text/css'],
};

async function page(file, header) {
  const html = await readFile(new URL(`demo/pages/${file}`, root), 'utf8');
  const values = {
    API: origins.api,
    PARTNER: origins.partner,
    TRACES_URL: env.DEMO_BROWSER_TRACES_URL ?? env.DEMO_TRACES_URL,
    VIEW: env.DEMO_VIEW_URL ?? '',
    // The same span as the Server-Timing header, for pages that render it as <meta name="traceparent">.
    TRACEPARENT: /desc="([^"]+)"/.exec(header ?? '')?.[1] ?? '',
  };
  return html.replace(/\{\{(\w+)\}\}/g, (_, key) => values[key] ?? '');
}

async function web(req, res, header) {
  const { pathname } = new URL(req.url, 'http://x');
  const file = FILES[pathname];
  if (file) {
    const body = await readFile(new URL(file[0], root)).catch(() => undefined);
    if (!body) return void res.writeHead(404).end();
    return void res.writeHead(200, { 'Content-Type': file[1] }).end(body);
  }
  const html = pathname === '/' ? 'shop.html' : pathname === '/spa' || pathname.startsWith('/spa/') ? 'spa.html' : undefined;
  if (!html) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(await page(html, header));
}

function cors(req, exposeTiming) {
  if (req.headers.origin !== origins.web) return {};
  return {
    'Access-Control-Allow-Origin': origins.web,
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    // Without traceparent/tracestate here the browser refuses the preflight of every traced request.
    'Access-Control-Allow-Headers': exposeTiming ? 'traceparent, tracestate, content-type' : 'content-type',
    ...(exposeTiming ? { 'Access-Control-Expose-Headers': 'Server-Timing' } : {}),
    // Lets the page read Server-Timing (and timings) from the resource timing entry.
    'Timing-Allow-Origin': origins.web,
    Vary: 'Origin',
  };
}

const json = (res, headers, body) => res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(JSON.stringify(body));

async function api(req, res) {
  const headers = cors(req, true);
  const { pathname } = new URL(req.url, 'http://x');
  if (req.method === 'OPTIONS') return void res.writeHead(204, headers).end();
  if (req.method === 'GET' && pathname === '/api/products') {
    const products = await inSpan(tracer, 'products.list', { 'app.products.count': PRODUCTS.length }, async () => {
      const stock = await callJson(`${env.DEMO_INVENTORY}/stock?ids=${PRODUCTS.map((p) => p.id).join(',')}`);
      return inSpan(tracer, 'products.price', {}, async () => {
        await sleep(5);
        return PRODUCTS.map((p) => ({ ...p, stock: stock[p.id] }));
      });
    });
    return void json(res, headers, { products, traceparent: req.headers.traceparent ?? null });
  }
  if (req.method === 'POST' && pathname === '/api/cart') {
    const { id } = await readJson(req);
    const result = await inSpan(tracer, 'cart.add', { 'app.product.id': String(id) }, () =>
      callJson(`${env.DEMO_INVENTORY}/reserve`, { method: 'POST', body: { id, quantity: 1 } }),
    );
    return void json(res, headers, { ...result, traceparent: req.headers.traceparent ?? null });
  }
  res.writeHead(404, headers).end();
}

async function partner(req, res) {
  const headers = cors(req, false);
  if (req.method === 'OPTIONS') return void res.writeHead(204, headers).end();
  const items = await inSpan(tracer, 'recommendations.rank', {}, async () => {
    await sleep(10);
    return ['p-3', 'p-1'];
  });
  // Echoes what it received, so the demo and the tests can show that no traceparent came.
  json(res, headers, { items, traceparent: req.headers.traceparent ?? null });
}

origins.web = await listen(withServerTiming(web), webPort);
origins.api = await listen(withServerTiming(api), apiPort);
origins.partner = await listen(withServerTiming(partner), partnerPort);
ready(origins);

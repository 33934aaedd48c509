// A small API for tests on its own port (a second origin): answers CORS preflights that allow the
// trace headers and records which headers each request carried, so tests can assert a header's
// presence, absence and value.

export function createApi() {
  /** { at, method, path, query, headers } for every request that was not a preflight */
  const requests = [];
  /** Preflights seen: { path, requestHeaders } */
  const preflights = [];

  async function handle(req, res) {
    const url = new URL(req.url, 'http://x');
    const origin = req.headers.origin;
    const cors = origin
      ? {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Headers': 'traceparent, tracestate, baggage, content-type',
          'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
          'Access-Control-Expose-Headers': 'Server-Timing',
          'Timing-Allow-Origin': '*',
        }
      : {};
    if (req.method === 'OPTIONS') {
      preflights.push({ path: url.pathname, requestHeaders: req.headers['access-control-request-headers'] });
      res.writeHead(204, cors).end();
      return;
    }
    for await (const _ of req); // drain the body
    requests.push({ at: Date.now(), method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers });
    if (url.pathname.startsWith('/status/')) {
      res.writeHead(Number(url.pathname.split('/')[2]) || 500, { ...cors, 'Content-Type': 'text/plain' }).end('status');
      return;
    }
    res.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true }));
  }

  return {
    handle,
    requests,
    preflights,
    reset() {
      requests.length = 0;
      preflights.length = 0;
    },
  };
}

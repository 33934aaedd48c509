// End to end: real headless Chromium and Firefox (each in turn; OTEL_BROWSER_ENGINES picks), the demo's pages, its Node backend traced with the OpenTelemetry
// Node SDK (two processes), and the demo receiver, all on 127.0.0.1. Asserts that browser and backend
// spans join into one trace, where they must and where they must not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, nodeEngines } from '../../scripts/launch-browser.mjs';
import { FETCH_SCOPE, OTLP_KIND, waitFor, XHR_SCOPE } from '../../demo/joins.mjs';
import { startDemo } from '../../demo/start.mjs';
import { formatTree } from '../../demo/trace-view/tree.mjs';
import { listen } from '../servers/listen.mjs';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

for (const engine of nodeEngines())
  describe(`frontend spans join backend traces (${engine})`, () => {
    let demo;
    let browser;

    before(async () => {
      demo = await startDemo({ log: () => {} });
      browser = await launchBrowser(engine);
    });
    after(async () => {
      await browser?.close();
      await demo?.stop();
    });

    const spans = () => demo.view.spans();
    /** Waits for `find(spans)`; fails with the spans that did arrive. */
    async function waitForSpan(what, find) {
      const found = await waitFor(spans, find, 15000);
      assert.ok(found, `${what} did not arrive; got:\n${formatTree(spans())}`);
      return found;
    }
    const clientSpan = (scope, test) => (all) =>
      all.find((s) => s.kind === OTLP_KIND.CLIENT && s.scope === scope && String(s.attributes['url.full']).endsWith(`test=${test}`));
    // Not the CORS preflight's span: a preflight carries no trace header, so it is a root of its own.
    const serverSpan = (service, test) => (all) =>
      all.find(
        (s) =>
          s.kind === OTLP_KIND.SERVER &&
          s.resource['service.name'] === service &&
          s.attributes['url.query'] === `test=${test}` &&
          s.attributes['http.request.method'] !== 'OPTIONS',
      );

    async function shopPage(query = '') {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error));
      await page.goto(`${demo.urls.shop}${query}`, { waitUntil: 'load' });
      return { page, errors };
    }

    it('fetch: the backend SERVER span has the browser CLIENT span as parent, down to the second service', async () => {
      const { page } = await shopPage();
      const body = await page.evaluate(async (api) => (await fetch(`${api}/api/products?test=fetch-join`)).json(), demo.urls.api);
      const client = await waitForSpan('fetch CLIENT span', clientSpan(FETCH_SCOPE, 'fetch-join'));
      const server = await waitForSpan('shop-api SERVER span', serverSpan('shop-api', 'fetch-join'));
      assert.equal(server.traceId, client.traceId);
      assert.equal(server.parentSpanId, client.spanId);
      assert.equal(body.traceparent, `00-${client.traceId}-${client.spanId}-01`, 'the traceparent the API received');
      // The trace goes on into the inventory service, another process.
      const inventory = await waitForSpan('inventory SERVER span', (all) =>
        all.find((s) => s.traceId === client.traceId && s.resource['service.name'] === 'inventory' && s.kind === OTLP_KIND.SERVER),
      );
      assert.ok(inventory.parentSpanId);
      // And the CLIENT span links to the server span named in the Server-Timing response header.
      assert.deepEqual(
        client.links.map((l) => l.spanId),
        [server.spanId],
      );
      await page.close();
    });

    it('XHR: the backend SERVER span has the browser CLIENT span as parent', async () => {
      const { page } = await shopPage();
      const body = await page.evaluate(
        (api) =>
          new Promise((resolve) => {
            const xhr = new XMLHttpRequest();
            xhr.open('POST', `${api}/api/cart?test=xhr-join`);
            xhr.setRequestHeader('Content-Type', 'application/json');
            xhr.onload = () => resolve(JSON.parse(xhr.responseText));
            xhr.send(JSON.stringify({ id: 'p-1' }));
          }),
        demo.urls.api,
      );
      const client = await waitForSpan('XHR CLIENT span', clientSpan(XHR_SCOPE, 'xhr-join'));
      const server = await waitForSpan('shop-api SERVER span', serverSpan('shop-api', 'xhr-join'));
      assert.equal(server.traceId, client.traceId);
      assert.equal(server.parentSpanId, client.spanId);
      assert.equal(body.traceparent, `00-${client.traceId}-${client.spanId}-01`);
      assert.deepEqual(
        client.links.map((l) => l.spanId),
        [server.spanId],
      );
      await page.close();
    });

    it('a request to an origin not in propagateTo gets no trace header; the backend starts a new trace, reachable by the Server-Timing link', async () => {
      const { page } = await shopPage();
      const body = await page.evaluate(async (partner) => (await fetch(`${partner}/recommendations?test=not-allowed`)).json(), demo.urls.partner);
      assert.equal(body.traceparent, null, 'the partner received no traceparent');
      const client = await waitForSpan('fetch CLIENT span', clientSpan(FETCH_SCOPE, 'not-allowed'));
      const server = await waitForSpan('partner SERVER span', serverSpan('shop-api', 'not-allowed'));
      assert.equal(server.parentSpanId, undefined, 'the backend span is a root');
      assert.notEqual(server.traceId, client.traceId);
      // The partner does not expose the Server-Timing header, only Timing-Allow-Origin: this link
      // comes from the resource timing entry.
      assert.deepEqual(
        client.links.map((l) => [l.traceId, l.spanId]),
        [[server.traceId, server.spanId]],
      );
      await page.close();
    });

    it('the page-load span links to the server span of the document (Server-Timing), and to the <meta name="traceparent"> one', async () => {
      const { page, errors } = await shopPage('?test=page-load');
      const document = await waitForSpan('server span of the document', serverSpan('shop-api', 'page-load'));
      const pageLoad = await waitForSpan('documentLoad span', (all) =>
        all.find((s) => s.name === 'documentLoad' && String(s.attributes['url.full']).endsWith('?test=page-load')),
      );
      assert.deepEqual(
        pageLoad.links.map((l) => [l.traceId, l.spanId]),
        [[document.traceId, document.spanId]],
      );
      assert.deepEqual(errors, []);
      await page.close();

      // The SPA page renders the same span into <meta name="traceparent">: upstream parents the page
      // load on it, and the link is recorded too.
      const spa = await browser.newPage();
      await spa.goto(`${demo.urls.spa}?test=meta`, { waitUntil: 'load' });
      const meta = await spa.$eval('meta[name="traceparent"]', (el) => el.getAttribute('content'));
      const [, traceId, spanId] = TRACEPARENT.exec(meta);
      const spaLoad = await waitForSpan('SPA documentLoad span', (all) =>
        all.find((s) => s.name === 'documentLoad' && String(s.attributes['url.full']).endsWith('?test=meta')),
      );
      assert.deepEqual(
        spaLoad.links.map((l) => [l.traceId, l.spanId]),
        [[traceId, spanId]],
      );
      assert.equal(spaLoad.traceId, traceId);
      assert.ok(
        spans().some((s) => s.spanId === spanId && s.kind === OTLP_KIND.SERVER),
        'the server span itself arrived',
      );
      await spa.close();
    });

    it('the receiver takes OTLP JSON and answers protobuf with 415 (it is a development tool, not a collector)', async () => {
      const protobuf = await fetch(demo.urls.traces, { method: 'POST', headers: { 'Content-Type': 'application/x-protobuf' }, body: new Uint8Array([10, 0]) });
      assert.equal(protobuf.status, 415);
      const json = await fetch(demo.urls.traces, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"resourceSpans":[]}' });
      assert.equal(json.status, 200);
    });

    it('the receiver refuses an origin it does not list, and the SDK reports it once in debug mode without throwing', async () => {
      // A page on an origin the receiver does not list (like a Collector without it in allowed_origins).
      const stranger = await listen((req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html' })
          .end(`<!doctype html><script>window.uncaught = []; addEventListener('error', (e) => uncaught.push(String(e.message))); addEventListener('unhandledrejection', (e) => uncaught.push(String(e.reason)));</script>
        <script src="${demo.urls.web}/otel-browser.min.js"></script>
        <script>window.otel = OtelBrowser.init({ endpoint: '${demo.urls.traces}', serviceName: 'cors-refused', debug: true });</script>`);
      });
      const page = await browser.newPage();
      const debug = [];
      const errors = [];
      page.on('console', (message) => message.text().startsWith('[otel-browser]') && debug.push(message.text()));
      page.on('pageerror', (error) => errors.push(error));
      try {
        await page.goto(`${stranger.origin}/`, { waitUntil: 'load' });
        const result = await page.evaluate(async () => {
          for (let i = 0; i < 3; i++) {
            OtelBrowser.trace.getTracer('test').startSpan(`attempt ${i}`).end();
            await window.otel.forceFlush();
          }
          return 'no throw';
        });
        assert.equal(result, 'no throw');
        const failures = debug.filter((text) => /export .*failed/.test(text));
        assert.equal(failures.length, 1, `one report, got:\n${debug.join('\n')}`);
        assert.match(failures[0], /CORS/);
        assert.match(failures[0], new RegExp(stranger.origin.replace(/[.:/]/g, '\\$&')));
        // Firefox reports each refused request itself ("Cross-Origin Request Blocked"), and Playwright hands
        // those network reports on as page errors; they are the browser's, not an exception in page code.
        const browserReport = /^Cross-Origin Request Blocked/;
        assert.deepEqual(
          errors.filter((error) => !browserReport.test(error.message)),
          [],
        );
        assert.deepEqual(await page.evaluate(() => window.uncaught), [], 'no error or rejection reached the page');
        assert.ok(!spans().some((s) => s.resource['service.name'] === 'cors-refused'), 'nothing got through');
      } finally {
        await page.close();
        await stranger.close();
      }
    });
  });

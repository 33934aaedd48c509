// `npm run demo -- --headless [--browser firefox]`: drives both demo pages in headless Chromium or
// Firefox (page load, clicks,
// fetch and XHR), waits for the spans, prints the joined traces as trees, and says whether
// frontend and backend spans were joined.
import { launchBrowser } from '../scripts/launch-browser.mjs';
import { FETCH_SCOPE, findClient, findJoins, OTLP_KIND, waitFor, XHR_SCOPE } from './joins.mjs';
import { formatTree } from './trace-view/tree.mjs';

/** Opens `url`, clicks each button in turn and waits for the page to log that step's result. */
async function clickThrough(browser, url, steps, problems) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => problems.push(`${url}: page error: ${error.message}`));
  await page.goto(url, { waitUntil: 'load' });
  for (const { selector, done } of steps) {
    await page.click(selector);
    await page.waitForSelector(`#log[data-done~="${done}"]`, { timeout: 10000 });
  }
  return page;
}

/** A span that a browser span links to through Server-Timing: the backend's SERVER span. */
const linkedServer = (spans, span) => span?.links.map((l) => spans.find((s) => s.spanId === l.spanId && s.kind === OTLP_KIND.SERVER)).find(Boolean);

/**
 * @returns {Promise<boolean>} true when, for both pages, the fetch and the XHR CLIENT spans are the
 *   parents of the backend's SERVER spans and the page load links to the server span of its document.
 */
export async function driveDemo(demo, { screenshot, engine = 'chromium', log = console.log } = {}) {
  const { urls, view } = demo;
  const problems = [];
  const browser = await launchBrowser(engine);
  log(`Driving the demo in ${engine} ${await browser.version()}`);
  try {
    const steps = [
      { selector: '#load', done: 'load' },
      { selector: '#add', done: 'add' },
    ];
    // Each page stays open until its spans have arrived (the batch is sent a second after the spans end).
    await clickThrough(browser, urls.shop, [...steps, { selector: '#recs', done: 'recs' }], problems);
    const spa = await clickThrough(browser, urls.spa, [steps[0]], problems);
    await spa.click('a[href="/spa/cart"]');
    await spa.click('#add');
    await spa.waitForSelector('#log[data-done~="add"]');

    const expected = [];
    for (const service of ['shop-web', 'shop-spa']) {
      expected.push({ service, scope: FETCH_SCOPE, method: 'GET', url: `${urls.api}/api/products` });
      expected.push({ service, scope: XHR_SCOPE, method: 'POST', url: `${urls.api}/api/cart` });
    }
    const joined = (spans) => {
      const joins = findJoins(spans);
      const pairs = expected.map((want) => {
        const client = findClient(spans, want);
        return client && joins.find((j) => j.client.spanId === client.spanId);
      });
      const pageLoads = ['shop-web', 'shop-spa'].map((service) => spans.find((s) => s.resource['service.name'] === service && s.name === 'documentLoad'));
      const deep = pairs.every((p) => p && spans.some((s) => s.traceId === p.client.traceId && s.resource['service.name'] === 'inventory'));
      return deep && pageLoads.every((s) => linkedServer(spans, s)) ? { pairs, pageLoads } : undefined;
    };
    const found = await waitFor(view.spans, joined, 15000);
    const spans = view.spans();
    if (!found) {
      log('\nNOT JOINED: the spans below arrived, but not every browser request has a backend SERVER child.\n');
      log(formatTree(spans));
      for (const problem of problems) log(problem);
      return false;
    }
    for (const { client } of found.pairs) {
      const trace = spans.filter((s) => s.traceId === client.traceId);
      log(
        `\nTrace ${client.traceId}  (${trace.length} spans; ${client.resource['service.name']}, ${client.scope === XHR_SCOPE ? 'XHR' : 'fetch'} ${client.attributes['http.request.method']} ${new URL(client.attributes['url.full']).pathname})`,
      );
      log(formatTree(trace));
    }
    for (const pageLoad of found.pageLoads) {
      const server = linkedServer(spans, pageLoad);
      log(
        `\nPage load of ${pageLoad.resource['service.name']} (trace ${pageLoad.traceId}) links to the document's server span ${server.spanId} (${server.resource['service.name']} ${server.name} ${server.attributes['url.path'] ?? ''}, trace ${server.traceId})`,
      );
    }
    if (screenshot) await takeScreenshot(browser, `${urls.traceView}#/trace/${found.pairs[0].client.traceId}`, screenshot);
    log(
      `\nJOINED: ${found.pairs.length} browser requests (fetch and XHR, script tag and SPA) are parents of backend SERVER spans; page loads link to their server spans.`,
    );
    log(`Trace view: ${urls.traceView}`);
    for (const problem of problems) log(problem);
    return problems.length === 0;
  } finally {
    await browser.close();
  }
}

/** A picture of the trace view for the README. */
async function takeScreenshot(browser, url, file) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 420, deviceScaleFactor: 1 });
  await page.goto(url);
  await page.waitForSelector('.waterfall .row');
  await page.screenshot({ path: file, fullPage: true });
  await page.close();
}

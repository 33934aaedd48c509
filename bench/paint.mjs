// What the host page feels at load: a page whose <head> holds one SDK's script, then the app's own
// deferred script (its first act a fetch), then a heading and a paragraph, and an inline script in the
// body that fetches at once (as pages do early). Every variant is loaded in a
// fresh browser context (no cache), interleaved round by round; medians. Per load:
// - main thread blocked after the download: from the script's `responseEnd` (resource timing) to the end
//   of its evaluation, its init included (a statement appended to the served file). For a synchronous
//   script that is how long it holds the parser once downloaded; for `async` / `defer` it is the same
//   main-thread work, done when the browser runs it.
// - first contentful paint (`paint` timing), and the long tasks (>= 50 ms) before `load`;
// - for our script tag: whether the inline and the app's fetch (as fetch spans, not just the page load's
//   resource entries) and the page load (`documentLoad`) reached the collector (after leaving the page, when the SDK flushes).
// FCP deltas are against the empty script (the same request, nothing in it); `no script at all` is shown too.
// Used by `npm run bench` (after the per-request rounds; `--paint-rounds 0` skips it, `--paint-only` runs
// it alone; `--paint-chunks 10` streams every bundle in 10 parts 30 ms apart, a slower network).
import { readFileSync } from 'node:fs';
import { median } from './stats.mjs';

const root = new URL('..', import.meta.url).pathname;
const DONE = ';window.__p && (__p.tDone = performance.now());';
const INIT = { endpoint: '/otlp/v1/traces' };

/**
 * The variants: what is in the <head> and how it is loaded. Ours auto-inits from data-* attributes; the
 * peers' bundles end with their init call (as an app bundle calls it), so each script is SDK + init.
 * @param {Record<string, string>} peerBundles variant -> path (bench/peers/build.mjs) and `upstream`
 */
export function paintVariants(peerBundles) {
  const ours = readFileSync(`${root}dist/otel-browser.min.js`, 'utf8');
  // The same file with V8's compile hint `//# allFunctionsCalledOnLoad` as its first line (dropped from
  // the build because of what this measures; see rollup.config.mjs), or without it if a build has it.
  const HINT = '//# allFunctionsCalledOnLoad';
  const hinted = ours.startsWith(HINT);
  const other = hinted ? ours.slice(ours.indexOf('\n') + 1) : `${HINT}\n${ours}`;
  const withInit = (path, call) => (service) => `${readFileSync(path, 'utf8')}\n;${call}(${JSON.stringify({ ...INIT, serviceName: service })});`;
  const variants = [
    { id: 'no-script', label: 'no script at all', mode: 'none', code: () => '' },
    { id: 'nothing', label: 'nothing (an empty script)', mode: 'sync', code: () => '' },
    ...['sync', 'async', 'defer'].map((mode) => ({ id: `ours-${mode}`, label: 'our script tag (auto-init)', mode, ours: true, code: () => ours })),
  ];
  for (const mode of ['sync', 'async']) {
    const label = `our script tag ${hinted ? 'without' : 'with'} \`${HINT}\``;
    variants.push({ id: `ours-${hinted ? 'nohint' : 'hint'}-${mode}`, label, mode, ours: true, code: () => other });
  }
  const peers = {
    'otel-browser-npm': 'our npm entry bundled by esbuild',
    elastic: 'Elastic RUM',
    upstream: 'upstream OpenTelemetry, no zone',
    official: 'official browser SDK',
  };
  for (const [variant, label] of Object.entries(peers)) {
    if (!peerBundles[variant]) continue;
    const call = variant === 'upstream' ? 'UpstreamOtel.init' : 'BenchSdk.init';
    variants.push({ id: `${variant}-sync`, label, mode: 'sync', code: withInit(peerBundles[variant], call) });
  }
  return variants;
}

function pageHtml(variant, service, chunks) {
  const attributes = { none: '', sync: '', async: ' async', defer: ' defer' }[variant.mode];
  const data = variant.ours ? ` data-endpoint="/otlp/v1/traces" data-service-name="${service}"` : '';
  const query = chunks > 1 ? `?chunks=${chunks}&gap=30` : '';
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>first paint: ${variant.id}</title>
<script>
window.__p = { longTasks: [] };
try { new PerformanceObserver((l) => { for (const e of l.getEntries()) __p.longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask' }); } catch (e) {}
</script>
${variant.mode === 'none' ? '<script>__p.tDone = 0;</script>' : `<script src="/bundle/paint-${variant.id}.js${query}"${attributes}${data}></script>`}
<script src="/bundle/paint-app.js${query}" defer></script>
</head><body><h1>A page with a heading</h1><p>And a paragraph of text, the first thing painted.</p>
<script>fetch('/api/early/0').then((r) => r.text());</script>
</body></html>`;
}

/**
 * Runs `rounds` interleaved loads of every variant. Resolves to { variantId: summary }.
 * @param {import('playwright-core').Browser} browser
 * @param {Function} startServer bench/server.mjs's
 */
export async function measurePaint(browser, startServer, variants, { rounds = 11, chunks = 1 } = {}) {
  let serial = 0;
  const services = new Map(); // page load -> service name, so the bundle served carries it
  const files = {};
  for (const variant of variants) {
    files[`paint-${variant.id}.js`] = () => `${variant.code(services.get(variant.id))}\n${DONE}`;
  }
  // The app's own code, as pages load it after the SDK: a deferred script whose first act is a request.
  files['paint-app.js'] = () => "fetch('/api/app/0').then((r) => r.text());";
  const server = await startServer((name, query) => {
    const variant = variants.find((v) => `paint-${v.id}` === name);
    return variant ? pageHtml(variant, query.get('service'), chunks) : '<!doctype html><title>unknown</title>';
  }, files);
  const samples = Object.fromEntries(variants.map((v) => [v.id, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      const order = variants.map((_, i) => variants[(i + round) % variants.length]);
      for (const variant of order) {
        const service = `paint-${variant.id}-${serial++}`;
        services.set(variant.id, service);
        samples[variant.id].push(await loadOnce(browser, server, variant, service));
      }
    }
  } finally {
    await server.close();
  }
  return Object.fromEntries(
    variants.map((v) => {
      const list = samples[v.id];
      const count = (pick) => list.filter(pick).length;
      return [
        v.id,
        {
          label: v.label,
          mode: v.mode,
          blockingMs: median(list.map((s) => s.blockingMs)),
          fcpMs: median(list.map((s) => s.fcpMs)),
          longTasks: median(list.map((s) => s.longTasks)),
          loads: list.length,
          earlyTraced: v.ours ? count((s) => s.earlyTraced) : undefined,
          appTraced: v.ours ? count((s) => s.appTraced) : undefined,
          pageLoadRecorded: v.ours ? count((s) => s.pageLoadRecorded) : undefined,
        },
      ];
    }),
  );
}

async function loadOnce(browser, server, variant, service) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.origin}/page/paint-${variant.id}?service=${service}`, { waitUntil: 'load' });
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0 && window.__p.tDone !== undefined, null, {
      timeout: 15_000,
    });
    const sample = await page.evaluate((file) => {
      const script = performance.getEntriesByType('resource').find((e) => e.name.includes(file));
      const loadEnd = performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? performance.now();
      return {
        blockingMs: script ? window.__p.tDone - script.responseEnd : NaN,
        fcpMs: performance.getEntriesByName('first-contentful-paint')[0].startTime,
        longTasks: window.__p.longTasks.filter(([start]) => start < loadEnd).length,
      };
    }, `/bundle/paint-${variant.id}.js`);
    if (variant.ours) {
      // Leave the page: the SDK sends what it has on pagehide. Then wait (generously) for it to arrive.
      await page.goto('about:blank');
      // The page-hide flush sends everything at once: once the page load is in, give the rest 500 ms.
      const deadline = Date.now() + 5000;
      let got = server.collected(service);
      while (Date.now() < deadline && !(got.byPhase.early && got.byPhase.app && got.names.documentLoad)) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        got = server.collected(service);
        if (got.names.documentLoad) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          got = server.collected(service);
          break;
        }
      }
      sample.earlyTraced = Boolean(got.byPhase.early);
      sample.appTraced = Boolean(got.byPhase.app);
      sample.pageLoadRecorded = Boolean(got.names.documentLoad);
    }
    return sample;
  } finally {
    await context.close();
  }
}

/** The first-paint table. */
export function paintMarkdown(results, { rounds, chunks }) {
  const base = results.nothing;
  const f = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '–');
  const lines = [
    `First paint: ${rounds} fresh loads per variant, interleaved, medians${chunks > 1 ? `; every bundle streamed in ${chunks} parts 30 ms apart` : ''}.`,
    '',
    "| in the `<head>` | loading | main thread blocked after the download (ms) | first contentful paint (ms) | long tasks before load | inline fetch in the body traced | deferred app script's fetch traced | page load recorded |",
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [id, r] of Object.entries(results)) {
    const delta = id === 'nothing' || id === 'no-script' ? '' : ` (${r.fcpMs - base.fcpMs >= 0 ? '+' : ''}${f(r.fcpMs - base.fcpMs, 0)})`;
    const of = (n) => (n === undefined ? '–' : `${n} / ${r.loads}`);
    lines.push(
      `| ${r.label} | ${r.mode} | ${f(r.blockingMs)} | ${f(r.fcpMs, 0)}${delta} | ${f(r.longTasks, 0)} | ${of(r.earlyTraced)} | ${of(r.appTraced)} | ${of(r.pageLoadRecorded)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

// `node bench/init-probe.mjs [--rounds 15] [--inline] [bundle.js ...]`: where the init time of the script-tag
// bundle goes, quicker than the full bench when working on init alone. For each bundle (default
// dist/otel-browser.min.js), fresh pages load it as users do, `<script src>` (or inlined with --inline),
// and time on the main thread: from an inline script before the tag to the bundle's first statement
// (download + whatever compiling the main thread waits for), the bundle's own evaluation, and
// `OtelBrowser.init()`. Prints medians.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { chromeArgs, findChrome } from '../scripts/find-chrome.mjs';
import { prependStatement } from './pages.mjs';

const args = process.argv.slice(2);
const take = (flag) => (args.includes(flag) ? (args.splice(args.indexOf(flag), 1), true) : false);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 15;
const inline = take('--inline');
const bundles = args.length ? args : [new URL('../dist/otel-browser.min.js', import.meta.url).pathname];

// Marks around the bundle's code: when its first statement runs, and when its last is done.
const instrument = (code) => `${prependStatement(code, '__t.push(performance.now());')}\n;__t.push(performance.now());`;
// Index 0 is a page without any bundle: the baseline for the main thread's time during the page load.
const codes = ['window.OtelBrowser = { init() {} };', ...bundles.map((path) => instrument(readFileSync(path, 'utf8')))];
const page = (index) => `<!doctype html><html><head><meta charset="utf-8">
<script>window.__t = [performance.now()];</script>
${inline ? `<script>${codes[index]}</script>` : `<script src="/bundle/${index}.js"></script>`}
<script>OtelBrowser.init({ endpoint: '/otlp/v1/traces', serviceName: 'probe' }); __t.push(performance.now());</script>
</head><body><p>init probe</p></body></html>`;

const server = createServer((req, res) => {
  req.resume();
  const pageIndex = /^\/page\/(\d+)/.exec(req.url)?.[1];
  if (pageIndex) return res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' }).end(page(Number(pageIndex)));
  const bundleIndex = /^\/bundle\/(\d+)\.js/.exec(req.url)?.[1];
  if (bundleIndex) return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(codes[Number(bundleIndex)]);
  res.writeHead(200).end('{}');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: findChrome(), args: chromeArgs, headless: true });
const samples = codes.map(() => ({ before: [], evaluate: [], init: [], mainMs: [], cpuMs: [] }));
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
try {
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < codes.length; i++) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      const cdp = await context.newCDPSession(tab);
      await cdp.send('Performance.enable');
      await tab.goto(`${origin}/page/${i}`, { waitUntil: 'load' });
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name) => metrics.find((m) => m.name === name).value * 1000;
      samples[i].mainMs.push(metric('TaskDuration'));
      samples[i].cpuMs.push(metric('ThreadTime'));
      const [t0, t1, t2, t3] = await tab.evaluate(() => window.__t);
      samples[i].before.push(t1 - t0);
      samples[i].evaluate.push(t2 - t1);
      samples[i].init.push(t3 - t2);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${inline ? 'inlined' : '<script src>'}, medians of ${rounds} fresh pages (ms):`);
bundles.forEach((path, index) => {
  const i = index + 1;
  const { before, evaluate, init } = samples[i];
  const [b, e, n] = [median(before), median(evaluate), median(init)];
  const extra = (name) => (median(samples[i][name]) - median(samples[0][name])).toFixed(1);
  console.log(
    `  ${path}: ${inline ? 'compile' : 'load + compile'} ${b.toFixed(2)}, evaluate ${e.toFixed(2)}, init() ${n.toFixed(2)}; evaluate + init ${(e + n).toFixed(2)}`,
  );
  console.log(`    main thread until load, over a page without the SDK: +${extra('mainMs')} ms busy, +${extra('cpuMs')} ms CPU`);
});

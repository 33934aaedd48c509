// `node bench/diagnose-fetch.mjs [n=200] [rounds=7]`: which part of upstream's instrumented fetch path costs
// main-thread CPU? One uninstrumented page runs a plain fetch loop and loops that add one piece each
// (trace header, clone + drain, per-request PerformanceObserver, 300 ms timer, resource-buffer scan),
// interleaved round by round; prints the median CPU (CDP ThreadTime) per request and the difference.
import { chromium } from 'playwright-core';
import { chromeArgs, findChrome } from '../scripts/find-chrome.mjs';
import { createPageRenderer } from './pages.mjs';
import { startServer } from './server.mjs';
import { buildUpstream } from './upstream/build.mjs';
const N = Number(process.argv[2] ?? 200);
const ROUNDS = Number(process.argv[3] ?? 7);
const pages = createPageRenderer({ upstreamBundle: await buildUpstream() });
const server = await startServer(pages.render);
const browser = await chromium.launch({ executablePath: findChrome(), args: chromeArgs });
const context = await browser.newContext();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
await page.goto(`${server.origin}/page/none`);
const cpu = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value * 1000;
const kinds = ['plain', 'headers', 'clone-drain', 'observer', 'timer300', 'getEntries', 'all'];
const results = Object.fromEntries(kinds.map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (const kind of kinds) {
    const before = await cpu();
    await page.evaluate(
      async ({ kind, N }) => {
        for (let i = 0; i < N; i++) {
          const url = `/api/d/${i}`;
          const init = {};
          if (kind === 'headers' || kind === 'all') {
            const h = new Headers(init.headers);
            h.set('traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
            init.headers = h;
          }
          let obs;
          if (kind === 'observer' || kind === 'all') {
            const entries = [];
            obs = new PerformanceObserver((l) =>
              l.getEntries().forEach((e) => {
                if (e.initiatorType === 'fetch' && e.name === url) entries.push(e);
              }),
            );
            obs.observe({ entryTypes: ['resource'] });
          }
          const response = await fetch(url, init);
          if (kind === 'clone-drain' || kind === 'all') {
            const reader = response.clone().body.getReader();
            const read = () =>
              reader.read().then(({ done }) => {
                if (!done) read();
              });
            read();
          }
          if (kind === 'timer300' || kind === 'all' || kind === 'observer')
            setTimeout(() => {
              obs?.disconnect();
            }, 300);
          if (kind === 'getEntries' || kind === 'all')
            setTimeout(() => {
              performance.getEntriesByType('resource');
            }, 0);
          await response.text();
        }
        await new Promise((r) => setTimeout(r, 400));
      },
      { kind, N },
    );
    results[kind].push((await cpu()) - before);
  }
}
const med = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s[s.length >> 1];
};
const base = med(results.plain) / N;
for (const k of kinds)
  console.log(k.padEnd(12), (med(results[k]) / N).toFixed(3), 'ms CPU/req', k === 'plain' ? '' : `(+${(med(results[k]) / N - base).toFixed(3)})`);
await browser.close();
await server.close();

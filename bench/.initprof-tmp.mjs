import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { chromeArgs, findChrome } from '../scripts/find-chrome.mjs';
import { createLookup } from './sourcemap.mjs';
const code = readFileSync('dist/otel-browser.min.js', 'utf8');
const look = createLookup(JSON.parse(readFileSync('dist/otel-browser.min.js.map', 'utf8')));
const html = `<!doctype html><html><head><script src="/b.js"></script><script>OtelBrowser.init({ endpoint: '/otlp/v1/traces', serviceName: 'p' });</script></head><body>x</body></html>`;
const server = createServer((req, res) => { req.resume(); if (req.url === '/b.js') return res.writeHead(200, {'Content-Type':'text/javascript'}).end(code); res.writeHead(200, {'Content-Type':'text/html'}).end(req.url === '/' ? html : '{}'); });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: findChrome(), args: chromeArgs, headless: true });
const incl = new Map(); const selfT = new Map(); let rounds = 12;
for (let r = 0; r < rounds; r++) {
  const ctx = await browser.newContext(); const page = await ctx.newPage(); const cdp = await ctx.newCDPSession(page);
  await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 50 }); await cdp.send('Profiler.start');
  await page.goto(origin + '/', { waitUntil: 'load' });
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => { const f = n.callFrame; const o = f.url.endsWith('/b.js') ? look(f.lineNumber, f.columnNumber) : null; return `${f.functionName || '(anon)'} ${o ? o.source.replace(/.*node_modules\//, '').replace('../', '') + ':' + o.line : (f.url ? f.url.slice(-12) : '')}`; };
  for (const n of profile.nodes) if (n.callFrame.url.endsWith('/b.js') && n.positionTicks) for (const t of n.positionTicks) {
    const o = look(t.line - 1, 0); const k = `line ${t.line} ${name(n)}`;
    globalThis.ticks ??= new Map(); globalThis.ticks.set(k, (globalThis.ticks.get(k) ?? 0) + t.ticks);
  }
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const seen = new Set();
    let n = byId.get(id);
    selfT.set(name(n), (selfT.get(name(n)) ?? 0) + dt);
    while (n) { const k = name(n); if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + dt); } n = byId.get(parent.get(n.id)); }
  });
  await ctx.close();
}
await browser.close(); server.close();
const show = (m, title) => { console.log(title); for (const [k, v] of [...m].filter(([k]) => !/^\((idle|program|root|garbage)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((v / rounds).toFixed(3).padStart(8), k); };
show(incl, 'inclusive ms per page load');
show(selfT, '\nself ms per page load');
console.log('\nposition ticks'); for (const [k, v] of [...globalThis.ticks ?? []].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(v, k);

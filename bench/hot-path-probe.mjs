// What one request runs and allocates, counted rather than timed (machine load does not move these):
// functions called per request, calls per request and the minified source those functions span (precise
// coverage call counts), and bytes allocated per request (the sampling heap profiler, counting objects
// the garbage collector has already freed), each attributed to source files through the bundle's map.
//
//   node bench/hot-path-probe.mjs [--kind xhr|fetch] [--n 300] [--top 15] bundle.js [bundle2.js ...]
//
// A bundle is any script that defines `OtelBrowser` (or the bench's `UpstreamOtel` or `BenchSdk`, built
// into bench/.cache by `npm run bench`), with its source map next to it (`bundle.js.map`). The page
// makes 50 requests first (lazily built parts, first-use compilation), then the counted `--n`.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromeArgs, findChrome } from '../scripts/find-chrome.mjs';
import { requestLoop } from './measure.mjs';
import { startServer } from './server.mjs';
import { createLookup } from './sourcemap.mjs';

const { values: flags, positionals: bundles } = parseArgs({
  allowPositionals: true,
  options: { kind: { type: 'string', default: 'xhr' }, n: { type: 'string', default: '300' }, top: { type: 'string', default: '15' } },
});
if (!bundles.length || !['xhr', 'fetch'].includes(flags.kind)) {
  console.error('usage: node bench/hot-path-probe.mjs [--kind xhr|fetch] [--n 300] [--top 15] bundle.js ...');
  process.exit(1);
}
const n = Number(flags.n);

const loop = (page, count, tag) => requestLoop(page, flags.kind, tag, count);
const settle = async (page) => {
  await page.waitForTimeout(1200);
  await page.evaluate(() => Promise.resolve(window.__handle?.forceFlush?.()).then(() => true));
};

/** Line starts of `code`, to turn coverage offsets into the (line, column) a source map reads. */
function positions(code) {
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return [low, offset - starts[low]];
  };
}

const top = (map, count) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count);

const browser = await chromium.launch({ executablePath: findChrome(), args: chromeArgs, headless: true });
try {
  for (const path of bundles) {
    const code = readFileSync(path, 'utf8');
    const lookup = existsSync(`${path}.map`) ? createLookup(JSON.parse(readFileSync(`${path}.map`, 'utf8'))) : () => undefined;
    const render = () =>
      `<!doctype html><html><head><meta charset="utf-8"><script src="/bundle/probe.js"></script><script>
window.__handle = (window.OtelBrowser || window.UpstreamOtel || window.BenchSdk).init({ endpoint: '/otlp/v1/traces', serviceName: 'hot-path' });
</script></head><body>hot path</body></html>`;
    const server = await startServer(render, { 'probe.js': () => code });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await page.goto(`${server.origin}/page/probe`, { waitUntil: 'load' });
      await loop(page, 50, 'warm');
      await settle(page);
      const where = (frame) => {
        const original = frame.url.includes('/bundle/') ? lookup(frame.lineNumber, frame.columnNumber) : undefined;
        return original ? original.source : frame.url ? basename(frame.url) : '(native)';
      };

      // Calls: coverage counts from here on (taking coverage resets them).
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
      await cdp.send('Profiler.takePreciseCoverage');
      await loop(page, n, 'calls');
      await settle(page);
      const { result } = await cdp.send('Profiler.takePreciseCoverage');
      await cdp.send('Profiler.stopPreciseCoverage');
      const position = positions(code);
      let functions = 0;
      let calls = 0;
      let sourceBytes = 0;
      const callsByFile = new Map();
      for (const script of result.filter((s) => s.url.includes('/bundle/'))) {
        for (const fn of script.functions) {
          const { startOffset, endOffset, count } = fn.ranges[0];
          if (count === 0) continue;
          calls += count;
          // Run by at least every other request: the per-request path.
          if (count >= n / 2) {
            functions++;
            sourceBytes += endOffset - startOffset;
          }
          const [line, column] = position(startOffset);
          const file = lookup(line, column)?.source ?? basename(script.url);
          callsByFile.set(file, (callsByFile.get(file) ?? 0) + count / n);
        }
      }

      // Allocation: every sampled allocation, also of objects already collected.
      await cdp.send('HeapProfiler.enable');
      await cdp.send('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      await loop(page, n, 'alloc');
      await settle(page);
      const { profile } = await cdp.send('HeapProfiler.stopSampling');
      let allocated = 0;
      const bytesByFile = new Map();
      const visit = (node) => {
        allocated += node.selfSize;
        const file = where(node.callFrame);
        bytesByFile.set(file, (bytesByFile.get(file) ?? 0) + node.selfSize / n);
        for (const child of node.children) visit(child);
      };
      visit(profile.head);

      console.log(`${path} (${flags.kind}, ${n} requests):`);
      console.log(`  functions run per request ${functions}, spanning ${sourceBytes} B of minified source; ${(calls / n).toFixed(0)} calls per request`);
      console.log(`  ${(allocated / n / 1024).toFixed(1)} KiB allocated per request (page and SDK together)`);
      console.log('  calls per request by file:');
      for (const [file, count] of top(callsByFile, Number(flags.top))) console.log(`    ${count.toFixed(1).padStart(7)}  ${file}`);
      console.log('  bytes allocated per request by file:');
      for (const [file, bytes] of top(bytesByFile, Number(flags.top))) console.log(`    ${bytes.toFixed(0).padStart(7)}  ${file}`);
    } finally {
      await context.close();
      await server.close();
    }
  }
} finally {
  await browser.close();
}

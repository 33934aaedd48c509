// Where the heap goes: loads one variant's bench page with the collector unreachable, takes a heap
// snapshot when idle and another after `--spans` CLIENT spans (as the benchmark's memory row makes them),
// and prints JSHeapUsedSize for both and the biggest differences by constructor (self size) between them.
//
//   node bench/heap-probe.mjs [--variant otel-browser] [--candidate path.min.js] [--spans 5000] [--wait 1500] [--up] [--top 25]
//   --up: the collector answers (the bench server's own endpoint) instead of the unreachable one.
//   --fetch N: N sequential fetches instead of the spans (then a settle and a flush), as the fetch loop row.
//   --against none: instead of idle vs after, compares this variant's idle page with another variant's.
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromeArgs, findChrome } from '../scripts/find-chrome.mjs';
import { endSpans } from './measure.mjs';
import { createPageRenderer } from './pages.mjs';
import { buildPeers } from './peers/build.mjs';
import { startServer } from './server.mjs';
import { buildUpstream } from './upstream/build.mjs';

const { values: flags } = parseArgs({
  options: {
    variant: { type: 'string', default: 'otel-browser' },
    candidate: { type: 'string' },
    spans: { type: 'string', default: '5000' },
    wait: { type: 'string', default: '1500' },
    up: { type: 'boolean', default: false },
    top: { type: 'string', default: '25' },
    fetch: { type: 'string' },
    against: { type: 'string' },
  },
});
const UNREACHABLE = 'http://127.0.0.1:9/v1/traces';

const pages = createPageRenderer({ upstreamBundle: await buildUpstream(), peerBundles: await buildPeers(), candidateBundle: flags.candidate });
const server = await startServer(pages.render, pages.files);
const browser = await chromium.launch({ executablePath: findChrome(), args: chromeArgs, headless: true });

/** Self size per node type and name in a heap snapshot. */
async function snapshot(cdp) {
  const chunks = [];
  const onChunk = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const { snapshot: meta, nodes, strings } = JSON.parse(chunks.join(''));
  const fields = meta.meta.node_fields;
  const types = meta.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const by = new Map();
  let total = 0;
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + typeAt]];
    const name =
      type === 'object' || type === 'closure' || type === 'native'
        ? strings[nodes[i + nameAt]]
        : type === 'string' || type === 'concatenated string' || type === 'sliced string'
          ? `(${type})`
          : `(${type}) ${strings[nodes[i + nameAt]]}`.slice(0, 60);
    const entry = by.get(name) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += nodes[i + sizeAt];
    total += nodes[i + sizeAt];
    by.set(name, entry);
  }
  return { by, total };
}

const used = async (cdp) => {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize').value;
};

/** A fresh page of `variant`, 400 ms after load; its CDP session. */
async function open(variant) {
  const endpoint = flags.up ? '' : `&endpoint=${encodeURIComponent(UNREACHABLE)}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${server.origin}/page/${variant}?service=probe${endpoint}`, { waitUntil: 'load' });
  await page.waitForTimeout(400);
  return { context, page, cdp };
}

async function fetches(page, n) {
  await page.evaluate(async (n) => {
    for (let i = 0; i < n; i++) await (await fetch(`/api/f/${i}`)).text();
  }, n);
  await page.waitForTimeout(700);
  await page.evaluate(() => window.__bench.handle?.forceFlush?.().then(() => undefined));
}

function print(before, after, label) {
  console.log(`snapshot self sizes: ${label[0]} ${(before.total / 1024).toFixed(0)} KiB, ${label[1]} ${(after.total / 1024).toFixed(0)} KiB`);
  const rows = [...new Set([...after.by.keys(), ...before.by.keys()])].map((name) => {
    const a = after.by.get(name) ?? { count: 0, bytes: 0 };
    const b = before.by.get(name) ?? { count: 0, bytes: 0 };
    return { name, count: a.count - b.count, kib: (a.bytes - b.bytes) / 1024 };
  });
  rows.sort((x, y) => Math.abs(y.kib) - Math.abs(x.kib));
  for (const r of rows.slice(0, Number(flags.top))) console.log(`${r.kib.toFixed(1).padStart(8)} KiB ${String(r.count).padStart(7)}  ${r.name}`);
}

try {
  if (flags.against) {
    const other = await open(flags.against);
    const otherUsed = await used(other.cdp);
    const otherSnap = await snapshot(other.cdp);
    await other.context.close();
    const mine = await open(flags.variant);
    const mineUsed = await used(mine.cdp);
    const mineSnap = await snapshot(mine.cdp);
    await mine.context.close();
    console.log(`idle JSHeapUsedSize: ${flags.against} ${(otherUsed / 1024).toFixed(0)} KiB, ${flags.variant} ${(mineUsed / 1024).toFixed(0)} KiB`);
    print(otherSnap, mineSnap, [flags.against, flags.variant]);
  } else {
    const { context, page, cdp } = await open(flags.variant);
    const idleUsed = await used(cdp);
    const idle = await snapshot(cdp);
    const work = flags.fetch ? `${flags.fetch} fetches` : `${flags.spans} spans`;
    if (flags.fetch) await fetches(page, Number(flags.fetch));
    else {
      await endSpans(page, Number(flags.spans));
      await page.waitForTimeout(Number(flags.wait));
    }
    const afterUsed = await used(cdp);
    const after = await snapshot(cdp);
    console.log(
      `${flags.variant}: JSHeapUsedSize idle ${(idleUsed / 1024).toFixed(0)} KiB, after ${work} ${(afterUsed / 1024).toFixed(0)} KiB (+${((afterUsed - idleUsed) / 1024).toFixed(0)})`,
    );
    print(idle, after, ['idle', 'after']);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

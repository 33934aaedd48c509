// Main-thread time per request in bursts, with every variant's page open at once and without DevTools'
// Network domain: the second view of per-request cost that `npm run bench` prints, and what
// bench/ab-probe.mjs measures.
//
// Why a second view. The rounds' loops run hundreds of requests back to back in a page Playwright drives,
// and Playwright always enables the Network domain, which makes the renderer record every request (and
// copy every request body) for DevTools: in one run here that added 0.31 ms to each XHR of the
// uninstrumented page, 0.075 ms more to ours (its export bodies are uncompressed) and 0.013 ms more to
// Elastic's. Pages in users' browsers have no DevTools attached. And an app's requests come in bursts,
// not hundreds back to back, and the two patterns rank SDKs differently (in one run Elastic's XHR cost
// 0.367 ms back to back and 0.692 ms in bursts, ours 0.552 and 0.538 ms; docs/performance.md).
//
// How. Chromium runs with `--remote-debugging-pipe` and only the Page, Runtime and Performance domains.
// Each set opens one page per variant (each in its own browser context), waits 3 s, then the
// requests alternate between the pages in blocks of `per` (the order reversed every other block), so the
// machine's drift hits every variant alike within seconds. Per page: the main thread's task time
// (TaskDuration) and CPU (ThreadTime) over all its blocks, a 1 s settle and a flush, divided by its
// requests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromeArgs, findChrome } from '../scripts/find-chrome.mjs';
import { pageRequestLoop } from './measure.mjs';
import { median } from './stats.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Chromium over `--remote-debugging-pipe` (fd 3 in, fd 4 out, messages ending in NUL). */
export async function launchRawChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'bench-raw-'));
  const chrome = spawn(findChrome(), [...chromeArgs, '--headless=new', '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => chrome.once('exit', resolve));
  const [input, output] = [chrome.stdio[3], chrome.stdio[4]];
  const pending = new Map();
  let nextId = 1;
  let buffer = '';
  output.on('data', (chunk) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      const waiter = pending.get(message.id);
      if (!waiter) continue;
      pending.delete(message.id);
      if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
      else waiter.resolve(message.result);
    }
  });
  const send = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject, method });
      input.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });

  return {
    /** A page in a browser context of its own, navigated to `url`; `network`: also enable the Network domain. */
    async open(url, { network = false } = {}) {
      const { browserContextId } = await send('Target.createBrowserContext');
      const { targetId } = await send('Target.createTarget', { url: 'about:blank', browserContextId });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      await send('Performance.enable', {}, sessionId);
      if (network) await send('Network.enable', {}, sessionId);
      await send('Page.navigate', { url }, sessionId);
      return {
        async evaluate(expression) {
          const result = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
          if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
          return result.result.value;
        },
        /** The main thread's CPU time (ThreadTime) and the wall time of its tasks (TaskDuration) so far, ms. */
        async times() {
          const { metrics } = await send('Performance.getMetrics', {}, sessionId);
          const ms = (name) => metrics.find((m) => m.name === name).value * 1000;
          return { cpu: ms('ThreadTime'), task: ms('TaskDuration') };
        },
        close: () => send('Target.disposeBrowserContext', { browserContextId }),
      };
    },
    async close() {
      chrome.kill();
      await exited;
      // Chromium's helper processes may still be writing to the profile as the browser exits.
      await sleep(500);
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch {
        // A temporary directory left behind is harmless.
      }
    },
  };
}

/**
 * Main-thread CPU and task time per request of each variant, in ms: `{ cpu: { [variant]: [one value per
 * set] }, task: { ... } }`.
 * @param {{ open: Function }} chromium from {@link launchRawChromium}
 * @param {string[]} variants their pages, `none` (the uninstrumented page) among them
 * @param {(variant: string, set: number) => string} urlOf the page of a variant in a set
 * @param {{ kind: 'fetch' | 'xhr', sets: number, blocks: number, per: number, flush: string, network?: Set<string> }} options
 *   `flush`: an expression that resolves once the page's SDK has sent what it holds
 */
export async function measureBursts(chromium, variants, urlOf, { kind, sets, blocks, per, flush, network = new Set() }) {
  const perRequest = { cpu: Object.fromEntries(variants.map((variant) => [variant, []])), task: Object.fromEntries(variants.map((variant) => [variant, []])) };
  for (let set = 0; set < sets; set++) {
    const pages = [];
    for (const variant of variants) pages.push({ variant, page: await chromium.open(urlOf(variant, set), { network: network.has(variant) }) });
    // Past every page's load and its page-load spans (and the peers' own post-load work).
    await sleep(3000);
    for (const entry of pages) entry.start = await entry.page.times();
    for (let block = 0; block < blocks; block++) {
      const loop = `(${pageRequestLoop})(${JSON.stringify({ kind, phase: `burst${block}`, n: per })})`;
      for (const { page } of block % 2 ? [...pages].reverse() : pages) await page.evaluate(loop);
    }
    await sleep(1000);
    for (const { page } of pages) await page.evaluate(flush);
    for (const { variant, page, start } of pages) {
      const end = await page.times();
      perRequest.cpu[variant].push((end.cpu - start.cpu) / (blocks * per));
      perRequest.task[variant].push((end.task - start.task) / (blocks * per));
      await page.close();
    }
  }
  return perRequest;
}

/** `results` per variant, each value minus the uninstrumented page's (`none`) of the same set: the medians over the sets. */
export function extraMedians(results) {
  const baseline = 'none' in results ? 'none' : Object.keys(results)[0];
  return Object.fromEntries(Object.entries(results).map(([variant, values]) => [variant, median(values.map((ms, set) => ms - results[baseline][set]))]));
}

/** Per variant: the extra main-thread CPU and task time per fetch and per XHR (medians over the sets). */
export function summariseBursts(bursts) {
  const summary = {};
  for (const kind of ['fetch', 'xhr']) {
    for (const measure of ['cpu', 'task']) {
      for (const [variant, ms] of Object.entries(extraMedians(bursts[kind][measure]))) {
        summary[variant] ??= {};
        summary[variant][`${kind}${measure === 'cpu' ? 'Cpu' : 'Task'}`] = ms;
      }
    }
  }
  return summary;
}

/** The bursts table, for bench/results/latest.md. */
export function burstsMarkdown({ summary, sets, blocks, per }) {
  const signed = (value) => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(3)}` : '–');
  const variants = Object.keys(summary).filter((variant) => variant !== 'none');
  return [
    `In bursts, without DevTools recording the requests (bench/bursts.mjs): ${sets} sets; in each, every variant's page open at once and ${blocks} blocks of ${per} requests alternating between them. Extra main-thread ms per request (TaskDuration, and CPU: ThreadTime; over the blocks, a 1 s settle and a flush), minus the uninstrumented page of the same set; medians over the sets.`,
    '',
    '| variant | extra main-thread ms per fetch (CPU) | extra main-thread ms per XHR (CPU) |',
    '|---|---:|---:|',
    ...variants.map(
      (variant) =>
        `| ${variant} | ${signed(summary[variant].fetchTask)} (${signed(summary[variant].fetchCpu)}) | ${signed(summary[variant].xhrTask)} (${signed(summary[variant].xhrCpu)}) |`,
    ),
    '',
  ].join('\n');
}

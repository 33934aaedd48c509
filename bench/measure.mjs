// One round's measurements, each page in a fresh browser context: init, the fetch and XHR loops (wall and
// main-thread time), what the collector received, what survives leaving the page, and the JS heap.
const SETTLE_MS = 700; // upstream fetch/XHR spans end ~300 ms after their response; give them time
const UNREACHABLE = 'http://127.0.0.1:9/v1/traces'; // the discard port: connection refused at once

/**
 * The renderer's counters so far (CDP Performance.getMetrics): TaskDuration is the wall time of its
 * main-thread tasks, ThreadTime the main thread's CPU time (steadier when other processes compete for
 * the CPU), both in seconds; JSHeapUsedSize in bytes.
 */
async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}
const metric = async (cdp, name) => (await metrics(cdp))[name] ?? NaN;

/** Loads `url` in a fresh browser context; `profileInit`: also profile the page load (`init`). */
async function openPage(browser, url, profile, profileInit = false) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const profiler = profile?.(cdp);
  if (profileInit) await profiler?.start();
  await page.goto(url, { waitUntil: 'load' });
  if (profileInit) await profiler?.stop('init');
  // The page-load spans end after `load`; let them, and the first export timer, settle.
  await page.waitForTimeout(400);
  // CPU spent by the page's main thread so far: loading, init, the page-load spans.
  const loadCpuMs = (await metric(cdp, 'ThreadTime')) * 1000;
  return { context, page, cdp, profiler, loadCpuMs };
}

/**
 * In the page: `n` sequential requests of `kind` ('fetch' | 'xhr') to /api/<phase>/<i>; resolves to wall
 * ms. Self-contained, as it runs from its source: here through Playwright, in bench/bursts.mjs over a raw
 * DevTools pipe.
 */
export async function pageRequestLoop({ kind, phase, n }) {
  const xhr = (url) =>
    new Promise((resolve) => {
      const request = new XMLHttpRequest();
      request.open('GET', url);
      request.onloadend = resolve;
      request.send();
    });
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    if (kind === 'fetch') await (await fetch(`/api/${phase}/${i}`)).text();
    else await xhr(`/api/${phase}/${i}`);
  }
  return performance.now() - start;
}

/** Runs {@link pageRequestLoop} in a Playwright page; resolves to wall ms. */
export function requestLoop(page, kind, phase, n) {
  return page.evaluate(pageRequestLoop, { kind, phase, n });
}

const flush = (page) => page.evaluate(() => window.__bench.handle?.forceFlush?.().then(() => undefined));

/** Wall and main-thread time of one loop; `settled` also counts the deferred span work and the flush. */
async function timedLoop(page, cdp, kind, phase, n, profiler) {
  await profiler?.start();
  const before = await metrics(cdp);
  const wallMs = await requestLoop(page, kind, phase, n);
  const afterLoop = await metrics(cdp);
  await page.waitForTimeout(SETTLE_MS);
  await flush(page);
  const afterSettle = await metrics(cdp);
  await profiler?.stop(`${kind}`);
  const ms = (after, name) => (after[name] - before[name]) * 1000;
  return {
    wallMs,
    mainMs: ms(afterLoop, 'TaskDuration'),
    settledMainMs: ms(afterSettle, 'TaskDuration'),
    cpuMs: ms(afterLoop, 'ThreadTime'),
    settledCpuMs: ms(afterSettle, 'ThreadTime'),
  };
}

/**
 * One round. Each variant's fetch loop, then each variant's XHR loop, back to back, each on a freshly
 * loaded page in its own browser context: the loops that the summary pairs with the uninstrumented
 * page's run seconds apart, so the machine's drift hits them alike (and no other page is open to add
 * its own deferred work). Then per variant: what the collector received, what survives leaving the page,
 * and the JS heap. Init is read on each variant's first page.
 * @param {import('playwright-core').Browser} browser
 * @param {{ origin: string, collected: Function }} server
 * @param {string[]} order the variants in this round's order
 * @param {{ n: number, leaveN: number, spans: number, serviceOf: (variant: string) => string, profileOf?: (variant: string) => ((cdp) => object) | undefined }} options
 */
export async function measureRound(browser, server, order, { n, leaveN, spans, serviceOf, profileOf }) {
  const results = Object.fromEntries(order.map((variant) => [variant, { variant }]));
  const pageUrl = (variant) => `${server.origin}/page/${variant}?service=${serviceOf(variant)}`;
  for (const [kind, phase] of [
    ['fetch', 'f'],
    ['xhr', 'x'],
  ]) {
    for (const variant of order) {
      const first = kind === 'fetch';
      const { context, page, cdp, profiler, loadCpuMs } = await openPage(browser, pageUrl(variant), profileOf?.(variant), first);
      try {
        if (first) results[variant].init = { ...(await readInit(page)), loadCpuMs };
        results[variant][kind] = await timedLoop(page, cdp, kind, phase, n, profiler);
        // What the page holds after the loop's spans have been sent: JS heap after two forced GCs.
        if (first) results[variant][kind].heapAfterBytes = await heapAfterGc(cdp);
      } finally {
        await context.close();
      }
    }
  }
  for (const variant of order) {
    const result = results[variant];
    const service = serviceOf(variant);
    const got = server.collected(service);
    result.export = {
      requests: got.requests,
      bytes: got.bytes,
      rawBytes: got.rawBytes,
      gzipBytes: got.gzipBytes,
      logRequests: got.logRequests,
      logBytes: got.logBytes,
      logRecords: got.logRecords,
      spans: got.spans,
      fetchSpans: got.byPhase.f ?? 0,
      xhrSpans: got.byPhase.x ?? 0,
      expected: variant === 'none' ? 0 : 2 * n,
    };
    // Leave the page right after a burst of requests, as users do: what reaches the collector?
    const { context, page } = await openPage(browser, pageUrl(variant));
    try {
      await requestLoop(page, 'fetch', 'leave', leaveN);
      await page.goto('about:blank');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      result.leave = { sent: variant === 'none' ? 0 : leaveN, arrived: server.collected(service).byPhase.leave ?? 0 };
    } finally {
      await context.close();
    }
    result.memory = await measureMemory(browser, server, variant, spans, `${service}-mem`);
  }
  return results;
}

/** Init as the page recorded it: evaluate + init(), init() alone, long tasks during start-up. */
function readInit(page) {
  return page.evaluate(() => {
    const { t0, tEval, tInit, t1, longTasks } = window.__bench;
    const during = longTasks.filter(([start, duration]) => start < t1 && start + duration > t0);
    // evaluate + init(): from the bundle's first statement (none: from the init script) to init's return.
    const start = tEval ?? tInit;
    return { ms: t1 - start, initCallMs: t1 - tInit, longTasks: during.length, longTaskMs: during.reduce((sum, [, d]) => sum + d, 0) };
  });
}

/** JSHeapUsedSize after two forced garbage collections. */
async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return metric(cdp, 'JSHeapUsedSize');
}

/** Ends `count` spans in the page as the memory row makes them (also used by bench/heap-probe.mjs). */
export function endSpans(page, count) {
  return page.evaluate(async (count) => {
    // Elastic has no OpenTelemetry tracer: its entry makes its own unit of work (bench/peers/elastic-entry.mjs).
    const make = window.BenchSdk?.makeSpan;
    const api = window.OtelBrowser?.trace ?? window.UpstreamOtel?.trace ?? window.BenchSdk?.trace;
    if (!api && !make) return;
    const tracer = api?.getTracer('bench');
    for (let i = 0; i < count; i++) {
      if (make) {
        make(i);
        if (i % 500 === 499) await new Promise((resolve) => setTimeout(resolve, 0));
        continue;
      }
      // Shaped like a fetch span: CLIENT kind, the stable HTTP attributes.
      const span = tracer.startSpan('GET', {
        kind: 2,
        attributes: {
          'http.request.method': 'GET',
          'url.full': `${location.origin}/api/m/${i}`,
          'server.address': location.hostname,
          'server.port': Number(location.port),
          'http.response.status_code': 200,
        },
      });
      span.end();
      if (i % 500 === 499) await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }, count);
}

/** JS heap after GC: idle after init, and after `count` spans with the collector unreachable. */
async function measureMemory(browser, server, variant, count, service) {
  const url = `${server.origin}/page/${variant}?service=${service}&endpoint=${encodeURIComponent(UNREACHABLE)}`;
  const { context, page, cdp } = await openPage(browser, url);
  const heap = () => heapAfterGc(cdp);
  try {
    const idleBytes = await heap();
    await endSpans(page, count);
    await page.waitForTimeout(1500); // failed exports, retries
    return { idleBytes, afterSpansBytes: await heap() };
  } finally {
    await context.close();
  }
}

// Turns the rounds into medians and paired ratios against the uninstrumented page, and renders them.

export const median = (values) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const sum = (values) => values.reduce((a, b) => a + b, 0);

/**
 * @param {Array<Record<string, object>>} rounds each round: { [variant]: measureRound() result }
 * @param {{ n: number, leaveN: number, spans: number }} options
 */
export function summarise(rounds, { n }) {
  const variants = Object.keys(rounds[0]);
  const summary = {};
  for (const variant of variants) {
    const runs = rounds.map((round) => round[variant]);
    const base = rounds.map((round) => round.none);
    const paired = (pick) => median(runs.map((run, i) => pick(run) - pick(base[i])));
    const ratio = (pick) => median(runs.map((run, i) => pick(run) / pick(base[i])));
    const perRequest = (kind) => ({
      wallMsPerRequest: median(runs.map((r) => r[kind].wallMs / n)),
      wallRatio: ratio((r) => r[kind].wallMs),
      mainMsPerRequest: median(runs.map((r) => r[kind].mainMs / n)),
      extraMainMsPerRequest: paired((r) => r[kind].mainMs) / n,
      extraMainMsPerRequestSettled: paired((r) => r[kind].settledMainMs) / n,
      extraCpuMsPerRequest: paired((r) => r[kind].cpuMs) / n,
      extraCpuMsPerRequestSettled: paired((r) => r[kind].settledCpuMs) / n,
    });
    const exported = runs.map((r) => r.export);
    const spans = sum(exported.map((e) => e.spans));
    summary[variant] = {
      fetch: perRequest('fetch'),
      xhr: perRequest('xhr'),
      init: {
        ms: median(runs.map((r) => r.init.ms)),
        initCallMs: median(runs.map((r) => r.init.initCallMs)),
        longTasks: median(runs.map((r) => r.init.longTasks)),
        longTaskMs: median(runs.map((r) => r.init.longTaskMs)),
        extraLoadCpuMs: paired((r) => r.init.loadCpuMs),
      },
      export: {
        bytesPerSpan: spans ? sum(exported.map((e) => e.bytes)) / spans : NaN,
        rawBytesPerSpan: spans ? sum(exported.map((e) => e.rawBytes)) / spans : NaN,
        gzipBytesPerSpan: spans ? sum(exported.map((e) => e.gzipBytes)) / spans : NaN,
        logRecordsPerRound: median(exported.map((e) => e.logRecords)),
        logRequestsPerRound: median(exported.map((e) => e.logRequests)),
        requestsPer1000Spans: spans ? (1000 * sum(exported.map((e) => e.requests))) / spans : NaN,
        loopSpansArrived: sum(exported.map((e) => e.fetchSpans + e.xhrSpans)),
        loopSpansExpected: sum(exported.map((e) => e.expected)),
      },
      leave: { arrived: sum(runs.map((r) => r.leave.arrived)), sent: sum(runs.map((r) => r.leave.sent)) },
      memory: {
        extraAfterFetchLoopBytes: paired((r) => r.fetch.heapAfterBytes),
        extraIdleBytes: paired((r) => r.memory.idleBytes),
        extraAfterSpansBytes: paired((r) => r.memory.afterSpansBytes),
      },
    };
  }
  return summary;
}

const f = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const mib = (bytes) => (Number.isFinite(bytes) ? `${bytes >= 0 ? '+' : ''}${(bytes / 1048576).toFixed(2)} MiB` : '–');
const signed = (value, digits = 3) => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(digits)}` : '–');

/** The markdown report: two tables and how they were measured. */
export function toMarkdown({ meta, summary, bundles }) {
  const names = Object.keys(summary);
  const lines = [
    `Measured ${meta.date} on ${meta.machine}; ${meta.browser}; \`${meta.command}\``,
    `(${meta.rounds} rounds, variants interleaved; ${meta.n} sequential requests per loop; medians; ratios and "extra" are paired with the uninstrumented page of the same round; load average ${meta.loadAverage}).`,
    '',
    `| variant | gzip KiB | fetch wall ratio | extra main-thread ms per fetch | extra main-thread ms per XHR | evaluate + init ms | heap after GC: ${meta.n}-fetch loop | heap after GC: ${meta.spans.toLocaleString('en')} spans, collector down | wire bytes per span (as sent / JSON / gzip) | page-exit delivery |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...names.map((name) => {
      const s = summary[name];
      if (name === 'none') return `| none | – | 1.00 | – | – | ${f(s.init.ms)} | – | – | – | – |`;
      const e = s.export;
      return `| ${name} | ${bundles[name] ? f(bundles[name].gzip / 1024, 1) : '–'} | ${f(s.fetch.wallRatio)} | ${signed(s.fetch.extraMainMsPerRequest)} | ${signed(s.xhr.extraMainMsPerRequest)} | ${f(s.init.ms)} | ${mib(s.memory.extraAfterFetchLoopBytes)} | ${mib(s.memory.extraAfterSpansBytes)} | ${f(e.bytesPerSpan, 0)} / ${f(e.rawBytesPerSpan, 0)} / ${f(e.gzipBytesPerSpan, 0)} | ${s.leave.arrived} / ${s.leave.sent} |`;
    }),
    '',
    'Details:',
    '',
    '| variant | bundle gzip KiB | fetch ms/req | fetch wall ratio | fetch extra main-thread ms/req (loop / incl. deferred) | fetch extra main-thread CPU ms/req (loop / incl. deferred) | XHR wall ratio | XHR extra main-thread ms/req (loop / incl. deferred) | XHR extra main-thread CPU ms/req (loop / incl. deferred) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const name of names) {
    const s = summary[name];
    lines.push(
      `| ${name} | ${bundles[name] ? f(bundles[name].gzip / 1024, 1) : '–'} | ${f(s.fetch.wallMsPerRequest, 3)} | ${f(s.fetch.wallRatio)} | ${signed(s.fetch.extraMainMsPerRequest)} / ${signed(s.fetch.extraMainMsPerRequestSettled)} | ${signed(s.fetch.extraCpuMsPerRequest)} / ${signed(s.fetch.extraCpuMsPerRequestSettled)} | ${f(s.xhr.wallRatio)} | ${signed(s.xhr.extraMainMsPerRequest)} / ${signed(s.xhr.extraMainMsPerRequestSettled)} | ${signed(s.xhr.extraCpuMsPerRequest)} / ${signed(s.xhr.extraCpuMsPerRequestSettled)} |`,
    );
  }
  lines.push(
    '',
    '| variant | init ms (evaluate + init()) | of which init() | long tasks in init | extra main-thread CPU ms for the page load | bytes per span on the wire | requests per 1000 spans | loop spans arrived | spans arrived when the page was left right after a burst | extra JS heap after init | extra JS heap after 5,000 spans, collector down |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const name of names) {
    const s = summary[name];
    const none = name === 'none';
    lines.push(
      `| ${name} | ${f(s.init.ms)} | ${f(s.init.initCallMs)} | ${f(s.init.longTasks, 0)} | ${none ? '–' : signed(s.init.extraLoadCpuMs, 1)} | ${none ? '–' : f(s.export.bytesPerSpan, 0)} | ${none ? '–' : f(s.export.requestsPer1000Spans, 1)} | ${none ? '–' : `${s.export.loopSpansArrived} / ${s.export.loopSpansExpected}`} | ${none ? '–' : `${s.leave.arrived} / ${s.leave.sent}`} | ${none ? '–' : mib(s.memory.extraIdleBytes)} | ${none ? '–' : mib(s.memory.extraAfterSpansBytes)} |`,
    );
  }
  lines.push(
    '',
    'Wire bytes: request bodies as sent (compressed where the SDK compresses them: Elastic does), decoded (JSON / NDJSON), and that decoded body gzipped here at level 6 (the same compression for everyone). Elastic counts transactions and spans as units; the official SDK also sends log records (browser events) beside its spans, not counted per span. ' +
      'Main-thread time is the CDP `Performance.getMetrics` TaskDuration delta (wall time of the renderer main thread\'s tasks), main-thread CPU its ThreadTime delta (steadier on a busy machine): "loop" over the requests alone, "incl. deferred" until every span has ended and been flushed (upstream ends fetch/XHR spans ~300 ms after the response). Init: the bundles are loaded by `<script src>`; evaluate + init() is main-thread time from the bundle\'s first statement to init()\'s return. Page-load CPU is the main thread\'s CPU from navigation to 400 ms after `load` (compiling included). Heap is `JSHeapUsedSize` after two forced GCs.',
  );
  return `${lines.join('\n')}\n`;
}

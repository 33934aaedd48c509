// A/B probe of main-thread time and CPU per request, for changes too small for `npm run bench`'s rounds
// to see.
//
//   node bench/ab-probe.mjs [--kind xhr|fetch] [--sets 4] [--blocks 30] [--per 20] [--network a,b] name=bundle.js[#{"init":"options"}] ...
//
// The measurement is `npm run bench`'s bursts (bench/bursts.mjs): every variant's page and the
// uninstrumented one open at once, requests alternating between them in blocks, no DevTools Network
// domain; `--network a,b` enables it for those variants' pages (`name=` may repeat a bundle, and
// `name=` with no bundle is another uninstrumented page). Printed: main-thread task time (CDP
// TaskDuration) and CPU (ThreadTime) per request per set, and the median over the sets of each variant
// minus the uninstrumented page of the same set.
//
// A variant is any script that defines `OtelBrowser` (or the bench's `UpstreamOtel` or `BenchSdk`, built
// into bench/.cache by `npm run bench`); `#{...}` is merged into the init() options. Knock-out builds (one
// step of the span path stubbed out) measure what that step costs; a bundle against itself shows the
// noise (two copies of one bundle differed by 0.01 ms in the median here).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { extraMedians, launchRawChromium, measureBursts } from './bursts.mjs';
import { startServer } from './server.mjs';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    kind: { type: 'string', default: 'xhr' },
    sets: { type: 'string', default: '4' },
    blocks: { type: 'string', default: '30' },
    per: { type: 'string', default: '20' },
    network: { type: 'string', default: '' },
  },
});
if (!positionals.length || !['xhr', 'fetch'].includes(flags.kind)) {
  console.error('usage: node bench/ab-probe.mjs [--kind xhr|fetch] [--sets N] [--blocks N] [--per N] [--network a,b] name=bundle.js[#{"init":"options"}] ...');
  process.exit(1);
}

const variants = [
  { name: 'none' },
  ...positionals.map((arg) => {
    const [name, rest = ''] = arg.split(/=(.*)/s);
    const [path, config] = rest.split(/#(.*)/s);
    return { name, path, config: config ? JSON.parse(config) : {} };
  }),
];
const files = {};
for (const { name, path } of variants) {
  if (!path) continue;
  const code = readFileSync(path, 'utf8');
  files[`${name}.js`] = () => code;
}
const render = (name) => {
  const variant = variants.find((v) => v.name === name);
  if (!variant?.path) return '<!doctype html><html><head><meta charset="utf-8"></head><body>none</body></html>';
  const options = { endpoint: '/otlp/v1/traces', serviceName: `ab-${name}`, ...variant.config };
  return `<!doctype html><html><head><meta charset="utf-8"><script src="/bundle/${name}.js"></script>
<script>window.__handle = (window.OtelBrowser || window.UpstreamOtel || window.BenchSdk).init(${JSON.stringify(options)});</script></head><body>${name}</body></html>`;
};

const server = await startServer(render, files);
const chromium = await launchRawChromium();
let perRequest;
try {
  perRequest = await measureBursts(
    chromium,
    variants.map((v) => v.name),
    (name) => `${server.origin}/page/${name}`,
    {
      kind: flags.kind,
      sets: Number(flags.sets),
      blocks: Number(flags.blocks),
      per: Number(flags.per),
      flush: 'Promise.resolve(window.__handle?.forceFlush?.()).then(() => true)',
      network: new Set(flags.network.split(',').filter(Boolean)),
    },
  );
} finally {
  await chromium.close();
  await server.close();
}

const { cpu, task } = perRequest;
console.log(
  `main-thread ms per ${flags.kind}, ${flags.sets} sets of ${flags.blocks} x ${flags.per} requests: task time (CPU); extra = minus the uninstrumented page of the same set, median over the sets`,
);
const [taskExtra, cpuExtra] = [extraMedians(task), extraMedians(cpu)];
for (const { name } of variants) {
  const cells = cpu[name].map((ms, set) => `${task[name][set].toFixed(3)} (${ms.toFixed(3)})`).join(' ');
  console.log(`${name.padEnd(14)} ${cells}   extra ${taskExtra[name].toFixed(3)} (${cpuExtra[name].toFixed(3)})`);
}

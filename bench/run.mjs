// `npm run bench`: headless Chromium loads the same page uninstrumented, with otel-browser and with plain
// upstream OpenTelemetry, round by round (the order rotates each round so drift and order effects cancel;
// within a round the variants' fetch loops run back to back, then their XHR loops, each on a fresh page),
// and writes bench/results/latest.json and latest.md. Never part of `npm test`.
//
//   npm run bench -- [--rounds 7] [--n 500] [--leave 100] [--spans 5000] [--variants none,otel-browser,otel-browser-npm,upstream,elastic,official]
//                    [--candidate path/to/otel-browser.min.js]   (adds variant `candidate`: another build to compare)
//                    [--no-build] [--profile]   (--profile: one round with CPU profiles, see profile.mjs)
//                    [--paint-rounds 11] [--paint-chunks 1] [--paint-only]   (first paint, see paint.mjs; 0 rounds skips it)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromeArgs, findChrome } from '../scripts/find-chrome.mjs';
import { measureRound } from './measure.mjs';
import { createPageRenderer } from './pages.mjs';
import { measurePaint, paintMarkdown, paintVariants } from './paint.mjs';
import { createProfiler, summariseProfiles } from './profile.mjs';
import { startServer } from './server.mjs';
import { summarise, toMarkdown } from './stats.mjs';
import { buildPeers } from './peers/build.mjs';
import { buildUpstream } from './upstream/build.mjs';
import { burstsMarkdown, launchRawChromium, measureBursts, summariseBursts } from './bursts.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    n: { type: 'string', default: '500' },
    leave: { type: 'string', default: '100' },
    spans: { type: 'string', default: '5000' },
    variants: { type: 'string', default: 'none,otel-browser,otel-browser-npm,upstream,elastic,official' },
    candidate: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'paint-rounds': { type: 'string', default: '11' },
    'paint-chunks': { type: 'string', default: '1' },
    'paint-only': { type: 'boolean', default: false },
    'burst-sets': { type: 'string', default: '4' },
  },
});
const paintOptions = { rounds: flags.profile ? 0 : Number(flags['paint-rounds']), chunks: Number(flags['paint-chunks']) };
const burstOptions = { sets: flags.profile || flags['paint-only'] ? 0 : Number(flags['burst-sets']), blocks: 30, per: 20 };
const options = {
  rounds: flags.profile ? 1 : flags['paint-only'] ? 0 : Number(flags.rounds),
  n: Number(flags.n),
  leaveN: Number(flags.leave),
  spans: Number(flags.spans),
};
const variants = flags.variants.split(',');
const unknown = variants.filter(
  (v) => !['none', 'otel-browser', 'otel-browser-zone', 'otel-browser-npm', 'upstream', 'elastic', 'official', 'candidate'].includes(v),
);
if (unknown.length) {
  console.error(
    `bench: unknown variant ${unknown.join(', ')}; known: none, otel-browser, otel-browser-zone (when built), otel-browser-npm, upstream, elastic, official, candidate (with --candidate)`,
  );
  process.exit(1);
}
if (flags.candidate && !variants.includes('candidate')) variants.push('candidate');
if (!variants.includes('none')) variants.unshift('none'); // everything is paired with it

const executablePath = findChrome();
if (!executablePath) {
  console.error('bench: no Chromium found; set CHROME_PATH (see scripts/find-chrome.mjs).');
  process.exit(1);
}
if (!flags['no-build'] && spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
const upstreamBundle = await buildUpstream();
const peerBundles = await buildPeers();
const pages = createPageRenderer({ upstreamBundle, peerBundles, candidateBundle: flags.candidate, external: flags.profile });
const missing = variants.filter((v) => !pages.available.includes(v));
if (missing.length) {
  console.error(`bench: no bundle for ${missing.join(', ')} (otel-browser-zone needs dist/otel-browser.zone.min.js; candidate needs --candidate)`);
  process.exit(1);
}
const server = await startServer(pages.render, pages.files);
const browser = await chromium.launch({ executablePath, args: chromeArgs, headless: true });
const started = Date.now();
const loadAtStart = os.loadavg()[0];
const rounds = [];
const profiles = [];
let paint;
let bursts;
try {
  for (let round = 0; round < options.rounds; round++) {
    const order = variants.map((_, i) => variants[(i + round) % variants.length]);
    const results = await measureRound(browser, server, order, {
      ...options,
      serviceOf: (variant) => `bench-${variant}-${round}`,
      profileOf: flags.profile ? (variant) => (cdp) => createProfiler(cdp, variant, profiles) : undefined,
    });
    rounds.push(Object.fromEntries(variants.map((v) => [v, results[v]])));
    process.stdout.write(`round ${round + 1}/${options.rounds} done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  if (burstOptions.sets > 0) {
    const raw = await launchRawChromium();
    try {
      bursts = { ...burstOptions };
      for (const kind of ['fetch', 'xhr']) {
        bursts[kind] = await measureBursts(raw, variants, (variant, set) => `${server.origin}/page/${variant}?service=bench-${variant}-burst-${set}`, {
          ...burstOptions,
          kind,
          flush: 'Promise.resolve(window.__bench.handle?.forceFlush?.()).then(() => true)',
        });
      }
    } finally {
      await raw.close();
    }
    process.stdout.write(`bursts done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  if (paintOptions.rounds > 0) {
    paint = await measurePaint(browser, startServer, paintVariants({ ...peerBundles, upstream: upstreamBundle }), paintOptions);
    process.stdout.write(`first paint done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
} finally {
  const version = browser.version();
  await browser.close();
  await server.close();
  options.browser = `Chromium ${version} headless`;
}

if (flags.profile) {
  summariseProfiles(profiles, { n: options.n, sourceMapFor: pages.sourceMapFor });
  process.exit(0);
}

mkdirSync(`${root}bench/results`, { recursive: true });
const paintTable = paint ? paintMarkdown(paint, paintOptions) : '';
if (flags['paint-only']) {
  const header = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${options.browser}; \`npm run bench -- ${process.argv.slice(2).join(' ')}\`, load average ${os.loadavg()[0].toFixed(1)}.\n\n`;
  writeFileSync(`${root}bench/results/paint.md`, header + paintTable);
  writeFileSync(`${root}bench/results/paint.json`, `${JSON.stringify(paint, null, 2)}\n`);
  console.log(`\n${header}${paintTable}\nwrote bench/results/paint.md and paint.json`);
  process.exit(0);
}

const bundles = Object.fromEntries(
  variants
    .filter((v) => v !== 'none')
    .map((v) => {
      const code = pages.bundleCode(v);
      return [v, { min: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length }];
    }),
);
const cpu = os.cpus();
const meta = {
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  machine: `${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${os.type()} ${os.release()}, Node ${process.version}`,
  browser: options.browser,
  command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
  rounds: options.rounds,
  n: options.n,
  leaveN: options.leaveN,
  spans: options.spans,
  loadAverage: `${loadAtStart.toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at end`,
  seconds: Math.round((Date.now() - started) / 1000),
  version: JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version,
};
const summary = summarise(rounds, options);
if (bursts) bursts.summary = summariseBursts(bursts);
const markdown = toMarkdown({ meta, summary, bundles }) + (bursts ? `\n${burstsMarkdown(bursts)}` : '') + (paint ? `\n${paintTable}` : '');
writeFileSync(`${root}bench/results/latest.json`, `${JSON.stringify({ meta, bundles, summary, bursts, paint, rounds }, null, 2)}\n`);
writeFileSync(`${root}bench/results/latest.md`, markdown);
console.log(`\n${markdown}\nwrote bench/results/latest.json and bench/results/latest.md (${meta.seconds} s)`);

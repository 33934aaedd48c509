// `npm run bench -- --profile`: CPU profiles (CDP Profiler, 100 µs sampling) of each variant's page load
// (init) and its fetch and XHR loops including their deferred work; writes bench/results/profile-<variant>-<loop>.cpuprofile
// (open in Chrome DevTools) and prints the functions with the most self time per request, mapped
// through the bundles' source maps to the original files, and the same self time summed per source file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createLookup } from './sourcemap.mjs';

const resultsDir = new URL('./results/', import.meta.url).pathname;
const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

/** Starts/stops the CDP profiler around one loop; stopped profiles are appended to `profiles`. */
export function createProfiler(cdp, variant, profiles) {
  return {
    async start() {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    },
    async stop(label) {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(`${resultsDir}profile-${variant}-${label}.cpuprofile`, JSON.stringify(profile));
      profiles.push({ variant, label, profile });
    },
  };
}

/** Self time (ms) per function, keyed by its original location where a source map knows it. */
function selfTimes(profile, sourceMapFor) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const lookups = new Map();
  const files = new Map();
  const nameOf = (frame) => {
    if (IDLE.has(frame.functionName)) return [frame.functionName];
    if (!lookups.has(frame.url)) {
      const map = frame.url ? sourceMapFor(frame.url) : undefined;
      lookups.set(frame.url, map ? createLookup(map) : undefined);
    }
    const original = lookups.get(frame.url)?.(frame.lineNumber, frame.columnNumber);
    const file = original ? original.source.replace(/^.*node_modules\//, '') : frame.url.replace(/^https?:\/\/[^/]+/, '') || '(native)';
    const where = original ? `${original.source}:${original.line}` : `${frame.url.replace(/^https?:\/\/[^/]+/, '') || '(native)'}:${frame.lineNumber + 1}`;
    return [`${frame.functionName || '(anonymous)'} ${where}`, file];
  };
  const totals = new Map();
  profile.samples.forEach((id, i) => {
    const [key, file] = nameOf(byId.get(id).callFrame);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totals.set(key, (totals.get(key) ?? 0) + ms);
    if (file) files.set(file, (files.get(file) ?? 0) + ms);
  });
  return { totals, files };
}

/** Prints, per variant and loop, the busy time per request and the top functions by self time. */
export function summariseProfiles(profiles, { n, sourceMapFor, top = 20 }) {
  for (const { variant, label, profile } of profiles) {
    const { totals, files } = selfTimes(profile, sourceMapFor);
    const busy = [...totals].filter(([key]) => !IDLE.has(key));
    const busyMs = busy.reduce((sum, [, ms]) => sum + ms, 0);
    const per = label === 'init' ? 1 : n;
    const unit = label === 'init' ? 'ms' : 'ms/req';
    console.log(
      `\n${variant} ${label}: ${(busyMs / per).toFixed(3)} ${unit} of JS (${busyMs.toFixed(0)} ms in all; GC ${(totals.get('(garbage collector)') ?? 0).toFixed(0)} ms)`,
    );
    for (const [key, ms] of busy.sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`  ${(ms / per).toFixed(4).padStart(8)} ${unit}  ${key}`);
    }
    // The same self time attributed to source files (through the source maps), to see which parts cost.
    console.log(`  by source file:`);
    for (const [file, ms] of [...files].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`  ${(ms / per).toFixed(4).padStart(8)} ${unit}  ${file}`);
    }
  }
}

// Bundles the peer entries the way an app ships them: esbuild, `--bundle --minify --format=iife
// --target=es2017`, browser builds, each defining `window.BenchSdk`. The official browser SDK needs an
// OpenTelemetry line of its own (0.222 / 0.220 instrumentation packages beside our root's 0.223), so its
// packages are installed at bench time into bench/.cache/peers from bench/peers/package-lock.json,
// never into the root node_modules.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const here = new URL('.', import.meta.url).pathname;
const root = new URL('../..', import.meta.url).pathname;
const cache = `${root}bench/.cache/peers`;

/** Installs the official SDK's packages into bench/.cache/peers unless the same lockfile is there already. */
function installPeers() {
  const lock = readFileSync(`${here}package-lock.json`, 'utf8');
  const installed = `${cache}/node_modules/.package-lock.json`;
  if (existsSync(installed) && existsSync(`${cache}/package-lock.json`) && readFileSync(`${cache}/package-lock.json`, 'utf8') === lock) return;
  mkdirSync(cache, { recursive: true });
  copyFileSync(`${here}package.json`, `${cache}/package.json`);
  copyFileSync(`${here}package-lock.json`, `${cache}/package-lock.json`);
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: cache, stdio: 'inherit' });
  if (ci.status !== 0) throw new Error('bench: installing the peers into bench/.cache/peers failed');
}

async function bundle(entry, outfile, options = {}) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2017',
    platform: 'browser',
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'error',
    ...options,
  });
  return outfile;
}

/** Builds every peer bundle; resolves to { variant: path }. */
export async function buildPeers() {
  installPeers();
  // The official SDK's entry is bundled from inside the cache, so its imports resolve to the cache's packages.
  copyFileSync(`${here}official-entry.mjs`, `${cache}/official-entry.mjs`);
  const out = `${root}bench/.cache`;
  const [npm, elastic, official] = await Promise.all([
    // `otel-browser` resolves as an app's would: the package's exports map, here the root package.
    bundle(`${here}npm-entry.mjs`, `${out}/otel-browser-npm.min.js`, { alias: { 'otel-browser': root } }),
    bundle(`${here}elastic-entry.mjs`, `${out}/elastic.min.js`),
    bundle(`${cache}/official-entry.mjs`, `${out}/official.min.js`),
  ]);
  return { 'otel-browser-npm': npm, elastic, official };
}

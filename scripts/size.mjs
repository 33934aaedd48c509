// `npm run size`: builds, then prints the minified, gzip -9 and brotli size of every shipped bundle,
// what each dependency contributes to it, and fails when a bundle is over its budget in
// size-budgets.json. Flags: --no-build (measure dist/ as it is), --json (machine-readable output),
// --files (break bundles down by source file instead of by package).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { bundleAsApp, bundleWithEsbuild } from './size/app-bundle.mjs';
import { contributions } from './size/contributions.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const byFile = args.includes('--files');

if (!args.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: asJson ? 'ignore' : 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const budgets = JSON.parse(readFileSync(`${root}size-budgets.json`, 'utf8')).bundles;

/** Every bundle we ship: the script-tag files as built, and the npm entry as an app's bundler would ship it. */
async function shippedBundles() {
  const bundles = [];
  for (const file of ['dist/otel-browser.min.js', 'dist/otel-browser.zone.min.js']) {
    if (!existsSync(`${root}${file}`)) continue;
    const map = existsSync(`${root}${file}.map`) ? JSON.parse(readFileSync(`${root}${file}.map`, 'utf8')) : undefined;
    bundles.push({ name: file, code: readFileSync(`${root}${file}`, 'utf8'), map });
  }
  const app = await bundleAsApp(`${root}dist/esm/index.js`);
  bundles.push({ name: 'npm entry (dist/esm/index.js) bundled for an app', ...app });
  const esbuilt = await bundleWithEsbuild(`${root}dist/esm/index.js`);
  bundles.push({ name: 'npm entry bundled by esbuild for es2017', ...esbuilt });
  return bundles;
}

function measure(code) {
  const buffer = Buffer.from(code);
  return {
    min: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length },
    }).length,
  };
}

const kib = (bytes) => (bytes / 1024).toFixed(1);
const results = [];
let failed = false;
for (const bundle of await shippedBundles()) {
  const sizes = measure(bundle.code);
  const budget = budgets[bundle.name];
  const over = budget ? Object.entries(budget).filter(([kind, max]) => kind in sizes && sizes[kind] > max) : [];
  if (over.length) failed = true;
  results.push({
    name: bundle.name,
    ...sizes,
    budget,
    over: over.map(([kind]) => kind),
    parts: bundle.map ? contributions(bundle.code, bundle.map, byFile ? (source) => source.replace(/^.*node_modules\//, '') : undefined) : [],
  });
}

if (asJson) {
  console.log(JSON.stringify(results, null, 2));
} else {
  for (const r of results) {
    const limit = r.budget ? `budget gzip ${r.budget.gzip ?? '-'} B` : 'no budget';
    const verdict = r.over.length ? `OVER BUDGET (${r.over.join(', ')})` : 'ok';
    console.log(
      `\n${r.name}\n  minified ${r.min} B (${kib(r.min)} KiB)  gzip -9 ${r.gzip} B (${kib(r.gzip)} KiB)  brotli ${r.brotli} B (${kib(r.brotli)} KiB)  ${limit}: ${verdict}`,
    );
    if (r.parts.length) {
      console.log(`  minified bytes by ${byFile ? 'source file' : 'dependency'}:`);
      for (const part of r.parts) console.log(`    ${String(part.bytes).padStart(7)}  ${part.share.toFixed(1).padStart(5)}%  ${part.name}`);
    }
  }
  console.log(failed ? '\nsize: a bundle is over its budget (size-budgets.json)' : '\nsize: all bundles within budget');
}
process.exit(failed ? 1 : 0);

// Bundles bench/upstream/entry.mjs the way our script-tag bundle is built (rollup, browser builds,
// terser), into bench/.cache/upstream.min.js. Rebuilt only when the entry or the lockfile changed.
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { existsSync, statSync } from 'node:fs';
import { rollup } from 'rollup';

const here = new URL('.', import.meta.url).pathname;
const root = new URL('../..', import.meta.url).pathname;
export const UPSTREAM_BUNDLE = `${root}bench/.cache/upstream.min.js`;

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

/** Builds the upstream comparison bundle if it is missing or stale; resolves to its path. */
export async function buildUpstream({ force = false } = {}) {
  const entry = `${here}entry.mjs`;
  const built = mtime(UPSTREAM_BUNDLE);
  if (!force && built > mtime(entry) && built > mtime(`${root}package-lock.json`)) return UPSTREAM_BUNDLE;
  const bundle = await rollup({
    input: entry,
    plugins: [nodeResolve({ browser: true }), terser({ compress: { passes: 2 }, format: { comments: false } })],
    onwarn: () => {},
  });
  await bundle.write({ file: UPSTREAM_BUNDLE, format: 'iife', sourcemap: true });
  await bundle.close();
  return UPSTREAM_BUNDLE;
}

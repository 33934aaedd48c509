// Bundles the SPA with rollup the way an app would: `import { init } from 'otel-browser'` resolves to
// the package's ESM build (dist/esm), its dependencies come from node_modules (browser builds).
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const INPUT = here('./main.js');
const PACKAGE_ESM = here('../../dist/esm/index.js');
export const SPA_BUNDLE = here('../.build/spa.js');

/** This repository is the `otel-browser` package; an app would get the same file from node_modules. */
const thisPackage = () => ({ name: 'this-package', resolveId: (id) => (id === 'otel-browser' ? PACKAGE_ESM : null) });

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

/** Builds demo/.build/spa.js unless it is newer than its sources. */
export async function buildSpa() {
  if (mtime(SPA_BUNDLE) > Math.max(mtime(INPUT), mtime(PACKAGE_ESM))) return SPA_BUNDLE;
  // Loaded only when there is something to build: the demo starts faster without them.
  const [{ rollup }, { default: nodeResolve }] = await Promise.all([import('rollup'), import('@rollup/plugin-node-resolve')]);
  const bundle = await rollup({
    input: INPUT,
    plugins: [thisPackage(), nodeResolve({ browser: true })],
    onwarn: (warning, warn) => (['CIRCULAR_DEPENDENCY', 'THIS_IS_UNDEFINED'].includes(warning.code) ? undefined : warn(warning)),
  });
  await bundle.write({ file: SPA_BUNDLE, format: 'iife', sourcemap: true });
  await bundle.close();
  return SPA_BUNDLE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await buildSpa());

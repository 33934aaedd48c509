// Two builds: the npm package (ESM, one file per module, dependencies left to the app's bundler)
// and the script-tag bundle (one minified IIFE with everything inside, defining window.OtelBrowser).
// Types come from `tsc --emitDeclarationOnly` (see the build script).
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const dependencies = Object.keys(pkg.dependencies);
const isDependency = (id) => dependencies.some((name) => id === name || id.startsWith(`${name}/`));

const ts = () => typescript({ tsconfig: './tsconfig.json', declaration: false, declarationDir: undefined, outDir: undefined, sourceMap: true });

// The zone bundle is the script-tag bundle plus zone.js, with `contextManager: 'zone'` as the default:
// this build swaps in the one module that holds the default.
const zoneDefault = () => ({
  name: 'zone-default-context-manager',
  resolveId(source, importer) {
    if (source === './context-manager-default' && importer?.includes('/src/config/')) return fileURLToPath(new URL('./src/config/context-manager-default.zone.ts', import.meta.url));
    return null;
  },
});

// Script-tag builds only: upstream modules that do nothing in a browser page under this SDK, swapped for
// stand-ins with the same exports (an app's bundler, for the npm entry, still gets the originals).
// - sdk-trace's span metrics: the SDK gives the tracer a meter provider whose instruments do nothing
//   (src/provider.ts), so counting spans for them is wasted work.
// - sdk-trace's Node `util.inspect` formatting: called only by Node's console, never in a browser.
const SLIM_UPSTREAM = {
  '/@opentelemetry/sdk-trace/build/esm/TracerMetrics.js': 'export class TracerMetrics { startSpan() { return () => {}; } }',
  '/@opentelemetry/sdk-trace/build/esm/inspect.js':
    "export const inspectCustom = Symbol.for('nodejs.util.inspect.custom'); export function settledResourceAttributes() {} export function formatInspect() {}",
};
const slimUpstream = () => ({
  name: 'slim-upstream',
  load(id) {
    const stub = Object.entries(SLIM_UPSTREAM).find(([suffix]) => id.endsWith(suffix));
    return stub ? stub[1] : null;
  },
});

const minify = () =>
  terser({
    ecma: 2020,
    compress: { passes: 2, pure_getters: true },
    // Private members are written `_name`; mangling them is safe and saves bytes.
    mangle: { properties: { regex: /^_[a-zA-Z]/ } },
    // V8's explicit compile hint (Chrome 136+; a comment elsewhere): compile every function while the
    // script streams in, off the main thread, instead of on first call during init(), on the main thread.
    // Nearly all of the bundle runs at init. Measured with bench/init-probe.mjs: main-thread CPU until
    // `load` +13.1 -> +6.8 ms over a page without the SDK; evaluate + init() 15.5 -> 7.4 ms.
    format: { comments: false, preamble: '//# allFunctionsCalledOnLoad' },
  });

export default [
  {
    input: 'src/index.ts',
    external: isDependency,
    plugins: [ts()],
    output: { dir: 'dist/esm', format: 'es', sourcemap: true, preserveModules: true, preserveModulesRoot: 'src' },
  },
  {
    input: 'src/cdn.ts',
    // browser: true picks the packages' browser builds, not OpenTelemetry's Node platform code.
    plugins: [nodeResolve({ browser: true }), slimUpstream(), ts(), minify()],
    output: { file: 'dist/otel-browser.min.js', format: 'iife', sourcemap: true },
  },
  {
    input: 'src/cdn-zone.ts',
    plugins: [zoneDefault(), nodeResolve({ browser: true }), slimUpstream(), ts(), minify()],
    output: { file: 'dist/otel-browser.zone.min.js', format: 'iife', sourcemap: true },
  },
];

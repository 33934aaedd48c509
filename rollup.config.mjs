// Two builds: the npm package (ESM, one file per module, dependencies left to the app's bundler)
// and the script-tag bundle (one minified IIFE with everything inside, defining window.OtelBrowser).
// Types come from `tsc --emitDeclarationOnly` (see the build script).
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { transformSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// The ESM build leaves dependencies and peer dependencies (`@opentelemetry/api`) to the app's bundler, so
// the app's one api copy is the one the SDK registers with.
const dependencies = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const isDependency = (id) => dependencies.some((name) => id === name || id.startsWith(`${name}/`));

const ts = () => typescript({ tsconfig: './tsconfig.json', declaration: false, declarationDir: undefined, outDir: undefined, sourceMap: true });

// The zone bundle is the script-tag bundle plus zone.js, with `contextManager: 'zone'` as the default:
// this build swaps in the one module that holds the default.
const zoneDefault = () => ({
  name: 'zone-default-context-manager',
  resolveId(source, importer) {
    if (source === './context-manager-default' && importer?.includes('/src/config/'))
      return fileURLToPath(new URL('./src/config/context-manager-default.zone.ts', import.meta.url));
    return null;
  },
});

// The npm build's private members (`_name`, as the script tag's terser mangles them) get short names, the
// same in every module: an app's bundler does not shorten property names, so unmangled they cost the npm
// entry ~330 B gzip (measured with rollup and with esbuild). Every name is assigned here, most used
// first, before any module is written (`_a`, `_b`, ...), so no two modules can disagree and no name
// outside `_` is touched. The code stays unminified; the source maps lead back to src/.
const shortPrivateNames = () => {
  const PRIVATE = /^_[a-zA-Z]/;
  const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const short = (i) => {
    let name = '';
    for (let n = i; n >= 0; n = Math.floor(n / LETTERS.length) - 1) name = LETTERS[n % LETTERS.length] + name;
    return `_${name}`;
  };
  let names;
  return {
    name: 'short-private-names',
    renderStart() {
      const counts = new Map();
      for (const id of this.getModuleIds()) {
        for (const [name] of this.getModuleInfo(id)?.code?.matchAll(/(?<![\w$])_[a-zA-Z]\w*/g) ?? []) counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      names = {};
      let next = 0;
      for (const name of [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || (a < b ? -1 : 1))) {
        let renamed;
        do renamed = short(next++);
        while (counts.has(renamed));
        names[name] = renamed;
      }
    },
    renderChunk(code, chunk) {
      const result = transformSync(code, {
        loader: 'js',
        format: 'esm',
        mangleProps: PRIVATE,
        mangleCache: names,
        sourcemap: 'external',
        sourcefile: chunk.fileName,
      });
      const invented = Object.keys(result.mangleCache ?? {}).filter((name) => !(name in names));
      if (invented.length) this.error(`short-private-names: ${chunk.fileName} has private names not counted: ${invented.join(', ')}`);
      return { code: result.code, map: result.map };
    },
  };
};

const minify = () =>
  terser({
    ecma: 2020,
    // A third pass finds ~65 B gzip more in the script tag (2026-12-03); a fourth finds nothing.
    compress: { passes: 3, pure_getters: true },
    // Private members are written `_name`; mangling them is safe and saves bytes.
    mangle: { properties: { regex: /^_[a-zA-Z]/ } },
    // No V8 compile hint (`//# allFunctionsCalledOnLoad` as the first line): it lowered main-thread CPU
    // until `load` (bench/init-probe.mjs), but the host page's first paint got later. Measured with
    // `npm run bench -- --paint-only` (2026-12-02, 11 interleaved loads): a synchronous script tag held
    // the parser 54.7 ms after its download with the hint, 33.2 ms without. See docs/performance.md.
    // ASCII only (non-ASCII characters written as escapes): one character beyond ASCII makes Chromium hold
    // the whole script as a two-byte string, twice the memory for the source (a "…" in errors/exception.ts
    // did, until 2026-12-03).
    format: { comments: false, ascii_only: true },
  });

export default [
  {
    input: 'src/index.ts',
    external: isDependency,
    plugins: [ts(), shortPrivateNames()],
    output: { dir: 'dist/esm', format: 'es', sourcemap: true, preserveModules: true, preserveModulesRoot: 'src' },
  },
  {
    input: 'src/cdn.ts',
    // browser: true picks the packages' browser builds, not OpenTelemetry's Node platform code.
    plugins: [nodeResolve({ browser: true }), ts(), minify()],
    output: { file: 'dist/otel-browser.min.js', format: 'iife', sourcemap: true },
  },
  {
    input: 'src/cdn-zone.ts',
    plugins: [zoneDefault(), nodeResolve({ browser: true }), ts(), minify()],
    output: { file: 'dist/otel-browser.zone.min.js', format: 'iife', sourcemap: true },
  },
];

// The npm entry as apps ship it: dist/esm bundled with its dependencies (browser builds), tree-shaken
// and minified, once by rollup + terser with terser's defaults and once by esbuild as an es2017 script
// (`--bundle --minify --format=iife --target=es2017`, the setup issue #18 compares the peers with).
// Nothing is written to disk.
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { build } from 'esbuild';
import { dirname } from 'node:path';
import { rollup } from 'rollup';

/** Resolves to { code, map } of `entry` bundled for the browser as one minified ES module. */
export async function bundleAsApp(entry) {
  const bundle = await rollup({
    input: entry,
    plugins: [nodeResolve({ browser: true }), terser({ module: true, compress: { passes: 2 }, format: { comments: false } })],
    onwarn: () => {},
  });
  try {
    const { output } = await bundle.generate({ format: 'es', sourcemap: true });
    return { code: output[0].code, map: output[0].map };
  } finally {
    await bundle.close();
  }
}

/** Resolves to { code, map } of an app that calls `init` from `entry`, bundled by esbuild for es2017. */
export async function bundleWithEsbuild(entry) {
  const { outputFiles } = await build({
    stdin: { contents: `import { init } from ${JSON.stringify(entry)};\nwindow.startTracing = init;\n`, resolveDir: dirname(entry), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2017',
    platform: 'browser',
    sourcemap: 'external',
    outfile: 'app.js',
    write: false,
    logLevel: 'silent',
  });
  const code = outputFiles.find((file) => file.path.endsWith('.js')).text;
  const map = JSON.parse(outputFiles.find((file) => file.path.endsWith('.map')).text);
  return { code, map };
}

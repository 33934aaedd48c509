// The npm entry as an app ships it: dist/esm bundled with its dependencies (browser builds), tree-shaken
// and minified with terser's defaults, as a typical app bundler would. Nothing is written to disk.
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
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

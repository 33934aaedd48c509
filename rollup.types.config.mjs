// The published types: every declaration bundled into one dist/types/index.d.ts. One file has no
// relative imports, so it reads the same under `moduleResolution: "bundler"`, `"node16"` and
// `"nodenext"` (node16 rejects relative imports without a file extension, which tsc emits as written
// in src). Only packages stay imported, and those must be `@opentelemetry/api` alone (checked by the
// packaging test, test/e2e/packaging.test.mjs).
import { dts } from 'rollup-plugin-dts';

export default {
  input: 'src/index.ts',
  external: (id) => !id.startsWith('.') && !id.startsWith('/'),
  plugins: [dts({ tsconfig: './tsconfig.json', compilerOptions: { declarationDir: undefined, outDir: undefined } })],
  output: { file: 'dist/types/index.d.ts', format: 'es' },
};

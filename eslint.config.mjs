// Lint: the recommended rules of ESLint and typescript-eslint; every rule relaxed below says why.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'docs/', 'bench/.cache/', 'bench/results/', 'demo/.build/', '**/node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks what is private (terser mangles it) and `_` an argument that must be there to reach the next one.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // A bound wrapper needs both its caller's `this` and the context manager's (`const manager = this`).
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['manager'] }],
      // A `let` read by a closure written before its one assignment cannot be a `const`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Comments may quote the invisible characters (zero-width spaces) that text and tokens can hold.
      'no-irregular-whitespace': ['error', { skipComments: true }],
    },
  },
  // The SDK and the browser tests run in the page.
  { files: ['src/**/*.ts'], languageOptions: { globals: globals.browser } },
  { files: ['test/**/*.ts'], languageOptions: { globals: { ...globals.browser, ...globals.mocha } } },
  // Scripts, servers, the demo backend and the benchmark run in Node; their browser-side files run in the page.
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: globals.node } },
  {
    files: ['demo/spa/**/*.js', 'demo/trace-view/view.js', 'test/fixtures/**/*.js', 'bench/peers/*-entry.mjs', 'bench/upstream/entry.mjs'],
    languageOptions: { globals: globals.browser },
  },
  // The benchmark and the end-to-end tests hand functions to the browser driver (`page.evaluate`): those run in the page.
  { files: ['bench/*.mjs', 'test/e2e/**/*.mjs'], languageOptions: { globals: { ...globals.browser, OtelBrowser: 'readonly' } } },
);

// Flat config: type-aware rules for src/test/bench, plus a browser-purity guard for the
// core, the folders behind the package's main entry (src/index.ts) that must run unchanged in
// a browser (docs/design.md §3). test/package/core-purity.test.ts checks the built entry too.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const browserPure = [
  'src/index.ts',
  'src/model/**',
  'src/engine/**',
  'src/analysis/**',
  'src/morphology/**',
  'src/connectome/**',
  'src/learn/**',
  'src/formats/**',
  'src/report/**',
  'src/reproduce/**',
];
const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];
const PURE = 'Keep the core free of Node: it must run in a browser (files, threads, HDF5, Arrow and rendering belong to src/node, the refract-networks/node entry).';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'refract-out/**', 'coverage/**', '.tmp-*/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      'no-constant-condition': ['error', { checkLoops: false }],
      // node:test tracks the promises of test()/describe() itself
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
    },
  },
  {
    files: browserPure,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          // csv-parse's Node build uses the global Buffer; its browser build carries its own
          paths: ['csv-parse', 'csv-parse/sync', 'csv-parse/stream'].map((name) => ({ name, message: `${PURE} Import csv-parse/browser/esm/sync.` })),
          patterns: [
            { group: ['node:*', ...NODE_BUILTINS], message: PURE },
            // packages that need Node (native code, files, threads) or are only the CLI's
            { group: ['h5wasm', 'h5wasm/*', '@resvg/*', 'apache-arrow', 'apache-arrow/*', 'vega', 'piscina', 'cli-progress', 'commander', 'dejavu-fonts-ttf', 'mnist', 'mnist/*'], message: PURE },
            // vega-lite is for types only: compiling specs is rendering (src/node/render.ts)
            { group: ['vega-lite', 'vega-lite/*'], allowTypeImports: true, message: PURE },
            // the Node side of the package, and the apps
            { group: ['**/node/*', '**/cli/*', '**/web/*'], message: PURE },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
);

// Flat config: type-aware rules for src/test/bench, plus a browser-purity guard
// for the folders that must run unchanged in a browser (docs/design.md §3).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const browserPure = ['src/model/**', 'src/engine/**', 'src/analysis/**', 'src/morphology/**', 'src/learn/**', 'src/reproduce/**'];

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
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'worker_threads', 'child_process', 'url', 'zlib', 'crypto', 'buffer', 'process'], message: 'Keep this folder free of Node built-ins: it must run in a browser.' }] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
);

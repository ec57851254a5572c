// Vite build of the visualiser (src/web → dist/web). Run after `tsc -p tsconfig.build.json`:
// the data plugin reads the C. elegans tables through the built library in dist/.
import { defineConfig } from 'vite';
import { join } from 'node:path';
import { refractData } from './data-plugin.mjs';

const root = join(import.meta.dirname, '..', '..');

export default defineConfig({
  root: join(root, 'src', 'web'),
  // relative asset URLs: the built folder works from any path the server mounts it at
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: join(root, 'dist', 'web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
  worker: { format: 'es', plugins: () => [refractData(root)] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [refractData(root)],
});

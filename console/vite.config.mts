import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = fileURLToPath(new URL('../dist/console', import.meta.url));
const staging = `${out}.next-${process.pid}`;

/**
 * Puts a finished build in place in two renames, so a server running meanwhile (a test beside
 * the build, a node during a deploy) never finds the folder emptied or half written.
 */
const swapIntoPlace: Plugin = {
  name: 'pishkhan-swap-into-place',
  apply: 'build',
  closeBundle() {
    const old = `${out}.old-${process.pid}`;
    if (existsSync(out)) renameSync(out, old);
    renameSync(staging, out);
    rmSync(old, { recursive: true, force: true });
  },
};

/** The console's build: Preact through Vite's own JSX transform, into dist/console, served at /console/. */
export default defineConfig({
  root: here,
  base: '/console/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [swapIntoPlace],
  build: {
    outDir: staging,
    emptyOutDir: true,
    target: 'es2022',
    // The console's CSP allows scripts from itself only: no inline polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});

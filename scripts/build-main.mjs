// Bundles the Electron shell with esbuild: dist/main/app/electron-main.cjs (main process) and
// preload.cjs (sandboxed preload: only `electron` may stay external there). Native and
// Electron modules stay external and load from node_modules (or the unpacked asar) at run time.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'main', 'app');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  outExtension: { '.js': '.cjs' },
  outdir,
};

rmSync(outdir, { recursive: true, force: true });
const started = Date.now();
await Promise.all([
  build({
    ...common,
    entryPoints: {
      'electron-main': path.join(root, 'main/app/electron-main.ts'),
      // The engine's worker thread, loaded by the preview service from this folder.
      'preview-worker': path.join(root, 'main/engine/preview-worker.ts'),
      // The first-start demo workspace is created in this worker.
      'demo-worker': path.join(root, 'main/services/demo-worker.ts'),
      // The importer parses large files in this worker (found beside the bundle).
      'parse-worker': path.join(root, 'main/import/parse-worker.ts'),
      // The engine splits large event tallies with this helper thread (found beside the bundle).
      'tally-worker': path.join(root, 'main/engine/tally-worker.ts'),
    },
    external: ['electron', 'better-sqlite3', '@duckdb/node-api'],
    // ESM code that locates files with import.meta.url still works once bundled as CommonJS.
    // (Not in the preload: a sandboxed preload has no __filename.)
    define: { 'import.meta.url': '__bundle_import_meta_url' },
    banner: {
      js: "const __bundle_import_meta_url = require('url').pathToFileURL(__filename).href;",
    },
  }),
  build({
    ...common,
    entryPoints: { preload: path.join(root, 'main/app/preload.ts') },
    external: ['electron'],
  }),
]);
console.log(
  `build:main: dist/main/app (electron-main, preview-worker, demo-worker, parse-worker, tally-worker, preload) in ${Date.now() - started} ms`,
);

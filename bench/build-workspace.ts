// Child process: builds one bench workspace folder (see bench-workspace.ts). Builds into a
// temporary folder renamed at the end, so an interrupted build never looks finished.
// Usage: build-workspace.ts DIR USERS SEED NOW
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDemoWorkspace } from '../main/demo/create-demo-workspace';
import { generateDemoFiles } from '../main/demo/generate-demo-files';
import { BaselineSink } from './baseline-tables';
import { IMPORT_SLICE_USERS, type BenchWorkspaceMeta } from './bench-workspace';
import { fileBytes, peakRssBytes } from './bench-stats';

async function main(): Promise<void> {
  const [dir, usersText, seed, nowText] = process.argv.slice(2);
  if (!dir || !usersText || !seed || !nowText) throw new Error('usage: DIR USERS SEED NOW');
  const users = Number(usersText);
  const now = Number(nowText);
  const started = performance.now();
  mkdirSync(path.dirname(dir), { recursive: true });
  rmSync(dir, { recursive: true, force: true });
  const tmp = mkdtempSync(`${dir}.building-`);
  const tsvDir = mkdtempSync(path.join(tmp, 'tsv-'));
  const sink = new BaselineSink(path.join(tmp, 'plain.sqlite'), tsvDir, seed, users, now);
  let lastLog = 0;
  const summary = await createDemoWorkspace(path.join(tmp, 'cache.sqlite'), {
    users,
    seed,
    now,
    tempDir: tmp,
    onUser: (u) => sink.add(u),
    onProgress: (p) => {
      const t = performance.now();
      if (t - lastLog < 10_000) return;
      lastLog = t;
      const what =
        p.phase === 'generate'
          ? `generated ${p.users}/${p.usersTotal} users`
          : `imported ${p.events} events`;
      process.stderr.write(`  build: ${what} (${Math.round((t - started) / 1000)} s)\n`);
    },
  });
  if (summary.rejected.length > 0)
    throw new Error(
      `bench: the importer rejected demo records: ${JSON.stringify(summary.rejected.slice(0, 5))}`,
    );
  process.stderr.write(
    `  build: imported ${summary.events} events in ${Math.round(summary.importMs)} ms; loading DuckDB\n`,
  );
  await sink.loadDuckDb(path.join(tmp, 'bench.duckdb'));
  rmSync(tsvDir, { recursive: true, force: true });
  const sliceDir = path.join(tmp, 'slice');
  mkdirSync(sliceDir);
  const slice = generateDemoFiles(sliceDir, {
    users: Math.min(users, IMPORT_SLICE_USERS),
    seed: `${seed}-slice`,
    now,
  });
  const meta: BenchWorkspaceMeta = {
    users,
    seed,
    now,
    profiles: summary.profiles,
    events: summary.events,
    duplicates: summary.duplicates,
    baselineEvents: sink.events,
    sliceUsers: slice.users,
    sliceEvents: slice.events,
    buildImportMs: summary.importMs,
    buildMs: performance.now() - started,
    buildPeakRssBytes: peakRssBytes(),
  };
  if (meta.baselineEvents !== meta.events)
    throw new Error(
      `bench: the cache holds ${meta.events} events but the generator made ${meta.baselineEvents}`,
    );
  writeFileSync(path.join(tmp, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  renameSync(tmp, dir);
  process.stdout.write(
    `${JSON.stringify({ ...meta, cacheBytes: fileBytes(path.join(dir, 'cache.sqlite')) })}\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

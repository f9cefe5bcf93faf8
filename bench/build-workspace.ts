// Child process: builds one bench workspace folder (see bench-workspace.ts). Builds into a
// temporary folder renamed at the end, so an interrupted build never looks finished. Our cache and
// the baselines' tables are built by two processes at once (build-cache.ts, build-baselines.ts):
// each is mostly one busy thread, and the machine has two cores.
// Usage: build-workspace.ts DIR USERS SEED NOW
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BaselinesBuilt } from './build-baselines';
import type { CacheBuilt } from './build-cache';
import { childMain } from './build-progress';
import { runChildAsync, type BenchWorkspaceMeta } from './bench-workspace';
import { fileBytes } from './bench-stats';

childMain('workspace', async ([dir, usersText, seed, nowText]) => {
  const users = Number(usersText);
  const now = Number(nowText);
  const started = performance.now();
  const parent = path.dirname(dir);
  mkdirSync(parent, { recursive: true });
  rmSync(dir, { recursive: true, force: true });
  // Builds that were interrupted leave their folders behind; at 1M users each holds gigabytes.
  for (const f of readdirSync(parent))
    if (f.startsWith(`${path.basename(dir)}.building-`))
      rmSync(path.join(parent, f), { recursive: true, force: true });
  const tmp = mkdtempSync(`${dir}.building-`);
  const args = [tmp, usersText, seed, nowText];
  let built: [CacheBuilt, BaselinesBuilt];
  try {
    built = await Promise.all([
      runChildAsync<CacheBuilt>('build-cache.ts', args),
      runChildAsync<BaselinesBuilt>('build-baselines.ts', args),
    ]);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const [cache, baselines] = built;
  const meta: BenchWorkspaceMeta = {
    users,
    seed,
    now,
    profiles: cache.profiles,
    events: cache.events,
    duplicates: cache.duplicates,
    baselineEvents: baselines.events,
    sliceUsers: cache.sliceUsers,
    sliceEvents: cache.sliceEvents,
    buildImportMs: cache.importMs,
    buildCacheMs: cache.ms,
    buildBaselinesMs: baselines.ms,
    buildMs: performance.now() - started,
    buildPeakRssBytes: cache.peakRssBytes,
  };
  // An importer that lost or invented events would otherwise show up only as odd counts.
  if (
    meta.baselineEvents !== meta.events ||
    baselines.sqliteRows !== meta.events ||
    cache.generatedEvents !== meta.events ||
    cache.generatedDuplicates !== meta.duplicates
  )
    throw new Error(
      `the cache holds ${meta.events} events but the generator made ${meta.baselineEvents} ` +
        `(${baselines.sqliteRows} in the plain SQLite table, ${cache.generatedEvents} written to the ` +
        `demo files; ${meta.duplicates} duplicates found of ${cache.generatedDuplicates} re-sent)`,
    );
  writeFileSync(path.join(tmp, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  renameSync(tmp, dir);
  return { ...meta, cacheBytes: fileBytes(path.join(dir, 'cache.sqlite')) };
});

// Child process: builds one bench workspace folder (see bench-workspace.ts). Builds into a
// temporary folder renamed at the end, so an interrupted build never looks finished. Our cache and
// the baselines' tables are built by two processes at once (build-cache.ts, build-baselines.ts):
// each is mostly one busy thread, and the machine has two cores.
// Usage: build-workspace.ts DIR USERS SEED NOW
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  mkdirSync(path.dirname(dir), { recursive: true });
  rmSync(dir, { recursive: true, force: true });
  const tmp = mkdtempSync(`${dir}.building-`);
  const args = [tmp, usersText, seed, nowText];
  const [cache, baselines] = await Promise.all([
    runChildAsync<CacheBuilt>('build-cache.ts', args),
    runChildAsync<BaselinesBuilt>('build-baselines.ts', args),
  ]);
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
  if (meta.baselineEvents !== meta.events || baselines.sqliteRows !== meta.events)
    throw new Error(
      `the cache holds ${meta.events} events but the generator made ${meta.baselineEvents} ` +
        `(${baselines.sqliteRows} in the plain SQLite table)`,
    );
  writeFileSync(path.join(tmp, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  renameSync(tmp, dir);
  return { ...meta, cacheBytes: fileBytes(path.join(dir, 'cache.sqlite')) };
});

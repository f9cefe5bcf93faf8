// Child process: writes our cache (demo files imported through the real importer) and the import
// slice into a workspace folder being built. Runs beside build-baselines.ts.
// Usage: build-cache.ts DIR USERS SEED NOW
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createDemoWorkspace } from '../main/demo/create-demo-workspace';
import { generateDemoFiles } from '../main/demo/generate-demo-files';
import { IMPORT_SLICE_USERS } from './bench-workspace';
import { peakRssBytes } from './bench-stats';
import { childMain, progressLog } from './build-progress';

export interface CacheBuilt {
  profiles: number;
  events: number;
  duplicates: number;
  sliceUsers: number;
  sliceEvents: number;
  importMs: number;
  ms: number;
  peakRssBytes: number;
}

childMain('cache', async ([dir, usersText, seed, nowText]): Promise<CacheBuilt> => {
  const users = Number(usersText);
  const now = Number(nowText);
  const started = performance.now();
  const log = progressLog('cache', started);
  const summary = await createDemoWorkspace(path.join(dir, 'cache.sqlite'), {
    users,
    seed,
    now,
    tempDir: dir,
    onProgress: (p) =>
      log(
        p.phase === 'generate'
          ? `generated ${p.users}/${p.usersTotal} users`
          : `imported ${p.events} events`,
      ),
  });
  if (summary.rejected.length > 0)
    throw new Error(
      `the importer rejected demo records: ${JSON.stringify(summary.rejected.slice(0, 5))}`,
    );
  log(`imported ${summary.events} events in ${Math.round(summary.importMs / 1000)} s`, true);
  const sliceDir = path.join(dir, 'slice');
  mkdirSync(sliceDir);
  const slice = generateDemoFiles(sliceDir, {
    users: Math.min(users, IMPORT_SLICE_USERS),
    seed: `${seed}-slice`,
    now,
  });
  return {
    profiles: summary.profiles,
    events: summary.events,
    duplicates: summary.duplicates,
    sliceUsers: slice.users,
    sliceEvents: slice.events,
    importMs: summary.importMs,
    ms: performance.now() - started,
    peakRssBytes: peakRssBytes(),
  };
});

// Child process: writes our cache, importing the demo files through the real importer as
// generate-files.ts (a process of its own) finishes each one, so generating and importing overlap.
// Runs beside build-baselines.ts.
// Usage: build-cache.ts DIR USERS SEED NOW
import { createInterface } from 'node:readline';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { openCache } from '../main/cache/open-cache';
import { planFile } from '../main/import/file-plan';
import { ImportJob } from '../main/import/import-files';
import { spawnBenchChild } from './bench-workspace';
import { peakRssBytes } from './bench-stats';
import { FILE_LINE_PREFIX, childMain, progressLog } from './build-progress';
import type { FilesGenerated } from './generate-files';

export interface CacheBuilt {
  profiles: number;
  events: number;
  /** What the generator wrote: events once each, and the events of re-sent batches. */
  generatedEvents: number;
  generatedDuplicates: number;
  duplicates: number;
  sliceUsers: number;
  sliceEvents: number;
  importMs: number;
  ms: number;
  peakRssBytes: number;
}

childMain('cache', async (args): Promise<CacheBuilt> => {
  const started = performance.now();
  const log = progressLog('cache', started);
  const [dir] = args as [string];
  const generator = spawnBenchChild('generate-files.ts', args);
  const exited = new Promise<number | null>((resolve) => generator.on('close', resolve));
  const db = openCache(path.join(dir, 'cache.sqlite'));
  let generated: FilesGenerated | undefined;
  let importStarted = 0;
  let job: ImportJob | undefined;
  try {
    for await (const line of createInterface({ input: generator.stdout! })) {
      if (!line.startsWith(FILE_LINE_PREFIX)) {
        generated = JSON.parse(line) as FilesGenerated;
        continue;
      }
      const file = line.slice(FILE_LINE_PREFIX.length);
      if (!job) {
        importStarted = performance.now();
        job = new ImportJob(db, [path.dirname(file)], {
          onProgress: (p) => log(`imported ${p.events} events`),
        });
      }
      await job.file(await planFile(file));
      // The generator's 13 GB at 1M users need not stay on disk once imported.
      rmSync(file);
    }
    if ((await exited) !== 0 || !generated || !job)
      throw new Error('generate-files.ts failed; see its message above');
    const summary = job.finish();
    rmSync(path.join(dir, 'files'), { recursive: true, force: true });
    const importMs = performance.now() - importStarted;
    if (summary.rejected.length > 0)
      throw new Error(
        `the importer rejected demo records: ${JSON.stringify(summary.rejected.slice(0, 5))}`,
      );
    log(`imported ${summary.events} events in ${Math.round(importMs / 1000)} s`, true);
    return {
      profiles: summary.profiles,
      events: summary.events,
      generatedEvents: generated.events,
      generatedDuplicates: generated.duplicates,
      duplicates: summary.duplicates,
      sliceUsers: generated.sliceUsers,
      sliceEvents: generated.sliceEvents,
      importMs,
      ms: performance.now() - started,
      peakRssBytes: peakRssBytes(),
    };
  } finally {
    db.close();
  }
});

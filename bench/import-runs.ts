// Child process: imports the same files into a fresh cache several times (a warm-up, then RUNS
// measured runs) and prints the timings as JSON. End to end: from NDJSON/CSV files to a committed
// cache, through the real importer.
// Usage: import-runs.ts RUNS WORKDIR FILE...
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openCache } from '../main/cache/open-cache';
import { importFiles } from '../main/import/import-files';
import { fileBytes, peakRssBytes } from './bench-stats';

export interface ImportRunsResult {
  runs: number[];
  events: number;
  cacheBytes: number;
  peakRssBytes: number;
}

async function main(): Promise<void> {
  const [runsText, workDir, ...files] = process.argv.slice(2);
  const runs = Number(runsText);
  if (!workDir || files.length === 0 || !(runs >= 1))
    throw new Error('usage: RUNS WORKDIR FILE...');
  const result: ImportRunsResult = { runs: [], events: 0, cacheBytes: 0, peakRssBytes: 0 };
  for (let r = 0; r <= runs; r++) {
    const dir = mkdtempSync(path.join(workDir, 'import-run-'));
    try {
      const dbPath = path.join(dir, 'cache.sqlite');
      const db = openCache(dbPath);
      const t = performance.now();
      const summary = await importFiles(db, files);
      const ms = performance.now() - t;
      db.close();
      if (summary.rejected.length > 0)
        throw new Error(
          `bench: import rejected records: ${JSON.stringify(summary.rejected.slice(0, 5))}`,
        );
      if (r > 0) result.runs.push(ms);
      result.events = summary.events;
      result.cacheBytes = fileBytes(dbPath);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  result.peakRssBytes = peakRssBytes();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

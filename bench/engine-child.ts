// Child process: the engine's side of the benchmark (engine-runs.ts) on a workspace's cache, in a
// process of its own so that its peak memory is the engine's (not DuckDB's, nor the bench's).
// Prints the results as JSON with the process's peak RSS.
// Usage: engine-child.ts CACHE AS_OF RUNS EXPORT_FILE
import { openCache } from '../main/cache/open-cache';
import { peakRssBytes } from './bench-stats';
import { runEngine, type EngineResults } from './engine-runs';

export type EngineChildResult = EngineResults & { peakRssBytes: number };

const [cachePath, asOfText, runsText, exportFile] = process.argv.slice(2);
if (!cachePath || !asOfText || !runsText || !exportFile) {
  process.stderr.write('usage: engine-child.ts CACHE AS_OF RUNS EXPORT_FILE\n');
  process.exit(2);
}
const db = openCache(cachePath);
try {
  const r = runEngine(db, Number(asOfText), Number(runsText), exportFile);
  const out: EngineChildResult = { ...r, peakRssBytes: peakRssBytes() };
  process.stdout.write(`${JSON.stringify(out)}\n`);
} finally {
  db.close();
}

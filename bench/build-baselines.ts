// Child process: writes the baselines' data (a plain SQLite events table and a DuckDB file) into a
// workspace folder being built, straight from the demo generator's users. Runs beside
// build-cache.ts so that the two halves of a build share the machine's cores.
// Usage: build-baselines.ts DIR USERS SEED NOW
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { generateDemoUser } from '../main/demo/demo-user';
import { BaselineSink } from './baseline-tables';
import { childMain, progressLog } from './build-progress';

export interface BaselinesBuilt {
  events: number;
  sqliteRows: number;
  ms: number;
}

childMain('baselines', async ([dir, usersText, seed, nowText]): Promise<BaselinesBuilt> => {
  const users = Number(usersText);
  const now = Number(nowText);
  const started = performance.now();
  const log = progressLog('baselines', started);
  const tsvDir = mkdtempSync(path.join(dir, 'tsv-'));
  const sink = new BaselineSink(path.join(dir, 'plain.sqlite'), tsvDir, seed, users, now);
  for (let i = 0; i < users; i++) {
    sink.add(generateDemoUser(seed, i, users, now));
    if ((i + 1) % 1000 === 0) log(`generated ${i + 1}/${users} users`);
  }
  sink.finishFiles();
  log(`loading DuckDB`, true);
  await sink.loadDuckDb(path.join(dir, 'bench.duckdb'));
  log(`loading the plain SQLite table in time order`, true);
  const sqliteRows = sink.loadSqliteEvents();
  rmSync(tsvDir, { recursive: true, force: true });
  log(`done: ${sink.events} events`, true);
  return { events: sink.events, sqliteRows, ms: performance.now() - started };
});

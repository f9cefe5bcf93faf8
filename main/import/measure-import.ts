// Measures import speed and storage:
// `npx tsx main/import/measure-import.ts [users] [eventsPerUser] [worker|thread]` (default: the
// importer's own choice, a worker for a file this size).
// Generates an NDJSON file in a temp directory, imports it into a fresh cache, prints events/s
// and bytes per event, then removes everything it made.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openCache } from '../cache/open-cache';
import { writeBatchFile } from './generate-batches';
import { importFiles } from './import-files';

const users = Number(process.argv[2] ?? 66_000);
const perUser = Number(process.argv[3] ?? 15);
const mode = process.argv[4];
const parseWorker = mode === undefined ? undefined : mode === 'worker';
const dir = mkdtempSync(path.join(tmpdir(), 'as-import-measure-'));
try {
  const file = path.join(dir, 'batches.ndjson');
  const total = await writeBatchFile(file, {
    users,
    eventsPerUser: perUser,
    seed: 7,
    start: 1.76e12,
  });
  const dbFile = path.join(dir, 'w.sqlite');
  const db = openCache(dbFile);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const s = await importFiles(db, [file], parseWorker === undefined ? {} : { parseWorker });
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // CPU time of this process, every thread: a steadier figure than wall time on a shared machine.
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const bytes = statSync(dbFile).size;
  const chunkBytes = openCache(dbFile);
  const blob = chunkBytes.prepare('SELECT sum(length(data)) AS b FROM event_chunks').get() as {
    b: number;
  };
  chunkBytes.close();
  console.log(
    JSON.stringify({
      parse: mode ?? 'auto',
      events: s.events,
      generated: total,
      fileMB: +(statSync(file).size / 1e6).toFixed(1),
      seconds: +secs.toFixed(2),
      eventsPerSecond: Math.round(s.events / secs),
      cpuSeconds: +cpuSecs.toFixed(2),
      eventsPerCpuSecond: Math.round(s.events / cpuSecs),
      cacheBytesPerEvent: +(bytes / s.events).toFixed(2),
      chunkBytesPerEvent: +(blob.b / s.events).toFixed(2),
      profiles: s.profiles,
      rss: Math.round(process.memoryUsage().rss / 1e6),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

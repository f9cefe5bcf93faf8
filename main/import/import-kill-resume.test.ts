import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeChunk } from '../cache/event-chunk-codec';
import { writeBatchFile } from './generate-batches';
import { importFiles } from './import-files';
import { TempWorkspace, dumpCache } from './import-test-helpers';

const ROOT = path.resolve(__dirname, '../..');
const FLUSH = 2000;

let ws: TempWorkspace | undefined;
afterEach(() => ws?.cleanup());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an import killed mid-way', () => {
  it('leaves a consistent cache, and re-running completes it exactly', async () => {
    ws = new TempWorkspace();
    const file = path.join(ws.dir, 'big.ndjson');
    const total = await writeBatchFile(file, {
      users: 1500,
      eventsPerUser: 40,
      seed: 3,
      start: 1.76e12,
    });
    const dbPath = path.join(ws.dir, 'killed.sqlite');
    ws.db('killed.sqlite').close(); // created and migrated before the child starts

    // Node itself with tsx's loader, not the tsx wrapper: a SIGKILL must hit the importing process.
    const script = path.join(__dirname, 'kill-resume-child.ts');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, dbPath, file, String(FLUSH)],
      {
        cwd: ROOT,
        stdio: 'ignore',
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_c, sig) => resolve(sig)),
    );
    const watch = new Database(dbPath, { readonly: true });
    let stored = 0;
    try {
      // Kill once a few flushes are committed, while most of the file is still unread.
      for (let i = 0; i < 3000 && stored < FLUSH * 3; i++) {
        await sleep(10);
        stored =
          (watch.prepare('SELECT max(events) FROM imports').pluck().get() as number | null) ?? 0;
      }
    } finally {
      watch.close();
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(stored).toBeGreaterThanOrEqual(FLUSH * 3);
    const killed = ws.db('killed.sqlite');
    expect(killed.pragma('integrity_check', { simple: true })).toBe('ok');
    const chunks = killed.prepare('SELECT event_count, data FROM event_chunks').all() as Array<{
      event_count: number;
      data: Buffer;
    }>;
    let events = 0;
    for (const c of chunks) {
      const cols = decodeChunk(c.data);
      expect(cols.profile.length).toBe(c.event_count);
      events += c.event_count;
    }
    const partial = killed.prepare('SELECT status, events FROM imports').get() as {
      status: string;
      events: number;
    };
    expect(partial.status).toBe('running');
    // Exactly what the committed flushes said, and not the whole file.
    expect(events).toBe(partial.events);
    expect(events).toBeLessThan(total);
    // The child parsed in a worker (the file is over the size for one); the resume parses in-thread.
    expect(statSync(file).size).toBeGreaterThan(8 << 20);
    const resumed = await importFiles(killed, [file], { parseWorker: false });
    expect(resumed.events + resumed.duplicates).toBe(total);
    expect(resumed.duplicates).toBe(events);

    const clean = ws.db('clean.sqlite');
    const once = await importFiles(clean, [file], { flushEvents: FLUSH });
    expect(once).toMatchObject({ events: total, duplicates: 0, profiles: 1500 });
    expect(dumpCache(killed)).toEqual(dumpCache(clean));
  }, 180_000);
});

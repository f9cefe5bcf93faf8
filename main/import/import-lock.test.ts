// One import at a time per workspace: a second is refused with a message naming the first, writes
// nothing, and a lock left by a process that died is taken over.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../cli/cli-types';
import { runCli } from '../cli/run-cli';
import { planFile } from './file-plan';
import { ImportJob, importFiles } from './import-files';
import { importLockPath } from './import-lock';
import { ImportBusyError } from './import-types';
import { TempWorkspace, ndjson } from './import-test-helpers';

let ws: TempWorkspace;
beforeEach(() => {
  ws = new TempWorkspace();
});
afterEach(() => ws.cleanup());

const batch = (mpid: number) => ({
  mpid,
  events: [{ event_type: 'session_start', data: { timestamp_unixtime_ms: 1_764_000_000_000 } }],
});

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('the import lock', () => {
  it('refuses a second import while one runs, then lets the next one in', async () => {
    const db = ws.db();
    const file = ws.file('a.ndjson', ndjson(batch(1)));
    const first = new ImportJob(db, [file]);
    expect(existsSync(importLockPath(db.name)!)).toBe(true);
    await expect(importFiles(ws.db(), [ws.file('b.ndjson', ndjson(batch(2)))])).rejects.toThrow(
      ImportBusyError,
    );
    await expect(importFiles(ws.db(), [file])).rejects.toThrow(/another import .* is running/);
    await first.file(await planFile(file));
    expect(first.finish().events).toBe(1);
    expect(existsSync(importLockPath(db.name)!)).toBe(false);
    // The refused imports wrote nothing: one profile, and the next import goes through.
    const s = await importFiles(db, [ws.file('c.ndjson', ndjson(batch(3)))]);
    expect(s.profiles).toBe(2);
  });

  it('releases the lock when an import stops with an error', async () => {
    const db = ws.db();
    const file = ws.file('a.ndjson', ndjson(batch(1)));
    await expect(importFiles(db, [file], { signal: AbortSignal.abort() })).rejects.toThrow(
      /cancelled/,
    );
    expect(existsSync(importLockPath(db.name)!)).toBe(false);
    expect((await importFiles(db, [file])).events).toBe(1);
  });

  it('takes over a lock whose process is gone, or that is unreadable', async () => {
    const db = ws.db();
    const lock = importLockPath(db.name)!;
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), since: '2026-12-01T00:00:00Z' }));
    expect((await importFiles(db, [ws.file('a.ndjson', ndjson(batch(1)))])).events).toBe(1);
    writeFileSync(lock, '{"pid":');
    expect((await importFiles(db, [ws.file('b.ndjson', ndjson(batch(2)))])).events).toBe(1);
    expect(existsSync(lock)).toBe(false);
  });

  it('makes `studio import` exit 1 naming the running import, with nothing imported', async () => {
    const dbPath = path.join(ws.dir, 'w.sqlite');
    // A live process other than this one holds it: the parent of the test runner.
    writeFileSync(
      `${dbPath}.import-lock`,
      JSON.stringify({ pid: process.ppid, since: '2026-12-04T10:00:00Z' }),
    );
    let err = '';
    const io: CliIo = {
      out: () => {},
      err: (t) => (err += t),
      errIsTty: false,
      env: {},
      cwd: ws.dir,
      now: () => 1_765_000_000_000,
    };
    const file = ws.file('a.ndjson', ndjson(batch(1)));
    expect(await runCli(['import', '--db', dbPath, file], io)).toBe(1);
    expect(err).toBe(
      `studio import: another import into this workspace is running (in process ${process.ppid}, ` +
        'since 2026-12-04T10:00:00Z); try again when it has finished\n',
    );
    expect(ws.db().prepare('SELECT count(*) AS n FROM profiles').get()).toEqual({ n: 0 });
  });
});

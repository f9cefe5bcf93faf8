// One import at a time per workspace. Two importers writing one cache would each resolve identities
// against their own in-memory map and could give one person two profiles, so a second import is
// refused while the first runs: a lock file beside the cache names the process holding it. A lock
// whose process is gone (killed, crashed) is stale and taken over: the interrupted import's
// committed flushes are consistent, and re-running it completes it.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { processAlive } from '../process/process-alive';
import { ImportBusyError } from './import-types';

interface LockHolder {
  pid: number;
  since: string;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof v.pid === 'number' ? { pid: v.pid, since: String(v.since ?? '') } : undefined;
  } catch {
    // Unreadable or half-written (its writer died between open and write): stale.
    return undefined;
  }
}

/** The lock file of a cache file, or undefined for a database without a file (in memory). */
export function importLockPath(dbFile: string): string | undefined {
  return dbFile === '' || dbFile === ':memory:' ? undefined : `${dbFile}.import-lock`;
}

/**
 * Takes the workspace's import lock, or throws ImportBusyError naming the import that holds it.
 * Returns the function that releases it.
 */
export function acquireImportLock(dbFile: string): () => void {
  const file = importLockPath(dbFile);
  if (!file) return () => {};
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readHolder(file);
      if (holder && processAlive(holder.pid)) {
        const who = holder.pid === process.pid ? 'in this window' : `in process ${holder.pid}`;
        throw new ImportBusyError(
          `another import into this workspace is running (${who}, since ${holder.since}); ` +
            'try again when it has finished',
        );
      }
      rmSync(file, { force: true });
      continue;
    }
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
    } finally {
      closeSync(fd);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      rmSync(file, { force: true });
    };
  }
  throw new ImportBusyError(`could not take the import lock ${file}; try again`);
}

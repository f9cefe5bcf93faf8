// First start: when there is no workspace yet, the app creates the demo workspace in a worker
// thread and shows its progress (the renderer listens to 'progress' events), then tells the
// renderer to refetch. A creation cut short (the app closed) is redone on the next start.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startWorker } from '../process/start-worker';
import type { DemoProgress } from '../demo/create-demo-workspace';
import { openCache } from '../cache/open-cache';
import { getSetting, setSetting } from '../cache/settings';
import { stmt } from '../cache/statement-cache';
import type { JobProgress } from '../../shared/ipc-contract';
import type { Logger } from './logger';
import type { StudioServices } from './studio-services';
import type { DemoWorkerData, DemoWorkerMessage } from './demo-worker';

const PROGRESS_INTERVAL_MS = 150;
const PENDING_KEY = 'demo_pending';

export interface DemoBootstrapOptions {
  dbPath: string;
  services: Pick<StudioServices, 'events' | 'notifyDataChanged'>;
  logger: Logger;
  users?: number;
  /** Also told every progress step, e.g. to print it in the terminal. */
  onProgress?: (p: JobProgress) => void;
  /** Stops the creation (the app is closing); the next start begins again. */
  signal?: AbortSignal;
  /** The worker module when bundled (Electron); by default its .ts source via tsx. */
  workerUrl?: URL;
}

/**
 * Whether the app must create the demo workspace before opening `dbPath`: when there is none, or
 * when an earlier creation was cut short (its half-filled file is deleted here, before it is open).
 */
export function workspaceNeedsDemo(dbPath: string): boolean {
  if (!existsSync(dbPath)) return true;
  const db = openCache(dbPath);
  const pending = getSetting(db, PENDING_KEY) === '1';
  db.close();
  if (pending) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  }
  return pending;
}

/**
 * Marks the workspace as being filled with the demo, so that a creation cut short is redone. Only
 * an empty workspace is ever marked: a file that holds anyone else's data is never deleted.
 */
function setPending(dbPath: string, pending: boolean): void {
  const db = openCache(dbPath);
  try {
    if (pending) {
      const profiles = stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM profiles').get()!.n;
      if (profiles > 0) {
        throw new Error(
          `${dbPath} already holds ${profiles} profiles; the demo needs an empty one`,
        );
      }
    }
    setSetting(db, PENDING_KEY, pending ? '1' : '0');
  } finally {
    db.close();
  }
}

function describe(p: DemoProgress): JobProgress {
  if (p.phase === 'generate') {
    return {
      job: 'demo-workspace',
      fraction: (0.25 * p.users) / p.usersTotal,
      message: `Creating demo users: ${p.users.toLocaleString('en-US')} of ${p.usersTotal.toLocaleString('en-US')}`,
      done: false,
    };
  }
  const read = p.allBytesTotal > 0 ? Math.min(p.allBytesRead / p.allBytesTotal, 1) : 0;
  // Generating takes about a quarter of the time, importing the rest.
  const fraction = 0.25 + 0.75 * read;
  return {
    job: 'demo-workspace',
    fraction,
    message: `Importing the demo data: ${Math.round(100 * fraction)}% (${p.events.toLocaleString('en-US')} events so far)`,
    done: false,
  };
}

type DemoOutcome = { profiles: number; users: number; events: number };

async function runDemoWorker(
  options: DemoBootstrapOptions,
  onProgress: (p: DemoProgress) => void,
): Promise<DemoOutcome> {
  const workerUrl = options.workerUrl ?? new URL('./demo-worker.ts', import.meta.url);
  // Gigabytes of generated files at full size: removed here whatever happens to the worker.
  const tempDir = mkdtempSync(path.join(tmpdir(), 'audience-studio-first-start-'));
  const data: DemoWorkerData = {
    dbPath: options.dbPath,
    tempDir,
    ...(options.users !== undefined ? { users: options.users } : {}),
  };
  const worker = startWorker(workerUrl, data);
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const signal = options.signal;
  let onAbort = () => {};
  try {
    // The first of: the worker's answer, its failure or exit, or the caller stopping it.
    return await new Promise<DemoOutcome>((resolve, reject) => {
      onAbort = () => reject(Object.assign(new Error('stopped'), { code: 'cancelled' }));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort);
      worker.on('message', (m: DemoWorkerMessage) => {
        if (m.type === 'progress') onProgress(m.progress);
        else if (m.type === 'done') resolve(m);
        else reject(new Error(m.message));
      });
      worker.on('error', reject);
      void exited.then((code) => reject(new Error(`the demo worker stopped (exit code ${code})`)));
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
    await exited;
    rmSync(tempDir, { recursive: true, force: true });
  }
}

export async function createDemoWithProgress(options: DemoBootstrapOptions): Promise<void> {
  const { services, logger } = options;
  const report = (p: JobProgress) => {
    services.events.emit('progress', p);
    options.onProgress?.(p);
  };
  let last = 0;
  const started = Date.now();
  report({
    job: 'demo-workspace',
    fraction: 0,
    message: 'Creating the demo workspace',
    done: false,
  });
  try {
    setPending(options.dbPath, true);
    const summary = await runDemoWorker(options, (p) => {
      const t = Date.now();
      if (t - last < PROGRESS_INTERVAL_MS) return;
      last = t;
      report(describe(p));
    });
    setPending(options.dbPath, false);
    logger.info('demo workspace created', {
      users: summary.users,
      events: summary.events,
      ms: Date.now() - started,
    });
    report({
      job: 'demo-workspace',
      fraction: 1,
      message: `Demo workspace ready: ${summary.profiles.toLocaleString('en-US')} profiles`,
      done: true,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const stopped = (err as { code?: unknown }).code === 'cancelled';
    logger.error('demo workspace not created', { error: message });
    report({
      job: 'demo-workspace',
      fraction: null,
      message: stopped
        ? 'Creating the demo workspace was stopped; it starts again on the next start.'
        : `The demo workspace could not be created: ${message}`,
      done: true,
    });
    throw err;
  } finally {
    services.notifyDataChanged();
  }
}

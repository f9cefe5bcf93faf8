import type { Database } from 'better-sqlite3';
import { resumeWaitingRuns, type PublishDeps } from './publish-audience';
import { runsWaitingForNetwork } from './publish-runs';

// Publishes that stopped for want of a network wait as 'pending' runs. The queue checks connectivity
// now and then and, once a probe gets through, resumes them (their batches are already planned, so
// no audience needs recomputing).

export interface OfflineQueueOptions {
  db: Database;
  deps: PublishDeps;
  /** Whether the network is back (e.g. probeUrl of a partner). */
  probe(): Promise<boolean>;
  intervalMs: number;
  onResumed?(results: Awaited<ReturnType<typeof resumeWaitingRuns>>): void;
  onError?(error: unknown): void;
}

export interface OfflineQueue {
  /** Checks once: resumes the waiting runs when the probe succeeds. */
  check(): Promise<Awaited<ReturnType<typeof resumeWaitingRuns>>>;
  stop(): void;
}

/** Any HTTP answer at all means the network is there. */
export async function probeUrl(url: string, timeoutMs = 3000): Promise<boolean> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}

export function startOfflineQueue(opts: OfflineQueueOptions): OfflineQueue {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let busy: Promise<Awaited<ReturnType<typeof resumeWaitingRuns>>> | undefined;
  const controller = new AbortController();

  async function checkOnce() {
    if (runsWaitingForNetwork(opts.db).length === 0) return [];
    if (!(await opts.probe())) return [];
    const results = await resumeWaitingRuns(opts.db, opts.deps, controller.signal);
    opts.onResumed?.(results);
    return results;
  }

  function check() {
    // One check at a time: two would send the same batches side by side.
    busy ??= checkOnce().finally(() => {
      busy = undefined;
    });
    return busy;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      check()
        .catch((e: unknown) => opts.onError?.(e))
        .finally(schedule);
    }, opts.intervalMs);
  }
  schedule();

  return {
    check,
    stop() {
      stopped = true;
      controller.abort(new Error('the publish queue stopped'));
      if (timer) clearTimeout(timer);
    },
  };
}

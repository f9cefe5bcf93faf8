import type { Database } from 'better-sqlite3';
import { metaBaseUrl } from './clients/meta-client';
import { getConnectionById } from './connection-store';
import { resumeWaitingRuns, type PublishDeps } from './publish-audience';
import { runsWaitingForNetwork } from './publish-runs';
import { DEFAULT_RETRY } from './retry-policy';
import type { Connection } from './publish-types';

// Publishes that stopped for want of a network wait as 'pending' runs. The queue checks connectivity
// now and then and, once a probe gets through, resumes them (their batches are already planned, so
// no audience needs recomputing).

export interface OfflineQueueOptions {
  db: Database;
  deps: PublishDeps;
  /** Whether the network is back; by default, whether a waiting run's partner answers. */
  probe?(): Promise<boolean>;
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
async function probeUrl(url: string, timeoutMs = 3000): Promise<boolean> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}

/** A URL of the partner a connection talks to, to probe; null for a file export. */
function partnerProbeUrl(c: Connection): string | null {
  const config = c.config as unknown as Record<string, unknown>;
  switch (c.type) {
    case 'meta':
      return metaBaseUrl(c.config as Connection<'meta'>['config']);
    case 'mailchimp':
      return (config.baseUrl as string | undefined) ?? 'https://login.mailchimp.com/';
    case 'klaviyo':
      return (config.baseUrl as string | undefined) ?? 'https://a.klaviyo.com/';
    case 'webhook':
      return new URL(config.url as string).origin + '/';
    case 'file':
      return null;
  }
}

/** Whether any partner that a waiting run needs answers again. */
async function probeWaitingPartners(db: Database, timeoutMs = 3000): Promise<boolean> {
  const urls = new Set<string>();
  for (const run of runsWaitingForNetwork(db)) {
    const c = getConnectionById(db, run.connectionId);
    const url = c && partnerProbeUrl(c);
    if (url) urls.add(url);
  }
  for (const url of urls) if (await probeUrl(url, timeoutMs)) return true;
  return false;
}

export function startOfflineQueue(opts: OfflineQueueOptions): OfflineQueue {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let busy: Promise<Awaited<ReturnType<typeof resumeWaitingRuns>>> | undefined;
  const controller = new AbortController();

  async function checkOnce() {
    if (runsWaitingForNetwork(opts.db).length === 0) return [];
    const probe = opts.probe ?? (() => probeWaitingPartners(opts.db));
    if (!(await probe())) return [];
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
    // The queue never keeps a process alive on its own (the CLI, tests).
    timer.unref();
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

/** The app's queue with its usual settings: every 30 s, the partners of waiting runs are probed. */
export function startPublishQueue(opts: {
  db: Database;
  secrets: PublishDeps['secrets'];
  now: () => number;
  onError?: (error: unknown) => void;
  intervalMs?: number;
}): OfflineQueue {
  return startOfflineQueue({
    db: opts.db,
    deps: {
      secrets: opts.secrets,
      http: { retry: DEFAULT_RETRY, timeoutMs: 30_000, now: opts.now },
    },
    intervalMs: opts.intervalMs ?? 30_000,
    ...(opts.onError ? { onError: opts.onError } : {}),
  });
}

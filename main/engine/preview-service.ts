// The engine off the UI's path: a worker thread evaluates; a newer preview with the same requestId
// cancels the older one (it rejects with code 'cancelled' at once, is skipped if still queued, and
// its answer is dropped if it was already running).
import { startWorker } from '../process/start-worker';
import type { AudienceDefinition } from '../../shared/audience/audience-types';
import type { ExplainNode, PreviewResult } from '../../shared/contract/audience-channels';
import type { ApiError } from '../../shared/contract/result';
import type { Catalog } from '../../shared/contract/workspace-channels';
import { CANCEL_SLOTS, type WorkerRequest, type WorkerResponse } from './preview-protocol';

/** An ApiError-shaped failure from the service. */
export class PreviewServiceError extends Error implements ApiError {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly problems?: ApiError['problems'],
  ) {
    super(message);
    this.name = 'PreviewServiceError';
  }
}

export interface PreviewService {
  preview(
    def: AudienceDefinition,
    opts: { asOf: number; requestId?: string },
  ): Promise<PreviewResult>;
  members(def: AudienceDefinition, opts: { asOf: number }): Promise<Uint32Array>;
  explain(def: AudienceDefinition, profile: number, opts: { asOf: number }): Promise<ExplainNode>;
  catalog(): Promise<Catalog>;
  population(): Promise<number>;
  /** Reloads the worker's data if an import changed it. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export interface PreviewServiceOptions {
  /** The worker module; the default is the .ts source next to this file (run through tsx). */
  workerUrl?: URL;
}

type Omitted<T> = T extends unknown ? Omit<T, 'id'> : never;

export function createPreviewService(
  dbPath: string,
  options: PreviewServiceOptions = {},
): PreviewService {
  const workerUrl = options.workerUrl ?? new URL('./preview-worker.ts', import.meta.url);
  const cancelFlags = new SharedArrayBuffer(CANCEL_SLOTS * 4);
  const flags = new Int32Array(cancelFlags);
  const worker = startWorker(workerUrl, { dbPath, cancelFlags });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const latestByRequestId = new Map<string, number>();
  let nextId = 1;
  let closed = false;
  let failure: Error | undefined;

  worker.on('message', (res: WorkerResponse) => {
    const p = pending.get(res.id);
    if (!p) return; // cancelled: a stale answer is dropped
    pending.delete(res.id);
    if (res.ok) p.resolve(res.value);
    else p.reject(new PreviewServiceError(res.error.code, res.error.message, res.error.problems));
  });
  const failAll = (e: Error) => {
    failure = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on('error', (e) =>
    failAll(new PreviewServiceError('internal', `engine worker failed: ${e.message}`)),
  );
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  worker.on('exit', (code) => {
    if (!closed)
      failAll(new PreviewServiceError('unavailable', `engine worker exited (code ${code})`));
  });

  function call<T>(req: Omitted<WorkerRequest>): { id: number; promise: Promise<T> } {
    const id = nextId++;
    const promise = new Promise<T>((resolve, reject) => {
      if (closed || failure) {
        reject(failure ?? new PreviewServiceError('unavailable', 'the preview service is closed'));
        return;
      }
      Atomics.store(flags, id % CANCEL_SLOTS, 0);
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...req, id });
    });
    return { id, promise };
  }

  function cancel(id: number): void {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    Atomics.store(flags, id % CANCEL_SLOTS, 1);
    p.reject(new PreviewServiceError('cancelled', 'superseded by a newer preview'));
  }

  return {
    preview(def, opts) {
      const { id, promise } = call<PreviewResult>({ method: 'preview', def, asOf: opts.asOf });
      if (opts.requestId !== undefined) {
        const older = latestByRequestId.get(opts.requestId);
        if (older !== undefined) cancel(older);
        latestByRequestId.set(opts.requestId, id);
        const forget = () => {
          if (latestByRequestId.get(opts.requestId!) === id)
            latestByRequestId.delete(opts.requestId!);
        };
        promise.then(forget, forget);
      }
      return promise;
    },
    members: (def, opts) => call<Uint32Array>({ method: 'members', def, asOf: opts.asOf }).promise,
    explain: (def, profile, opts) =>
      call<ExplainNode>({ method: 'explain', def, asOf: opts.asOf, profile }).promise,
    catalog: () => call<Catalog>({ method: 'catalog' }).promise,
    population: () => call<number>({ method: 'population' }).promise,
    refresh: () => call<void>({ method: 'refresh' }).promise,
    async close() {
      if (closed) return;
      closed = true;
      failAll(new PreviewServiceError('unavailable', 'the preview service is closed'));
      if (exited) return;
      worker.postMessage('close');
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await exit;
      clearTimeout(timer);
    },
  };
}

// The engine's worker thread: owns its own connection and in-memory data, answers one request at a
// time, and skips requests cancelled while they waited in the queue.
import { parentPort, workerData } from 'node:worker_threads';
import type { ApiError } from '../../shared/contract/result';
import { audienceLibrary } from '../audiences/audience-store';
import { openCache } from '../cache/open-cache';
import { AudienceInvalidError } from './audience-invalid-error';
import { EvaluationCancelledError, openEngine } from './index';
import {
  CANCEL_SLOTS,
  type WorkerInit,
  type WorkerRequest,
  type WorkerResponse,
} from './preview-protocol';

const init = workerData as WorkerInit;
const flags = new Int32Array(init.cancelFlags);
const db = openCache(init.dbPath);
const engine = openEngine(db);
const library = audienceLibrary(db);

function toApiError(e: unknown): ApiError {
  if (e instanceof AudienceInvalidError)
    return { code: 'invalid-audience', message: e.message, problems: e.problems };
  if (e instanceof EvaluationCancelledError) return { code: 'cancelled', message: e.message };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

function handle(req: WorkerRequest): unknown {
  const slot = req.id % CANCEL_SLOTS;
  const shouldStop = () => Atomics.load(flags, slot) === 1;
  switch (req.method) {
    case 'preview':
      return engine.preview(req.def, { asOf: req.asOf, library, shouldStop });
    case 'members':
      return engine.members(req.def, { asOf: req.asOf, library });
    case 'explain':
      return engine.explain(req.def, req.profile, { asOf: req.asOf, library });
    case 'catalog':
      return engine.catalog();
    case 'population':
      return engine.population();
    case 'refresh':
      engine.refresh();
      return null;
  }
}

parentPort!.on('message', (req: WorkerRequest | 'close') => {
  if (req === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  const slot = req.id % CANCEL_SLOTS;
  let res: WorkerResponse;
  if (Atomics.exchange(flags, slot, 0) === 1) {
    res = {
      id: req.id,
      ok: false,
      error: { code: 'cancelled', message: 'superseded by a newer request' },
    };
  } else {
    try {
      const value = handle(req);
      res = { id: req.id, ok: true, value };
    } catch (e) {
      res = { id: req.id, ok: false, error: toApiError(e) };
    }
  }
  Atomics.store(flags, slot, 0);
  const transfer =
    res.ok && res.value instanceof Uint32Array ? [res.value.buffer as ArrayBuffer] : [];
  parentPort!.postMessage(res, transfer);
});

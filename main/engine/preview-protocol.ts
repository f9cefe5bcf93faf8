// Messages between the PreviewService (main thread) and its engine worker.
import type { AudienceDefinition } from '../../shared/audience/audience-types';
import type { ApiError } from '../../shared/contract/result';

export interface WorkerInit {
  dbPath: string;
  /** One Int32 per request slot: set to 1 when the request was cancelled before it started. */
  cancelFlags: SharedArrayBuffer;
}

export type WorkerRequest =
  | { id: number; method: 'preview'; def: AudienceDefinition; asOf: number }
  | { id: number; method: 'members'; def: AudienceDefinition; asOf: number }
  | { id: number; method: 'explain'; def: AudienceDefinition; asOf: number; profile: number }
  | { id: number; method: 'catalog' }
  | { id: number; method: 'population' }
  | { id: number; method: 'refresh' };

export type WorkerResponse =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ApiError };

export const CANCEL_SLOTS = 4096;

import type { WireGroup } from './record-wire';

// Messages between the importer and its parse worker (parse-worker.ts).

export interface ParseWorkerInit {
  path: string;
  kind: 'lines' | 'json';
  /** The import's time, for attribute writes without a time of their own. */
  now: number;
  /** Groups posted and not yet taken before the worker waits: bounds the memory in flight. */
  maxInFlight: number;
  /**
   * Line files only: this worker parses every `of`-th group of lines from the `index`-th, and
   * posts one message for each of them (empty or not), so the importer can take the groups of
   * all the workers in turn and see the file's order.
   */
  share?: { index: number; of: number };
}

export type ParseWorkerMessage =
  | { type: 'group'; group: WireGroup; bytesRead: number }
  | { type: 'done' }
  /** `inBatch`: the fault came while taking a batch, which then counts as one (as in-thread). */
  | { type: 'error'; message: string; inBatch: boolean };

/** The importer took one group. */
export type ParseWorkerAck = 1;

// Splits a large event tally between the engine's thread and one helper thread: each counts half of
// the column's profiles. The loops are limited by memory, not arithmetic, and a second core brings
// its own share of the memory bandwidth. The columns live in shared memory, so a job is a few
// numbers (and the filters' per-object flags); the helper's half comes back through shared scratch
// arrays, copied into the tally. The engine waits for the helper with Atomics.wait (it runs in a worker
// thread in the app, on the main thread in the CLI and the bench, where blocking is allowed).
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { findWorker, startWorker } from '../process/start-worker';
import { tallyRange, type TallyColumn, type TallyJob } from './tally-loops';
import type { SplitMessage } from './tally-split-protocol';

/** Below this many profiles a column is counted on one thread: the hand-over costs more. */
export const SPLIT_MIN_PROFILES = 100_000;
/** A helper that does not answer in this long is given up (the range is computed here). */
const HELPER_TIMEOUT_MS = 10_000;

const isShared = (a: ArrayBufferView | null): boolean =>
  a === null || a.buffer instanceof SharedArrayBuffer;

export class TallySplitter {
  private worker: Worker | undefined;
  private failed = false;
  private readonly sent = new WeakMap<Float64Array, number>();
  private nextKey = 1;
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  private scratch: { counts: Uint32Array; sums: Float64Array } | undefined;
  /** Tallies whose second half the helper counted. */
  splits = 0;

  constructor(private readonly minProfiles = SPLIT_MIN_PROFILES) {}

  /** Whether splitting can help at all on this machine. */
  static useful(): boolean {
    return availableParallelism() > 1;
  }

  /** Fills the job's counts (and sums) for the column's first `n` profiles. */
  run(col: TallyColumn, job: TallyJob, n: number): void {
    const mid = n >>> 1;
    const worker = n >= this.minProfiles ? this.helper(col) : undefined;
    if (!worker) {
      tallyRange(col, job, 0, n);
      return;
    }
    const key = this.columnKey(worker, col);
    const scratch = this.scratchFor(worker, n);
    Atomics.store(this.done, 0, 0);
    const { counts, sums, ...params } = job;
    const msg: SplitMessage = {
      type: 'job',
      key,
      params,
      withSums: sums !== null,
      from: mid,
      to: n,
      done: this.done,
    };
    worker.postMessage(msg);
    tallyRange(col, job, 0, mid);
    const waited = Atomics.wait(this.done, 0, 0, HELPER_TIMEOUT_MS);
    if (waited === 'timed-out' || Atomics.load(this.done, 0) !== 1) {
      // The helper is gone or stuck: stop using it, and count its half here.
      this.stop();
      this.failed = true;
      tallyRange(col, job, mid, n);
      return;
    }
    counts.set(scratch.counts.subarray(mid, n), mid);
    if (sums) sums.set(scratch.sums.subarray(mid, n), mid);
    this.splits++;
  }

  /** Scratch arrays of at least n entries, shared with the helper (sent again when grown). */
  private scratchFor(worker: Worker, n: number): { counts: Uint32Array; sums: Float64Array } {
    if (!this.scratch || this.scratch.counts.length < n) {
      this.scratch = {
        counts: new Uint32Array(new SharedArrayBuffer(n * 4)),
        sums: new Float64Array(new SharedArrayBuffer(n * 8)),
      };
      const msg: SplitMessage = { type: 'scratch', ...this.scratch };
      worker.postMessage(msg);
    }
    return this.scratch;
  }

  stop(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /** The helper, when the column is in shared memory and one can be started. */
  private helper(col: TallyColumn): Worker | undefined {
    if (this.failed) return undefined;
    if (![col.starts, col.ts, col.lastSec, col.props].every(isShared)) return undefined;
    if (!this.worker) {
      const url = findWorker(import.meta.url, 'tally-worker');
      if (!url) {
        this.failed = true;
        return undefined;
      }
      // It allocates next to nothing: a small heap keeps its share of memory small too.
      const w = startWorker(url, {}, { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 });
      // A CLI run ends when its work does, helper or not.
      w.unref();
      w.on('error', () => {
        this.failed = true;
      });
      this.worker = w;
    }
    return this.worker;
  }

  private columnKey(worker: Worker, col: TallyColumn): number {
    let key = this.sent.get(col.ts);
    if (key === undefined) {
      key = this.nextKey++;
      this.sent.set(col.ts, key);
      const msg: SplitMessage = { type: 'column', key, column: col };
      worker.postMessage(msg);
    }
    return key;
  }
}

// Messages from the engine to its tally helper thread (tally-worker.ts). Only the columns and one
// scratch pair are shared memory, each sent once: a shared array sent with every job would stay
// alive in the helper until its (rarely run) garbage collector found it.
import type { TallyColumn, TallyJob } from './tally-loops';

/** A job without its output arrays: the helper writes into its scratch arrays instead. */
export type JobParams = Omit<TallyJob, 'counts' | 'sums'>;

export type SplitMessage =
  | { type: 'column'; key: number; column: TallyColumn }
  | { type: 'scratch'; counts: Uint32Array; sums: Float64Array }
  | {
      type: 'job';
      key: number;
      params: JobParams;
      withSums: boolean;
      from: number;
      to: number;
      /** Set to 1 when done, 2 when the range could not be computed; then notified. */
      done: Int32Array;
    };

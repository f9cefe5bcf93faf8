// The helper thread of tally-split.ts: keeps the event columns it was sent (shared memory, no
// copy), runs the tally loops over the ranges it is given into its shared scratch arrays, then
// raises the job's done flag.
import { parentPort } from 'node:worker_threads';
import { tallyRange, type TallyColumn } from './tally-loops';
import type { SplitMessage } from './tally-split-protocol';

const columns = new Map<number, TallyColumn>();
let scratch: { counts: Uint32Array; sums: Float64Array } | undefined;

parentPort!.on('message', (m: SplitMessage) => {
  if (m.type === 'column') {
    columns.set(m.key, m.column);
    return;
  }
  if (m.type === 'scratch') {
    scratch = { counts: m.counts, sums: m.sums };
    return;
  }
  try {
    const col = columns.get(m.key);
    if (!col || !scratch) throw new Error(`tally worker: no column ${m.key} or no scratch`);
    // Skipped profiles are not written: their counts must read 0.
    scratch.counts.fill(0, m.from, m.to);
    if (m.withSums) scratch.sums.fill(0, m.from, m.to);
    const job = { ...m.params, counts: scratch.counts, sums: m.withSums ? scratch.sums : null };
    tallyRange(col, job, m.from, m.to);
    Atomics.store(m.done, 0, 1);
  } catch {
    // The caller sees the failure flag and computes the range itself.
    Atomics.store(m.done, 0, 2);
  }
  Atomics.notify(m.done, 0);
});

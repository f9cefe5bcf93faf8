// The row loops of an event tally, over a range [from, to) of an event column's profiles: the
// engine runs them on its own thread, or splits the column with a helper thread (tally-split.ts),
// which runs the same loops (tally-worker.ts) on the other half.

/** The event column's arrays a tally reads (shared memory when a helper thread reads them too). */
export interface TallyColumn {
  starts: Uint32Array;
  ts: Float64Array;
  lastSec: Uint32Array;
  props: Uint16Array | Uint32Array | null;
}

/** One tally's parameters, the same for every range of the column. */
export interface TallyJob {
  /** The window as an inclusive range [lo, hi] of times. */
  lo: number;
  hi: number;
  /**
   * A profile whose newest second is below this has nothing in the window: its times are below
   * (lastSec + 1) * 1000 <= skipSec * 1000 <= lo. 0 skips none.
   */
  skipSec: number;
  /** The window holds every stored event of the name. */
  covers: boolean;
  /** Find a window's lower edge walking forward (else back from its upper edge). */
  walkForward: boolean;
  /** Per property object: passes the filters; null when every object passes and nothing is summed. */
  pass: Uint8Array | null;
  /** Per property object: its (scaled) amount, 0 when it fails the filters; null without a sum. */
  amounts: Float64Array | null;
  /** Out: per column position. */
  counts: Uint32Array;
  sums: Float64Array | null;
}

/**
 * The end of a profile's time-sorted rows [start, end) with ts <= hi. Windows mostly end at the
 * newest events, so the last row is checked first.
 */
function rowsUpTo(ts: Float64Array, start: number, end: number, hi: number): number {
  if (end === start || ts[end - 1]! <= hi) return end;
  let a = start;
  let c = end;
  while (a < c) {
    const m = (a + c) >>> 1;
    if (ts[m]! <= hi) a = m + 1;
    else c = m;
  }
  return c;
}

/**
 * The first of a profile's rows [start, c) with ts >= lo: found by stepping back a few rows from
 * the end (short windows hold few events), else by a binary search.
 */
function rowsFrom(ts: Float64Array, start: number, c: number, lo: number): number {
  let a = c;
  const stop = Math.max(start, c - 8);
  while (a > stop && ts[a - 1]! >= lo) a--;
  if (a === stop && a > start && ts[a - 1]! >= lo) {
    let b = start;
    while (b < a) {
      const m = (b + a) >>> 1;
      if (ts[m]! < lo) b = m + 1;
      else a = m;
    }
  }
  return a;
}

/** Fills counts (and sums) for the column's profiles from..to-1. */
export function tallyRange(col: TallyColumn, job: TallyJob, from: number, to: number): void {
  if (!job.pass) {
    if (job.covers) countAll(col, job, from, to);
    else countRows(col, job, from, to);
  } else countPassing(col, job, from, to);
}

/** Counts of every event in the window. */
function countRows(col: TallyColumn, job: TallyJob, from: number, to: number): void {
  const { starts, ts, lastSec } = col;
  const { lo, hi, skipSec, counts } = job;
  for (let i = from; i < to; i++) {
    if (lastSec[i]! < skipSec) continue;
    const c = rowsUpTo(ts, starts[i]!, starts[i + 1]!, hi);
    counts[i] = c - rowsFrom(ts, starts[i]!, c, lo);
  }
}

/** Counts of every event, the window covering them all. */
function countAll(col: TallyColumn, job: TallyJob, from: number, to: number): void {
  const { starts } = col;
  const { counts } = job;
  for (let i = from; i < to; i++) counts[i] = starts[i + 1]! - starts[i]!;
}

/**
 * Counts (and sums) of the events in the window whose property object passes. Only the rows inside
 * the window are visited; its lower edge is found by a linear walk from the side with fewer rows to
 * pass over (as estimated from the times), so the walk costs no more than the rows counted next.
 */
function countPassing(col: TallyColumn, job: TallyJob, from: number, to: number): void {
  const { starts, ts, lastSec } = col;
  const props = col.props!;
  const { lo, hi, covers, walkForward, counts, sums, amounts } = job;
  const pass = job.pass!;
  const skipSec = covers ? 0 : job.skipSec;
  for (let i = from; i < to; i++) {
    if (lastSec[i]! < skipSec) continue;
    const start = starts[i]!;
    const end = starts[i + 1]!;
    let c = end;
    let a = start;
    if (!covers) {
      c = rowsUpTo(ts, start, end, hi);
      if (walkForward) {
        while (a < c && ts[a]! < lo) a++;
      } else {
        a = c;
        while (a > start && ts[a - 1]! >= lo) a--;
      }
    }
    let count = 0;
    if (amounts) {
      let sum = 0;
      for (let e = a; e < c; e++) {
        const d = props[e]!;
        count += pass[d]!;
        sum += amounts[d]!;
      }
      sums![i] = sum;
    } else {
      for (let e = a; e < c; e++) count += pass[props[e]!]!;
    }
    counts[i] = count;
  }
}

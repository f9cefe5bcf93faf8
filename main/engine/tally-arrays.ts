// Arrays for event tallies, recycled. A tally of a common event takes 4 MB of counts (and 8 MB of
// sums) at 1M profiles; a new array of that size is fresh memory from the OS, and touching its
// pages the first time costs about as much as the counting (about 2 ms per 4 MB on the benchmark's
// virtual machine). Tallies evicted from the engine's cache hand their arrays back for the next one
// of the same length (the same event column).

/** Spare arrays kept beyond the cache's budget, each kind. */
const MAX_SPARE = 2;

function take<T extends Uint32Array | Float64Array>(spare: T[], length: number): T | undefined {
  const i = spare.findIndex((a) => a.length === length);
  if (i < 0) return undefined;
  const [a] = spare.splice(i, 1);
  return a!.fill(0) as T;
}

export class TallyArrays {
  private readonly spareCounts: Uint32Array[] = [];
  private readonly spareSums: Float64Array[] = [];

  /** Zeroed counts. */
  counts(length: number): Uint32Array {
    return take(this.spareCounts, length) ?? new Uint32Array(length);
  }

  /** Zeroed sums. */
  sums(length: number): Float64Array {
    return take(this.spareSums, length) ?? new Float64Array(length);
  }

  /** Takes back arrays no one reads any more (a tally dropped from the cache). */
  recycle(counts: Uint32Array, sums: Float64Array | null): void {
    this.spareCounts.push(counts);
    if (this.spareCounts.length > MAX_SPARE) this.spareCounts.shift();
    if (sums) {
      this.spareSums.push(sums);
      if (this.spareSums.length > MAX_SPARE) this.spareSums.shift();
    }
  }
}

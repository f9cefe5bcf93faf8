import { FLAG_MESSAGE_ID_KEY, type EventColumns } from '../cache/event-chunk-codec';

// Merging new events into one stored chunk, with deduplication (data-import.md §4):
// - content-keyed events are duplicates when profile, time and key are equal;
// - message-id-keyed events are duplicates when profile and key are equal; of those the one kept
//   is the earliest by time, then by canonical property JSON (the stored content), so the result
//   does not depend on which arrived first.
// Rows already stored are "old". A duplicate group that holds an old row adds no event.

export interface AddedRow {
  profile: number;
  ts: number;
  key: number;
  flags: number;
  props: string;
  /** False for rows moved here from another profile's chunk by a merge (already stored). */
  isNew: boolean;
}

export interface MergeResult {
  cols: EventColumns;
  /** Events newly stored. */
  events: number;
  /** Rows dropped as duplicates. */
  duplicates: number;
}

function compareRows(a: AddedRow, b: AddedRow): number {
  return (
    a.profile - b.profile ||
    a.ts - b.ts ||
    a.key - b.key ||
    a.flags - b.flags ||
    Number(a.isNew) - Number(b.isNew)
  );
}

function rowsOf(cols: EventColumns, from: number, to: number): AddedRow[] {
  const out: AddedRow[] = new Array(to - from);
  for (let i = from; i < to; i++) {
    out[i - from] = {
      profile: cols.profile[i]!,
      ts: cols.ts[i]!,
      key: cols.key[i]!,
      flags: cols.flags[i]!,
      props: cols.propsDict[cols.props[i]!]!,
      isNew: false,
    };
  }
  return out;
}

/**
 * Removes the rows of `profiles` from a chunk, returning what is left and the removed rows. A
 * chunk without any of them comes back as it is: a merge pass looks at every chunk of a block.
 */
export function extractProfiles(
  cols: EventColumns,
  profiles: ReadonlySet<number>,
): { kept: EventColumns; moved: AddedRow[] } {
  const n = cols.profile.length;
  const take = new Uint8Array(n);
  let moving = 0;
  for (let i = 0; i < n; i++) {
    if (profiles.has(cols.profile[i]!)) {
      take[i] = 1;
      moving++;
    }
  }
  if (moving === 0) return { kept: cols, moved: [] };
  const out = new ColumnsBuilder(n - moving);
  const moved: AddedRow[] = [];
  for (let i = 0; i < n; i++) {
    if (take[i]) moved.push(rowsOf(cols, i, i + 1)[0]!);
    else out.copy(cols, i);
  }
  return { kept: out.result(), moved };
}

/**
 * Output columns filled row by row; the property dictionary is rebuilt in order of first use, so
 * entries no row uses any more are dropped.
 */
class ColumnsBuilder {
  private n = 0;
  private readonly cols: EventColumns;
  private readonly dictIndex = new Map<string, number>([['{}', 0]]);
  private src: EventColumns | undefined;
  private remap = new Int32Array(0);

  constructor(capacity: number) {
    this.cols = {
      profile: new Uint32Array(capacity),
      ts: new Float64Array(capacity),
      key: new Uint32Array(capacity),
      flags: new Uint8Array(capacity),
      props: new Uint32Array(capacity),
      propsDict: ['{}'],
    };
  }

  private propsIndex(props: string): number {
    let p = this.dictIndex.get(props);
    if (p === undefined) {
      p = this.cols.propsDict.length;
      this.cols.propsDict.push(props);
      this.dictIndex.set(props, p);
    }
    return p;
  }

  add(r: AddedRow): void {
    const i = this.n++;
    const c = this.cols;
    c.profile[i] = r.profile;
    c.ts[i] = r.ts;
    c.key[i] = r.key;
    c.flags[i] = r.flags;
    c.props[i] = this.propsIndex(r.props);
  }

  /** Row `i` of `src` as it is. */
  copy(src: EventColumns, i: number): void {
    if (src !== this.src) {
      // src's dictionary index -> ours, filled on first use: no string lookup per copied row.
      this.src = src;
      this.remap = new Int32Array(src.propsDict.length).fill(-1);
    }
    const o = this.n++;
    const c = this.cols;
    c.profile[o] = src.profile[i]!;
    c.ts[o] = src.ts[i]!;
    c.key[o] = src.key[i]!;
    c.flags[o] = src.flags[i]!;
    const sp = src.props[i]!;
    let p = this.remap[sp]!;
    if (p < 0) {
      p = this.propsIndex(src.propsDict[sp]!);
      this.remap[sp] = p;
    }
    c.props[o] = p;
  }

  result(): EventColumns {
    const c = this.cols;
    const n = this.n;
    return {
      profile: c.profile.subarray(0, n),
      ts: c.ts.subarray(0, n),
      key: c.key.subarray(0, n),
      flags: c.flags.subarray(0, n),
      props: c.props.subarray(0, n),
      propsDict: c.propsDict,
    };
  }
}

/**
 * Deduplicates the rows of one profile (sorted, stored rows first on a full tie), adding the kept
 * ones to `out`.
 */
function mergeProfile(all: AddedRow[], out: ColumnsBuilder, result: MergeResult): void {
  const keep = new Uint8Array(all.length).fill(1);
  // Whether the duplicate group a kept row stands for holds a row that was already stored.
  const groupHasOld = new Uint8Array(all.length);
  const byMessageKey = new Map<number, number>();
  let lastContent = -1;
  for (let r = 0; r < all.length; r++) {
    const row = all[r]!;
    if (row.flags & FLAG_MESSAGE_ID_KEY) {
      const prev = byMessageKey.get(row.key);
      if (prev === undefined) {
        byMessageKey.set(row.key, r);
        continue;
      }
      const kept = all[prev]!;
      result.duplicates++;
      const hasOld = groupHasOld[prev] === 1 || !kept.isNew || !row.isNew;
      // Rows come in time order, so `kept` is not later; on equal time the smaller content wins.
      if (row.ts === kept.ts && row.props < kept.props) {
        keep[prev] = 0;
        byMessageKey.set(row.key, r);
        groupHasOld[r] = hasOld ? 1 : 0;
      } else {
        keep[r] = 0;
        groupHasOld[prev] = hasOld ? 1 : 0;
      }
      continue;
    }
    if (lastContent >= 0) {
      const kept = all[lastContent]!;
      if (kept.ts === row.ts && kept.key === row.key) {
        keep[r] = 0;
        result.duplicates++;
        if (!kept.isNew || !row.isNew) groupHasOld[lastContent] = 1;
        continue;
      }
    }
    lastContent = r;
  }
  for (let r = 0; r < all.length; r++) {
    if (!keep[r]) continue;
    const row = all[r]!;
    out.add(row);
    if (row.isNew && !groupHasOld[r]) result.events++;
  }
}

/**
 * Merges `added` into the sorted `existing` chunk and drops duplicates. Only the profiles `added`
 * touches are merged row by row; every other profile's stored rows are copied as they are (a
 * profile merge adds a few rows to chunks of many thousands).
 */
export function mergeChunk(existing: EventColumns | undefined, added: AddedRow[]): MergeResult {
  added.sort(compareRows);
  const oldProfile = existing?.profile ?? new Uint32Array(0);
  const nOld = oldProfile.length;
  const out = new ColumnsBuilder(nOld + added.length);
  const result: MergeResult = { cols: out.result(), events: 0, duplicates: 0 };
  let i = 0;
  let j = 0;
  while (i < nOld || j < added.length) {
    const a = j < added.length ? added[j]!.profile : Infinity;
    if (i < nOld && oldProfile[i]! < a) {
      // A profile nothing is added to: stored rows up to the next added profile, as they are.
      while (i < nOld && oldProfile[i]! < a) out.copy(existing!, i++);
      continue;
    }
    const oldStart = i;
    while (i < nOld && oldProfile[i] === a) i++;
    const addStart = j;
    while (j < added.length && added[j]!.profile === a) j++;
    const old = rowsOf(existing ?? EMPTY, oldStart, i);
    const mine = added.slice(addStart, j);
    // Linear merge of two sorted lists; on a full tie the stored row comes first.
    const all: AddedRow[] = new Array(old.length + mine.length);
    let x = 0;
    let y = 0;
    let k = 0;
    while (x < old.length && y < mine.length) {
      all[k++] = compareRows(old[x]!, mine[y]!) <= 0 ? old[x++]! : mine[y++]!;
    }
    while (x < old.length) all[k++] = old[x++]!;
    while (y < mine.length) all[k++] = mine[y++]!;
    mergeProfile(all, out, result);
  }
  result.cols = out.result();
  return result;
}

const EMPTY: EventColumns = {
  profile: new Uint32Array(0),
  ts: new Float64Array(0),
  key: new Uint32Array(0),
  flags: new Uint8Array(0),
  props: new Uint32Array(0),
  propsDict: ['{}'],
};

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

function rowsOf(cols: EventColumns | undefined): AddedRow[] {
  if (!cols) return [];
  const out: AddedRow[] = new Array(cols.profile.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = {
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

/** Removes the rows of `profiles` from a chunk, returning what is left and the removed rows. */
export function extractProfiles(
  cols: EventColumns,
  profiles: ReadonlySet<number>,
): { kept: EventColumns; moved: AddedRow[] } {
  const all = rowsOf(cols);
  const kept: AddedRow[] = [];
  const moved: AddedRow[] = [];
  for (const r of all) (profiles.has(r.profile) ? moved : kept).push(r);
  return { kept: toColumns(kept), moved };
}

function toColumns(rows: AddedRow[]): EventColumns {
  const n = rows.length;
  const cols: EventColumns = {
    profile: new Uint32Array(n),
    ts: new Float64Array(n),
    key: new Uint32Array(n),
    flags: new Uint8Array(n),
    props: new Uint32Array(n),
    propsDict: ['{}'],
  };
  const dictIndex = new Map<string, number>([['{}', 0]]);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    cols.profile[i] = r.profile;
    cols.ts[i] = r.ts;
    cols.key[i] = r.key;
    cols.flags[i] = r.flags;
    let p = dictIndex.get(r.props);
    if (p === undefined) {
      p = cols.propsDict.length;
      cols.propsDict.push(r.props);
      dictIndex.set(r.props, p);
    }
    cols.props[i] = p;
  }
  return cols;
}

/** Merges `added` into the sorted `existing` chunk and drops duplicates. */
export function mergeChunk(existing: EventColumns | undefined, added: AddedRow[]): MergeResult {
  const old = rowsOf(existing);
  added.sort(compareRows);
  // Linear merge of two sorted lists; on a full tie the stored row comes first.
  const all: AddedRow[] = new Array(old.length + added.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < old.length && j < added.length) {
    all[k++] = compareRows(old[i]!, added[j]!) <= 0 ? old[i++]! : added[j++]!;
  }
  while (i < old.length) all[k++] = old[i++]!;
  while (j < added.length) all[k++] = added[j++]!;

  const keep = new Uint8Array(all.length).fill(1);
  // Whether the duplicate group a kept row stands for holds a row that was already stored.
  const groupHasOld = new Uint8Array(all.length);
  let duplicates = 0;
  let start = 0;
  while (start < all.length) {
    const profile = all[start]!.profile;
    let end = start;
    while (end < all.length && all[end]!.profile === profile) end++;
    const byMessageKey = new Map<number, number>();
    let lastContent = -1;
    for (let r = start; r < end; r++) {
      const row = all[r]!;
      if (row.flags & FLAG_MESSAGE_ID_KEY) {
        const prev = byMessageKey.get(row.key);
        if (prev === undefined) {
          byMessageKey.set(row.key, r);
          continue;
        }
        const kept = all[prev]!;
        duplicates++;
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
          duplicates++;
          if (!kept.isNew || !row.isNew) groupHasOld[lastContent] = 1;
          continue;
        }
      }
      lastContent = r;
    }
    start = end;
  }
  const rows: AddedRow[] = [];
  let events = 0;
  for (let r = 0; r < all.length; r++) {
    if (!keep[r]) continue;
    const row = all[r]!;
    rows.push(row);
    if (row.isNew && !groupHasOld[r]) events++;
  }
  return { cols: toColumns(rows), events, duplicates };
}

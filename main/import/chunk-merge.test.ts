import { describe, expect, it } from 'vitest';
import { FLAG_MESSAGE_ID_KEY, type EventColumns } from '../cache/event-chunk-codec';
import { extractProfiles, mergeChunk, type AddedRow } from './chunk-merge';

// mergeChunk copies the stored rows of profiles nothing is added to and merges only the touched
// ones; these tests pin both paths and the rebuilt property dictionary.

function chunkOf(rows: Array<[number, number, number, number, string]>): EventColumns {
  const propsDict = ['{}'];
  const index = (p: string) => {
    let i = propsDict.indexOf(p);
    if (i < 0) i = propsDict.push(p) - 1;
    return i;
  };
  return {
    profile: Uint32Array.from(rows.map((r) => r[0])),
    ts: Float64Array.from(rows.map((r) => r[1])),
    key: Uint32Array.from(rows.map((r) => r[2])),
    flags: Uint8Array.from(rows.map((r) => r[3])),
    props: Uint32Array.from(rows.map((r) => index(r[4]))),
    propsDict,
  };
}

const rowsOf = (c: EventColumns) =>
  [...c.profile].map((p, i) => [p, c.ts[i], c.key[i], c.flags[i], c.propsDict[c.props[i]!]]);

const row = (
  profile: number,
  ts: number,
  key: number,
  flags: number,
  props: string,
  isNew: boolean,
): AddedRow => ({ profile, ts, key, flags, props, isNew });

const M = FLAG_MESSAGE_ID_KEY;

describe('mergeChunk', () => {
  const stored = chunkOf([
    [1, 10, 100, 0, '{"a":1}'],
    [1, 20, 101, 0, '{}'],
    [5, 10, 200, M, '{"b":2}'],
    [5, 30, 201, 0, '{}'],
    [9, 40, 300, 0, '{"c":3}'],
  ]);

  it('keeps untouched profiles as stored and dedups the touched one against its stored rows', () => {
    const r = mergeChunk(stored, [
      row(5, 30, 201, 0, '{}', true), // content duplicate of a stored row
      row(5, 50, 200, M, '{"b":9}', true), // same message id, later: the stored one stays
      row(5, 25, 202, 0, '{"d":4}', true), // new
      row(3, 5, 400, 0, '{"a":1}', true), // new profile between stored ones
    ]);
    expect(r.events).toBe(2);
    expect(r.duplicates).toBe(2);
    expect(rowsOf(r.cols)).toEqual([
      [1, 10, 100, 0, '{"a":1}'],
      [1, 20, 101, 0, '{}'],
      [3, 5, 400, 0, '{"a":1}'],
      [5, 10, 200, M, '{"b":2}'],
      [5, 25, 202, 0, '{"d":4}'],
      [5, 30, 201, 0, '{}'],
      [9, 40, 300, 0, '{"c":3}'],
    ]);
    // Dictionary rebuilt in order of first use, '{}' first.
    expect(r.cols.propsDict).toEqual(['{}', '{"a":1}', '{"b":2}', '{"d":4}', '{"c":3}']);
  });

  it('moves a merged profile: rows leave one chunk, duplicates with the survivor count, none are new', () => {
    const { kept, moved } = extractProfiles(stored, new Set([5]));
    expect(rowsOf(kept).map((r) => r[0])).toEqual([1, 1, 9]);
    expect(kept.propsDict).toEqual(['{}', '{"a":1}', '{"c":3}']);
    expect(moved.map((m) => [m.profile, m.ts, m.isNew])).toEqual([
      [5, 10, false],
      [5, 30, false],
    ]);
    for (const m of moved) m.profile = 1;
    const target = mergeChunk(kept, [...moved, row(1, 30, 201, 0, '{}', true)]);
    // The new row duplicates a moved stored row: no event added, one duplicate.
    expect(target.events).toBe(0);
    expect(target.duplicates).toBe(1);
    expect(rowsOf(target.cols)).toEqual([
      [1, 10, 100, 0, '{"a":1}'],
      [1, 10, 200, M, '{"b":2}'],
      [1, 20, 101, 0, '{}'],
      [1, 30, 201, 0, '{}'],
      [9, 40, 300, 0, '{"c":3}'],
    ]);
  });

  it('returns a chunk without the merged profiles as it is; merging nothing keeps every row', () => {
    const { kept, moved } = extractProfiles(stored, new Set([2, 7]));
    expect(kept).toBe(stored);
    expect(moved).toEqual([]);
    const same = mergeChunk(stored, []);
    expect(rowsOf(same.cols)).toEqual(rowsOf(stored));
    expect(same.events + same.duplicates).toBe(0);
  });
});

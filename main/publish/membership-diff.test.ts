import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutBatches, membershipDiff } from './membership-diff';

describe('membership diff', () => {
  it('splits joined, left and unchanged', () => {
    const d = membershipDiff(Uint32Array.of(1, 3, 5, 7), Uint32Array.of(2, 3, 7, 9));
    expect(Array.from(d.joined)).toEqual([1, 5]);
    expect(Array.from(d.left)).toEqual([2, 9]);
    expect(d.unchanged).toBe(2);
  });

  it('agrees with set arithmetic', () => {
    const sortedSet = fc
      .uniqueArray(fc.integer({ min: 0, max: 500 }))
      .map((a) => Uint32Array.from(a.sort((x, y) => x - y)));
    fc.assert(
      fc.property(sortedSet, sortedSet, (now, before) => {
        const d = membershipDiff(now, before);
        const b = new Set(before);
        const n = new Set(now);
        expect(Array.from(d.joined)).toEqual(Array.from(now).filter((x) => !b.has(x)));
        expect(Array.from(d.left)).toEqual(Array.from(before).filter((x) => !n.has(x)));
        expect(d.unchanged).toBe(Array.from(now).filter((x) => b.has(x)).length);
      }),
    );
  });

  it('refuses unsorted input, naming where', () => {
    expect(() => membershipDiff(Uint32Array.of(1, 3, 2), new Uint32Array())).toThrow(/index 2/);
  });

  it('cuts batches deterministically within the limit', () => {
    const ids = Uint32Array.from({ length: 1203 }, (_, i) => i * 2);
    const a = cutBatches(ids, 500);
    expect(a.map((b) => b.length)).toEqual([500, 500, 203]);
    expect(cutBatches(ids, 500).map((b) => b[0])).toEqual(a.map((b) => b[0]));
    expect(() => cutBatches(ids, 0)).toThrow(/at least 1/);
  });

  it('diffs and batches a million members in well under a second', () => {
    const before = Uint32Array.from({ length: 1_000_000 }, (_, i) => i * 3);
    const now = Uint32Array.from({ length: 1_000_000 }, (_, i) => i * 3 + (i % 10 === 0 ? 1 : 0));
    const t0 = performance.now();
    const d = membershipDiff(now, before);
    const batches = cutBatches(d.joined, 10_000);
    const ms = performance.now() - t0;
    expect(d.joined.length).toBe(100_000);
    expect(d.left.length).toBe(100_000);
    expect(batches.length).toBe(10);
    expect(ms).toBeLessThan(1000);
  });
});

// Profile sets as bitsets over profile ids: one bit per id, 32 per word. At 1M profiles a set is
// 125 KB and AND/OR/NOT of two sets takes well under a millisecond.
export type Bitset = Uint32Array;

export const wordsFor = (maxId: number): number => (maxId >>> 5) + 1;

export function setBit(b: Bitset, id: number): void {
  b[id >>> 5]! |= 1 << (id & 31);
}

export function hasBit(b: Bitset, id: number): boolean {
  const w = id >>> 5;
  return w < b.length && (b[w]! & (1 << (id & 31))) !== 0;
}

export function andInto(target: Bitset, other: Bitset): Bitset {
  for (let i = 0; i < target.length; i++) target[i]! &= other[i]!;
  return target;
}

export function orInto(target: Bitset, other: Bitset): Bitset {
  for (let i = 0; i < target.length; i++) target[i]! |= other[i]!;
  return target;
}

/** population minus set: the "not" of a set, always within the population. */
export function complementWithin(population: Bitset, set: Bitset): Bitset {
  const out = new Uint32Array(population.length);
  for (let i = 0; i < out.length; i++) out[i] = population[i]! & ~set[i]!;
  return out;
}

export function popcount(b: Bitset): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    let v = b[i]!;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

/** The ids of the set bits, ascending. */
export function bitsetIds(b: Bitset): Uint32Array {
  const out = new Uint32Array(popcount(b));
  let k = 0;
  for (let w = 0; w < b.length; w++) {
    let v = b[w]!;
    while (v !== 0) {
      const low = v & -v;
      out[k++] = (w << 5) + (31 - Math.clz32(low));
      v ^= low;
    }
  }
  return out;
}

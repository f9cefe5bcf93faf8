// The difference between who is in the audience now and who a connection last received. Both sides
// are sorted id arrays, so one merge pass does it: a million members take milliseconds.

export interface MembershipDiff {
  joined: Uint32Array;
  left: Uint32Array;
  unchanged: number;
}

function assertSorted(ids: Uint32Array, what: string): void {
  for (let i = 1; i < ids.length; i++) {
    if (ids[i]! <= ids[i - 1]!) {
      throw new Error(`${what} must be sorted and without repeats (at index ${i}: ${ids[i]})`);
    }
  }
}

export function membershipDiff(current: Uint32Array, delivered: Uint32Array): MembershipDiff {
  assertSorted(current, 'the audience members');
  assertSorted(delivered, 'the delivered members');
  const joined = new Uint32Array(current.length);
  const left = new Uint32Array(delivered.length);
  let j = 0;
  let l = 0;
  let unchanged = 0;
  let a = 0;
  let b = 0;
  while (a < current.length && b < delivered.length) {
    const x = current[a]!;
    const y = delivered[b]!;
    if (x === y) {
      unchanged++;
      a++;
      b++;
    } else if (x < y) {
      joined[j++] = x;
      a++;
    } else {
      left[l++] = y;
      b++;
    }
  }
  while (a < current.length) joined[j++] = current[a++]!;
  while (b < delivered.length) left[l++] = delivered[b++]!;
  return { joined: joined.slice(0, j), left: left.slice(0, l), unchanged };
}

/** Cuts ids into consecutive batches of at most `size`: the same input always gives the same cuts. */
export function cutBatches(ids: Uint32Array, size: number): Uint32Array[] {
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`batch size must be at least 1, got ${size}`);
  const out: Uint32Array[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.subarray(i, i + size));
  return out;
}

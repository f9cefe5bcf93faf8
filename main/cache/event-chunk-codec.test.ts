import { describe, expect, it } from 'vitest';
import { decodeChunk, encodeChunk, type EventColumns } from './event-chunk-codec';

function columns(
  rows: Array<[number, number, number, number, number]>,
  dict: string[],
): EventColumns {
  return {
    profile: Uint32Array.from(rows.map((r) => r[0])),
    ts: Float64Array.from(rows.map((r) => r[1])),
    key: Uint32Array.from(rows.map((r) => r[2])),
    flags: Uint8Array.from(rows.map((r) => r[3])),
    props: Uint32Array.from(rows.map((r) => r[4])),
    propsDict: dict,
  };
}

describe('event chunk codec', () => {
  it('round-trips columns exactly, including large times, negative deltas and 32-bit keys', () => {
    const c = columns(
      [
        [4096, 1_764_000_000_123, 0xffffffff, 1, 0],
        [4096, 1_764_000_000_124, 0, 0, 1],
        [4100, 1_500_000_000_000, 12345, 1, 2],
        [8191, 2 ** 52, 7, 0, 1],
      ],
      ['{}', '{"screen_name":"Home"}', '{"total_amount":12.5}'],
    );
    const back = decodeChunk(encodeChunk(c));
    expect(back).toEqual(c);
  });

  it('round-trips an empty chunk', () => {
    const c = columns([], ['{}']);
    expect(decodeChunk(encodeChunk(c))).toEqual(c);
  });

  it('refuses unsorted profiles and data that is not a chunk', () => {
    expect(() =>
      encodeChunk(
        columns(
          [
            [5, 1, 1, 0, 0],
            [4, 1, 1, 0, 0],
          ],
          ['{}'],
        ),
      ),
    ).toThrow(/sorted/);
    expect(() => decodeChunk(new Uint8Array([1, 2, 3]))).toThrow();
  });

  it('stores a typical session chunk in a few bytes per event', () => {
    const rows: Array<[number, number, number, number, number]> = [];
    let seed = 1;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let p = 0; p < 4096; p++) {
      let t = 1_760_000_000_000 + Math.floor(rand() * 1e9);
      for (let k = 0; k < 15; k++) {
        t += Math.floor(rand() * 86_400_000);
        rows.push([p, t, Math.floor(rand() * 2 ** 32), 1, 0]);
      }
    }
    const bytes = encodeChunk(columns(rows, ['{}'])).length;
    expect(bytes / rows.length).toBeLessThan(10);
  });
});

import { describe, expect, it } from 'vitest';
import { decimalPlaces, scaled, scaledThreshold, sumScale } from './exact-sum';

describe('exact sums', () => {
  it.each([
    [0, 0],
    [1200, 0],
    [1.25, 2],
    [-0.1, 1],
    [1e-7, 7],
    [1.5e-7, 8],
    [1e21, 0],
    [123.456, 3],
  ])('decimalPlaces(%d) = %d', (x, k) => {
    expect(decimalPlaces(x)).toBe(k);
  });

  it('adds decimals as written: 0.1 + 0.2 = 0.3, and ten times 0.1 = 1', () => {
    const s = sumScale([0.1, 0.2], 2);
    expect(scaled(0.1, s) + scaled(0.2, s)).toBe(scaledThreshold(0.3, s));
    const t = sumScale([0.1], 10);
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += scaled(0.1, t);
    expect(sum).toBe(scaledThreshold(1, t));
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it('compares a threshold finer than the amounts as its exact decimal', () => {
    const s = sumScale([0.5, 1.5], 2);
    expect(scaledThreshold(2, s)).toBe(20);
    // 2.05 lies strictly between the reachable sums 2.0 and 2.5.
    const th = scaledThreshold(2.05, s);
    expect(20 < th && th < 25).toBe(true);
  });

  it('falls back to plain doubles beyond 2^50 units or 15 decimals', () => {
    expect(sumScale([1e-16], 1).exact).toBe(false);
    expect(sumScale([2 ** 40], 2 ** 12).exact).toBe(false);
    expect(sumScale([99.99], 1_000_000).exact).toBe(true);
  });
});

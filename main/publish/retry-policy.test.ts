import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY, parseRetryAfter } from './retry-policy';

describe('backoff', () => {
  const policy = { ...DEFAULT_RETRY, baseMs: 100, maxMs: 1000, random: () => 1 };

  it('doubles up to the ceiling, with jitter in the upper half', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffMs(policy, a))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(backoffMs({ ...policy, random: () => 0 }, 3)).toBe(200);
  });

  it('waits what Retry-After asks, up to the limit', () => {
    expect(backoffMs(policy, 1, 7000)).toBe(7000);
    expect(backoffMs({ ...policy, maxRetryAfterMs: 5000 }, 1, 7000)).toBe(5000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

// Timing helpers: every figure is the median of several runs after a warm-up, so one slow run on a
// shared 2-core machine does not decide it.
import { statSync } from 'node:fs';

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function timed<T>(f: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = f();
  return { ms: performance.now() - t, value };
}

export async function timedAsync<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await f();
  return { ms: performance.now() - t, value };
}

export const round = (x: number, digits = 1): number => {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
};

/** Bytes of a file plus its SQLite WAL, 0 when absent. */
export function fileBytes(file: string): number {
  let n = 0;
  for (const f of [file, `${file}-wal`]) {
    try {
      n += statSync(f).size;
    } catch {
      // absent
    }
  }
  return n;
}

export const peakRssBytes = (): number => process.resourceUsage().maxRSS * 1024;

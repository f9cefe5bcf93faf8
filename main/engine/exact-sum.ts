// Sums that decide a threshold the way a person reading the data would: amounts are taken as the
// decimals they were written as (0.1 + 0.2 = 0.3), not as accumulated binary fractions. Each amount
// is scaled to an integer by 10^k, k being the most decimal places among the amounts and the
// threshold, and integers below 2^53 add exactly in doubles.

/** Decimal places of a finite number's shortest text (1.25 -> 2, 1e-7 -> 7, 1200 -> 0). */
export function decimalPlaces(x: number): number {
  const text = String(Math.abs(x));
  const e = text.indexOf('e');
  const mantissa = e >= 0 ? text.slice(0, e) : text;
  const exp = e >= 0 ? Number(text.slice(e + 1)) : 0;
  const dot = mantissa.indexOf('.');
  const frac = dot >= 0 ? mantissa.length - dot - 1 : 0;
  return Math.max(0, frac - exp);
}

const MAX_SCALE = 15;

export interface SumScale {
  /** Multiply amounts by this and round to get exact integers; 1 when no scaling is possible. */
  factor: number;
  /** log10(factor): the decimal places every amount fits in. */
  decimals: number;
  exact: boolean;
}

/**
 * The scale for summing `amounts` (at most `maxTerms` of them per total). Falls back to plain
 * doubles (exact: false) only for amounts with more than 15 decimals or totals beyond 2^50 units,
 * which real amounts never reach.
 */
export function sumScale(amounts: Iterable<number>, maxTerms: number): SumScale {
  let k = 0;
  let maxAbs = 0;
  for (const a of amounts) {
    k = Math.max(k, decimalPlaces(a));
    maxAbs = Math.max(maxAbs, Math.abs(a));
  }
  return scaleFor(k, maxAbs, maxTerms);
}

/** sumScale from its amounts' most decimal places `k` and largest magnitude `maxAbs`. */
export function scaleFor(k: number, maxAbs: number, maxTerms: number): SumScale {
  if (k > MAX_SCALE) return { factor: 1, decimals: 0, exact: false };
  const factor = 10 ** k;
  if (maxAbs * factor * Math.max(1, maxTerms) >= 2 ** 50)
    return { factor: 1, decimals: 0, exact: false };
  return { factor, decimals: k, exact: true };
}

export function scaled(x: number, s: SumScale): number {
  return s.exact ? Math.round(x * s.factor) : x;
}

/**
 * A threshold in the units of scaled sums. With more decimals than the amounts it stays
 * fractional: a whole-unit sum then compares with it as with the exact decimal.
 */
export function scaledThreshold(x: number, s: SumScale): number {
  if (!s.exact) return x;
  return decimalPlaces(x) <= s.decimals ? Math.round(x * s.factor) : x * s.factor;
}

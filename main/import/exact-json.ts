// JSON parsing that keeps 64-bit integers exact. Node 20's JSON.parse offers no access to a
// number's source text, so before parsing, integer literals of 16 or more digits outside strings
// are rewritten into strings marked with a leading NUL character ("big number" strings). Callers
// read ids through `exactNumberText` and turn everything else back into plain numbers with
// `plainJson`.

const BIG_MARK = '\u0000';

// A whole JSON string (skipped untouched) or a long integer literal that is not part of a fraction
// or exponent. The string branch is the unrolled-loop form, which cannot backtrack badly.
const TOKENS = /"[^"\\]*(?:\\.[^"\\]*)*"|(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g;
const LONG_DIGITS = /\d{16}/;

function markBig(token: string): string {
  return token.charCodeAt(0) === 34 ? token : `"\\u0000${token}"`;
}

/** JSON.parse, with integers of 16+ digits kept as marked strings (see `exactNumberText`). */
export function parseExactJson(text: string): unknown {
  return JSON.parse(LONG_DIGITS.test(text) ? text.replace(TOKENS, markBig) : text);
}

export function isBigNumber(v: unknown): v is string {
  return typeof v === 'string' && v.charCodeAt(0) === 0 && v.length > 1;
}

/**
 * The exact decimal text of a JSON number: the source digits of a long integer, JavaScript's
 * shortest round-trip text otherwise (exact for every integer below 16 digits). Undefined when
 * `v` is not a number.
 */
export function exactNumberText(v: unknown): string | undefined {
  if (isBigNumber(v)) return v.slice(BIG_MARK.length);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** `v` with every marked long integer turned back into a (rounded) number, as JSON.parse gives. */
export function plainJson(v: unknown): unknown {
  if (typeof v === 'string') return isBigNumber(v) ? Number(v.slice(1)) : v;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(plainJson);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = plainJson(x);
  return out;
}

/**
 * JSON text of a value in which marked long integers are written as their exact digits (used
 * for stored attribute values, which keep ids exact).
 */
export function exactJsonText(v: unknown): string {
  if (isBigNumber(v)) return v.slice(1);
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(exactJsonText).join(',')}]`;
  const parts: string[] = [];
  for (const [k, x] of Object.entries(v)) {
    if (x !== undefined) parts.push(`${JSON.stringify(k)}:${exactJsonText(x)}`);
  }
  return `{${parts.join(',')}}`;
}

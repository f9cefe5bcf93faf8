// JSON parsing that keeps 64-bit integers exact. Node 20's JSON.parse offers no access to a
// number's source text, so before parsing, integer literals of 16 or more digits outside strings
// are rewritten into strings marked with a leading NUL character ("big number" strings). Callers
// read ids through `exactNumberText` and turn everything else back into plain numbers with
// `plainJson`.

const BIG_MARK = '\u0000';

// Spelled out rather than \d{16,}: V8 scans for a literal run of sixteen \d many times faster,
// which matters on lines full of 13-digit timestamps.
const LONG_DIGITS = new RegExp(`${'\\d'.repeat(16)}\\d*`, 'g');

function isNumberChar(c: number): boolean {
  // digits . e E + -
  return (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45;
}

/**
 * Wraps the long integer literals of `text` that stand outside strings. Only the quotes before each
 * long digit run are visited (native indexOf), so a line with one long id near its start costs
 * little however long it is.
 */
function quoteLongIntegers(text: string): string {
  let out = '';
  let copied = 0;
  let cursor = 0; // every quote before `cursor` has been accounted for
  let inString = false;
  LONG_DIGITS.lastIndex = 0;
  for (let m = LONG_DIGITS.exec(text); m; m = LONG_DIGITS.exec(text)) {
    const at = m.index;
    for (let q = text.indexOf('"', cursor); q >= 0 && q < at; q = text.indexOf('"', q + 1)) {
      if (inString) {
        let backslashes = 0;
        while (text.charCodeAt(q - 1 - backslashes) === 92) backslashes++;
        if (backslashes % 2 === 1) continue;
      }
      inString = !inString;
      cursor = q + 1;
    }
    if (cursor < at) cursor = at;
    if (inString) continue;
    const end = at + m[0].length;
    const start = text.charCodeAt(at - 1) === 45 ? at - 1 : at;
    if (isNumberChar(text.charCodeAt(start - 1)) || isNumberChar(text.charCodeAt(end))) continue;
    out += `${text.slice(copied, start)}"\\u0000${text.slice(start, end)}"`;
    copied = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

// Identity values must keep their source text even when short: `"customer_id": 12.50` is the id
// "12.50", not 12.5. Lines where an mpid or a user_identities value is a number with a fraction or
// an exponent get those literals marked as well (long integers are already handled above).
const IDENTITY_DECIMAL =
  /(?<!\\)"(?:mpid"\s*:\s*-?\d+[.eE]|user_identities"\s*:\s*\{[^{}]*?:\s*-?\d+[.eE])/;
const NUMBER_AT = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function markNumberAt(text: string, at: number): { text: string; end: number } {
  NUMBER_AT.lastIndex = at;
  const m = NUMBER_AT.exec(text);
  if (!m) return { text, end: at + 1 };
  const end = at + m[0].length;
  return { text: `${text.slice(0, at)}"\\u0000${m[0]}"${text.slice(end)}`, end: end + 8 };
}

/** Marks the number literals of the mpid and of the user_identities object's values. */
function quoteIdentityNumbers(text: string): string {
  const mpid = /(?<!\\)"mpid"\s*:\s*(?=-?\d)/.exec(text);
  let out = text;
  if (mpid) out = markNumberAt(out, mpid.index + mpid[0].length).text;
  const ui = /(?<!\\)"user_identities"\s*:\s*\{/.exec(out);
  if (!ui) return out;
  let i = ui.index + ui[0].length;
  let inString = false;
  let afterColon = false;
  while (i < out.length) {
    const c = out.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
      afterColon = false;
    } else if (c === 125 || c === 123 || c === 91) {
      break; // end of the (flat) object, or a nested value: leave the rest to JSON.parse
    } else if (c === 58) {
      afterColon = true;
    } else if (afterColon && (c === 45 || (c >= 48 && c <= 57))) {
      const marked = markNumberAt(out, i);
      out = marked.text;
      i = marked.end;
      afterColon = false;
      continue;
    } else if (c !== 32 && c !== 9 && c !== 10 && c !== 13) {
      afterColon = false;
    }
    i++;
  }
  return out;
}

/**
 * JSON.parse, with integers of 16+ digits, and any number given as an mpid or a user identity,
 * kept as marked strings (see `exactNumberText`).
 */
export function parseExactJson(text: string): unknown {
  const long = quoteLongIntegers(text);
  return JSON.parse(IDENTITY_DECIMAL.test(long) ? quoteIdentityNumbers(long) : long);
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

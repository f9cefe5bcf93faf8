import { isBigNumber } from './exact-json';

// RFC 8785 (JSON Canonicalization Scheme): object members sorted by the UTF-16 code units of
// their names, no white space, numbers in ECMAScript's shortest round-trip form (what
// JSON.stringify writes), strings escaped as JSON.stringify does. Marked long integers (see
// exact-json.ts) count as the numbers they are, so the text matches what JCS gives for the
// source document.

// Member names repeat from record to record: their JSON text is kept rather than rebuilt.
const quotedNames = new Map<string, string>();
const MAX_QUOTED_NAMES = 4096;

function quotedName(k: string): string {
  let q = quotedNames.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (quotedNames.size < MAX_QUOTED_NAMES) quotedNames.set(k, q);
  }
  return q;
}

/** A number JSON.parse read as ±Infinity (e.g. 1e999): it has no JSON text to keep. */
export class NonFiniteNumberError extends Error {
  constructor() {
    super('holds a number too large to store (such as 1e999)');
    this.name = 'NonFiniteNumberError';
  }
}

export function canonicalJson(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return isBigNumber(v) ? JSON.stringify(Number(v.slice(1))) : JSON.stringify(v);
    case 'number':
      if (!Number.isFinite(v)) throw new NonFiniteNumberError();
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(v[i]);
        return `${out}]`;
      }
      const o = v as Record<string, unknown>;
      // Default sort compares UTF-16 code units, which is the order RFC 8785 asks for.
      const keys = Object.keys(o).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const x = o[k];
        if (x === undefined) continue;
        out += `${first ? '' : ','}${quotedName(k)}:${canonicalJson(x)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new Error(`canonicalJson: ${typeof v} is not JSON`);
  }
}

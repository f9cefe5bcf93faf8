import { isBigNumber } from './exact-json';

// RFC 8785 (JSON Canonicalization Scheme): object members sorted by the UTF-16 code units of
// their names, no white space, numbers in ECMAScript's shortest round-trip form (what
// JSON.stringify writes), strings escaped as JSON.stringify does. Marked long integers (see
// exact-json.ts) count as the numbers they are, so the text matches what JCS gives for the
// source document.

export function canonicalJson(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return isBigNumber(v) ? JSON.stringify(Number(v.slice(1))) : JSON.stringify(v);
    case 'number':
      if (!Number.isFinite(v)) throw new Error('canonicalJson: numbers must be finite');
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        if (i > 0) out += ',';
        out += `${JSON.stringify(keys[i])}:${canonicalJson(o[keys[i]!])}`;
      }
      return `${out}}`;
    }
    default:
      throw new Error(`canonicalJson: ${typeof v} is not JSON`);
  }
}

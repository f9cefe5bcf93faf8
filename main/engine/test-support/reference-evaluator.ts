// A deliberately simple, independent evaluator of audience/v1 over raw records, used only to check
// the engine in property tests. It shares nothing with the engine but the types: its own datetime
// parser, its own value rules, exact decimal sums with BigInt, and a plain walk per profile.
import type {
  AudienceDefinition,
  AudienceNode,
  CompareOp,
  Condition,
} from '../../../shared/audience/audience-types';
import type { RawProfile } from './raw-cache';

const UNIT: Record<string, number> = { minute: 60e3, hour: 3600e3, day: 864e5, week: 6048e5 };

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Epoch ms of a datetime as data-import.md defines it, else null. */
export function refTime(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const m = v
    .trim()
    .match(
      /^(\d\d\d\d)-(\d\d)-(\d\d)(T(\d\d):(\d\d)(:(\d\d)(\.(\d+))?)?(Z|([+-])(\d\d):(\d\d)))?$/,
    );
  if (!m) return null;
  const [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const mdays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1]!) return null;
  let ms = daysFromCivil(y, mo, d) * 864e5;
  if (m[4]) {
    const [h, mi, s] = [+m[5]!, +m[6]!, m[8] ? +m[8] : 0];
    if (h > 23 || mi > 59 || s > 59) return null;
    const frac = m[10] ? +m[10].slice(0, 3).padEnd(3, '0') : 0;
    ms += h * 3600e3 + mi * 60e3 + s * 1e3 + frac;
    if (m[11] !== 'Z') {
      const [oh, om] = [+m[13]!, +m[14]!];
      if (oh > 23 || om > 59) return null;
      ms -= (m[12] === '-' ? -1 : 1) * (oh * 60 + om) * 60e3;
    }
  }
  return ms;
}

function asText(v: unknown): string | null {
  if (typeof v === 'string') return v.trim().toLowerCase();
  if (typeof v === 'number') return `${v}`.toLowerCase();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return null;
}

function asNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v.trim()))
    return parseFloat(v.trim());
  return null;
}

function equals(v: unknown, target: unknown): boolean {
  if (typeof target === 'number') return asNumber(v) === target;
  if (typeof target === 'boolean') {
    if (typeof v === 'boolean') return v === target;
    return typeof v === 'string' && v.trim().toLowerCase() === String(target);
  }
  return asText(v) === String(target).trim().toLowerCase();
}

/** Numbers, or exact BigInt sums: the same six comparisons. */
function cmp<T extends number | bigint>(op: CompareOp, a: T, b: T): boolean {
  return op === '='
    ? a === b
    : op === '!='
      ? a !== b
      : op === '<'
        ? a < b
        : op === '<='
          ? a <= b
          : op === '>'
            ? a > b
            : a >= b;
}

function scalarHolds(op: string, value: unknown, v: unknown, asOf: number): boolean {
  if (v === null || typeof v === 'object') return false;
  const text = asText(v);
  switch (op) {
    case '=':
      return equals(v, value);
    case 'in':
      return (value as unknown[]).some((t) => equals(v, t));
    case 'contains':
      return text !== null && text.indexOf(String(value).trim().toLowerCase()) !== -1;
    case 'starts_with':
      return text !== null && text.startsWith(String(value).trim().toLowerCase());
    case 'ends_with':
      return text !== null && text.endsWith(String(value).trim().toLowerCase());
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (typeof value === 'number') {
        const n = asNumber(v);
        return n !== null && cmp(op, n, value);
      }
      const t = refTime(v);
      return t !== null && cmp(op, t, refTime(value)!);
    }
    case 'between': {
      const [lo, hi] = value as [unknown, unknown];
      if (typeof lo === 'number') {
        const n = asNumber(v);
        return n !== null && n >= lo && n <= (hi as number);
      }
      const t = refTime(v);
      return t !== null && t >= refTime(lo)! && t <= refTime(hi)!;
    }
    case 'within_last': {
      const w = value as { amount: number; unit: string };
      const t = refTime(v);
      return t !== null && t > asOf - w.amount * UNIT[w.unit]! && t <= asOf;
    }
    case 'before':
      return refTime(v) !== null && refTime(v)! < refTime(value)!;
    case 'after':
      return refTime(v) !== null && refTime(v)! > refTime(value)!;
  }
  throw new Error(`reference: no positive rule for ${op}`);
}

const COUNTERPART: Record<string, string> = { '!=': '=', not_in: 'in', not_contains: 'contains' };

function refCondition(c: Condition, v: unknown, asOf: number): boolean {
  const missing = v === undefined || v === null;
  if (c.op === 'exists') return !missing;
  if (c.op === 'not_exists') return missing;
  const positive = COUNTERPART[c.op];
  if (missing) return positive !== undefined;
  const op = positive ?? c.op;
  // A list "contains" a value when one element equals it.
  const listOp = op === 'contains' ? '=' : op;
  const some = Array.isArray(v)
    ? v.some((e) => scalarHolds(listOp, c.value, e, asOf))
    : scalarHolds(op, c.value, v, asOf);
  return positive ? !some : some;
}

/** A number as an exact BigInt count of 10^-40 units, from its shortest decimal text. */
function exactUnits(x: number): bigint {
  const m = `${x}`.match(/^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/)!;
  const digits = BigInt(`${m[2]}${m[3] ?? ''}`);
  const shift = 40 + Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  const units = digits * 10n ** BigInt(shift);
  return m[1] ? -units : units;
}

export interface RefContext {
  asOf: number;
  lookbackDays: number;
  library: Map<string, AudienceDefinition>;
}

function holds(
  node: AudienceNode,
  p: RawProfile,
  kind: string,
  ctx: RefContext,
  truth?: Map<string, boolean>,
): boolean {
  let r: boolean;
  switch (node.type) {
    case 'group': {
      const values = node.children.map((c) => holds(c, p, kind, ctx, truth));
      r = node.match === 'all' ? values.every(Boolean) : values.some(Boolean);
      if (node.negate) r = !r;
      break;
    }
    case 'attribute':
      r = refCondition(node, p.attributes?.[node.attribute], ctx.asOf);
      break;
    case 'identity':
      r = (p.identities?.[node.identity]?.length ?? 0) > 0 === node.present;
      break;
    case 'audience': {
      const d = ctx.library.get(node.audience)!;
      r = holds(d.root, p, d.kind, ctx) === node.member;
      break;
    }
    case 'event': {
      let count = 0;
      let sum = 0n;
      for (const e of p.events ?? []) {
        if (e.name !== node.event || e.ts > ctx.asOf) continue;
        if (kind === 'realtime' && e.ts <= ctx.asOf - ctx.lookbackDays * 864e5) continue;
        const w = node.window;
        if (w !== 'all' && 'last' in w && !(e.ts > ctx.asOf - w.last * UNIT[w.unit]!)) continue;
        if (w !== 'all' && 'from' in w && !(e.ts >= refTime(w.from)! && e.ts < refTime(w.to)!))
          continue;
        // Only the event's own properties: 'constructor' is not a property of every event.
        const props = e.props ?? {};
        const prop = (name: string): unknown =>
          Object.hasOwn(props, name) ? (props as Record<string, unknown>)[name] : undefined;
        if (!(node.where ?? []).every((f) => refCondition(f, prop(f.property), ctx.asOf))) continue;
        count++;
        if (node.sum) {
          const n = asNumber(prop(node.sum.property));
          if (n !== null) sum += exactUnits(n);
        }
      }
      r = true;
      if (!node.count && !node.sum) r = count >= 1;
      if (node.count && !cmp(node.count.op, count, node.count.value)) r = false;
      if (node.sum && !cmp(node.sum.op, sum, exactUnits(node.sum.value))) r = false;
      break;
    }
  }
  truth?.set(node.id, r);
  return r;
}

/** Size and per-node counts, computed profile by profile. */
export function referenceEvaluate(
  def: AudienceDefinition,
  profiles: RawProfile[],
  ctx: RefContext,
): { size: number; nodes: Record<string, number> } {
  const nodes: Record<string, number> = {};
  let size = 0;
  for (const p of profiles) {
    const truth = new Map<string, boolean>();
    if (holds(def.root, p, def.kind, ctx, truth)) size++;
    for (const [id, v] of truth) nodes[id] = (nodes[id] ?? 0) + (v ? 1 : 0);
  }
  return { size, nodes };
}

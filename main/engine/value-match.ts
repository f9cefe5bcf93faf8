// The value semantics of audience-v1.md ("Attribute and filter operators", "Types and missing
// values") compiled once per condition into a predicate over one stored JSON value. The engine calls
// it once per distinct stored value (attributes) or distinct property object (events), never per
// profile or per event.
import {
  UNIT_MS,
  type Condition,
  type FilterOp,
  type TimeUnit,
} from '../../shared/audience/audience-types';
import { parseDatetime } from '../../shared/audience/datetime';

export type ValuePredicate = (value: unknown) => boolean;

const NUMERIC_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The number a stored value stands for in a numeric comparison, or NaN. */
export function numericValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    return NUMERIC_RE.test(t) ? Number(t) : NaN;
  }
  return NaN;
}

/** The text a stored scalar meets string operators as (case-folded, trimmed), or undefined. */
export function textValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim().toLowerCase();
  if (typeof v === 'number') return String(v).toLowerCase();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

const timeValue = (v: unknown): number | undefined =>
  typeof v === 'string' ? parseDatetime(v) : undefined;

function equalTo(target: string | number | boolean): ValuePredicate {
  if (typeof target === 'number') return (v) => numericValue(v) === target;
  if (typeof target === 'boolean') {
    const text = target ? 'true' : 'false';
    return (v) =>
      typeof v === 'boolean'
        ? v === target
        : typeof v === 'string' && v.trim().toLowerCase() === text;
  }
  const text = target.trim().toLowerCase();
  return (v) => textValue(v) === text;
}

type Cmp = (a: number, b: number) => boolean;
const COMPARE: Record<'<' | '<=' | '>' | '>=', Cmp> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/** The positive predicate of a scalar element; negative ops use their positive counterpart. */
function positive(op: FilterOp, value: unknown, asOf: number): ValuePredicate {
  switch (op) {
    case '=':
    case '!=':
      return equalTo(value as string | number | boolean);
    case 'in':
    case 'not_in': {
      const preds = (value as Array<string | number>).map(equalTo);
      return (v) => preds.some((p) => p(v));
    }
    case 'contains':
    case 'not_contains': {
      const needle = (value as string).trim().toLowerCase();
      return (v) => textValue(v)?.includes(needle) ?? false;
    }
    case 'starts_with': {
      const needle = (value as string).trim().toLowerCase();
      return (v) => textValue(v)?.startsWith(needle) ?? false;
    }
    case 'ends_with': {
      const needle = (value as string).trim().toLowerCase();
      return (v) => textValue(v)?.endsWith(needle) ?? false;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const cmp = COMPARE[op];
      if (typeof value === 'number') return (v) => cmp(numericValue(v), value);
      const t = parseDatetime(value as string)!;
      return (v) => {
        const s = timeValue(v);
        return s !== undefined && cmp(s, t);
      };
    }
    case 'between': {
      const [lo, hi] = value as [number, number] | [string, string];
      if (typeof lo === 'number') {
        return (v) => {
          const n = numericValue(v);
          return n >= lo && n <= (hi as number);
        };
      }
      const a = parseDatetime(lo)!;
      const b = parseDatetime(hi as string)!;
      return (v) => {
        const s = timeValue(v);
        return s !== undefined && s >= a && s <= b;
      };
    }
    case 'within_last': {
      const w = value as { amount: number; unit: TimeUnit };
      const from = asOf - w.amount * UNIT_MS[w.unit];
      return (v) => {
        const s = timeValue(v);
        return s !== undefined && s > from && s <= asOf;
      };
    }
    case 'before': {
      const t = parseDatetime(value as string)!;
      return (v) => {
        const s = timeValue(v);
        return s !== undefined && s < t;
      };
    }
    case 'after': {
      const t = parseDatetime(value as string)!;
      return (v) => {
        const s = timeValue(v);
        return s !== undefined && s > t;
      };
    }
    case 'exists':
    case 'not_exists':
      return () => true;
  }
}

const isNegative = (op: FilterOp): boolean =>
  op === '!=' || op === 'not_in' || op === 'not_contains';

/**
 * A predicate over one stored value (`undefined` or `null` = missing). The condition must be valid
 * (validateAudience): values are trusted to have the shape their operator needs.
 */
export function compileCondition(cond: Condition, asOf: number): ValuePredicate {
  const { op } = cond;
  if (op === 'exists') return (v) => v !== undefined && v !== null;
  if (op === 'not_exists') return (v) => v === undefined || v === null;
  const pos = positive(op, cond.value, asOf);
  const element = (e: unknown): boolean => e !== null && typeof e !== 'object' && pos(e);
  // For a list, `contains` means "one element equals the value", not a substring of one.
  const listPos = op === 'contains' || op === 'not_contains' ? equalTo(cond.value as string) : pos;
  const listElement = (e: unknown): boolean => e !== null && typeof e !== 'object' && listPos(e);
  if (isNegative(op)) {
    return (v) => {
      if (v === undefined || v === null) return true;
      return Array.isArray(v) ? !v.some(listElement) : !element(v);
    };
  }
  return (v) => {
    if (v === undefined || v === null) return false;
    return Array.isArray(v) ? v.some(listElement) : element(v);
  };
}

/** Whether the condition depends on the evaluation instant (only `within_last` does). */
export const dependsOnAsOf = (cond: Condition): boolean => cond.op === 'within_last';

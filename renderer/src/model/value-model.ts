// Type-aware operators and values for attribute and property conditions: which operators make sense
// for a catalog type, and what value a condition gets when its operator changes.
import {
  FILTER_OPS,
  type CompareOp,
  type Condition,
  type FilterOp,
  type FilterValue,
} from '../../../shared/audience/audience-types';
import type { CatalogValueType, ValueCount } from '../../../shared/contract/workspace-channels';

export const OPS_BY_TYPE: Record<CatalogValueType, readonly FilterOp[]> = {
  string: [
    '=',
    '!=',
    'in',
    'not_in',
    'contains',
    'not_contains',
    'starts_with',
    'ends_with',
    'exists',
    'not_exists',
  ],
  number: ['=', '!=', '<', '<=', '>', '>=', 'between', 'in', 'not_in', 'exists', 'not_exists'],
  boolean: ['=', '!=', 'exists', 'not_exists'],
  datetime: ['within_last', 'before', 'after', 'between', 'exists', 'not_exists'],
  list: ['contains', 'not_contains', 'in', 'not_in', 'exists', 'not_exists'],
  // A value of mixed type may meet any operator; the existence tests come last, as for the others.
  mixed: [
    ...FILTER_OPS.filter((op) => op !== 'exists' && op !== 'not_exists'),
    'exists',
    'not_exists',
  ],
};

/** The operators offered for a type, keeping the current one even if unusual (an imported file). */
export function opsFor(type: CatalogValueType, current: FilterOp): FilterOp[] {
  const ops = [...OPS_BY_TYPE[type]];
  if (!ops.includes(current)) ops.unshift(current);
  return ops;
}

/** Which kind of value editor an operator needs for a type. */
export type ValueShape =
  'none' | 'text' | 'number' | 'date' | 'boolean' | 'list' | 'range' | 'duration';

export function valueShape(op: FilterOp, type: CatalogValueType): ValueShape {
  switch (op) {
    case 'exists':
    case 'not_exists':
      return 'none';
    case 'in':
    case 'not_in':
      return 'list';
    case 'between':
      return 'range';
    case 'within_last':
      return 'duration';
    case 'before':
    case 'after':
      return 'date';
    case '<':
    case '<=':
    case '>':
    case '>=':
      return type === 'datetime' ? 'date' : 'number';
    case '=':
    case '!=':
      return type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : 'text';
    default:
      return 'text';
  }
}

const today = (): string => new Date().toISOString().slice(0, 10);

/** A sensible starting value when the operator changes; keeps the old value when it still fits. */
function valueForOp(
  op: FilterOp,
  type: CatalogValueType,
  previous: FilterValue | undefined,
  topValues: ValueCount[] = [],
): FilterValue | undefined {
  const shape = valueShape(op, type);
  const top = topValues[0]?.value;
  switch (shape) {
    case 'none':
      return undefined;
    case 'list': {
      if (Array.isArray(previous) && previous.every((v) => typeof v !== 'object')) {
        return previous as Array<string | number>;
      }
      if (typeof previous === 'string' || typeof previous === 'number') return [previous];
      return top !== undefined && typeof top !== 'boolean' ? [top] : [];
    }
    case 'range': {
      if (Array.isArray(previous) && previous.length === 2) return previous as [number, number];
      return type === 'datetime' ? [today(), today()] : [0, typeof top === 'number' ? top : 100];
    }
    case 'duration':
      return previous && typeof previous === 'object' && 'amount' in previous
        ? previous
        : { amount: 7, unit: 'day' };
    case 'date':
      return typeof previous === 'string' && /^\d{4}-\d{2}-\d{2}/.test(previous)
        ? previous
        : today();
    case 'number':
      if (typeof previous === 'number') return previous;
      return typeof top === 'number' ? top : 0;
    case 'boolean':
      return typeof previous === 'boolean' ? previous : true;
    case 'text':
      if (typeof previous === 'string' || typeof previous === 'number') return previous;
      return top !== undefined ? String(top) : '';
  }
}

export function withOp<T extends Condition>(
  cond: T,
  op: FilterOp,
  type: CatalogValueType,
  topValues?: ValueCount[],
): T {
  const value = valueForOp(op, type, cond.value, topValues);
  const { value: _old, ...rest } = cond;
  return (value === undefined ? { ...rest, op } : { ...rest, op, value }) as T;
}

/** Number text from an input: a finite number, or undefined while empty or unfinished. */
export function parseNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** List values typed by the user: numbers stay numbers for numeric attributes. */
export function parseListItem(text: string, type: CatalogValueType): string | number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (type === 'number') return parseNumber(t) ?? t;
  return t;
}

export const COUNT_CHOICES: Array<{ key: string; label: string; op?: CompareOp }> = [
  { key: 'once', label: 'at least once' },
  { key: 'not', label: 'not at all' },
  { key: '<', label: 'fewer than', op: '<' },
  { key: '<=', label: 'at most', op: '<=' },
  { key: '=', label: 'exactly', op: '=' },
  { key: '>=', label: 'at least', op: '>=' },
  { key: '>', label: 'more than', op: '>' },
];

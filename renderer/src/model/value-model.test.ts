import { describe, expect, it } from 'vitest';
import { opsFor, parseListItem, parseNumber, valueShape, withOp } from './value-model';

describe('type-aware conditions', () => {
  it('offers operators that fit the type and keeps an unusual current one', () => {
    expect(opsFor('boolean', '=')).toEqual(['=', '!=', 'exists', 'not_exists']);
    expect(opsFor('boolean', 'contains')[0]).toBe('contains');
    expect(opsFor('datetime', 'within_last')).toContain('before');
  });

  it('picks the value editor by operator and type', () => {
    expect(valueShape('exists', 'string')).toBe('none');
    expect(valueShape('>', 'number')).toBe('number');
    expect(valueShape('>', 'datetime')).toBe('date');
    expect(valueShape('=', 'boolean')).toBe('boolean');
    expect(valueShape('in', 'string')).toBe('list');
  });

  it('reshapes the value when the operator changes and drops it for exists', () => {
    const c = { attribute: 'plan', op: '=' as const, value: 'pro' };
    expect(withOp(c, 'in', 'string')).toEqual({ attribute: 'plan', op: 'in', value: ['pro'] });
    expect(withOp(c, 'exists', 'string')).toEqual({ attribute: 'plan', op: 'exists' });
    expect(withOp({ op: 'exists' as const }, '=', 'string', [{ value: 'ios', count: 3 }])).toEqual({
      op: '=',
      value: 'ios',
    });
    expect(withOp({ op: 'exists' as const }, 'within_last', 'datetime')).toEqual({
      op: 'within_last',
      value: { amount: 7, unit: 'day' },
    });
  });

  it('parses typed numbers and list items', () => {
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('3.5')).toBe(3.5);
    expect(parseNumber('abc')).toBeUndefined();
    expect(parseListItem(' 42 ', 'number')).toBe(42);
    expect(parseListItem(' 42 ', 'string')).toBe('42');
    expect(parseListItem('  ', 'string')).toBeUndefined();
  });
});

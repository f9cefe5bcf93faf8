import { describe, expect, it } from 'vitest';
import type { AudienceDefinition } from './audience-types';
import { validateAudience } from './validate-audience';
import { parseDatetime } from './datetime';
import { seedAudience } from './seed-audience';

const valid = (): Record<string, unknown> => ({ ...seedAudience() });

function withChild(child: unknown, kind = 'standard'): Record<string, unknown> {
  return { ...valid(), kind, root: { type: 'group', id: 'root', match: 'all', children: [child] } };
}

const paths = (input: unknown, ctx = {}) =>
  validateAudience(input, ctx).map((p) => `${p.path}: ${p.message}`);

describe('validateAudience', () => {
  it('accepts the spec example', () => {
    expect(validateAudience(valid())).toEqual([]);
  });

  it('names the spec example problem exactly', () => {
    const d = valid() as { root: { children: Array<Record<string, unknown>> } };
    d.root.children[1]!.count = { op: '=<', value: 3 };
    expect(paths(d)).toEqual([
      'root.children[1].count.op: must be one of = != < <= > >=, got "=<"',
    ]);
  });

  it('reports every top-level problem at once', () => {
    const p = validateAudience({
      format: 'audience/v2',
      id: 'Bad Id',
      name: '',
      kind: 'live',
      extra: 1,
    });
    expect(p.map((x) => x.path)).toEqual(['extra', 'format', 'id', 'name', 'kind', 'root']);
  });

  it('refuses non-objects', () => {
    expect(paths(null)[0]).toMatch(/^\(document\): must be a JSON object/);
    expect(paths([])[0]).toMatch(/must be a JSON object/);
  });

  it('refuses unknown fields at every level', () => {
    const p = paths(
      withChild({
        type: 'event',
        id: 'e',
        event: 'x',
        window: { last: 1, unit: 'day', extra: 1 },
        where: [{ property: 'p', op: 'exists', colour: 'red' }],
        count: { op: '=', value: 1, x: 1 },
        bogus: true,
      }),
    );
    expect(p).toEqual([
      expect.stringMatching(/^root\.children\[0\]\.bogus: unknown field "bogus"/),
      expect.stringMatching(/^root\.children\[0\]\.where\[0\]\.colour: unknown field/),
      expect.stringMatching(/^root\.children\[0\]\.window\.extra: unknown field/),
      expect.stringMatching(/^root\.children\[0\]\.count\.x: unknown field/),
    ]);
  });

  it('refuses empty groups, a non-group root and bad node types', () => {
    expect(
      paths({ ...valid(), root: { type: 'group', id: 'root', match: 'all', children: [] } }),
    ).toEqual([
      'root.children: a group needs at least one condition (an empty group is not allowed)',
    ]);
    expect(paths({ ...valid(), root: { type: 'event', id: 'x' } })[0]).toMatch(
      /^root: must be a group/,
    );
    expect(paths(withChild({ type: 'segment', id: 'x' }))[0]).toMatch(
      /^root\.children\[0\]\.type: must be one of/,
    );
  });

  it('allows depth 8 and refuses depth 9', () => {
    const nest = (depth: number): Record<string, unknown> => ({
      type: 'group',
      id: `g${depth}`,
      match: 'any',
      children: [
        depth === 1
          ? { type: 'identity', id: 'leaf', identity: 'email', present: true }
          : nest(depth - 1),
      ],
    });
    const at = (n: number) => ({ ...valid(), root: { ...nest(n), id: 'root' } });
    expect(validateAudience(at(8))).toEqual([]);
    const p = validateAudience(at(9));
    expect(p).toHaveLength(1);
    expect(p[0]!.message).toMatch(/depth 9/);
  });

  it('refuses duplicate and malformed node ids', () => {
    const d = withChild({ type: 'identity', id: 'root', identity: 'email', present: true });
    expect(paths(d)).toEqual(['root.children[0].id: duplicate node id "root" (also at root)']);
    expect(
      paths(withChild({ type: 'identity', id: 'a b', identity: 'email', present: true }))[0],
    ).toMatch(/^root\.children\[0\]\.id: must be 1 to 64/);
  });

  it.each([
    [{ op: 'exists', value: 1 }, /"exists" takes no value/],
    [{ op: '=' }, /needs a string, a finite number or true\/false/],
    [{ op: '=', value: null }, /needs a string/],
    [{ op: '<', value: 'abc' }, /needs a finite number or an ISO-8601 datetime/],
    [{ op: '<', value: '2026-02-30' }, /datetime/],
    [{ op: 'between', value: [5, 1] }, /low <= high/],
    [{ op: 'between', value: [1, '2026-01-01'] }, /two numbers or two datetimes/],
    [{ op: 'between', value: ['2026-01-02', '2026-01-01'] }, /low <= high/],
    [{ op: 'in', value: [] }, /non-empty list/],
    [{ op: 'in', value: 'US' }, /non-empty list/],
    [{ op: 'not_in', value: ['a', true] }, /must be a string or a finite number/],
    [{ op: 'contains', value: 3 }, /needs a string/],
    [{ op: 'within_last', value: { amount: 0, unit: 'day' } }, /whole number >= 1/],
    [
      { op: 'within_last', value: { amount: 1, unit: 'month' } },
      /must be one of minute hour day week/,
    ],
    [{ op: 'before', value: '2026-11-30 08:00' }, /ISO-8601/],
    [{ op: 'like', value: 'x' }, /must be one of exists/],
  ])('refuses attribute %j', (cond, message) => {
    const p = validateAudience(withChild({ type: 'attribute', id: 'a', attribute: 'x', ...cond }));
    expect(p).toHaveLength(1);
    expect(p[0]!.message).toMatch(message);
  });

  it.each([
    { op: 'exists' },
    { op: '=', value: false },
    { op: '!=', value: 3.5 },
    { op: '>=', value: '2026-11-30T08:00:00+02:00' },
    { op: 'between', value: ['2026-01-01', '2026-01-01T00:00:00Z'] },
    { op: 'in', value: ['US', 3] },
    { op: 'contains', value: '' },
    { op: 'within_last', value: { amount: 3, unit: 'week' } },
    { op: 'after', value: '2026-11-30' },
  ])('accepts attribute %j', (cond) => {
    expect(
      validateAudience(withChild({ type: 'attribute', id: 'a', attribute: 'x', ...cond })),
    ).toEqual([]);
  });

  it('checks event windows, counts and sums', () => {
    const ev = (extra: Record<string, unknown>) =>
      paths(withChild({ type: 'event', id: 'e', event: 'x', window: 'all', ...extra }, 'realtime'));
    expect(ev({ window: { last: 31, unit: 'day' } })[0]).toMatch(
      /^root\.children\[0\]\.window\.last: a real-time audience sees only the last 30 days/,
    );
    expect(ev({ window: { last: 4, unit: 'week' } })).toEqual([]);
    expect(ev({ window: { last: 1.5, unit: 'day' } })[0]).toMatch(/whole number >= 1/);
    expect(ev({ window: { from: '2026-02-01', to: '2026-01-01' } })[0]).toMatch(
      /^root\.children\[0\]\.window: "from" must be before "to"/,
    );
    expect(ev({ window: { from: '2020-01-01', to: '2020-01-02' } })).toEqual([]);
    expect(ev({ window: 'ever' })[0]).toMatch(/must be "all"/);
    expect(ev({ window: undefined })[0]).toMatch(/window: is required/);
    expect(ev({ count: { op: '<', value: -1 } })[0]).toMatch(
      /count\.value: must be a whole number >= 0/,
    );
    expect(ev({ count: { op: '<', value: 0 } })).toEqual([]);
    expect(ev({ sum: { property: 'amount', op: '>=', value: Infinity } })[0]).toMatch(
      /sum\.value: must be a finite number/,
    );
    expect(ev({ sum: { property: '', op: '>=', value: 1 } })[0]).toMatch(
      /sum\.property: must be a non-empty string/,
    );
    expect(ev({ where: [] })).toEqual([]);
    expect(ev({ event: '' })[0]).toMatch(/event: must be a non-empty string/);
    expect(
      paths(
        withChild(
          { type: 'event', id: 'e', event: 'x', window: { last: 400, unit: 'day' } },
          'standard',
        ),
      ),
    ).toEqual([]);
    // A custom look-back changes the limit.
    expect(ev({ window: { last: 31, unit: 'day' } }).length).toBe(1);
    expect(
      validateAudience(
        withChild(
          { type: 'event', id: 'e', event: 'x', window: { last: 31, unit: 'day' } },
          'realtime',
        ),
        {
          lookbackDays: 60,
        },
      ),
    ).toEqual([]);
  });

  it('checks identity and audience nodes', () => {
    expect(
      paths(withChild({ type: 'identity', id: 'i', identity: 'email', present: 'yes' }))[0],
    ).toMatch(/present: must be true or false/);
    expect(
      paths(withChild({ type: 'audience', id: 'r', audience: 'Other', member: true }))[0],
    ).toMatch(/audience: must be an audience id/);
  });

  it('finds unknown and cyclic references when given the library', () => {
    const lib = new Map<string, AudienceDefinition>();
    const ref = (id: string, target: string): AudienceDefinition =>
      ({
        ...valid(),
        id,
        kind: 'standard',
        root: {
          type: 'group',
          id: 'root',
          match: 'all',
          children: [{ type: 'audience', id: 'r', audience: target, member: true }],
        },
      }) as AudienceDefinition;
    lib.set('b', ref('b', 'c'));
    lib.set('c', ref('c', 'a'));
    const ctx = { knownAudiences: (id: string) => lib.get(id) };
    expect(paths(ref('a', 'b'), ctx)).toEqual([
      'root.children[0].audience: audience "b" refers back to "a": references may not form a cycle',
    ]);
    expect(paths(ref('a', 'a'), ctx)[0]).toMatch(/refers back/);
    expect(paths(ref('a', 'zzz'), ctx)).toEqual([
      'root.children[0].audience: unknown audience "zzz" (no saved audience has this id)',
    ]);
    expect(paths(ref('x', 'b'), ctx)).toEqual([]);
    expect(paths(ref('a', 'zzz'))).toEqual([]);
  });
});

describe('parseDatetime', () => {
  it.each([
    ['2026-11-30T08:00:00Z', Date.UTC(2026, 10, 30, 8)],
    ['2026-11-30', Date.UTC(2026, 10, 30)],
    [' 2026-11-30T08:00+02:00 ', Date.UTC(2026, 10, 30, 6)],
    ['2026-11-30T08:00:00.1239Z', Date.UTC(2026, 10, 30, 8, 0, 0, 123)],
    ['2024-02-29T00:00:00-01:30', Date.UTC(2024, 1, 29, 1, 30)],
  ])('parses %s', (text, ms) => {
    expect(parseDatetime(text)).toBe(ms);
  });
  it('keeps two-digit years as written', () => {
    expect(new Date(parseDatetime('0099-01-01')!).getUTCFullYear()).toBe(99);
  });
  it.each([
    '2026-11-30T08:00:00',
    '2026-02-29',
    '2026-13-01',
    '2026-11-30T24:00Z',
    '2026-11-30T08:60Z',
    '2026-11-30 08:00Z',
    '30/11/2026',
    '1764489600000',
    '',
    '2026-11-30T08Z',
  ])('refuses %s', (text) => {
    expect(parseDatetime(text)).toBeUndefined();
  });
});

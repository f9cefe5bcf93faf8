import { afterEach, describe, expect, it } from 'vitest';
import type { AudienceDefinition, AudienceNode } from '../../shared/audience/audience-types';
import { seedAudience } from '../../shared/audience/seed-audience';
import { saveAudience, audienceLibrary } from '../audiences/audience-store';
import { bumpDataVersion } from '../cache/settings';
import { AudienceInvalidError, EvaluationCancelledError, openEngine } from './index';
import {
  tempCache,
  writeRawProfiles,
  type RawProfile,
  type TempCache,
} from './test-support/raw-cache';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const AS_OF = Date.parse('2026-12-01T12:00:00Z');

let cache: TempCache | undefined;
afterEach(() => {
  cache?.dispose();
  cache = undefined;
});

function setup(profiles: RawProfile[]) {
  cache = tempCache();
  writeRawProfiles(cache.db, profiles);
  return { db: cache.db, engine: openEngine(cache.db) };
}

function audience(
  children: AudienceNode[],
  extra: Partial<AudienceDefinition> = {},
): AudienceDefinition {
  return {
    format: 'audience/v1',
    id: 'test',
    name: 'Test',
    kind: 'standard',
    root: { type: 'group', id: 'root', match: 'all', children },
    ...extra,
  };
}

describe('the seed example: installed in the last 72 hours and fewer than three sessions', () => {
  it('counts exactly, including users who never started a session', () => {
    const sessions = (n: number, ago = HOUR) =>
      Array.from({ length: n }, (_, i) => ({ name: 'session_start', ts: AS_OF - ago - i * HOUR }));
    const { engine } = setup([
      { id: 1, events: [{ name: 'install', ts: AS_OF - 10 * HOUR }] }, // no sessions: in
      { id: 2, events: [{ name: 'install', ts: AS_OF - 71 * HOUR }, ...sessions(2)] }, // in
      { id: 3, events: [{ name: 'install', ts: AS_OF - 10 * HOUR }, ...sessions(3)] }, // 3 sessions: out
      { id: 4, events: [{ name: 'install', ts: AS_OF - 72 * HOUR }] }, // window edge is exclusive: out
      { id: 5, events: [{ name: 'install', ts: AS_OF + 1 }] }, // after asOf: out
      { id: 6, events: [{ name: 'install', ts: AS_OF }, ...sessions(5, 40 * DAY)] }, // old sessions invisible (realtime): in
      { id: 7 },
    ]);
    const def = seedAudience();
    const r = engine.preview(def, { asOf: AS_OF });
    expect(r.population).toBe(7);
    expect(r.size).toBe(3);
    expect(r.nodes).toEqual({ root: 3, installed: 4, 'few-sessions': 6 });
    expect([...engine.members(def, { asOf: AS_OF })]).toEqual([1, 2, 6]);
    expect(r.asOf).toBe('2026-12-01T12:00:00.000Z');
    // The same audience as standard sees profile 6's old sessions.
    expect(engine.preview({ ...def, kind: 'standard' }, { asOf: AS_OF }).size).toBe(2);
  });
});

describe('attribute semantics', () => {
  const people: RawProfile[] = [
    { id: 1, attributes: { country: ' US ', age: 34, plan: 'free', tags: ['a', 'B'], vip: true } },
    { id: 2, attributes: { country: 'ca', age: '41', plan: 'Pro', tags: [], vip: 'FALSE' } },
    { id: 3, attributes: { country: 'de', age: 'n/a', plan: null, tags: ['c', 'ab'] } },
    { id: 4, attributes: { signup: '2026-11-30T08:00:00Z', age: 18.5 } },
    { id: 5, attributes: { signup: '2026-11-01', age: '34' } },
    { id: 6, attributes: { signup: 'yesterday' } },
  ];
  const count = (engine: ReturnType<typeof openEngine>, node: AudienceNode) =>
    engine.members(audience([node]), { asOf: AS_OF });
  const cases: Array<
    [string, Omit<AudienceNode, 'id' | 'type'> & Record<string, unknown>, number[]]
  > = [
    [
      'in is case-insensitive and trims',
      { attribute: 'country', op: 'in', value: ['us', 'CA'] },
      [1, 2],
    ],
    [
      'not_in includes profiles without it',
      { attribute: 'country', op: 'not_in', value: ['US'] },
      [2, 3, 4, 5, 6],
    ],
    ['= number matches numeric strings', { attribute: 'age', op: '=', value: 34 }, [1, 5]],
    ['= string matches a number as its text', { attribute: 'age', op: '=', value: '34' }, [1, 5]],
    ['> number, non-numeric is false', { attribute: 'age', op: '>', value: 20 }, [1, 2, 5]],
    [
      '!= number: non-numeric and missing hold',
      { attribute: 'age', op: '!=', value: 34 },
      [2, 3, 4, 6],
    ],
    [
      'between numbers inclusive',
      { attribute: 'age', op: 'between', value: [18.5, 34] },
      [1, 4, 5],
    ],
    ['exists ignores deletion tombstones', { attribute: 'plan', op: 'exists' }, [1, 2]],
    ['not_exists', { attribute: 'plan', op: 'not_exists' }, [3, 4, 5, 6]],
    ['list contains: an element equals', { attribute: 'tags', op: 'contains', value: 'b' }, [1]],
    [
      'list contains is not a substring of an element',
      { attribute: 'tags', op: 'contains', value: 'a' },
      [1],
    ],
    [
      'list starts_with: some element',
      { attribute: 'tags', op: 'starts_with', value: 'A' },
      [1, 3],
    ],
    [
      'list not_contains: empty list and missing hold',
      { attribute: 'tags', op: 'not_contains', value: 'a' },
      [2, 3, 4, 5, 6],
    ],
    ['empty list exists', { attribute: 'tags', op: 'exists' }, [1, 2, 3]],
    ['string contains is a substring', { attribute: 'plan', op: 'contains', value: 'RE' }, [1]],
    ['starts_with', { attribute: 'country', op: 'starts_with', value: 'u' }, [1]],
    ['ends_with', { attribute: 'plan', op: 'ends_with', value: 'O ' }, [2]],
    ['boolean = true matches booleans', { attribute: 'vip', op: '=', value: true }, [1]],
    [
      'boolean = false matches the string in any case',
      { attribute: 'vip', op: '=', value: false },
      [2],
    ],
    [
      'string op meets a boolean as text',
      { attribute: 'vip', op: 'starts_with', value: 'tr' },
      [1],
    ],
    [
      'within_last',
      { attribute: 'signup', op: 'within_last', value: { amount: 2, unit: 'day' } },
      [4],
    ],
    [
      'before a datetime; invalid datetimes are false',
      { attribute: 'signup', op: 'before', value: '2026-11-30' },
      [5],
    ],
    ['after', { attribute: 'signup', op: 'after', value: '2026-11-01' }, [4]],
    ['> datetime', { attribute: 'signup', op: '>=', value: '2026-11-01T00:00:00Z' }, [4, 5]],
    [
      '= compares datetimes as text',
      { attribute: 'signup', op: '=', value: '2026-11-01T00:00:00Z' },
      [],
    ],
  ];
  it.each(cases)('%s', (_name, cond, expected) => {
    const { engine } = setup(people);
    expect([...count(engine, { type: 'attribute', id: 'a', ...cond } as AudienceNode)]).toEqual(
      expected,
    );
  });
});

describe('event semantics', () => {
  const base = Date.parse('2026-11-20T00:00:00Z');
  const people: RawProfile[] = [
    {
      id: 1,
      events: [
        { name: 'purchase', ts: base, props: { total_amount: 0.1, currency: 'USD' } },
        { name: 'purchase', ts: base + DAY, props: { total_amount: '0.2', currency: 'usd' } },
        { name: 'purchase', ts: base + 2 * DAY, props: { total_amount: 'free' } },
      ],
    },
    {
      id: 2,
      events: [
        { name: 'purchase', ts: base, props: { total_amount: 0.3, currency: 'EUR' } },
        { name: 'purchase', ts: AS_OF + 1, props: { total_amount: 100 } },
      ],
    },
    { id: 3 },
  ];
  it('sums decimals exactly (0.1 + "0.2" = 0.3), skipping non-numeric amounts', () => {
    const { engine } = setup(people);
    const node: AudienceNode = {
      type: 'event',
      id: 'e',
      event: 'purchase',
      window: 'all',
      sum: { property: 'total_amount', op: '=', value: 0.3 },
    };
    expect([...engine.members(audience([node]), { asOf: AS_OF })]).toEqual([1, 2]);
  });
  it('count = 0 means "did not do it", where filters are case-insensitive', () => {
    const { engine } = setup(people);
    const node: AudienceNode = {
      type: 'event',
      id: 'e',
      event: 'purchase',
      where: [{ property: 'currency', op: '=', value: 'usd' }],
      window: 'all',
      count: { op: '=', value: 0 },
    };
    expect([...engine.members(audience([node]), { asOf: AS_OF })]).toEqual([2, 3]);
  });
  it('from/to windows are half-open', () => {
    const { engine } = setup(people);
    const node: AudienceNode = {
      type: 'event',
      id: 'e',
      event: 'purchase',
      window: { from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' },
      count: { op: '=', value: 1 },
    };
    expect([...engine.members(audience([node]), { asOf: AS_OF })]).toEqual([1, 2]);
  });
  it('an unknown event name matches nobody, and its zero count everybody', () => {
    const { engine } = setup(people);
    const none: AudienceNode = { type: 'event', id: 'e', event: 'Purchase', window: 'all' };
    expect(engine.preview(audience([none]), { asOf: AS_OF }).size).toBe(0);
    const zero: AudienceNode = { ...none, count: { op: '<=', value: 0 } };
    expect(engine.preview(audience([zero]), { asOf: AS_OF }).size).toBe(3);
  });
});

describe('groups, negation, identities, references, caching', () => {
  const people: RawProfile[] = [
    { id: 1, identities: { email: ['a@b.com'] }, attributes: { plan: 'free' } },
    { id: 2, identities: { customer_id: ['7'] }, attributes: { plan: 'pro' } },
    { id: 5, attributes: { plan: 'pro' } },
  ];
  it('negates over the population and counts the negated group', () => {
    const { engine } = setup(people);
    const def = audience([
      { type: 'identity', id: 'has-email', identity: 'email', present: true },
      {
        type: 'group',
        id: 'not-pro',
        match: 'any',
        negate: true,
        children: [{ type: 'attribute', id: 'pro', attribute: 'plan', op: '=', value: 'pro' }],
      },
    ]);
    def.root.match = 'any';
    const r = engine.preview(def, { asOf: AS_OF });
    expect(r.nodes).toEqual({ root: 1, 'has-email': 1, 'not-pro': 1, pro: 2 });
    const none = audience([{ type: 'identity', id: 'i', identity: 'email', present: false }]);
    expect([...engine.members(none, { asOf: AS_OF })]).toEqual([2, 5]);
  });
  it('evaluates references to saved audiences at the same asOf', () => {
    const { db, engine } = setup(people);
    saveAudience(
      db,
      audience([{ type: 'attribute', id: 'pro', attribute: 'plan', op: '=', value: 'pro' }], {
        id: 'pros',
      }),
      AS_OF,
    );
    const def = audience([{ type: 'audience', id: 'ref', audience: 'pros', member: false }]);
    const library = audienceLibrary(db);
    expect([...engine.members(def, { asOf: AS_OF, library })]).toEqual([1]);
    expect(() => engine.preview({ ...def, id: 'pros' }, { asOf: AS_OF, library })).toThrow(
      AudienceInvalidError,
    );
    const unknown = audience([{ type: 'audience', id: 'ref', audience: 'nope', member: true }]);
    expect(() => engine.preview(unknown, { asOf: AS_OF, library })).toThrow(
      /unknown audience "nope"/,
    );
  });
  it('stops when asked to, and reports references when no library is given', () => {
    const { engine } = setup(people);
    const def = audience([{ type: 'identity', id: 'i', identity: 'email', present: true }]);
    expect(() => engine.preview(def, { asOf: AS_OF, shouldStop: () => true })).toThrow(
      EvaluationCancelledError,
    );
    const ref = audience([{ type: 'audience', id: 'r', audience: 'other', member: true }]);
    expect(() => engine.preview(ref, { asOf: AS_OF })).toThrow(
      /root\.children\[0\]\.audience: unknown audience "other"/,
    );
  });
  it('refuses invalid definitions with every problem', () => {
    const { engine } = setup(people);
    const bad = audience([]);
    try {
      engine.preview(bad, { asOf: AS_OF });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AudienceInvalidError);
      expect((e as AudienceInvalidError).problems[0]!.path).toBe('root.children');
    }
  });
  it('caches leaves by content and reloads after the data version changes', () => {
    const { db, engine } = setup(people);
    const leaf: AudienceNode = {
      type: 'attribute',
      id: 'x',
      attribute: 'plan',
      op: '=',
      value: 'pro',
    };
    engine.preview(audience([leaf]), { asOf: AS_OF });
    const cached = engine.cachedLeaves;
    engine.preview(audience([{ ...leaf, id: 'renamed' }]), { asOf: AS_OF + 5 });
    expect(engine.cachedLeaves).toBe(cached);
    writeRawProfiles(db, [{ id: 9, attributes: { plan: 'PRO' } }]);
    bumpDataVersion(db);
    expect(engine.preview(audience([leaf]), { asOf: AS_OF }).size).toBe(3);
    expect(engine.population()).toBe(4);
  });
});

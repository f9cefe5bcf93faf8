// The engine against an independent reference evaluator on random data and random definitions:
// sizes and every per-node count must agree exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FILTER_OPS,
  type AudienceDefinition,
  type AudienceNode,
  type Condition,
  type EventWindow,
  type FilterOp,
  type GroupNode,
  type PropertyFilter,
} from '../../shared/audience/audience-types';
import { validateAudience } from '../../shared/audience/validate-audience';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openCache } from '../cache/open-cache';
import { importFiles } from '../import/import-files';
import { openEngine } from './index';
import { writeRawProfiles, type RawEvent, type RawProfile } from './test-support/raw-cache';
import { referenceEvaluate } from './test-support/reference-evaluator';

const AS_OF = Date.parse('2026-12-01T12:00:00Z');
const H = 3_600_000;
const D = 24 * H;

const STRINGS = [
  ' US ',
  'us',
  'CA',
  'ca ',
  'free',
  'Pro',
  'pro plan',
  '',
  'true',
  'FALSE',
  'e',
  'u',
];
const NUMERIC_STRINGS = ['34', ' 12.5', '1e2', '.5', '+3', '-0', '0.1', '34.0', '7.'];
const NUMBERS = [34, 12.5, -1, 0, 100, 0.1, 0.2, 0.25, 3, 7];
const DATES = [
  '2026-11-30',
  '2026-11-30T08:00:00Z',
  '2026-11-29T23:00:00+02:00',
  '2026-12-01T11:59:59.999Z',
  '2026-12-01T12:00:00Z',
  '2026-12-01T12:00:00.001Z',
  '2026-02-30',
  'not a date',
  '2026-11-24T12:00Z',
];
const scalar = fc.oneof(
  fc.constantFrom(...STRINGS),
  fc.constantFrom(...NUMERIC_STRINGS),
  fc.constantFrom(...NUMBERS),
  fc.boolean(),
  fc.constantFrom(...DATES),
);
const stored = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant(null) },
);

const ATTRS = ['a', 'b', 'c'];
// ev3 never has properties (its chunks hold only the empty property object).
const EVENTS = ['ev1', 'ev2', 'ev3'];
const PROPS = ['amount', 'cat', 'tags'];
const OFFSETS = [
  -40 * D,
  -31 * D,
  -30 * D,
  -30 * D + 1,
  -29 * D,
  -7 * D,
  -7 * D + 1,
  -3 * D,
  -72 * H,
  -72 * H + 1,
  -H,
  -1,
  0,
  1,
  H,
  -2 * D - 1,
];

const propless: fc.Arbitrary<RawEvent> = fc.record({
  name: fc.constant('ev3'),
  ts: fc.constantFrom(...OFFSETS).map((o) => AS_OF + o),
});
const withProps: fc.Arbitrary<RawEvent> = fc.record({
  name: fc.constantFrom('ev1', 'ev2'),
  ts: fc.constantFrom(...OFFSETS).map((o) => AS_OF + o),
  props: fc.record(
    {
      amount: fc.oneof(fc.constantFrom(...NUMBERS), fc.constantFrom('1.5', 'x', ' 0.3 ', null)),
      cat: stored,
      tags: fc.array(fc.constantFrom('a', 'B', 'c'), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  ),
});
const rawEvent = fc.oneof(withProps, propless);

// Ids across several profile blocks (4096 per chunk) with gaps.
const ID_POOL = [1, 2, 3, 4, 5, 6, 7, 8, 4095, 4096, 4097, 9000, 9001, 12_345];
const dataset: fc.Arbitrary<RawProfile[]> = fc
  .uniqueArray(fc.constantFrom(...ID_POOL), { minLength: 1, maxLength: ID_POOL.length })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc.record({
          id: fc.constant(id),
          identities: fc.record(
            { email: fc.constant<string[]>(['x@y.z']), customer_id: fc.constant<string[]>(['1']) },
            { requiredKeys: [] },
          ),
          attributes: fc.record(Object.fromEntries(ATTRS.map((a) => [a, stored])), {
            requiredKeys: [],
          }),
          events: fc.array(rawEvent, { maxLength: 6 }),
        }),
      ),
    ),
  );

const datetime = fc.constantFrom(...DATES.filter((d) => !/02-30|not/.test(d)));
function conditionFor(op: FilterOp): fc.Arbitrary<Condition> {
  const c = (value: fc.Arbitrary<unknown>) => value.map((v) => ({ op, value: v }) as Condition);
  switch (op) {
    case 'exists':
    case 'not_exists':
      return fc.constant({ op });
    case '=':
    case '!=':
      return c(
        fc.oneof(
          fc.constantFrom(...STRINGS, ...NUMERIC_STRINGS),
          fc.constantFrom(...NUMBERS),
          fc.boolean(),
        ),
      );
    case '<':
    case '<=':
    case '>':
    case '>=':
      return c(fc.oneof(fc.constantFrom(...NUMBERS), datetime));
    case 'between':
      return c(
        fc.oneof(
          fc
            .tuple(fc.constantFrom(...NUMBERS), fc.constantFrom(...NUMBERS))
            .map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
          fc
            .tuple(datetime, datetime)
            .map(([a, b]) => (Date.parse(a) <= Date.parse(b) ? [a, b] : [b, a])),
        ),
      );
    case 'in':
    case 'not_in':
      return c(
        fc.array(
          fc.oneof(fc.constantFrom(...STRINGS, ...NUMERIC_STRINGS), fc.constantFrom(...NUMBERS)),
          { minLength: 1, maxLength: 3 },
        ),
      );
    case 'contains':
    case 'not_contains':
    case 'starts_with':
    case 'ends_with':
      return c(fc.constantFrom('u', 'US', 'e', '', 'a', ' pro', '2026', '.5', 'tr'));
    case 'within_last':
      return c(
        fc.record({
          amount: fc.integer({ min: 1, max: 5 }),
          unit: fc.constantFrom('hour', 'day', 'week'),
        }),
      );
    case 'before':
    case 'after':
      return c(datetime);
  }
}
const condition = fc.constantFrom(...FILTER_OPS).chain(conditionFor);

const windowArb: fc.Arbitrary<EventWindow> = fc.oneof(
  fc.constant('all' as const),
  fc.record({
    last: fc.integer({ min: 1, max: 4 }),
    unit: fc.constantFrom('minute', 'hour', 'day', 'week'),
  }),
  fc.constantFrom(
    { from: '2026-11-28T12:00:00Z', to: '2026-12-01T12:00:00Z' },
    { from: '2026-10-01', to: '2026-11-28T12:00:00Z' },
    { from: '2026-11-30T11:00:00Z', to: '2026-12-31' },
  ),
);
const cmpOp = fc.constantFrom('=', '!=', '<', '<=', '>', '>=' as const);

const leaf: fc.Arbitrary<AudienceNode> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...ATTRS, 'zz'), condition)
    .map(([attribute, c]) => ({ type: 'attribute', id: '', attribute, ...c }) as AudienceNode),
  fc
    .record(
      {
        event: fc.constantFrom(...EVENTS, 'never'),
        where: fc.array(
          fc
            .tuple(fc.constantFrom(...PROPS, 'missing', 'constructor'), condition)
            .map(([property, c]) => ({ property, ...c }) as PropertyFilter),
          { maxLength: 2 },
        ),
        window: windowArb,
        count: fc.record({ op: cmpOp, value: fc.integer({ min: 0, max: 3 }) }),
        sum: fc.record({
          property: fc.constant('amount'),
          op: cmpOp,
          value: fc.constantFrom(0, 0.3, 0.5, 1.5, 3, 34.1, 100.25),
        }),
      },
      { requiredKeys: ['event', 'window'] },
    )
    .map((e) => ({ type: 'event', id: '', ...e }) as AudienceNode),
  fc
    .record({ identity: fc.constantFrom('email', 'customer_id', 'phone'), present: fc.boolean() })
    .map((i) => ({ type: 'identity', id: '', ...i }) as AudienceNode),
  fc
    .boolean()
    .map((member) => ({ type: 'audience', id: '', audience: 'lib', member }) as AudienceNode),
);

const tree = fc.letrec<{ node: AudienceNode; group: GroupNode }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('group')),
  group: fc
    .record({
      match: fc.constantFrom('all' as const, 'any' as const),
      negate: fc.boolean(),
      children: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    })
    .map((g) => ({ type: 'group' as const, id: '', ...g })),
})).group;

function withIds(root: GroupNode, noRefs = false): GroupNode {
  let n = 0;
  const visit = (node: AudienceNode): AudienceNode => {
    if (node.type === 'audience' && noRefs)
      return { type: 'identity', id: `n${n++}`, identity: 'email', present: node.member };
    const id = n === 0 ? 'root' : `n${n}`;
    n++;
    return node.type === 'group'
      ? { ...node, id, children: node.children.map(visit) }
      : { ...node, id };
  };
  return visit(root) as GroupNode;
}

const depth = (n: AudienceNode): number =>
  n.type === 'group' ? 1 + Math.max(...n.children.map(depth)) : 0;

const definition = (id: string, noRefs: boolean) =>
  fc
    .tuple(
      tree.filter((g) => depth(g) <= 8),
      fc.constantFrom('realtime' as const, 'standard' as const),
    )
    .map(([root, kind]): AudienceDefinition => ({
      format: 'audience/v1',
      id,
      name: id,
      kind,
      root: withIds(root, noRefs),
    }));

/** The raw records as mParticle batches, one per profile, each event with its own message id. */
function asBatches(profiles: RawProfile[]): string {
  return profiles
    .map((p) =>
      JSON.stringify({
        mpid: String(p.id),
        user_identities: Object.fromEntries(
          Object.keys(p.identities ?? {}).map((type) => [
            type,
            type === 'email' ? `u${p.id}@x.com` : `c${p.id}`,
          ]),
        ),
        user_attributes: p.attributes ?? {},
        timestamp_unixtime_ms: AS_OF - D,
        events: (p.events ?? []).map((e, i) => ({
          event_type: 'custom_event',
          data: {
            event_name: e.name,
            custom_event_type: 'other',
            timestamp_unixtime_ms: e.ts,
            source_message_id: `m-${p.id}-${i}`,
            custom_attributes: e.props ?? {},
          },
        })),
      }),
    )
    .join('\n');
}

describe('engine vs an independent reference evaluator', () => {
  it('agrees on data put into the cache by the real importer', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'as-engine-prop-'));
    let cases = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          dataset,
          definition('lib', true),
          fc.array(definition('probe', false), { minLength: 1, maxLength: 25 }),
          async (profiles, lib, defs) => {
            const file = path.join(dir, 'batches.ndjson');
            writeFileSync(file, asBatches(profiles));
            const db = openCache(':memory:');
            try {
              const summary = await importFiles(db, [file], { now: () => AS_OF });
              expect(summary.rejected).toEqual([]);
              const engine = openEngine(db);
              const library = new Map([['lib', lib]]);
              const ctx = { asOf: AS_OF, lookbackDays: 30, library };
              for (const def of defs) {
                const got = engine.preview(def, { asOf: AS_OF, library: (id) => library.get(id) });
                const want = referenceEvaluate(def, profiles, ctx);
                expect({ size: got.size, nodes: got.nodes }).toEqual(want);
                cases++;
              }
            } finally {
              db.close();
            }
          },
        ),
        { numRuns: 200, seed: Number(process.env.ENGINE_PROPERTY_SEED ?? 20261202) },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(cases).toBeGreaterThan(1000);
  });

  it('agrees on size and every per-node count for random data and definitions', () => {
    let cases = 0;
    fc.assert(
      fc.property(
        dataset,
        definition('lib', true),
        fc.array(definition('probe', false), { minLength: 1, maxLength: 25 }),
        (profiles, lib, defs) => {
          const db = openCache(':memory:');
          try {
            writeRawProfiles(db, profiles);
            const engine = openEngine(db);
            const library = new Map([['lib', lib]]);
            const ctx = { asOf: AS_OF, lookbackDays: 30, library };
            for (const def of defs) {
              expect(validateAudience(def, { knownAudiences: (id) => library.get(id) })).toEqual(
                [],
              );
              const got = engine.preview(def, { asOf: AS_OF, library: (id) => library.get(id) });
              const want = referenceEvaluate(def, profiles, ctx);
              expect({ size: got.size, nodes: got.nodes }).toEqual(want);
              expect(got.population).toBe(profiles.length);
              cases++;
            }
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 600, seed: Number(process.env.ENGINE_PROPERTY_SEED ?? 20261201) },
    );
    expect(cases).toBeGreaterThan(3000);
  });
});

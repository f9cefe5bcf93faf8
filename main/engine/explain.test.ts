import { afterEach, describe, expect, it } from 'vitest';
import type { AudienceDefinition } from '../../shared/audience/audience-types';
import { openEngine } from './index';
import { tempCache, writeRawProfiles, type TempCache } from './test-support/raw-cache';

const AS_OF = Date.parse('2026-12-01T12:00:00Z');
const H = 3_600_000;
let cache: TempCache | undefined;
afterEach(() => {
  cache?.dispose();
  cache = undefined;
});

const def: AudienceDefinition = {
  format: 'audience/v1',
  id: 'x',
  name: 'X',
  kind: 'realtime',
  root: {
    type: 'group',
    id: 'root',
    match: 'all',
    children: [
      {
        type: 'event',
        id: 'few-sessions',
        event: 'session_start',
        window: 'all',
        count: { op: '<', value: 3 },
      },
      { type: 'attribute', id: 'country', attribute: 'country', op: 'in', value: ['US', 'CA'] },
      {
        type: 'event',
        id: 'spend',
        event: 'purchase',
        window: { last: 7, unit: 'day' },
        sum: { property: 'total_amount', op: '>=', value: 100 },
      },
      {
        type: 'group',
        id: 'not-free',
        match: 'any',
        negate: true,
        children: [{ type: 'identity', id: 'no-email', identity: 'email', present: false }],
      },
    ],
  },
};

describe('explain', () => {
  it('gives every node its truth value and the facts behind it', () => {
    cache = tempCache('as-explain-');
    writeRawProfiles(cache.db, [
      {
        id: 1,
        identities: { email: ['a@b.c'] },
        attributes: { country: 'us' },
        events: [
          { name: 'session_start', ts: AS_OF - H },
          { name: 'session_start', ts: AS_OF - 2 * H },
          { name: 'purchase', ts: AS_OF - H, props: { total_amount: 60.5 } },
          { name: 'purchase', ts: AS_OF - 2 * H, props: { total_amount: '39.5' } },
        ],
      },
      { id: 2 },
    ]);
    const engine = openEngine(cache.db);
    const yes = engine.explain(def, 1, { asOf: AS_OF });
    expect(yes.value).toBe(true);
    expect(yes.facts).toEqual(['4 of 4 conditions hold, needs all']);
    const [sessions, country, spend, notFree] = yes.children!;
    expect(sessions).toEqual({
      id: 'few-sessions',
      type: 'event',
      value: true,
      facts: [
        'session_start: 2 events in the window, needs < 3',
        'only the last 30 days count (real-time audience)',
      ],
    });
    expect(country!.facts).toEqual(['country is "us", needs in ["US","CA"]']);
    expect(spend!.facts[0]).toBe(
      'purchase: total_amount sums to 100 over 2 events in the window, needs >= 100',
    );
    expect(notFree).toMatchObject({
      value: true,
      facts: [
        '0 of 1 conditions hold, needs at least one',
        'negated: the conditions inside are not met, so this is true',
      ],
    });
    expect(notFree!.children![0]).toMatchObject({
      value: false,
      facts: ['has email identity, needs none'],
    });

    const no = engine.explain(def, 2, { asOf: AS_OF });
    expect(no.value).toBe(false);
    expect(no.children!.map((c) => c.value)).toEqual([true, false, false, false]);
    expect(no.children![1]!.facts).toEqual(['country is not set, needs in ["US","CA"]']);
    expect(engine.explain(def, 99, { asOf: AS_OF }).facts[0]).toBe(
      'profile 99 is not in this workspace',
    );
  });
});

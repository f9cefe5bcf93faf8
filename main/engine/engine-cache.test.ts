// Editing one rule recomputes only that rule; a threshold edit reuses the rule's per-profile tallies.
import { afterEach, describe, expect, it } from 'vitest';
import type { AudienceDefinition, EventNode } from '../../shared/audience/audience-types';
import { openEngine } from './index';
import { tempCache, writeRawProfiles, type TempCache } from './test-support/raw-cache';

const AS_OF = Date.parse('2026-12-01T12:00:00Z');
let cache: TempCache | undefined;
afterEach(() => {
  cache?.dispose();
  cache = undefined;
});

const sessions: EventNode = {
  type: 'event',
  id: 's',
  event: 'session_start',
  window: { last: 7, unit: 'day' },
  count: { op: '>=', value: 2 },
};
const def = (s: EventNode, match: 'all' | 'any' = 'all'): AudienceDefinition => ({
  format: 'audience/v1',
  id: 'x',
  name: 'X',
  kind: 'standard',
  root: {
    type: 'group',
    id: 'root',
    match,
    children: [s, { type: 'attribute', id: 'plan', attribute: 'plan', op: '=', value: 'pro' }],
  },
});

describe('engine caches', () => {
  it('recomputes only the edited rule, and re-thresholds counts without a rescan', () => {
    cache = tempCache();
    writeRawProfiles(
      cache.db,
      Array.from({ length: 20 }, (_, i) => ({
        id: i + 1,
        attributes: { plan: i % 2 ? 'pro' : 'free' },
        events: Array.from({ length: i % 5 }, (_, k) => ({
          name: 'session_start',
          ts: AS_OF - k * 60_000,
        })),
      })),
    );
    const engine = openEngine(cache.db);
    expect(engine.preview(def(sessions), { asOf: AS_OF }).nodes).toEqual({
      root: 6,
      s: 12,
      plan: 10,
    });
    expect([engine.cachedLeaves, engine.cachedTallies]).toEqual([2, 1]);
    // Restructuring (all -> any) reuses both leaves.
    expect(engine.preview(def(sessions, 'any'), { asOf: AS_OF }).size).toBe(16);
    expect([engine.cachedLeaves, engine.cachedTallies]).toEqual([2, 1]);
    // A new threshold is a new leaf over the same tallies.
    const edited = { ...sessions, count: { op: '>=' as const, value: 4 } };
    expect(engine.preview(def(edited), { asOf: AS_OF }).nodes).toEqual({ root: 2, s: 4, plan: 10 });
    expect([engine.cachedLeaves, engine.cachedTallies]).toEqual([3, 1]);
    // A new window needs new tallies; the attribute leaf is still reused.
    const wider = { ...sessions, window: 'all' as const };
    engine.preview(def(wider), { asOf: AS_OF });
    expect([engine.cachedLeaves, engine.cachedTallies]).toEqual([4, 2]);
  });
});

describe('long event histories', () => {
  it('counts windows exactly when a profile has many events (binary-search paths)', () => {
    cache = tempCache();
    const H = 3_600_000;
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const profiles = Array.from({ length: 40 }, (_, i) => ({
      id: i + 1,
      events: Array.from({ length: Math.floor(rnd() * 120) }, () => ({
        name: 'session_start',
        ts: AS_OF - Math.floor(rnd() * 60 * 24) * H + (rnd() < 0.2 ? 2 * H : 0),
      })),
    }));
    writeRawProfiles(cache.db, profiles);
    const engine = openEngine(cache.db);
    for (const last of [1, 3, 24, 24 * 7, 24 * 30]) {
      for (const n of [0, 1, 5, 20]) {
        const node: EventNode = {
          type: 'event',
          id: 's',
          event: 'session_start',
          window: { last, unit: 'hour' },
          count: { op: '>=', value: n },
        };
        const expected = profiles.filter(
          (p) => p.events.filter((e) => e.ts > AS_OF - last * H && e.ts <= AS_OF).length >= n,
        ).length;
        expect(
          engine.preview(def(node, 'any'), { asOf: AS_OF }).nodes.s,
          `last ${last}h >= ${n}`,
        ).toBe(expected);
      }
    }
  });
});

describe('many distinct property objects', () => {
  it('keeps more than 65,536 distinct property objects of one event name apart', () => {
    cache = tempCache();
    const n = 70_000;
    writeRawProfiles(cache.db, [
      {
        id: 1,
        events: Array.from({ length: n }, (_, i) => ({
          name: 'purchase',
          ts: AS_OF - i,
          props: { order: i },
        })),
      },
      { id: 2, events: [{ name: 'purchase', ts: AS_OF, props: { order: 69_999 } }] },
    ]);
    const engine = openEngine(cache.db);
    const rule = (value: number): EventNode => ({
      type: 'event',
      id: 's',
      event: 'purchase',
      where: [{ property: 'order', op: '>=', value }],
      window: 'all',
      count: { op: '>=', value: 2 },
    });
    expect(engine.preview(def(rule(69_998), 'any'), { asOf: AS_OF }).nodes.s).toBe(1);
    expect(engine.preview(def(rule(69_999), 'any'), { asOf: AS_OF }).nodes.s).toBe(0);
    expect(engine.explain(def(rule(0), 'any'), 1, { asOf: AS_OF }).children![0]!.facts[0]).toBe(
      'purchase: 70000 events with order >= 0 in the window, needs >= 2',
    );
  });
});

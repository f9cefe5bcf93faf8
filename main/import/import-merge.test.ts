import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from './import-files';
import { TempWorkspace, dumpCache, ndjson } from './import-test-helpers';
import {
  profileOfIdentity,
  readProfileAttributes,
  readProfileEvents,
  readProfileIdentities,
} from './read-profile-events';

const T = 1_764_000_000_000;

let ws: TempWorkspace;
beforeEach(() => {
  ws = new TempWorkspace();
});
afterEach(() => ws.cleanup());

const ev = (name: string, ts: number, msg: string | null, extra: Record<string, unknown> = {}) => ({
  event_type: 'custom_event',
  data: { event_name: name, timestamp_unixtime_ms: ts, source_message_id: msg, ...extra },
});

describe('identity resolution and merging', () => {
  it('links profiles transitively and merges them: identities, events, attributes by time', async () => {
    const app = ws.file(
      'app.ndjson',
      ndjson(
        {
          user_identities: { customer_id: '123456' },
          device_info: { ios_idfv: 'dev-1' },
          timestamp_unixtime_ms: T,
          user_attributes: { plan: 'free', city: 'Oslo' },
          events: [ev('Open', T, 'm1'), ev('Open', T + 1, 'm2'), ev('Tap', T + 2, null)],
        },
        {
          user_identities: { email: 'a@b.com' },
          device_info: { ios_idfv: 'dev-1' },
          timestamp_unixtime_ms: T + 100,
          user_attributes: { plan: 'pro' },
          // m1 and the content-keyed Tap are also in the first profile: duplicates once merged.
          events: [ev('Open', T, 'm1'), ev('Open', T + 3, 'm3'), ev('Tap', T + 2, null)],
        },
        // A shared device id alone never merges profiles.
        { user_identities: { other: 'stranger' }, device_info: { ios_idfv: 'dev-1' } },
      ),
    );
    const db = ws.db();
    const first = await importFiles(db, [app]);
    expect(first).toMatchObject({ events: 6, duplicates: 0, profiles: 3 });
    const crm = ws.file(
      'crm.csv',
      'customer_id,email,updated_at,city\n123456,A@B.com ,2020-01-01,Bergen\n',
    );
    const second = await importFiles(db, [crm]);
    expect(second).toMatchObject({ rows: 1, events: 0, duplicates: 2, profiles: 2 });
    const p = profileOfIdentity(db, 'customer_id', '123456')!;
    expect(profileOfIdentity(db, 'email', 'a@b.com')).toBe(p);
    expect(readProfileIdentities(db, p)).toEqual({
      customer_id: ['123456'],
      email: ['a@b.com'],
      ios_idfv: ['dev-1'],
    });
    expect(readProfileEvents(db, p).map((e) => `${e.name}@${e.ts - T}`)).toEqual([
      'Open@0',
      'Open@1',
      'Tap@2',
      'Open@3',
    ]);
    // plan: the later write (T+100) wins; city: the CSV row is dated 2020, older than T.
    expect(readProfileAttributes(db, p)).toEqual({ plan: 'pro', city: 'Oslo' });
    // The absorbed profile is gone with all its rows.
    const ids = db.prepare('SELECT id FROM profiles ORDER BY id').pluck().all() as number[];
    expect(ids).toHaveLength(2);
    expect(
      db
        .prepare(
          'SELECT count(*) FROM attributes WHERE profile_id NOT IN (SELECT id FROM profiles)',
        )
        .pluck()
        .get(),
    ).toBe(0);
    expect(
      db
        .prepare(
          'SELECT count(*) FROM identities WHERE profile_id NOT IN (SELECT id FROM profiles)',
        )
        .pluck()
        .get(),
    ).toBe(0);
    // Later batches with only the email join the merged profile.
    const later = ws.file(
      'later.ndjson',
      ndjson({ user_identities: { email: 'a@b.com' }, events: [ev('Open', T + 9, 'm9')] }),
    );
    expect(await importFiles(db, [later])).toMatchObject({ events: 1, profiles: 2 });
    expect(readProfileEvents(db, p)).toHaveLength(5);
  });

  it('merges profiles linked inside one flush and across profile blocks', async () => {
    const lines: unknown[] = [];
    // 5000 profiles: the last ones live in another chunk block (4096 profiles per block).
    for (let i = 0; i < 5000; i++)
      lines.push({ mpid: i + 1, events: [ev('Open', T + i, `o${i}`)] });
    lines.push({ mpid: 4999, user_identities: { customer_id: 'x' } });
    lines.push({
      mpid: 2,
      user_identities: { customer_id: 'x' },
      events: [ev('Open', T + 4998, 'o4998')],
    });
    const db = ws.db();
    const s = await importFiles(db, [ws.file('many.ndjson', ndjson(...lines))], {
      flushEvents: 1000,
    });
    expect(s).toMatchObject({ events: 5000, duplicates: 1, profiles: 4999 });
    const p = profileOfIdentity(db, 'mpid', '4999')!;
    expect(p).toBe(profileOfIdentity(db, 'mpid', '2'));
    expect(readProfileEvents(db, p).map((e) => e.ts - T)).toEqual([1, 4998]);
  });
});

describe('duplicates', () => {
  it('skips content duplicates and keeps the earliest of events sharing a message id, in any order', async () => {
    const a = ws.file(
      'a.ndjson',
      ndjson({
        mpid: 1,
        events: [
          ev('Buy', T + 50, 'm1', { custom_attributes: { v: 'late' } }),
          ev('Tap', T, null),
          ev('Tap', T, null),
        ],
      }),
    );
    const b = ws.file(
      'b.ndjson',
      ndjson({
        mpid: 1,
        events: [
          ev('Buy', T + 10, 'm1', { custom_attributes: { v: 'early' } }),
          ev('Buy', T + 10, 'm1', { custom_attributes: { v: 'early-b' } }),
          ev('Tap', T, null),
          ev('Tap', T, null, { extra: 1 }),
        ],
      }),
    );
    const one = ws.db('one.sqlite');
    expect(await importFiles(one, [a])).toMatchObject({ events: 2, duplicates: 1 });
    expect(await importFiles(one, [b])).toMatchObject({ events: 1, duplicates: 3 });
    const two = ws.db('two.sqlite');
    await importFiles(two, [b]);
    await importFiles(two, [a]);
    for (const db of [one, two]) {
      expect(readProfileEvents(db, 1).map((e) => [e.name, e.ts - T, e.props])).toEqual([
        ['Tap', 0, {}],
        ['Tap', 0, {}],
        ['Buy', 10, { v: 'early' }],
      ]);
    }
  });

  it('gives the same cache for any order of the same records (attribute ties aside)', async () => {
    const record = fc.record({
      who: fc.integer({ min: 0, max: 3 }),
      link: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      t: fc.integer({ min: 0, max: 3 }),
      attr: fc.option(fc.constantFrom('a', 'b', null), { nil: undefined }),
      msg: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      v: fc.integer({ min: 0, max: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 14 }),
        fc.integer(),
        async (recs, seed) => {
          const batches = recs.map((r, i) => ({
            user_identities: {
              customer_id: `c${r.who}`,
              ...(r.link !== undefined ? { email: `e${r.link}@x.com` } : {}),
            },
            // Unique times per record keep attribute writes free of ties.
            timestamp_unixtime_ms: T + i * 1000 + r.t,
            user_attributes: r.attr === undefined ? {} : { attr: r.attr },
            events: [
              ev('E', T + r.t, r.msg === null ? null : `m${r.msg}`, {
                custom_attributes: { v: r.v },
              }),
            ],
          }));
          const shuffled = [...batches];
          let s = seed;
          for (let i = shuffled.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) & 0x7fffffff;
            const j = s % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          const dir = new TempWorkspace();
          try {
            const x = dir.db('x.sqlite');
            await importFiles(x, [dir.file('x.ndjson', ndjson(...batches))]);
            const y = dir.db('y.sqlite');
            // The shuffled copy arrives in two imports.
            const half = Math.ceil(shuffled.length / 2);
            await importFiles(y, [dir.file('y1.ndjson', ndjson(...shuffled.slice(0, half)))]);
            if (half < shuffled.length)
              await importFiles(y, [dir.file('y2.ndjson', ndjson(...shuffled.slice(half)))]);
            expect(dumpCache(y)).toEqual(dumpCache(x));
          } finally {
            dir.cleanup();
          }
        },
      ),
      { numRuns: 40, seed: 20261204 },
    );
  });
});

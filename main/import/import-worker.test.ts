import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheDb } from '../cache/open-cache';
import { writeBatchFile } from './generate-batches';
import { importFiles } from './import-files';
import { TempWorkspace, dumpCache, ndjson } from './import-test-helpers';
import { parseWorkerUrl } from './parse-worker-feed';

// The parse worker must change nothing but speed: same cache, same summary, same rejections with
// the same sources, same failures, as the in-thread path.

const T = 1_764_000_000_000;
const NOW = 1_765_000_000_000;

let ws: TempWorkspace;
beforeEach(() => {
  ws = new TempWorkspace();
});
afterEach(() => ws.cleanup());

const rejectedRows = (db: CacheDb) =>
  db.prepare('SELECT source, reason, record FROM rejected_records ORDER BY id').all();

/** Lines that exercise every branch of a record and of its rejections. */
const oddLines = ndjson(
  {
    mpid: 'placeholder',
    user_identities: { customer_id: 'c1', email: ' Ann@Example.COM ' },
    user_attributes: { plan: 'pro', tags: ['a', 1, true], gone: null, bad: { x: 1 } },
    deleted_user_attributes: ['old'],
    device_info: { ios_idfv: 'ABC-1', android_uuid: '0000-0000' },
    events: [
      { event_type: 'custom_event', data: { event_name: 'Signed Up', timestamp_unixtime_ms: T } },
      { event_type: 'screen_view', data: { screen_name: 'Home' } },
      {
        event_type: 'session_start',
        data: { timestamp_unixtime_ms: T + 5, source_message_id: 'm1' },
      },
      { event_type: 'custom_event', data: { timestamp_unixtime_ms: T } },
    ],
  },
  '{"mpid": 12345678901234567890, "user_identities": {"customer_id": 12.50}, "events": []}',
  '',
  '{"mpid": 1, "events": [',
  { device_info: { ios_idfv: 'only-a-device' } },
  {
    user_identities: { customer_id: 'c1' },
    timestamp_unixtime_ms: T + 9,
    events: [{ event_type: 'session_start', data: { source_message_id: 'm1' } }],
    user_attributes: { plan: 'free' },
  },
).replace('"placeholder"', '-7636538281262557000');

async function importBoth(files: string[], flushEvents: number) {
  const inThread = ws.db('thread.sqlite');
  const inWorker = ws.db('worker.sqlite');
  const now = () => NOW;
  const a = await importFiles(inThread, files, { now, flushEvents, parseWorker: false });
  const b = await importFiles(inWorker, files, { now, flushEvents, parseWorker: true });
  return { a, b, inThread, inWorker };
}

describe('the parse worker', () => {
  it('gives the same cache, summary and rejections as the in-thread path', async () => {
    const lines = `${ws.dir}/big.ndjson`;
    await writeBatchFile(lines, { users: 300, eventsPerUser: 25, seed: 5, start: T });
    appendFileSync(lines, oddLines);
    const array = ws.file(
      'b.json',
      `[${JSON.stringify({ user_identities: { customer_id: 'c2' }, events: [] })}, nope, ` +
        `${JSON.stringify({ user_identities: { customer_id: 'c1' }, user_attributes: { z: 1 } })}]`,
    );
    const { a, b, inThread, inWorker } = await importBoth([lines, array], 1000);
    expect(b).toEqual(a);
    expect(a.rejected.length).toBeGreaterThanOrEqual(6);
    // Rejections keep their PATH:LINE and PATH#N sources.
    expect(a.rejected.map((r) => r.source)).toEqual(
      expect.arrayContaining([
        `${lines}:901#user_attributes.bad`,
        `${lines}:901#events[3]`,
        `${lines}:904`,
        `${lines}:905`,
        `${array}#2`,
      ]),
    );
    expect(rejectedRows(inWorker)).toEqual(rejectedRows(inThread));
    expect(dumpCache(inWorker)).toEqual(dumpCache(inThread));
    const attributes = (db: CacheDb) =>
      db.prepare('SELECT * FROM attributes ORDER BY profile_id, name').all();
    expect(attributes(inWorker)).toEqual(attributes(inThread));
    // Ids too, not only the shape: records reach identity resolution in the same order.
    const ids = (db: CacheDb) => db.prepare('SELECT * FROM identities ORDER BY 1, 2, 3').all();
    expect(ids(inWorker)).toEqual(ids(inThread));
  }, 60_000);

  it('shared by two or three workers taking turns by group of lines, gives the same cache', async () => {
    // Several 1 MB groups, with the odd lines (rejections, a bad line) in the middle of the file.
    const head = `${ws.dir}/head.ndjson`;
    const tail = `${ws.dir}/tail.ndjson`;
    await writeBatchFile(head, { users: 900, eventsPerUser: 25, seed: 7, start: T });
    await writeBatchFile(tail, { users: 900, eventsPerUser: 25, seed: 8, start: T + 1 });
    const lines = `${ws.dir}/shared.ndjson`;
    appendFileSync(lines, readFileSync(head));
    appendFileSync(lines, oddLines);
    appendFileSync(lines, readFileSync(tail));
    expect(statSync(lines).size).toBeGreaterThan(5 << 20);
    const now = () => NOW;
    const inThread = ws.db('thread.sqlite');
    const a = await importFiles(inThread, [lines], { now, flushEvents: 5000, parseWorker: false });
    for (const parseWorkers of [2, 3]) {
      const db = ws.db(`shared-${parseWorkers}.sqlite`);
      const b = await importFiles(db, [lines], { now, flushEvents: 5000, parseWorkers });
      expect(b, `${parseWorkers} workers`).toEqual(a);
      expect(rejectedRows(db)).toEqual(rejectedRows(inThread));
      expect(dumpCache(db)).toEqual(dumpCache(inThread));
      const ids = (d: CacheDb) => d.prepare('SELECT * FROM identities ORDER BY 1, 2, 3').all();
      expect(ids(db)).toEqual(ids(inThread));
    }
    expect(a.rejected.length).toBe(5);
  }, 120_000);

  it('re-imports as duplicates, as the in-thread path does', async () => {
    const file = `${ws.dir}/b.ndjson`;
    const total = await writeBatchFile(file, { users: 100, eventsPerUser: 12, seed: 2, start: T });
    const db = ws.db();
    const first = await importFiles(db, [file], { parseWorker: true });
    expect(first).toMatchObject({ events: total, duplicates: 0, profiles: 100 });
    const again = await importFiles(db, [file], { parseWorker: true });
    expect(again).toMatchObject({ events: 0, duplicates: total, profiles: 100 });
  }, 30_000);

  it('rejects a value too large to store (1e999) with its source, and imports the rest', async () => {
    // JSON.parse reads 1e999 as Infinity, which has no JSON text: the event or attribute holding it
    // is rejected, never the whole import, in both parse paths.
    const bad = ndjson(
      {
        user_identities: { customer_id: 'a' },
        user_attributes: { ltv: 1, tags: ['x', 2] },
        events: [
          { event_type: 'x', data: { timestamp_unixtime_ms: T, t: 1 } },
          { event_type: 'y', data: { timestamp_unixtime_ms: T } },
        ],
      },
      { user_identities: { customer_id: 'b' } },
    )
      .replace('"t":1', '"t":1e999')
      .replace('"ltv":1', '"ltv":1e999')
      .replace('"x",2', '"x",-1e999');
    const file = ws.file(
      'bad.ndjson',
      `${ndjson({ user_identities: { customer_id: 'z' } })}${bad}`,
    );
    for (const parseWorker of [false, true]) {
      const db = ws.db(`w-${parseWorker}.sqlite`);
      const summary = await importFiles(db, [file], { parseWorker, now: () => T });
      expect(summary).toMatchObject({ batches: 3, events: 1, profiles: 3 });
      expect(summary.rejected.map((r) => r.source).sort()).toEqual([
        `${file}:2#events[0]`,
        `${file}:2#user_attributes.ltv`,
        `${file}:2#user_attributes.tags`,
      ]);
      expect(summary.rejected.every((r) => /too large to store/.test(r.reason))).toBe(true);
      expect(db.prepare('SELECT status, batches FROM imports').get()).toEqual({
        status: 'partial',
        batches: 3,
      });
    }
  }, 30_000);

  it('is found next to the code, and a worker that cannot start fails the import naming the file', async () => {
    expect(parseWorkerUrl(undefined)?.pathname).toMatch(/parse-worker\.ts$/);
    const file = ws.file('b.ndjson', ndjson({ user_identities: { customer_id: 'a' } }));
    const db = ws.db();
    await expect(
      importFiles(db, [file], {
        parseWorker: true,
        parseWorkerUrl: new URL(`file://${ws.dir}/no-such-worker.js`),
      }),
    ).rejects.toThrow(`${file}: the parse worker failed`);
    expect(db.prepare('SELECT count(*) FROM profiles').pluck().get()).toBe(0);
  }, 30_000);
});

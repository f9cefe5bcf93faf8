import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeChunk } from '../cache/event-chunk-codec';
import { importFiles } from './import-files';
import { TempWorkspace } from './import-test-helpers';
import {
  readProfileAttributes,
  readProfileEvents,
  readProfileIdentities,
} from './read-profile-events';

const FIXTURE = path.resolve(
  __dirname,
  '../../../shared/fixtures/mparticle/eventsapi-sample-batch.json',
);

let ws: TempWorkspace;
afterEach(() => ws.cleanup());

describe('importing the real mParticle sample batch', () => {
  it('stores one profile with exact ids, 14 canonical events and the attribute', async () => {
    ws = new TempWorkspace();
    const db = ws.db();
    const summary = await importFiles(db, [FIXTURE], { now: () => 1_700_000_000_000 });
    expect(summary).toEqual({
      batches: 1,
      rows: 0,
      events: 14,
      duplicates: 0,
      profiles: 1,
      rejected: [],
    });
    const id = db.prepare('SELECT id FROM profiles').pluck().get() as number;
    expect(readProfileIdentities(db, id)).toEqual({
      customer_id: ['123456'],
      // The exact source text (this one survives rounding; -...123 below would not).
      mpid: ['-7636538281262557000'],
      ios_advertising_id: ['1cc8138f-8aaf-410a-b0b9-6465cfb2af6a'],
      ios_idfv: ['0f129dcb-d5b9-450b-9003-a38a7b7e946d'],
    });
    expect(readProfileAttributes(db, id)).toEqual({ 'Test attribute': 'Test value' });
    const events = readProfileEvents(db, id);
    expect(events).toHaveLength(14);
    const count = (name: string) => events.filter((e) => e.name === name).length;
    expect(count('install')).toBe(1);
    expect(count('session_start')).toBe(2);
    expect(count('purchase')).toBe(1);
    expect(count('app_foreground')).toBe(1);
    const purchase = events.find((e) => e.name === 'purchase')!;
    expect(purchase.props).toMatchObject({
      total_amount: 123,
      transaction_id: 'foo transaction id',
      product_count: 1,
      'Total Amount': '123',
    });
    expect(purchase.ts).toBe(1558388284159);
    expect(events.find((e) => e.name === 'Example custom event')!.props).toEqual({
      custom_event_type: 'other',
    });
    expect(events.find((e) => e.name === 'screen_view')!.props).toEqual({
      screen_name: 'Example screen event',
    });
    expect(events.find((e) => e.name === 'session_end')!.props).toEqual({
      session_duration_ms: 421,
    });
    // The breadcrumb has a null source_message_id: keyed by content; the others by message id.
    expect(events.filter((e) => e.flags === 0).map((e) => e.name)).toEqual(['breadcrumb']);
    // Attribute writes take the batch time.
    expect(
      db.prepare('SELECT written_at FROM attributes WHERE profile_id = ?').pluck().get(id),
    ).toBe(1558342842934);
    const imports = db.prepare('SELECT status, batches, events, duplicates FROM imports').all();
    expect(imports).toEqual([{ status: 'done', batches: 1, events: 14, duplicates: 0 }]);
    for (const blob of db.prepare('SELECT data FROM event_chunks').pluck().all() as Buffer[]) {
      expect(() => decodeChunk(blob)).not.toThrow();
    }
  });

  it('changes nothing when imported again, counting 14 duplicates', async () => {
    ws = new TempWorkspace();
    const db = ws.db();
    await importFiles(db, [FIXTURE]);
    const version = db
      .prepare("SELECT value FROM settings WHERE key = 'data_version'")
      .pluck()
      .get();
    const again = await importFiles(db, [FIXTURE]);
    expect(again).toEqual({
      batches: 1,
      rows: 0,
      events: 0,
      duplicates: 14,
      profiles: 1,
      rejected: [],
    });
    expect(readProfileEvents(db, 1)).toHaveLength(14);
    expect(
      db.prepare("SELECT value FROM settings WHERE key = 'data_version'").pluck().get(),
    ).not.toBe(version);
  });

  it('reads the same batch from an array file and from NDJSON, keeping a long mpid exact', async () => {
    ws = new TempWorkspace();
    const text = readFileSync(FIXTURE, 'utf8').replace(
      '"mpid":-7636538281262557000',
      '"mpid":-7636538281262557123',
    );
    const array = ws.file('batches.json', `[${text},\n${text}]`);
    const lines = ws.file(
      'batches.ndjson',
      `${JSON.stringify(JSON.parse(text))}\n`.replace(
        '-7636538281262557000',
        '-7636538281262557123',
      ),
    );
    const db = ws.db();
    const first = await importFiles(db, [array]);
    expect(first).toMatchObject({ batches: 2, events: 14, duplicates: 14, profiles: 1 });
    expect(readProfileIdentities(db, 1).mpid).toEqual(['-7636538281262557123']);
    const second = await importFiles(db, [lines]);
    expect(second).toMatchObject({ batches: 1, events: 0, duplicates: 14, profiles: 1 });
  });
});

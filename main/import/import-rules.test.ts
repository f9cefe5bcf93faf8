import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from './import-files';
import { ImportInputError } from './import-types';
import { TempWorkspace, ndjson } from './import-test-helpers';
import {
  profileOfIdentity,
  readProfileAttributes,
  readProfileEvents,
  readProfileIdentities,
} from './read-profile-events';

const T = 1_764_000_000_000;
const NOW = 1_765_000_000_000;

let ws: TempWorkspace;
beforeEach(() => {
  ws = new TempWorkspace();
});
afterEach(() => ws.cleanup());

const ev = (event_type: string, data: Record<string, unknown> = {}, i = 0) => ({
  event_type,
  data: { timestamp_unixtime_ms: T + i, source_message_id: `${event_type}-${i}`, ...data },
});

describe('canonical event names and properties', () => {
  it('follows the table of data-import.md', async () => {
    const file = ws.file(
      'b.ndjson',
      ndjson({
        user_identities: { customer_id: 'c1' },
        events: [
          ev(
            'custom_event',
            {
              event_name: 'Signed Up',
              custom_event_type: 'other',
              custom_attributes: { plan: 'pro', custom_event_type: 'mine', gone: null },
            },
            1,
          ),
          ev(
            'custom_event',
            {
              event_name: 'Signed Up',
              custom_event_type: null,
              custom_attributes: { custom_event_type: 'kept' },
            },
            2,
          ),
          ev(
            'commerce_event',
            {
              product_action: { action: 'add_to_cart', total_amount: 9.5, transaction_id: 't1' },
              currency_code: 'EUR',
            },
            3,
          ),
          ev('commerce_event', { product_action: null, custom_attributes: { a: [1, 'b'] } }, 4),
          ev('screen_view', { screen_name: 'Home' }, 5),
          ev('session_start', {}, 6),
          ev('session_end', { session_duration_ms: 1200 }, 7),
          ev(
            'application_state_transition',
            { is_first_run: true, application_transition_type: 'application_initialized' },
            8,
          ),
          ev('application_state_transition', { is_upgrade: true }, 9),
          ev(
            'application_state_transition',
            { application_transition_type: 'application_background' },
            10,
          ),
          ev('uninstall', {}, 11),
        ],
      }),
    );
    const db = ws.db();
    const s = await importFiles(db, [file]);
    expect(s).toMatchObject({ events: 11, rejected: [] });
    const got = readProfileEvents(db, 1).map((e) => [e.name, e.props]);
    expect(got).toEqual([
      ['Signed Up', { plan: 'pro', custom_event_type: 'other' }],
      ['Signed Up', { custom_event_type: 'kept' }],
      [
        'add_to_cart',
        { total_amount: 9.5, transaction_id: 't1', currency_code: 'EUR', product_count: 0 },
      ],
      ['commerce_event', { a: [1, 'b'] }],
      ['screen_view', { screen_name: 'Home' }],
      ['session_start', {}],
      ['session_end', { session_duration_ms: 1200 }],
      ['install', {}],
      ['upgrade', {}],
      ['app_background', {}],
      ['uninstall', {}],
    ]);
  });

  it('times events by their own time, else the batch time, and rejects an event with neither', async () => {
    const file = ws.file(
      'b.ndjson',
      ndjson(
        {
          mpid: 1,
          timestamp_unixtime_ms: T + 500,
          events: [
            { event_type: 'session_start', data: { source_message_id: 'a' } },
            {
              event_type: 'session_start',
              data: { timestamp_unixtime_ms: T, source_message_id: 'b' },
            },
          ],
        },
        {
          mpid: 2,
          events: [
            { event_type: 'session_start', data: { source_message_id: 'c' } },
            { event_type: 'screen_view', data: { timestamp_unixtime_ms: T, screen_name: 'x' } },
            { event_type: 'session_start', data: { timestamp_unixtime_ms: 'soon' } },
            'not an event',
            { event_type: 'custom_event', data: { timestamp_unixtime_ms: T } },
          ],
        },
      ),
    );
    const db = ws.db();
    const s = await importFiles(db, [file]);
    expect(s.rejected).toEqual([
      {
        source: `${file}:2#events[0]`,
        reason:
          'the event has no time: no data.timestamp_unixtime_ms and no batch timestamp_unixtime_ms',
      },
      {
        source: `${file}:2#events[2]`,
        reason: 'data.timestamp_unixtime_ms is not a time in epoch milliseconds',
      },
      { source: `${file}:2#events[3]`, reason: 'an event must be an object' },
      { source: `${file}:2#events[4]`, reason: 'custom_event without data.event_name' },
    ]);
    expect(readProfileEvents(db, 1).map((e) => e.ts)).toEqual([T, T + 500]);
    // A rejected event does not reject its batch.
    expect(readProfileEvents(db, 2).map((e) => e.name)).toEqual(['screen_view']);
    const stored = db
      .prepare('SELECT source, reason, record FROM rejected_records ORDER BY id')
      .all() as Array<{ source: string; record: string }>;
    expect(stored.map((r) => r.source)).toEqual(s.rejected.map((r) => r.source));
    expect(JSON.parse(stored[1]!.record)).toEqual({
      event_type: 'session_start',
      data: { timestamp_unixtime_ms: 'soon' },
    });
  });
});

describe('identities', () => {
  it('normalizes values, keeps long numbers exact, stores device ids and drops empty ones', async () => {
    const file = ws.file(
      'b.ndjson',
      '{"mpid":"  9223372036854775807 ","user_identities":{"email":"  Ann@Example.COM ",' +
        '"customer_id":12345678901234567891,"other":"  x  ","other_id_2":null,"other_id_3":"  ","other_id_4":12.50,' +
        '"mobile_number":""},"device_info":{"ios_idfv":" ABC-def ","android_advertising_id":' +
        '"00000000-0000-0000-0000-000000000000","ios_advertising_id":"---","android_uuid":42,' +
        '"roku_advertising_id":""}}\n',
    );
    const db = ws.db();
    const s = await importFiles(db, [file]);
    expect(s).toMatchObject({ batches: 1, profiles: 1, rejected: [] });
    expect(readProfileIdentities(db, 1)).toEqual({
      customer_id: ['12345678901234567891'],
      email: ['ann@example.com'],
      ios_idfv: ['abc-def'],
      mpid: ['9223372036854775807'],
      other: ['x'],
      other_id_4: ['12.50'],
    });
  });

  it('rejects a batch with an object, array or boolean identity, or without a usable identity', async () => {
    const file = ws.file(
      'b.ndjson',
      ndjson(
        { user_identities: { email: { a: 1 } }, user_attributes: { a: 1 } },
        { user_identities: { customer_id: ['1'] } },
        { mpid: true },
        { device_info: { ios_idfv: 'abc' } },
        { user_identities: { email: null }, events: [ev('session_start')] },
        'not json {',
        '[{"mpid":1}]',
        { mpid: 'abc' },
        { mpid: 7, user_attributes: { ok: 1 } },
      ),
    );
    const db = ws.db();
    const s = await importFiles(db, [file]);
    expect(s.rejected.map((r) => [r.source.slice(file.length), r.reason])).toEqual([
      [':1', 'user_identities.email is an object; an identity must be a string or a number'],
      [':2', 'user_identities.customer_id is an array; an identity must be a string or a number'],
      [':3', 'mpid is a boolean; an identity must be a string or a number'],
      [':4', 'the batch has only device ids, which never identify a profile on their own'],
      [':5', 'the batch has no identity (mpid or user_identities)'],
      [':6', expect.stringMatching(/^not valid JSON \(.+\)$/)],
      [':7', 'a batch must be a JSON object'],
      [':8', 'mpid "abc" is not a 64-bit integer'],
    ]);
    expect(s).toMatchObject({ batches: 9, events: 0, profiles: 1 });
    expect(readProfileAttributes(db, 1)).toEqual({ ok: 1 });
  });

  it('takes an mpid given as a number or as a string as the same identity', async () => {
    const file = ws.file(
      'b.ndjson',
      '{"mpid":-7636538281262557123,"user_attributes":{"a":1}}\n{"mpid":"-7636538281262557123","user_attributes":{"b":2}}\n{"mpid":-7636538281262557124}\n',
    );
    const db = ws.db();
    const s = await importFiles(db, [file]);
    expect(s.profiles).toBe(2);
    const p = profileOfIdentity(db, 'mpid', '-7636538281262557123')!;
    expect(readProfileAttributes(db, p)).toEqual({ a: 1, b: 2 });
    expect(profileOfIdentity(db, 'mpid', '-7636538281262557124')).not.toBe(p);
  });
});

describe('user attributes', () => {
  it('stores scalars and lists, deletes on null, rejects object values by name, deletion wins', async () => {
    const file = ws.file(
      'b.ndjson',
      ndjson(
        {
          mpid: 1,
          timestamp_unixtime_ms: T,
          user_attributes: {
            plan: 'pro',
            age: 34,
            vip: true,
            tags: ['a', 2, false],
            old: 'x',
            Plan: 'case',
          },
        },
        {
          mpid: 1,
          timestamp_unixtime_ms: T + 1,
          user_attributes: {
            old: null,
            address: { city: 'Oslo' },
            bad_list: ['a', null],
            nested: [{ a: 1 }],
            tags: ['c'],
            both: 'set',
          },
          deleted_user_attributes: ['both', 'vip'],
        },
      ),
    );
    const db = ws.db();
    const s = await importFiles(db, [file]);
    expect(s.rejected).toEqual([
      {
        source: `${file}:2#user_attributes.address`,
        reason: 'an attribute value cannot be an object',
      },
      {
        source: `${file}:2#user_attributes.bad_list`,
        reason: 'a list attribute may hold only strings, numbers and booleans, not null',
      },
      {
        source: `${file}:2#user_attributes.nested`,
        reason: 'a list attribute may hold only strings, numbers and booleans, not an object',
      },
    ]);
    expect(readProfileAttributes(db, 1)).toEqual({
      plan: 'pro',
      Plan: 'case',
      age: 34,
      tags: ['c'],
    });
    // Deletions are kept as tombstones with their time.
    expect(
      db.prepare('SELECT name, written_at FROM attributes WHERE value IS NULL ORDER BY name').all(),
    ).toEqual([
      { name: 'both', written_at: T + 1 },
      { name: 'old', written_at: T + 1 },
      { name: 'vip', written_at: T + 1 },
    ]);
  });

  it('times writes by the batch, else its latest event, else the import time', async () => {
    const file = ws.file(
      'b.ndjson',
      ndjson(
        { mpid: 1, timestamp_unixtime_ms: T, user_attributes: { a: 1 }, events: [ev('x', {}, 99)] },
        {
          mpid: 2,
          user_attributes: { a: 1 },
          events: [ev('x', {}, 5), ev('x', {}, 9), ev('x', {}, 7)],
        },
        { mpid: 3, user_attributes: { a: 1 } },
      ),
    );
    const db = ws.db();
    await importFiles(db, [file], { now: () => NOW });
    expect(
      db.prepare('SELECT profile_id, written_at FROM attributes ORDER BY profile_id').all(),
    ).toEqual([
      { profile_id: 1, written_at: T },
      { profile_id: 2, written_at: T + 9 },
      { profile_id: 3, written_at: NOW },
    ]);
  });

  it('keeps the latest write whatever the import order, and a deletion stays deleted', async () => {
    const newer = ws.file(
      'newer.ndjson',
      ndjson({
        mpid: 1,
        timestamp_unixtime_ms: T + 10,
        user_attributes: { plan: 'pro', gone: null },
      }),
    );
    const older = ws.file(
      'older.ndjson',
      ndjson({
        mpid: 1,
        timestamp_unixtime_ms: T,
        user_attributes: { plan: 'free', gone: 'back?' },
      }),
    );
    const a = ws.db('a.sqlite');
    await importFiles(a, [newer]);
    await importFiles(a, [older]);
    const b = ws.db('b.sqlite');
    await importFiles(b, [older, newer]);
    for (const db of [a, b]) expect(readProfileAttributes(db, 1)).toEqual({ plan: 'pro' });
  });

  it('breaks time ties by the later import, then the later file, then the later record', async () => {
    const one = ws.file(
      'one.ndjson',
      ndjson({ mpid: 1, timestamp_unixtime_ms: T, user_attributes: { a: 'one' } }),
    );
    const two = ws.file(
      'two.ndjson',
      ndjson(
        { mpid: 1, timestamp_unixtime_ms: T, user_attributes: { a: 'two-first', b: 'x' } },
        { mpid: 1, timestamp_unixtime_ms: T, user_attributes: { a: 'two-last' } },
      ),
    );
    const db = ws.db();
    await importFiles(db, [two, one]);
    expect(readProfileAttributes(db, 1)).toEqual({ a: 'one', b: 'x' });
    await importFiles(db, [one, two]);
    expect(readProfileAttributes(db, 1)).toEqual({ a: 'two-last', b: 'x' });
    await importFiles(db, [one]);
    expect(readProfileAttributes(db, 1)).toEqual({ a: 'one', b: 'x' });
  });
});

describe('files that cannot be imported', () => {
  it('fails before writing anything for an unknown extension or a missing file', async () => {
    const good = ws.file('good.ndjson', ndjson({ mpid: 1, events: [ev('x')] }));
    const db = ws.db();
    await expect(importFiles(db, [good, ws.file('notes.txt', 'hi')])).rejects.toThrow(
      /notes\.txt: unknown format "\.txt"/,
    );
    await expect(importFiles(db, [good, `${ws.dir}/missing.json`])).rejects.toThrow(
      /missing\.json: cannot read the file \(it does not exist\)/,
    );
    await expect(importFiles(db, [good, ws.dir + '/'])).rejects.toBeInstanceOf(ImportInputError);
    expect(db.prepare('SELECT count(*) FROM profiles').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
  });

  it('rejects broken parts of a JSON array file as PATH#N and imports the rest', async () => {
    const file = ws.file(
      'b.json',
      `[${JSON.stringify({ mpid: 1, events: [ev('x')] })}, {"mpid": oops}, 5, ${JSON.stringify({ mpid: 2 })}, {"mpid":`,
    );
    const db = ws.db();
    const s = await importFiles(db, [file]);
    expect(s.rejected).toEqual([
      { source: `${file}#2`, reason: expect.stringMatching(/^not valid JSON/) },
      { source: `${file}#3`, reason: 'a batch must be a JSON object' },
      { source: `${file}#5`, reason: 'the file ends in the middle of this batch (truncated JSON)' },
    ]);
    expect(s).toMatchObject({ batches: 4, events: 1, profiles: 2 });
    expect(db.prepare('SELECT status, rejected FROM imports').get()).toEqual({
      status: 'partial',
      rejected: 3,
    });
  });
});

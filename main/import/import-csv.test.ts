import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from './import-files';
import { TempWorkspace } from './import-test-helpers';
import {
  profileOfIdentity,
  readProfileAttributes,
  readProfileIdentities,
} from './read-profile-events';

const NOW = 1_765_000_000_000;

let ws: TempWorkspace;
beforeEach(() => {
  ws = new TempWorkspace();
});
afterEach(() => ws.cleanup());

describe('profile CSV import', () => {
  it('reads BOM, quoting and identity columns; other columns are text attributes', async () => {
    const file = ws.file(
      'crm.csv',
      '\ufeffemail, customer_id ,mpid,ios_idfv,First Name,note,updated_at\r\n' +
        ' Ann@Example.com ,C-1,12345678901234567891,ABC,Ann,"likes ""tea"", and\r\ncake",2026-01-02T03:04:05Z\r\n' +
        ',C-2,,,Bob,,\r\n',
    );
    const db = ws.db();
    const s = await importFiles(db, [file], { now: () => NOW });
    expect(s).toEqual({ batches: 0, rows: 2, events: 0, duplicates: 0, profiles: 2, rejected: [] });
    const ann = profileOfIdentity(db, 'email', 'ann@example.com')!;
    expect(readProfileIdentities(db, ann)).toEqual({
      customer_id: ['C-1'],
      email: ['ann@example.com'],
      ios_idfv: ['abc'],
      mpid: ['12345678901234567891'],
    });
    expect(readProfileAttributes(db, ann)).toEqual({
      'First Name': 'Ann',
      note: 'likes "tea", and\r\ncake',
    });
    const bob = profileOfIdentity(db, 'customer_id', 'C-2')!;
    // An empty cell changes nothing; numbers in cells stay text.
    expect(readProfileAttributes(db, bob)).toEqual({ 'First Name': 'Bob' });
    expect(
      db.prepare('SELECT profile_id, written_at FROM attributes ORDER BY profile_id, name').all(),
    ).toEqual([
      { profile_id: ann, written_at: Date.UTC(2026, 0, 2, 3, 4, 5) },
      { profile_id: ann, written_at: Date.UTC(2026, 0, 2, 3, 4, 5) },
      { profile_id: bob, written_at: NOW },
    ]);
  });

  it('rejects bad rows by the line they start on and imports the others', async () => {
    const file = ws.file(
      'crm.csv',
      'customer_id,email,android_uuid,score,updated_at\n' +
        'c1,,,10,2026-01-01\n' + // line 2: good
        'c2,,,"multi\nline",\n' + // lines 3-4: good
        ',,,11,\n' + // line 5: no identity
        ',,dev-9,12,\n' + // line 6: only a device id
        'c3,,,13\n' + // line 7: too few cells
        'c4,,,14,2026-02-30\n' + // line 8: not a real date
        'c5,"x"y,,15,\n' + // line 9: broken quoting
        'c6,,,16,2026-03-01T10:00+01:00\n', // line 10: good
    );
    const db = ws.db();
    const s = await importFiles(db, [file], { now: () => NOW });
    expect(s.rejected).toEqual([
      { source: `${file}:5`, reason: 'the row has no identity: every identity cell is empty' },
      {
        source: `${file}:6`,
        reason: 'the row has only device ids, which never identify a profile on their own',
      },
      { source: `${file}:7`, reason: 'the row has 4 cells; the header has 5' },
      {
        source: `${file}:8`,
        reason:
          'updated_at "2026-02-30" is not a valid datetime (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]] with Z or ±HH:MM)',
      },
      { source: `${file}:9`, reason: 'text after the closing quote of cell 2' },
    ]);
    expect(s).toMatchObject({ rows: 8, profiles: 3 });
    expect(readProfileAttributes(db, profileOfIdentity(db, 'customer_id', 'c2')!)).toEqual({
      score: 'multi\nline',
    });
  });

  it('fails the whole file, importing nothing, when the header has no identity column', async () => {
    const good = ws.file('good.csv', 'email,plan\na@b.com,pro\n');
    const bad = ws.file('bad.csv', 'name,plan,Email\nAnn,pro,a@b.com\n');
    const db = ws.db();
    await expect(importFiles(db, [good, bad])).rejects.toThrow(
      /bad\.csv: the header row has no identity column/,
    );
    await expect(importFiles(db, [ws.file('empty.csv', '')])).rejects.toThrow(
      /empty\.csv: the file is empty/,
    );
    expect(db.prepare('SELECT count(*) FROM profiles').pluck().get()).toBe(0);
    // A header whose only identity columns are device ids is taken; each row is then rejected.
    const devices = ws.file('devices.csv', 'ios_idfv,plan\nabc,pro\n');
    const s = await importFiles(db, [devices]);
    expect(s.rejected).toEqual([
      {
        source: `${devices}:2`,
        reason: 'the row has only device ids, which never identify a profile on their own',
      },
    ]);
    expect(s.profiles).toBe(0);
  });

  it('applies CSV rows and batches by write time whatever the file order', async () => {
    const csv = ws.file('crm.csv', 'customer_id,plan,updated_at\nc1,gold,2026-01-01T00:00:00Z\n');
    const batch = ws.file(
      'app.ndjson',
      `${JSON.stringify({ user_identities: { customer_id: 'c1' }, timestamp_unixtime_ms: Date.UTC(2025, 0, 1), user_attributes: { plan: 'free' } })}\n`,
    );
    for (const order of [
      [csv, batch],
      [batch, csv],
    ]) {
      const db = ws.db(`w${order[0] === csv ? 1 : 2}.sqlite`);
      await importFiles(db, order);
      expect(readProfileAttributes(db, 1)).toEqual({ plan: 'gold' });
    }
  });
});

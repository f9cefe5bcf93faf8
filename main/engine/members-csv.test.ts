import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forEachMemberIdentities, loadMemberProfiles } from './member-profiles';
import { csvCell, writeMembersCsv } from './members-csv';
import {
  tempCache,
  writeRawProfiles,
  type RawProfile,
  type TempCache,
} from './test-support/raw-cache';

let cache: TempCache | undefined;
afterEach(() => {
  cache?.dispose();
  cache = undefined;
});

describe('members', () => {
  it('quotes CSV cells as RFC 4180 asks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
  });

  it('loads identities and current attributes, and writes them as CSV to a file', async () => {
    cache = tempCache('as-members-');
    writeRawProfiles(cache.db, [
      {
        id: 1,
        identities: { email: ['a@x.com', 'b@x.com'], customer_id: ['7'] },
        attributes: { name: 'Ann "A", Jr.', tags: ['x', 'y'], age: 34, gone: null },
      },
      { id: 2, identities: { customer_id: ['8'] }, attributes: { note: 'line 1\nline 2' } },
    ]);
    expect(loadMemberProfiles(cache.db, [2, 1, 99])).toEqual([
      { profile: '2', identities: { customer_id: ['8'] }, attributes: { note: 'line 1\nline 2' } },
      {
        profile: '1',
        identities: { customer_id: ['7'], email: ['a@x.com', 'b@x.com'] },
        attributes: { age: 34, name: 'Ann "A", Jr.', tags: ['x', 'y'] },
      },
      { profile: '99', identities: {}, attributes: {} },
    ]);
    const file = path.join(path.dirname(cache.file), 'members.csv');
    const progress: number[] = [];
    expect(
      await writeMembersCsv(cache.db, Uint32Array.of(1, 2), file, (p) => progress.push(p.written)),
    ).toBe(2);
    expect(progress).toEqual([2]);
    expect(readFileSync(file, 'utf8')).toBe(
      'profile,customer_id,email,age,name,note,tags\r\n' +
        '1,7,a@x.com; b@x.com,34,"Ann ""A"", Jr.",,"[""x"",""y""]"\r\n' +
        '2,8,,,,"line 1\nline 2",\r\n',
    );
  });
});

describe('forEachMemberIdentities', () => {
  it('gives the same identities by lookup (few members) and by one scan (many)', () => {
    cache = tempCache('as-members-');
    writeRawProfiles(
      cache.db,
      Array.from({ length: 60 }, (_, i): RawProfile => ({
        id: i + 1,
        identities: i % 3 === 0 ? {} : { email: [`u${i}@x.com`], customer_id: [`${i}`, `${i}b`] },
      })),
    );
    const collect = (ids: Uint32Array) => {
      const out: Array<[number, Record<string, string[]>]> = [];
      forEachMemberIdentities(cache!.db, ids, (id, identities) => out.push([id, identities]));
      return out;
    };
    const expected = (ids: Uint32Array) =>
      loadMemberProfiles(cache!.db, ids).map((m) => [Number(m.profile), m.identities]);
    const few = Uint32Array.of(2, 3);
    expect(collect(few)).toEqual(expected(few));
    const many = Uint32Array.from({ length: 30 }, (_, i) => i * 2 + 1);
    expect(collect(many)).toEqual(expected(many));
    const withMissing = Uint32Array.from([...many, 70, 80]);
    expect(collect(withMissing)).toEqual(expected(withMissing));
  });
});

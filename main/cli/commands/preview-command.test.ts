// preview, members and validate through the CLI dispatcher, over a workspace filled by the real
// importer from mParticle batches and a profile CSV.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAudience } from '../../../shared/audience/seed-audience';
import { saveAudience } from '../../audiences/audience-store';
import { openCache } from '../../cache/open-cache';
import { importFiles } from '../../import/import-files';
import { runCli } from '../run-cli';
import { captureIo } from '../test-support/capture-io';

const AS_OF = '2026-12-01T12:00:00Z';
const T = Date.parse(AS_OF);
const H = 3_600_000;
let dir: string;
let db: string;

const io = () => captureIo(dir, { now: () => T });

async function run(...argv: string[]) {
  const c = io();
  const code = await runCli(argv, c.io);
  return { code, out: c.out.join(''), err: c.err.join('') };
}

const batch = (
  mpid: string,
  email: string | null,
  events: Array<[string, number, object?]>,
  attrs = {},
) => ({
  mpid,
  user_identities: email ? { email } : {},
  user_attributes: attrs,
  events: events.map(([type, ts, extra]) =>
    type === 'install'
      ? {
          event_type: 'application_state_transition',
          data: {
            application_transition_type: 'application_initialized',
            is_first_run: true,
            timestamp_unixtime_ms: ts,
          },
        }
      : { event_type: type, data: { timestamp_unixtime_ms: ts, ...extra } },
  ),
});

function audienceFile(name: string, def: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, JSON.stringify(def));
  return p;
}

const seed = seedAudience();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'as-preview-cli-'));
  db = path.join(dir, 'w.sqlite');
  const lines = [
    batch('1', 'A@x.com', [['install', T - 10 * H]], { country: 'US' }),
    batch('2', 'b@x.com', [
      ['install', T - 20 * H],
      ['session_start', T - 5 * H],
      ['session_start', T - 4 * H],
      ['session_start', T - 3 * H],
    ]),
    batch('3', null, [['install', T - 100 * H]], { country: 'ca' }),
    batch('4', 'd@x.com', [['session_start', T - H]]),
  ];
  writeFileSync(
    path.join(dir, 'batches.ndjson'),
    lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
  );
  writeFileSync(path.join(dir, 'crm.csv'), 'email,plan\nd@x.com,"pro, yearly"\n');
  const cache = openCache(db);
  await importFiles(cache, [path.join(dir, 'batches.ndjson'), path.join(dir, 'crm.csv')], {
    now: () => T,
  });
  saveAudience(cache, { ...seed, id: 'saved-seed' } as never, T);
  cache.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('studio preview', () => {
  it('prints exactly the spec JSON document', async () => {
    const r = await run(
      'preview',
      '--db',
      db,
      audienceFile('seed.json', seed),
      '--as-of',
      AS_OF,
      '--json',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['audience', 'asOf', 'size', 'population', 'nodes', 'ms']);
    expect(doc).toMatchObject({
      audience: 'new-low-engagement',
      asOf: '2026-12-01T12:00:00.000Z',
      size: 1,
      population: 4,
      nodes: { root: 1, installed: 2, 'few-sessions': 3 },
    });
    expect(r.out.trim().split('\n')).toHaveLength(1);
  });

  it('prints a human tree of node counts', async () => {
    const r = await run('preview', '--db', db, audienceFile('seed.json', seed), '--as-of', AS_OF);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Audience new-low-engagement as of 2026-12-01T12:00:00.000Z: 1 of 4 profiles \(25.0%\)/,
    );
    expect(r.out).toMatch(
      /\n {2}root: 1 {2}all of\n {4}installed: 2 {2}install in the last 72 hour\(s\)\n {4}few-sessions: 3 /,
    );
  });

  it('resolves references against the saved audiences', async () => {
    const def = {
      ...seed,
      id: 'not-seed',
      kind: 'standard',
      root: {
        type: 'group',
        id: 'root',
        match: 'all',
        children: [{ type: 'audience', id: 'r', audience: 'saved-seed', member: false }],
      },
    };
    const r = await run(
      'preview',
      '--db',
      db,
      audienceFile('ref.json', def),
      '--as-of',
      AS_OF,
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).size).toBe(3);
    const unknown = {
      ...def,
      root: {
        ...def.root,
        children: [{ type: 'audience', id: 'r', audience: 'nope', member: true }],
      },
    };
    const bad = await run('preview', '--db', db, audienceFile('unknown.json', unknown), '--json');
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(/root\.children\[0\]\.audience: unknown audience "nope"/);
  });

  it('exits 2 on unreadable input, bad JSON, an invalid audience or a bad --as-of', async () => {
    expect((await run('preview', '--db', db, path.join(dir, 'missing.json'))).code).toBe(2);
    writeFileSync(path.join(dir, 'broken.json'), '{"format":');
    const broken = await run('preview', '--db', db, path.join(dir, 'broken.json'));
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/broken\.json is not valid JSON/);
    const invalid = await run(
      'preview',
      '--db',
      db,
      audienceFile('inv.json', { ...seed, kind: 'live' }),
    );
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(/kind: must be "realtime" or "standard"/);
    const asOf = await run(
      'preview',
      '--db',
      db,
      audienceFile('seed.json', seed),
      '--as-of',
      'yesterday',
    );
    expect(asOf.code).toBe(2);
    expect((await run('preview', audienceFile('seed.json', seed))).code).toBe(2);
  });
});

describe('studio members', () => {
  it('prints one ndjson line per member with identities', async () => {
    const all = {
      ...seed,
      id: 'everyone',
      kind: 'standard',
      root: {
        type: 'group',
        id: 'root',
        match: 'any',
        children: [{ type: 'event', id: 'e', event: 'session_start', window: 'all' }],
      },
    };
    const r = await run('members', '--db', db, audienceFile('all.json', all), '--as-of', AS_OF);
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => l.identities)).toEqual([
      { email: ['b@x.com'], mpid: ['2'] },
      { email: ['d@x.com'], mpid: ['4'] },
    ]);
    expect(lines.every((l) => typeof l.profile === 'string')).toBe(true);
  });

  it('writes RFC 4180 CSV', async () => {
    const pro = {
      ...seed,
      id: 'pro',
      kind: 'standard',
      root: {
        type: 'group',
        id: 'root',
        match: 'all',
        children: [
          { type: 'attribute', id: 'p', attribute: 'plan', op: 'starts_with', value: 'PRO' },
        ],
      },
    };
    const r = await run('members', '--db', db, audienceFile('pro.json', pro), '--format', 'csv');
    expect(r.code).toBe(0);
    const [header, row, end] = r.out.split('\r\n');
    expect(header).toBe('profile,email,mpid,country,plan');
    expect(row).toMatch(/^\d+,d@x\.com,4,,"pro, yearly"$/);
    expect(end).toBe('');
    expect(
      (await run('members', '--db', db, audienceFile('pro.json', pro), '--format', 'xml')).code,
    ).toBe(2);
  });
});

describe('studio validate', () => {
  it('says valid, or lists every problem and exits 2', async () => {
    const ok = await run('validate', audienceFile('seed.json', seed));
    expect(ok).toMatchObject({ code: 0, out: 'valid\n' });
    const bad = {
      ...seed,
      id: 'Bad',
      root: { type: 'group', id: 'root', match: 'both', children: [] },
    };
    const r = await run('validate', audienceFile('bad.json', bad));
    expect(r.code).toBe(2);
    expect(r.out.trim().split('\n')).toEqual([
      'id: must be 1 to 64 lowercase letters, digits and dashes, starting with a letter or digit, got "Bad"',
      'root.match: must be "all" or "any", got "both"',
      'root.children: a group needs at least one condition (an empty group is not allowed)',
    ]);
    expect((await run('validate', path.join(dir, 'nope.json'))).code).toBe(2);
    expect((await run('validate')).code).toBe(2);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../cli/cli-types';
import { runCli } from '../cli/run-cli';
import { openCache } from '../cache/open-cache';
import { TempWorkspace, ndjson } from './import-test-helpers';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(ROOT, '../shared/fixtures/mparticle/eventsapi-sample-batch.json');

let ws: TempWorkspace;
beforeEach(() => {
  ws = new TempWorkspace();
});
afterEach(() => ws.cleanup());

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    errIsTty: false,
    env: {},
    cwd: ws.dir,
    now: () => 1_765_000_000_000,
  };
  const code = await runCli(args, io);
  return { code, out, err };
}

function mixedFile(): string {
  const good = (i: number) => ({
    mpid: i,
    events: [
      { event_type: 'session_start', data: { timestamp_unixtime_ms: 1_764_000_000_000 + i } },
    ],
  });
  return ws.file(
    'mixed.ndjson',
    ndjson(
      good(1),
      '{"mpid": 2, "events": [',
      good(3),
      '',
      'garbage',
      { user_identities: { email: true } },
      good(7),
      { mpid: 8, events: [{ event_type: 'session_start', data: {} }] },
    ),
  );
}

describe('studio import', () => {
  it('imports a file with broken lines: exit 3, the good lines stored, every broken line listed', () => {
    const file = mixedFile();
    const db = path.join(ws.dir, 'new', 'w.sqlite');
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const r = spawnSync(tsx, [path.join(ROOT, 'main/cli/studio.ts'), 'import', '--db', db, file], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('3 new events');
    for (const [line, reason] of [
      [2, 'not valid JSON'],
      [5, 'not valid JSON'],
      [6, 'user_identities.email is a boolean'],
      [8, 'the event has no time'],
    ] as const) {
      expect(r.stdout).toContain(`${file}:${line}${line === 8 ? '#events[0]' : ''}: ${reason}`);
    }
    expect(r.stdout.match(/^\S+:\d+(#events\[\d+\])?: /gm)).toHaveLength(4);
    // --db is created when missing.
    expect(existsSync(db)).toBe(true);
    const check = openCache(db);
    expect(check.prepare('SELECT count(*) FROM profiles').pluck().get()).toBe(4);
    expect(check.prepare('SELECT count(*) FROM rejected_records').pluck().get()).toBe(4);
    check.close();
  });

  it('prints exactly the documented JSON with --json', async () => {
    const db = path.join(ws.dir, 'w.sqlite');
    const first = await cli(['import', '--db', db, '--json', FIXTURE]);
    expect(first.code).toBe(0);
    expect(first.out).toBe(
      '{"batches":1,"rows":0,"events":14,"duplicates":0,"profiles":1,"rejected":[]}\n',
    );
    const again = await cli(['import', '--json', '--db', db, FIXTURE]);
    expect(JSON.parse(again.out)).toEqual({
      batches: 1,
      rows: 0,
      events: 0,
      duplicates: 14,
      profiles: 1,
      rejected: [],
    });
    const mixed = await cli(['import', '--db', db, '--json', mixedFile()]);
    expect(mixed.code).toBe(3);
    const doc = JSON.parse(mixed.out) as { rejected: Array<{ source: string; reason: string }> };
    expect(Object.keys(doc)).toEqual([
      'batches',
      'rows',
      'events',
      'duplicates',
      'profiles',
      'rejected',
    ]);
    expect(doc.rejected.map((r) => r.source.replace(/^.*mixed\.ndjson/, ''))).toEqual([
      ':2',
      ':5',
      ':6',
      ':8#events[0]',
    ]);
  });

  it('exits 2 with a message, importing nothing, for usage errors and files it cannot take', async () => {
    const db = path.join(ws.dir, 'w.sqlite');
    const good = ws.file('good.ndjson', ndjson({ mpid: 1 }));
    const noFiles = await cli(['import', '--db', db]);
    expect(noFiles.code).toBe(2);
    expect(noFiles.err).toMatch(/at least one file/);
    expect((await cli(['import', good])).code).toBe(2);
    const unknown = await cli(['import', '--db', db, good, ws.file('x.xml', '<a/>')]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/x\.xml: unknown format "\.xml"/);
    const noId = await cli(['import', '--db', db, good, ws.file('p.csv', 'name\nAnn\n')]);
    expect(noId.code).toBe(2);
    expect(noId.err).toMatch(/p\.csv: the header row has no identity column/);
    const check = openCache(db);
    expect(check.prepare('SELECT count(*) FROM profiles').pluck().get()).toBe(0);
    check.close();
  });
});

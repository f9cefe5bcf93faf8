// The benchmark's smoke run: a small bench end to end in a child process, as `npm run bench` runs it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCH_AUDIENCES } from './bench-audiences';

const dir = mkdtempSync(path.join(tmpdir(), 'bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ISSUE_FIELDS = [
  'machine',
  'users',
  'events',
  'importEventsPerSec',
  'cacheBytes',
  'duckdbBytes',
  'peakRssBytes',
  'audiences',
  'membersExportMs',
  'publishDiffMs',
];
const AUDIENCE_FIELDS = ['name', 'size', 'coldMs', 'warmMs', 'sqliteMs', 'duckdbMs'];

describe('npm run bench (smoke: 2,000 users)', () => {
  it('runs, finds the same counts in all three engines and writes every field', () => {
    const out = path.join(dir, 'results.json');
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('./run-bench.ts', import.meta.url)),
        '--users',
        '2000',
        '--runs',
        '1',
        '--json',
        '--cache-dir',
        path.join(dir, 'cache'),
        '--out',
        out,
        '--no-readme',
      ],
      { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)), timeout: 170_000 },
    );
    expect(run.stderr).not.toMatch(/BENCH FAILED/);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(json);
    for (const f of ISSUE_FIELDS) expect(json, f).toHaveProperty(f);
    expect(json.users).toBe(2000);
    expect(json.events).toBeGreaterThan(2000 * 35);
    for (const f of ['importEventsPerSec', 'cacheBytes', 'duckdbBytes', 'peakRssBytes'])
      expect(json[f], f).toBeGreaterThan(0);
    const audiences = json.audiences as Array<Record<string, number | string>>;
    expect(audiences.map((a) => a.id)).toEqual(BENCH_AUDIENCES.map((b) => b.def.id));
    for (const a of audiences) {
      for (const f of AUDIENCE_FIELDS) expect(a, `${a.id}.${f}`).toHaveProperty(f);
      expect(a.sqliteSize).toBe(a.size);
      expect(a.duckdbSize).toBe(a.size);
    }
    // Every audience selects someone and not everyone, so agreeing counts mean something.
    for (const a of audiences) {
      expect(a.size).toBeGreaterThan(0);
      expect(a.size).toBeLessThan(json.profiles as number);
    }
  }, 180_000);
});

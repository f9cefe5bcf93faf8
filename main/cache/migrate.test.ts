import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheTooNewError, migrate } from './migrate';
import { migrations } from './migrations/index';
import { openCache } from './open-cache';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'as-migrate-'));
  dirs.push(dir);
  return path.join(dir, 'w.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('cache migrations', () => {
  it('creates a fresh cache at the latest version in WAL mode with STRICT tables', () => {
    const db = openCache(tempFile());
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'")
      .all() as Array<{ name: string; sql: string }>;
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT/);
    db.close();
  });

  it('migration 1 creates the tables the importer and engine use', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 1));
    const names = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as Array<{
        name: string;
      }>
    ).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'settings',
        'profiles',
        'identities',
        'attributes',
        'event_names',
        'event_chunks',
        'imports',
        'rejected_records',
      ]),
    );
    // The chunk lookup the engine and importer make uses the unique index, not a scan.
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT data FROM event_chunks WHERE name_id = ? AND block = ?')
      .all(1, 1) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX/);
    db.close();
  });

  it('is a no-op on an up-to-date cache and keeps its data', () => {
    const file = tempFile();
    const db = openCache(file);
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('k', 'v');
    db.close();
    const again = openCache(file);
    expect(again.prepare('SELECT value FROM settings WHERE key = ?').get('k')).toEqual({
      value: 'v',
    });
    again.close();
  });

  it('refuses a cache written by a newer app, naming both versions, and leaves it untouched', () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma(`user_version = ${migrations.length + 5}`);
    db.close();
    expect(() => openCache(file)).toThrow(CacheTooNewError);
    expect(() => openCache(file)).toThrow(/newer Audience Studio.*schema \d+.*up to \d+/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(migrations.length + 5);
    check.close();
  });

  it('rolls back every step when one fails', () => {
    const db = new Database(':memory:');
    const broken = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken',
        up: (d: Database.Database) =>
          d.exec('CREATE TABLE nope (x INT) STRICT; SELECT * FROM missing_table;'),
      },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(
      db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'settings'").get(),
    ).toEqual({ n: 0 });
    db.close();
  });
});

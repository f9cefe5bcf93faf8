import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';

describe('migration 2: audiences', () => {
  it('creates a STRICT audiences table keyed by id that refuses unknown kinds', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 2));
    const sql = (
      db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'audiences'").get() as { sql: string }
    ).sql;
    expect(sql).toMatch(/STRICT/);
    const insert = db.prepare(
      'INSERT INTO audiences (id, name, kind, definition, updated_at, last_size) VALUES (?, ?, ?, ?, ?, ?)',
    );
    insert.run('a', 'A', 'realtime', '{}', '2026-12-01T00:00:00.000Z', null);
    expect(() => insert.run('b', 'B', 'weekly', '{}', '2026-12-01T00:00:00.000Z', null)).toThrow(
      /CHECK/,
    );
    expect(() => insert.run('a', 'A', 'standard', '{}', 'x', 1)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('c', 'C', 'standard', '{}', 'x', 'big')).toThrow(/cannot store TEXT/);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT definition FROM audiences WHERE id = ?')
      .all('a') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX|PRIMARY KEY/);
    db.close();
  });
});

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';

describe('migration 3: connections, ledger and publish runs', () => {
  const db = new Database(':memory:');
  migrate(db, migrations.slice(0, 3));
  db.pragma('foreign_keys = ON');

  it('creates STRICT tables', () => {
    const tables = db
      .prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name IN ('connections', 'connection_audiences', 'publish_ledger', 'publish_runs', 'publish_batches')",
      )
      .all() as Array<{ name: string; sql: string }>;
    expect(tables.map((t) => t.name).sort()).toEqual([
      'connection_audiences',
      'connections',
      'publish_batches',
      'publish_ledger',
      'publish_runs',
    ]);
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT/);
  });

  it('reads the ledger in profile order from its key, without sorting', () => {
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT profile_id FROM publish_ledger WHERE connection_id = ? AND audience_id = ? ORDER BY profile_id',
      )
      .all(1, 'a') as Array<{ detail: string }>;
    const text = plan.map((p) => p.detail).join(' | ');
    expect(text).toMatch(/SEARCH publish_ledger USING PRIMARY KEY/);
    expect(text).not.toMatch(/TEMP B-TREE/);
  });

  it("finds a target's unfinished run by index", () => {
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT * FROM publish_runs WHERE connection_id = ? AND audience_id = ? AND status IN ('running', 'pending', 'partial') ORDER BY id LIMIT 1",
      )
      .all(1, 'a') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/publish_runs_by_target/);
  });

  it("forgets a removed connection's ledger, runs and batches", () => {
    db.prepare(
      "INSERT INTO connections (id, name, type, config, created_at, updated_at) VALUES (1, 'f', 'file', '{}', 0, 0)",
    ).run();
    db.prepare("INSERT INTO publish_ledger VALUES (1, 'a', 7, '{}')").run();
    db.prepare(
      "INSERT INTO publish_runs (id, connection_id, audience_id, audience_name, status, started_at, joined, left_count, unchanged, skipped, batches) VALUES (1, 1, 'a', 'A', 'done', 0, 1, 0, 0, 0, 1)",
    ).run();
    db.prepare(
      "INSERT INTO publish_batches (run_id, seq, kind, size, profile_ids, status) VALUES (1, 0, 'add', 1, x'07000000', 'acked')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO connections (name, type, config, created_at, updated_at) VALUES ('x', 'ftp', '{}', 0, 0)",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.prepare('DELETE FROM connections WHERE id = 1').run();
    for (const t of ['publish_ledger', 'publish_runs', 'publish_batches']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get(), t).toEqual({ n: 0 });
    }
  });
});

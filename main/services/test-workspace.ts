// A tiny real workspace for the shell's tests: a few profiles, attributes, identities and one
// event chunk, written with the cache's own codec (the importer is not needed to test the shell).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeChunk } from '../cache/event-chunk-codec';
import { openCache } from '../cache/open-cache';
import { bumpDataVersion } from '../cache/settings';

export interface TempWorkspace {
  dir: string;
  dbPath: string;
  remove(): void;
}

export const SEED_NEWEST_TS = Date.UTC(2026, 10, 30, 12, 0, 0);
export const SEED_FINISHED_AT = Date.UTC(2026, 11, 1, 8, 0, 0);

export function makeTempWorkspace(seed: boolean): TempWorkspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'as-shell-'));
  const dbPath = path.join(dir, 'workspace.sqlite');
  const db = openCache(dbPath);
  if (seed) {
    db.transaction(() => {
      for (const id of [1, 2, 3]) {
        db.prepare('INSERT INTO profiles (id, created_at) VALUES (?, ?)').run(id, 0);
      }
      const attr = db.prepare(
        'INSERT INTO attributes (profile_id, name, value, written_at, write_order) VALUES (?, ?, ?, 0, 0)',
      );
      attr.run(1, 'plan', '"pro"');
      attr.run(2, 'plan', '"pro"');
      attr.run(3, 'plan', '"free"');
      attr.run(1, 'age', '31');
      attr.run(2, 'age', null); // a deletion tombstone: not a value
      db.prepare('INSERT INTO identities (type, value, profile_id) VALUES (?, ?, ?)').run(
        'email',
        'a@example.com',
        1,
      );
      db.prepare('INSERT INTO event_names (id, name) VALUES (1, ?)').run('purchase');
      const chunk = encodeChunk({
        profile: Uint32Array.from([1, 1, 3]),
        ts: Float64Array.from([SEED_NEWEST_TS - 2000, SEED_NEWEST_TS - 1000, SEED_NEWEST_TS]),
        key: Uint32Array.from([11, 12, 13]),
        flags: Uint8Array.from([0, 0, 0]),
        props: Uint32Array.from([1, 1, 2]),
        propsDict: ['{}', '{"amount":10,"sku":"A"}', '{"amount":"7","sku":"B"}'],
      });
      db.prepare(
        'INSERT INTO event_chunks (name_id, block, event_count, min_ts, max_ts, data) VALUES (1, 0, 3, ?, ?, ?)',
      ).run(SEED_NEWEST_TS - 2000, SEED_NEWEST_TS, chunk);
      db.prepare(
        "INSERT INTO imports (started_at, finished_at, sources, status) VALUES (?, ?, '[]', 'done')",
      ).run(SEED_FINISHED_AT - 5000, SEED_FINISHED_AT);
      bumpDataVersion(db);
    })();
  }
  db.close();
  return { dir, dbPath, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

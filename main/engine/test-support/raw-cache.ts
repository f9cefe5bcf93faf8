// Test support: puts raw records (profiles, identities, attributes, events) into a real cache file
// in the stored layout (event chunks encoded with encodeChunk), so engine tests read exactly what an
// import would leave behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { blockOfProfile, encodeChunk } from '../../cache/event-chunk-codec';
import { openCache, type CacheDb } from '../../cache/open-cache';
import { bumpDataVersion } from '../../cache/settings';
import { stmt } from '../../cache/statement-cache';
import { canonicalJson } from '../canonical-json';

export interface RawEvent {
  name: string;
  ts: number;
  props?: Record<string, unknown>;
}

export interface RawProfile {
  id: number;
  identities?: Record<string, string[]>;
  /** Current attribute values (JSON values); a null value is a deletion tombstone. */
  attributes?: Record<string, unknown>;
  events?: RawEvent[];
}

export interface TempCache {
  db: CacheDb;
  file: string;
  dispose(): void;
}

export function tempCache(prefix = 'as-engine-'): TempCache {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const file = path.join(dir, 'workspace.sqlite');
  const db = openCache(file);
  return {
    db,
    file,
    dispose() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function writeRawProfiles(db: CacheDb, profiles: RawProfile[]): void {
  db.transaction(() => {
    const byName = new Map<string, Array<{ profile: number; ts: number; props: string }>>();
    for (const p of profiles) {
      stmt(db, 'INSERT INTO profiles (id, created_at) VALUES (?, ?)').run(p.id, 0);
      for (const [type, values] of Object.entries(p.identities ?? {})) {
        for (const v of values) {
          stmt(
            db,
            'INSERT OR IGNORE INTO identities (type, value, profile_id, is_device) VALUES (?, ?, ?, 0)',
          ).run(type, v, p.id);
        }
      }
      for (const [name, value] of Object.entries(p.attributes ?? {})) {
        stmt(
          db,
          'INSERT INTO attributes (profile_id, name, value, written_at, write_order) VALUES (?, ?, ?, 0, 0)',
        ).run(p.id, name, value === null ? null : JSON.stringify(value));
      }
      for (const e of p.events ?? []) {
        let list = byName.get(e.name);
        if (!list) byName.set(e.name, (list = []));
        list.push({ profile: p.id, ts: e.ts, props: canonicalJson(e.props ?? {}) });
      }
    }
    for (const [name, events] of byName) {
      stmt(db, 'INSERT OR IGNORE INTO event_names (name) VALUES (?)').run(name);
      const nameId = (
        stmt(db, 'SELECT id FROM event_names WHERE name = ?').get(name) as { id: number }
      ).id;
      events.sort((a, b) => a.profile - b.profile || a.ts - b.ts);
      const blocks = new Map<number, typeof events>();
      for (const e of events) {
        const b = blockOfProfile(e.profile);
        if (!blocks.has(b)) blocks.set(b, []);
        blocks.get(b)!.push(e);
      }
      for (const [block, rows] of blocks) {
        const dict = ['{}'];
        const index = new Map([['{}', 0]]);
        const props = rows.map((r) => {
          let i = index.get(r.props);
          if (i === undefined) {
            index.set(r.props, (i = dict.length));
            dict.push(r.props);
          }
          return i;
        });
        const data = encodeChunk({
          profile: Uint32Array.from(rows.map((r) => r.profile)),
          ts: Float64Array.from(rows.map((r) => r.ts)),
          key: Uint32Array.from(rows.map((_, i) => i)),
          flags: new Uint8Array(rows.length),
          props: Uint32Array.from(props),
          propsDict: dict,
        });
        stmt(
          db,
          'INSERT INTO event_chunks (name_id, block, event_count, min_ts, max_ts, data) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(
          nameId,
          block,
          rows.length,
          rows.reduce((m, r) => Math.min(m, r.ts), Infinity),
          rows.reduce((m, r) => Math.max(m, r.ts), -Infinity),
          data,
        );
      }
    }
    bumpDataVersion(db);
  })();
}

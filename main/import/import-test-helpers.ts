import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openCache, type CacheDb } from '../cache/open-cache';
import { decodeChunk } from '../cache/event-chunk-codec';

// Shared by the importer's tests: temp workspaces and a dump of the cache that does not depend on
// profile ids, so caches built in different orders can be compared.

export class TempWorkspace {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'as-import-'));
  private readonly open: CacheDb[] = [];

  file(name: string, content: string): string {
    const p = path.join(this.dir, name);
    writeFileSync(p, content);
    return p;
  }

  db(name = 'w.sqlite'): CacheDb {
    const db = openCache(path.join(this.dir, name));
    this.open.push(db);
    return db;
  }

  cleanup(): void {
    for (const db of this.open.splice(0)) if (db.open) db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const ndjson = (...batches: unknown[]): string =>
  batches.map((b) => (typeof b === 'string' ? b : JSON.stringify(b))).join('\n') + '\n';

export interface ProfileDump {
  identities: string[];
  attributes: Record<string, { value: string | null; at: number }>;
  events: string[];
}

/** Every profile as identities, attributes (tombstones included) and events, sorted. */
export function dumpCache(db: CacheDb): ProfileDump[] {
  const ids = db.prepare('SELECT id FROM profiles ORDER BY id').pluck().all() as number[];
  // Every chunk decoded once (not once per profile: that is quadratic in a block's size).
  const eventsOf = new Map<number, string[]>();
  for (const c of db
    .prepare(
      'SELECT n.name AS name, c.data AS data FROM event_chunks c JOIN event_names n ON n.id = c.name_id',
    )
    .all() as Array<{ name: string; data: Buffer }>) {
    const cols = decodeChunk(c.data);
    for (let i = 0; i < cols.profile.length; i++) {
      const p = cols.profile[i]!;
      if (!eventsOf.has(p)) eventsOf.set(p, []);
      eventsOf
        .get(p)!
        .push(
          `${c.name}|${cols.ts[i]}|${cols.key[i]}|${cols.flags[i]}|${cols.propsDict[cols.props[i]!]}`,
        );
    }
  }
  const out = ids.map((id) => {
    const identities = (
      db
        .prepare('SELECT type, value FROM identities WHERE profile_id = ? ORDER BY type, value')
        .all(id) as Array<{ type: string; value: string }>
    ).map((r) => `${r.type}=${r.value}`);
    const attributes: ProfileDump['attributes'] = {};
    for (const r of db
      .prepare('SELECT name, value, written_at FROM attributes WHERE profile_id = ? ORDER BY name')
      .all(id) as Array<{ name: string; value: string | null; written_at: number }>) {
      attributes[r.name] = { value: r.value, at: r.written_at };
    }
    const events = (eventsOf.get(id) ?? []).sort();
    return { identities, attributes, events };
  });
  return out.sort((a, b) => (a.identities.join() < b.identities.join() ? -1 : 1));
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openCache, type CacheDb } from '../cache/open-cache';
import { readProfileEvents } from './read-profile-events';

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
    const events = readProfileEvents(db, id)
      .map((e) => `${e.name}|${e.ts}|${e.key}|${e.flags}|${JSON.stringify(e.props)}`)
      .sort();
    return { identities, attributes, events };
  });
  return out.sort((a, b) => (a.identities.join() < b.identities.join() ? -1 : 1));
}

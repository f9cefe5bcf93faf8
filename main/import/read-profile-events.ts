import { blockOfProfile, decodeChunk } from '../cache/event-chunk-codec';
import type { CacheDb } from '../cache/open-cache';
import { stmt } from '../cache/statement-cache';

// Reads one profile's stored events back from the chunks: for tests, support and the engine's
// explain views. Not a hot path (it decodes every chunk of the profile's block).

export interface StoredEvent {
  name: string;
  ts: number;
  key: number;
  flags: number;
  props: Record<string, unknown>;
}

/** The profile's events sorted by (time, name, key). */
export function readProfileEvents(db: CacheDb, profileId: number): StoredEvent[] {
  const rows = stmt<[number], { name: string; data: Buffer }>(
    db,
    `SELECT n.name AS name, c.data AS data FROM event_chunks c JOIN event_names n ON n.id = c.name_id
     WHERE c.block = ?`,
  ).all(blockOfProfile(profileId));
  const out: StoredEvent[] = [];
  for (const r of rows) {
    const cols = decodeChunk(r.data);
    for (let i = 0; i < cols.profile.length; i++) {
      if (cols.profile[i] !== profileId) continue;
      out.push({
        name: r.name,
        ts: cols.ts[i]!,
        key: cols.key[i]!,
        flags: cols.flags[i]!,
        props: JSON.parse(cols.propsDict[cols.props[i]!]!) as Record<string, unknown>,
      });
    }
  }
  return out.sort(
    (a, b) => a.ts - b.ts || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || a.key - b.key,
  );
}

/** Identities of a profile as {type: [values]}, values sorted. */
export function readProfileIdentities(db: CacheDb, profileId: number): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of stmt<[number], { type: string; value: string }>(
    db,
    'SELECT type, value FROM identities WHERE profile_id = ? ORDER BY type, value',
  ).all(profileId)) {
    (out[r.type] ??= []).push(r.value);
  }
  return out;
}

/** Current attributes of a profile (tombstones left out), values parsed from JSON. */
export function readProfileAttributes(db: CacheDb, profileId: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of stmt<[number], { name: string; value: string }>(
    db,
    'SELECT name, value FROM attributes WHERE profile_id = ? AND value IS NOT NULL ORDER BY name',
  ).all(profileId)) {
    out[r.name] = JSON.parse(r.value);
  }
  return out;
}

/** The profile holding an identity (non-device), if any. */
export function profileOfIdentity(db: CacheDb, type: string, value: string): number | undefined {
  return stmt<[string, string], { profile_id: number }>(
    db,
    'SELECT profile_id FROM identities WHERE type = ? AND value = ? AND is_device = 0',
  ).get(type, value)?.profile_id;
}

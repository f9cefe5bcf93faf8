// Member details for lists and exports: identities grouped by type and current attribute values.
import type { Database } from 'better-sqlite3';
import type { MemberProfile } from '../../shared/contract/audience-channels';
import { stmt } from '../cache/statement-cache';

/** An attribute's stored JSON text as its value (text that is not JSON stays text). */
export function parseStoredValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function memberIdentities(db: Database, id: number): Record<string, string[]> {
  const identities: Record<string, string[]> = {};
  const rows = stmt<[number], { type: string; value: string }>(
    db,
    'SELECT type, value FROM identities WHERE profile_id = ? ORDER BY type, value',
  ).all(id);
  for (const r of rows) (identities[r.type] ??= []).push(r.value);
  return identities;
}

export function memberAttributes(db: Database, id: number): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  const rows = stmt<[number], { name: string; value: string }>(
    db,
    'SELECT name, value FROM attributes WHERE profile_id = ? AND value IS NOT NULL ORDER BY name',
  ).all(id);
  for (const r of rows) attributes[r.name] = parseStoredValue(r.value);
  return attributes;
}

/** The profiles with these ids, in the order given (ids not in the cache come back empty). */
export function loadMemberProfiles(db: Database, ids: ArrayLike<number>): MemberProfile[] {
  const out: MemberProfile[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    out.push({
      profile: String(id),
      identities: memberIdentities(db, id),
      attributes: memberAttributes(db, id),
    });
  }
  return out;
}

/**
 * Calls `each` with the identities of every id in `ids` (ascending), in order. A large share of the
 * population is read in one pass over the identities index; a few members are looked up one by one.
 */
export function forEachMemberIdentities(
  db: Database,
  ids: Uint32Array,
  each: (id: number, identities: Record<string, string[]>) => void,
): void {
  const population =
    stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM profiles').get()?.n ?? 0;
  if (ids.length * 20 < population) {
    for (const id of ids) each(id, memberIdentities(db, id));
    return;
  }
  const rows = stmt<[], [number, string, string]>(
    db,
    'SELECT profile_id, type, value FROM identities ORDER BY profile_id, type, value',
  )
    .raw(true)
    .iterate();
  let i = 0;
  let current: Record<string, string[]> = {};
  for (const [profile, type, value] of rows) {
    while (i < ids.length && ids[i]! < profile) {
      each(ids[i]!, current);
      current = {};
      i++;
    }
    if (i >= ids.length) break;
    if (ids[i] === profile) (current[type] ??= []).push(value);
  }
  // The iterator may stop early; members after the last identity row have none.
  for (; i < ids.length; i++) {
    each(ids[i]!, current);
    current = {};
  }
}

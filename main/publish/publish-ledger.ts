import type { Database } from 'better-sqlite3';
import { stmt } from '../cache/statement-cache';
import type { SentIdentifiers } from './publish-types';

// What each connection has delivered per audience, and the member identities publishing reads.

/** The delivered profile ids, sorted. */
export function deliveredIds(db: Database, connectionId: number, audienceId: string): Uint32Array {
  const s = stmt<[number, string], number>(
    db,
    'SELECT profile_id FROM publish_ledger WHERE connection_id = ? AND audience_id = ? ORDER BY profile_id',
  );
  const ids: number[] = [];
  for (const id of s.pluck().iterate(connectionId, audienceId) as Iterable<number>) ids.push(id);
  s.pluck(false);
  return Uint32Array.from(ids);
}

/** The identifier values that were delivered for these members (to remove them with the same). */
export function deliveredValues(
  db: Database,
  connectionId: number,
  audienceId: string,
  ids: ArrayLike<number>,
): Map<number, SentIdentifiers> {
  const rows = stmt<[number, string, string], { profile_id: number; sent: string }>(
    db,
    `SELECT profile_id, sent FROM publish_ledger
     WHERE connection_id = ? AND audience_id = ? AND profile_id IN (SELECT value FROM json_each(?))`,
  ).all(connectionId, audienceId, JSON.stringify(Array.from(ids)));
  return new Map(rows.map((r) => [r.profile_id, JSON.parse(r.sent) as SentIdentifiers]));
}

export function recordDelivered(
  db: Database,
  connectionId: number,
  audienceId: string,
  members: Iterable<[number, SentIdentifiers]>,
): void {
  const s = stmt(
    db,
    `INSERT INTO publish_ledger (connection_id, audience_id, profile_id, sent) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET sent = excluded.sent`,
  );
  for (const [profile, sent] of members)
    s.run(connectionId, audienceId, profile, JSON.stringify(sent));
}

export function recordRemoved(
  db: Database,
  connectionId: number,
  audienceId: string,
  ids: Iterable<number>,
): void {
  const s = stmt(
    db,
    'DELETE FROM publish_ledger WHERE connection_id = ? AND audience_id = ? AND profile_id = ?',
  );
  for (const id of ids) s.run(connectionId, audienceId, id);
}

const IDENTITY_CHUNK = 20_000;

/** Every identity of the given profiles, by type, values in a stable order. */
export function loadIdentities(
  db: Database,
  ids: ArrayLike<number>,
): Map<number, Record<string, string[]>> {
  const out = new Map<number, Record<string, string[]>>();
  const s = stmt<[string], [number, string, string]>(
    db,
    `SELECT profile_id, type, value FROM identities
     WHERE profile_id IN (SELECT value FROM json_each(?)) ORDER BY profile_id, type, value`,
  );
  for (let i = 0; i < ids.length; i += IDENTITY_CHUNK) {
    const chunk = Array.from(Array.prototype.slice.call(ids, i, i + IDENTITY_CHUNK) as number[]);
    for (const [profile, type, value] of s.raw().iterate(JSON.stringify(chunk)) as Iterable<
      [number, string, string]
    >) {
      let rec = out.get(profile);
      if (!rec) out.set(profile, (rec = {}));
      (rec[type] ??= []).push(value);
    }
    s.raw(false);
  }
  return out;
}

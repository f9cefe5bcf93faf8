import type { Database } from 'better-sqlite3';
import { stmt } from '../cache/statement-cache';

// Per (connection, audience): the partner-side object made for it and when it was last in step.

export interface PublishTarget {
  remoteId: string | null;
  inStepAt: number | null;
}

export function getTarget(db: Database, connectionId: number, audienceId: string): PublishTarget {
  const row = stmt<[number, string], { remote_id: string | null; in_step_at: number | null }>(
    db,
    'SELECT remote_id, in_step_at FROM connection_audiences WHERE connection_id = ? AND audience_id = ?',
  ).get(connectionId, audienceId);
  return { remoteId: row?.remote_id ?? null, inStepAt: row?.in_step_at ?? null };
}

export function setRemoteId(
  db: Database,
  connectionId: number,
  audienceId: string,
  remoteId: string,
): void {
  stmt(
    db,
    `INSERT INTO connection_audiences (connection_id, audience_id, remote_id) VALUES (?, ?, ?)
     ON CONFLICT DO UPDATE SET remote_id = excluded.remote_id`,
  ).run(connectionId, audienceId, remoteId);
}

export function setInStep(
  db: Database,
  connectionId: number,
  audienceId: string,
  at: number,
): void {
  stmt(
    db,
    `INSERT INTO connection_audiences (connection_id, audience_id, in_step_at) VALUES (?, ?, ?)
     ON CONFLICT DO UPDATE SET in_step_at = excluded.in_step_at`,
  ).run(connectionId, audienceId, at);
}

import type { Database } from 'better-sqlite3';
import { hostname } from 'node:os';
import { stmt } from '../cache/statement-cache';
import { processAlive } from '../process/process-alive';

// Publish runs and their planned batches. A run's batches are written once, when it is planned, so
// that a resumed run sends exactly the batches that were not acknowledged, with the same members.

export type RunStatus = 'running' | 'pending' | 'partial' | 'done' | 'failed';
export type BatchKind = 'add' | 'remove';

export interface RunRecord {
  id: number;
  connectionId: number;
  audienceId: string;
  audienceName: string;
  status: RunStatus;
  startedAt: number;
  finishedAt: number | null;
  joined: number;
  left: number;
  unchanged: number;
  skipped: number;
  batches: number;
  acked: number;
  ms: number;
  error: string | null;
}

export interface BatchRecord {
  runId: number;
  seq: number;
  kind: BatchKind;
  size: number;
  ids: Uint32Array;
  status: 'pending' | 'acked' | 'failed';
  attempts: number;
  error: string | null;
}

interface RunRow {
  id: number;
  connection_id: number;
  audience_id: string;
  audience_name: string;
  status: RunStatus;
  started_at: number;
  finished_at: number | null;
  joined: number;
  left_count: number;
  unchanged: number;
  skipped: number;
  batches: number;
  acked: number;
  ms: number;
  error: string | null;
}

function runFromRow(r: RunRow): RunRecord {
  return {
    id: r.id,
    connectionId: r.connection_id,
    audienceId: r.audience_id,
    audienceName: r.audience_name,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    joined: r.joined,
    left: r.left_count,
    unchanged: r.unchanged,
    skipped: r.skipped,
    batches: r.batches,
    acked: r.acked,
    ms: r.ms,
    error: r.error,
  };
}

function idsToBlob(ids: Uint32Array): Buffer {
  const copy = Uint32Array.from(ids);
  return Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength);
}

function blobToIds(blob: Buffer): Uint32Array {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Uint32Array(copy.buffer);
}

export interface PlannedRun {
  connectionId: number;
  audienceId: string;
  audienceName: string;
  joined: number;
  left: number;
  unchanged: number;
  skipped: number;
  batches: Array<{ kind: BatchKind; ids: Uint32Array }>;
}

/** Records a run and all of its batches in one transaction. */
export function createRun(db: Database, plan: PlannedRun, now: number): number {
  return db.transaction(() => {
    const runId = Number(
      stmt(
        db,
        `INSERT INTO publish_runs (connection_id, audience_id, audience_name, status, started_at, joined,
           left_count, unchanged, skipped, batches) VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)`,
      ).run(
        plan.connectionId,
        plan.audienceId,
        plan.audienceName,
        now,
        plan.joined,
        plan.left,
        plan.unchanged,
        plan.skipped,
        plan.batches.length,
      ).lastInsertRowid,
    );
    const insert = stmt(
      db,
      `INSERT INTO publish_batches (run_id, seq, kind, size, profile_ids, status)
       VALUES (?, ?, ?, ?, ?, 'pending')`,
    );
    plan.batches.forEach((b, seq) =>
      insert.run(runId, seq, b.kind, b.ids.length, idsToBlob(b.ids)),
    );
    return runId;
  })();
}

/** Another process (or job) is sending this run right now. */
export class RunBusyError extends Error {
  override name = 'RunBusyError';
}

// Runs being sent by this process: the app's queue and a click on Publish must not share one.
const activeHere = new Set<number>();

/**
 * Takes a run for sending. A run marked running by a live process elsewhere (the CLI while the app
 * publishes) is refused; one left running by a dead process (killed, crashed) is taken over.
 */
export function claimRun(db: Database, runId: number): () => void {
  if (activeHere.has(runId))
    throw new RunBusyError('this audience is already being published to this connection');
  const me = { host: hostname(), pid: process.pid };
  db.transaction(() => {
    const row = stmt<
      [number],
      { status: RunStatus; owner_host: string | null; owner_pid: number | null }
    >(db, 'SELECT status, owner_host, owner_pid FROM publish_runs WHERE id = ?').get(runId);
    if (!row) throw new Error(`publish run ${runId} does not exist`);
    const other =
      row.owner_pid !== null && (row.owner_host !== me.host || row.owner_pid !== me.pid);
    // On another machine liveness cannot be checked: a shared workspace waits for that run's end.
    if (
      row.status === 'running' &&
      other &&
      (row.owner_host !== me.host || processAlive(row.owner_pid!))
    ) {
      throw new RunBusyError(
        `this audience is being published to this connection by another process (${row.owner_host} pid ${row.owner_pid})`,
      );
    }
    stmt(
      db,
      "UPDATE publish_runs SET status = 'running', owner_host = ?, owner_pid = ? WHERE id = ?",
    ).run(me.host, me.pid, runId);
  }).immediate();
  activeHere.add(runId);
  return () => activeHere.delete(runId);
}

export function getRun(db: Database, runId: number): RunRecord | undefined {
  const row = stmt<[number], RunRow>(db, 'SELECT * FROM publish_runs WHERE id = ?').get(runId);
  return row ? runFromRow(row) : undefined;
}

/** The run of this target that has not finished (killed, cut off, waiting for the network). */
export function unfinishedRun(
  db: Database,
  connectionId: number,
  audienceId: string,
): RunRecord | undefined {
  const row = stmt<[number, string], RunRow>(
    db,
    `SELECT * FROM publish_runs WHERE connection_id = ? AND audience_id = ?
       AND status IN ('running', 'pending', 'partial') ORDER BY id LIMIT 1`,
  ).get(connectionId, audienceId);
  return row ? runFromRow(row) : undefined;
}

export function runsWaitingForNetwork(db: Database): RunRecord[] {
  return stmt<[], RunRow>(db, "SELECT * FROM publish_runs WHERE status = 'pending' ORDER BY id")
    .all()
    .map(runFromRow);
}

export function pendingBatches(db: Database, runId: number): BatchRecord[] {
  const rows = stmt<
    [number],
    {
      run_id: number;
      seq: number;
      kind: BatchKind;
      size: number;
      profile_ids: Buffer;
      status: BatchRecord['status'];
      attempts: number;
      error: string | null;
    }
  >(db, "SELECT * FROM publish_batches WHERE run_id = ? AND status != 'acked' ORDER BY seq").all(
    runId,
  );
  return rows.map((r) => ({
    runId: r.run_id,
    seq: r.seq,
    kind: r.kind,
    size: r.size,
    ids: blobToIds(r.profile_ids),
    status: r.status,
    attempts: r.attempts,
    error: r.error,
  }));
}

export function markBatchAcked(
  db: Database,
  runId: number,
  seq: number,
  note: string | null,
  now: number,
): void {
  stmt(
    db,
    `UPDATE publish_batches SET status = 'acked', attempts = attempts + 1, error = ?, acked_at = ?
     WHERE run_id = ? AND seq = ?`,
  ).run(note, now, runId, seq);
  stmt(db, 'UPDATE publish_runs SET acked = acked + 1 WHERE id = ?').run(runId);
}

export function markBatchFailed(
  db: Database,
  runId: number,
  seq: number,
  error: string,
  permanent: boolean,
): void {
  stmt(
    db,
    `UPDATE publish_batches SET status = ?, attempts = attempts + 1, error = ? WHERE run_id = ? AND seq = ?`,
  ).run(permanent ? 'failed' : 'pending', error, runId, seq);
}

export function setRunStatus(
  db: Database,
  runId: number,
  status: RunStatus,
  fields: { finishedAt?: number | null; addMs?: number; error?: string | null },
): void {
  stmt(
    db,
    `UPDATE publish_runs SET status = ?, finished_at = ?, ms = ms + ?, error = ? WHERE id = ?`,
  ).run(status, fields.finishedAt ?? null, fields.addMs ?? 0, fields.error ?? null, runId);
}

export interface RunHistoryEntry extends RunRecord {
  connection: string;
  batchErrors: Array<{ seq: number; kind: BatchKind; size: number; status: string; error: string }>;
}

/** Every publish, newest first, with the errors of its batches. */
export function publishHistory(
  db: Database,
  filter: { connectionId?: number; audienceId?: string; limit?: number } = {},
): RunHistoryEntry[] {
  const rows = stmt<
    [number | null, number | null, string | null, string | null, number],
    RunRow & { connection: string }
  >(
    db,
    `SELECT r.*, c.name AS connection FROM publish_runs r JOIN connections c ON c.id = r.connection_id
     WHERE (? IS NULL OR r.connection_id = ?) AND (? IS NULL OR r.audience_id = ?)
     ORDER BY r.id DESC LIMIT ?`,
  ).all(
    filter.connectionId ?? null,
    filter.connectionId ?? null,
    filter.audienceId ?? null,
    filter.audienceId ?? null,
    filter.limit ?? 100,
  );
  const errors = stmt<
    [number],
    { seq: number; kind: BatchKind; size: number; status: string; error: string }
  >(
    db,
    'SELECT seq, kind, size, status, error FROM publish_batches WHERE run_id = ? AND error IS NOT NULL ORDER BY seq',
  );
  return rows.map((r) => ({
    ...runFromRow(r),
    connection: r.connection,
    batchErrors: errors.all(r.id),
  }));
}

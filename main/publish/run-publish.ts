import type { Database } from 'better-sqlite3';
import { disableConnection } from './connection-store';
import { deliveredValues, loadIdentities, recordDelivered, recordRemoved } from './publish-ledger';
import {
  claimRun,
  getRun,
  markBatchAcked,
  markBatchFailed,
  pendingBatches,
  setRunStatus,
  type BatchRecord,
  type RunRecord,
  type RunStatus,
} from './publish-runs';
import { getTarget, setInStep, setRemoteId } from './publish-targets';
import { batchMessageId } from './standard-webhooks';
import {
  PermanentPartnerError,
  TransientPartnerError,
  type BatchMember,
  type Connection,
  type PartnerClient,
  type SentIdentifiers,
} from './publish-types';

// Sends a run's unacknowledged batches in order. The ledger moves only in the transaction that marks
// a batch acknowledged, so stopping at any instant (kill, power loss, offline) loses nothing: the
// batch in flight is simply sent again, with the same members and message id.

export interface PublishProgress {
  runId: number;
  batchesDone: number;
  batchesTotal: number;
  membersDone: number;
  membersTotal: number;
}

export interface RunOutcome {
  runId: number;
  status: RunStatus;
  /** Batches acknowledged during this call. */
  sent: number;
  error: string | null;
}

export interface ExecuteOptions {
  now(): number;
  signal?: AbortSignal;
  onProgress?(p: PublishProgress): void;
}

function membersOf(
  db: Database,
  client: PartnerClient,
  connection: Connection,
  audienceId: string,
  batch: BatchRecord,
): BatchMember[] {
  if (batch.kind === 'remove') {
    const values = deliveredValues(db, connection.id, audienceId, batch.ids);
    // A member already gone from the ledger was removed by an earlier attempt's transaction.
    return Array.from(batch.ids)
      .filter((id) => values.has(id))
      .map((profile) => ({ profile, sent: values.get(profile)! }));
  }
  const identities = loadIdentities(db, batch.ids);
  const out: BatchMember[] = [];
  for (const profile of batch.ids) {
    const sent = client.identifiersFor(identities.get(profile) ?? {});
    // Identities can vanish between planning and sending (a merge): such a member is not sent.
    if (sent) out.push({ profile, sent });
  }
  return out;
}

export async function executeRun(
  db: Database,
  client: PartnerClient,
  connection: Connection,
  audience: { id: string; name: string },
  runId: number,
  opts: ExecuteOptions,
): Promise<RunOutcome> {
  const run = getRun(db, runId);
  if (!run) throw new Error(`publish run ${runId} does not exist`);
  const batches = pendingBatches(db, runId);
  const release = claimRun(db, runId);
  try {
    return await sendBatches(db, client, connection, audience, run, batches, opts);
  } finally {
    release();
  }
}

async function sendBatches(
  db: Database,
  client: PartnerClient,
  connection: Connection,
  audience: { id: string; name: string },
  run: RunRecord,
  batches: BatchRecord[],
  opts: ExecuteOptions,
): Promise<RunOutcome> {
  const runId = run.id;
  const started = opts.now();
  const membersTotal = batches.reduce((s, b) => s + b.size, 0);
  let sent = 0;
  let membersDone = 0;
  const stop = (status: RunStatus, error: string | null): RunOutcome => {
    const finished = opts.now();
    setRunStatus(db, runId, status, { finishedAt: finished, addMs: finished - started, error });
    return { runId, status, sent, error };
  };
  let current: BatchRecord | undefined;
  try {
    let remoteId = getTarget(db, connection.id, audience.id).remoteId;
    if (batches.length > 0) {
      const made = await client.prepare(audience, remoteId, opts.signal);
      if (made && made !== remoteId) {
        setRemoteId(db, connection.id, audience.id, made);
        remoteId = made;
      }
    }
    for (const batch of batches) {
      if (opts.signal?.aborted) return stop('partial', 'cancelled; the next publish resumes');
      current = batch;
      const members = membersOf(db, client, connection, audience.id, batch);
      const ctx = {
        connectionId: connection.id,
        connectionName: connection.name,
        audienceId: audience.id,
        audienceName: audience.name,
        runId,
        seq: batch.seq,
        messageId: batchMessageId(connection.id, audience.id, runId, batch.seq),
        remoteId,
        last: batch.seq === run.batches - 1,
        batchCount: run.batches,
        signal: opts.signal,
      };
      const outcome =
        members.length === 0
          ? { rejected: [] }
          : batch.kind === 'add'
            ? await client.add(members, ctx)
            : await client.remove(members, ctx);
      const refused = new Set(outcome.rejected.map((r) => r.profile));
      const note =
        outcome.rejected.length === 0
          ? null
          : `${outcome.rejected.length} refused, e.g. profile ${outcome.rejected[0]!.profile}: ${outcome.rejected[0]!.message}`;
      db.transaction(() => {
        if (batch.kind === 'add') {
          const delivered: Array<[number, SentIdentifiers]> = [];
          for (const m of members) {
            if (!refused.has(m.profile))
              delivered.push([m.profile, outcome.sent?.get(m.profile) ?? m.sent]);
          }
          recordDelivered(db, connection.id, audience.id, delivered);
        } else {
          recordRemoved(
            db,
            connection.id,
            audience.id,
            members.map((m) => m.profile),
          );
        }
        markBatchAcked(db, runId, batch.seq, note, opts.now());
      })();
      sent++;
      membersDone += batch.size;
      opts.onProgress?.({
        runId,
        batchesDone: sent,
        batchesTotal: batches.length,
        membersDone,
        membersTotal,
      });
    }
    const outcome = stop('done', null);
    setInStep(db, connection.id, audience.id, opts.now());
    return outcome;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (opts.signal?.aborted) {
      return stop('partial', 'cancelled; the next publish resumes');
    }
    if (e instanceof TransientPartnerError) {
      if (current) markBatchFailed(db, runId, current.seq, message, false);
      return stop(e.offline ? 'pending' : 'partial', message);
    }
    if (current) markBatchFailed(db, runId, current.seq, message, true);
    if (e instanceof PermanentPartnerError && e.gone) {
      disableConnection(db, connection.id, message, opts.now());
    }
    return stop('failed', message);
  }
}

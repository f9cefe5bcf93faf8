import type { Database } from 'better-sqlite3';
import { createClient } from './clients/create-client';
import { getConnection, getConnectionById } from './connection-store';
import type { PartnerHttpOptions } from './partner-http';
import { planPublish } from './plan-publish';
import { createRun, runsWaitingForNetwork, unfinishedRun, type RunStatus } from './publish-runs';
import { setInStep } from './publish-targets';
import { executeRun, type PublishProgress } from './run-publish';
import type { Connection, PartnerClient, SecretStore } from './publish-types';

// One publish: finish whatever an earlier publish of this audience to this connection left undone,
// then send the difference between the audience now and what the connection has acknowledged.

export interface PublishDeps {
  secrets: SecretStore;
  http: PartnerHttpOptions;
}

export interface PublishRequest {
  connection: string;
  audience: { id: string; name: string };
  /** The audience's members now: sorted profile ids (the engine's members()). */
  members: Uint32Array;
  dryRun?: boolean;
  signal?: AbortSignal;
  onProgress?(p: PublishProgress): void;
}

/** cli.md's `publish --json` document, plus what the app shows. */
export interface PublishResult {
  connection: string;
  audience: string;
  joined: number;
  left: number;
  unchanged: number;
  skipped: number;
  batches: number;
  ms: number;
  status: RunStatus;
  /** Batches acknowledged by this publish. */
  acknowledged: number;
  identifierNote: string;
  error: string | null;
}

export class PublishRefusedError extends Error {
  override name = 'PublishRefusedError';
}

export async function clientFor(
  connection: Connection,
  deps: PublishDeps,
  secretOptional = false,
): Promise<PartnerClient> {
  const secret = connection.secretRef ? await deps.secrets.get(connection.secretRef) : undefined;
  if (connection.secretRef && !secret && !secretOptional) {
    throw new PublishRefusedError(
      `the secret of connection "${connection.name}" is not available (${connection.secretRef} is not set)`,
    );
  }
  return createClient(connection, { secret, http: deps.http });
}

export async function publishAudience(
  db: Database,
  req: PublishRequest,
  deps: PublishDeps,
): Promise<PublishResult> {
  const started = deps.http.now();
  const connection = getConnection(db, req.connection);
  if (!connection)
    throw new PublishRefusedError(`there is no connection named "${req.connection}"`);
  if (connection.disabledReason) {
    throw new PublishRefusedError(
      `the connection "${connection.name}" is disabled: ${connection.disabledReason}; edit it to enable it`,
    );
  }
  // A dry run only reads the cache: it needs no secret.
  const client = await clientFor(connection, deps, req.dryRun === true);
  const result: PublishResult = {
    connection: connection.name,
    audience: req.audience.id,
    joined: 0,
    left: 0,
    unchanged: 0,
    skipped: 0,
    batches: 0,
    ms: 0,
    status: 'done',
    acknowledged: 0,
    identifierNote: client.identifierNote,
    error: null,
  };
  const finish = () => ({ ...result, ms: deps.http.now() - started });
  // The plan's counts; its batches come after any an unfinished earlier run still had to send.
  const planAndCount = () => {
    const p = planPublish(db, client, connection.id, req.audience, req.members);
    Object.assign(result, {
      joined: p.joined,
      left: p.left,
      unchanged: p.unchanged,
      skipped: p.skipped,
      batches: result.batches + p.batches.length,
    });
    return p;
  };

  if (req.dryRun) {
    planAndCount();
    return finish();
  }

  const exec = { now: deps.http.now, signal: req.signal, onProgress: req.onProgress };
  const earlier = unfinishedRun(db, connection.id, req.audience.id);
  if (earlier) {
    const remaining = earlier.batches - earlier.acked;
    const done = await executeRun(db, client, connection, req.audience, earlier.id, exec);
    result.batches += remaining;
    result.acknowledged += done.sent;
    if (done.status !== 'done') {
      Object.assign(result, { status: done.status, error: done.error });
      return finish();
    }
  }

  const runId = createRun(db, planAndCount(), deps.http.now());
  const done = await executeRun(db, client, connection, req.audience, runId, exec);
  result.acknowledged += done.sent;
  Object.assign(result, { status: done.status, error: done.error });
  if (done.status === 'done') setInStep(db, connection.id, req.audience.id, deps.http.now());
  return finish();
}

/** Resumes the runs that stopped for want of a network; returns what became of each. */
export async function resumeWaitingRuns(
  db: Database,
  deps: PublishDeps,
  signal?: AbortSignal,
): Promise<Array<{ runId: number; status: RunStatus; error: string | null }>> {
  const out: Array<{ runId: number; status: RunStatus; error: string | null }> = [];
  for (const run of runsWaitingForNetwork(db)) {
    const connection = getConnectionById(db, run.connectionId);
    if (!connection || connection.disabledReason) continue;
    const client = await clientFor(connection, deps);
    const done = await executeRun(
      db,
      client,
      connection,
      { id: run.audienceId, name: run.audienceName },
      run.id,
      { now: deps.http.now, signal },
    );
    out.push({ runId: run.id, status: done.status, error: done.error });
    if (signal?.aborted) break;
  }
  return out;
}

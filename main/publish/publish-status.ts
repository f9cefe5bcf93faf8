import type { Database } from 'better-sqlite3';
import type {
  ConnectionAudienceStatus,
  PublishRunSummary,
} from '../../shared/contract/publish-channels';
import { stmt } from '../cache/statement-cache';
import { createClient } from './clients/create-client';
import { getConnectionById } from './connection-store';
import { planPublish } from './plan-publish';
import { publishHistory, type RunHistoryEntry } from './publish-runs';
import { getTarget } from './publish-targets';
import { DEFAULT_RETRY } from './retry-policy';

// Where an audience stands with each connection it was published to: in step, drifted (the audience
// changed since), unfinished (a publish stopped part-way) or failed.

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function runSummary(r: RunHistoryEntry): PublishRunSummary {
  return {
    runId: r.id,
    connection: r.connection,
    audience: r.audienceId,
    status: r.status,
    startedAt: iso(r.startedAt)!,
    finishedAt: iso(r.finishedAt),
    ms: r.ms,
    joined: r.joined,
    left: r.left,
    unchanged: r.unchanged,
    skipped: r.skipped,
    batches: r.batches,
    acknowledged: r.acked,
    error: r.error,
    batchErrors: r.batchErrors,
  };
}

/** Whether the audience was ever published (to skip computing its members when not). */
export function wasPublished(db: Database, audienceId: string): boolean {
  return (
    stmt<[string], { one: number }>(
      db,
      'SELECT 1 AS one FROM publish_runs WHERE audience_id = ? LIMIT 1',
    ).get(audienceId) !== undefined
  );
}

export function audiencePublishStatus(
  db: Database,
  audience: { id: string; name: string },
  members: Uint32Array,
): ConnectionAudienceStatus[] {
  const ids = stmt<[string], number>(
    db,
    'SELECT DISTINCT connection_id FROM publish_runs WHERE audience_id = ? ORDER BY connection_id',
  );
  const connectionIds = ids.pluck().all(audience.id) as number[];
  ids.pluck(false);
  const out: ConnectionAudienceStatus[] = [];
  for (const id of connectionIds) {
    const connection = getConnectionById(db, id);
    if (!connection) continue;
    // Planning needs no secret: it only reads the cache.
    const client = createClient(connection, {
      secret: undefined,
      http: { retry: DEFAULT_RETRY, timeoutMs: 1, now: Date.now },
    });
    const plan = planPublish(db, client, id, audience, members);
    const last = publishHistory(db, { connectionId: id, audienceId: audience.id, limit: 1 })[0];
    const drift = { joined: plan.joined, left: plan.left };
    const state: ConnectionAudienceStatus['state'] =
      last && (last.status === 'running' || last.status === 'pending' || last.status === 'partial')
        ? 'unfinished'
        : last?.status === 'failed'
          ? 'failed'
          : drift.joined + drift.left > 0
            ? 'drifted'
            : 'in-step';
    out.push({
      connection: connection.name,
      type: connection.type,
      inStepAt: iso(getTarget(db, id, audience.id).inStepAt),
      lastRun: last ? runSummary(last) : null,
      drift,
      state,
    });
  }
  return out;
}

import type { Database } from 'better-sqlite3';
import { cutBatches, membershipDiff } from './membership-diff';
import { deliveredIds, loadIdentities } from './publish-ledger';
import type { PlannedRun } from './publish-runs';
import type { PartnerClient } from './publish-types';

// Turns "who is in the audience now" into the batches to send: joins of members this partner can
// match (the rest are counted as skipped), and leaves of members it was sent before.

export interface PublishPlan extends PlannedRun {
  /** The identifiers sent and how they are prepared, for the preview. */
  identifierNote: string;
}

export function planPublish(
  db: Database,
  client: PartnerClient,
  connectionId: number,
  audience: { id: string; name: string },
  members: Uint32Array,
): PublishPlan {
  const audienceId = audience.id;
  const diff = membershipDiff(members, deliveredIds(db, connectionId, audienceId));
  const identities = loadIdentities(db, diff.joined);
  const matchable = new Uint32Array(diff.joined.length);
  let n = 0;
  for (const id of diff.joined) {
    if (client.identifiersFor(identities.get(id) ?? {}) !== null) matchable[n++] = id;
  }
  const joined = matchable.subarray(0, n);
  const batches = [
    ...cutBatches(joined, client.maxBatch).map((ids) => ({ kind: 'add' as const, ids })),
    ...cutBatches(diff.left, client.maxBatch).map((ids) => ({ kind: 'remove' as const, ids })),
  ];
  return {
    connectionId,
    audienceId,
    audienceName: audience.name,
    joined: joined.length,
    left: diff.left.length,
    unchanged: diff.unchanged,
    skipped: diff.joined.length - joined.length,
    batches,
    identifierNote: client.identifierNote,
  };
}

import type { Database } from 'better-sqlite3';
import { stmt } from '../cache/statement-cache';
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

/** Below this many candidates, their identities are looked up by id; above, scanned by type. */
const LOOKUP_LIMIT = 100_000;

/** The candidates that have at least one identity this partner can match, in order. */
function matchableMembers(
  db: Database,
  client: PartnerClient,
  candidates: Uint32Array,
): Uint32Array {
  const rules = client.matchable;
  if (rules === 'everyone' || candidates.length === 0) return candidates;
  if (candidates.length < LOOKUP_LIMIT) {
    const identities = loadIdentities(db, candidates);
    return candidates.filter((id) => client.identifiersFor(identities.get(id) ?? {}) !== null);
  }
  // A million members: one pass over each matchable identity type, marking members in a byte map,
  // costs a fraction of building every member's identity record (and hashes nothing).
  const mark = new Uint8Array(candidates[candidates.length - 1]! + 1);
  for (const id of candidates) mark[id] = 1;
  if (rules === 'any-identity') {
    const s = stmt<[], number>(
      db,
      'SELECT DISTINCT profile_id FROM identities ORDER BY profile_id',
    );
    for (const id of s.pluck().iterate() as Iterable<number>) if (mark[id] === 1) mark[id] = 2;
    s.pluck(false);
  } else {
    const s = stmt<[string], [number, string]>(
      db,
      'SELECT profile_id, value FROM identities WHERE type = ?',
    );
    for (const [type, usable] of Object.entries(rules)) {
      for (const [id, value] of s.raw().iterate(type) as Iterable<[number, string]>) {
        if (mark[id] === 1 && usable(value)) mark[id] = 2;
      }
      s.raw(false);
    }
  }
  return candidates.filter((id) => mark[id] === 2);
}

export function planPublish(
  db: Database,
  client: PartnerClient,
  connectionId: number,
  audience: { id: string; name: string },
  members: Uint32Array,
): PublishPlan {
  const diff = membershipDiff(members, deliveredIds(db, connectionId, audience.id));
  const joined = matchableMembers(db, client, diff.joined);
  const batches = [
    ...cutBatches(joined, client.maxBatch).map((ids) => ({ kind: 'add' as const, ids })),
    ...cutBatches(diff.left, client.maxBatch).map((ids) => ({ kind: 'remove' as const, ids })),
  ];
  return {
    connectionId,
    audienceId: audience.id,
    audienceName: audience.name,
    joined: joined.length,
    left: diff.left.length,
    unchanged: diff.unchanged,
    skipped: diff.joined.length - joined.length,
    batches,
    identifierNote: client.identifierNote,
  };
}

// Connections and publishing channels (issue 6; integrations.md). Secrets go in once, through
// connection-save, and never come back out: summaries say only whether one is stored.
import type { AudienceDefinition } from '../audience/audience-types';

export type ConnectionKind = 'meta' | 'mailchimp' | 'klaviyo' | 'webhook' | 'file';

/** Per type: meta {adAccount, baseUrl?}, mailchimp {listId, doubleOptIn, baseUrl?},
 *  klaviyo {listId, baseUrl?}, webhook {url}, file {path, format: 'csv'|'ndjson'}. */
export type ConnectionSettings = Record<string, string | boolean>;

export interface ConnectionSummary {
  name: string;
  type: ConnectionKind;
  settings: ConnectionSettings;
  hasSecret: boolean;
  /** Why publishing is refused (the webhook answered 410 Gone), or null. */
  disabled: string | null;
}

export interface PublishCounts {
  joined: number;
  left: number;
  unchanged: number;
  /** Members with no identifier this partner accepts (not sent). */
  skipped: number;
  batches: number;
}

export interface PublishPreview extends PublishCounts {
  connection: string;
  audience: string;
  /** Which identifiers are sent and how they are prepared, e.g. "email (normalized, SHA-256)". */
  identifierNote: string;
  /** Batches an interrupted earlier publish still has to send (sent first). */
  resumeBatches: number;
}

export type PublishState = 'running' | 'done' | 'partial' | 'pending' | 'failed';

export interface PublishJob {
  jobId: string;
  connection: string;
  audience: string;
  state: PublishState;
  batchesDone: number;
  batchesTotal: number;
  membersDone: number;
  membersTotal: number;
  /** Set once finished. */
  result: (PublishCounts & { ms: number; acknowledged: number }) | null;
  /** The partner's message when it stopped. */
  error: string | null;
}

export interface PublishRunSummary {
  runId: number;
  connection: string;
  audience: string;
  status: PublishState;
  startedAt: string;
  finishedAt: string | null;
  ms: number;
  joined: number;
  left: number;
  unchanged: number;
  skipped: number;
  batches: number;
  acknowledged: number;
  error: string | null;
  batchErrors: Array<{ seq: number; kind: 'add' | 'remove'; size: number; error: string }>;
}

export interface ConnectionAudienceStatus {
  connection: string;
  type: ConnectionKind;
  /** When this connection last held exactly the audience, or null. */
  inStepAt: string | null;
  lastRun: PublishRunSummary | null;
  /** What a publish now would send; drifted when either is above zero. */
  drift: { joined: number; left: number };
  state: 'in-step' | 'drifted' | 'unfinished' | 'failed';
}

export interface PublishChannels {
  'connections-list': { request: Record<string, never>; response: ConnectionSummary[] };
  /** Adds or replaces by name; a secret given is stored in the OS keychain (omit to keep it). */
  'connection-save': {
    request: { name: string; type: ConnectionKind; settings: ConnectionSettings; secret?: string };
    response: ConnectionSummary;
  };
  /** A harmless authenticated call; fails with partner-error and the partner's message. */
  'connection-test': { request: { name: string }; response: { ok: true } };
  'connection-delete': { request: { name: string }; response: { deleted: true } };
  'publish-preview': {
    request: { connection: string; definition: AudienceDefinition; asOf?: string };
    response: PublishPreview;
  };
  /** Starts sending; follow it with publish-progress. Refused (conflict) while one is running. */
  'publish-start': {
    request: { connection: string; definition: AudienceDefinition; asOf?: string };
    response: PublishJob;
  };
  'publish-progress': { request: { jobId: string }; response: PublishJob };
  /** Stops after the batch in flight; the next publish resumes. */
  'publish-cancel': { request: { jobId: string }; response: PublishJob };
  'publish-history': {
    request: { audience?: string; connection?: string };
    response: PublishRunSummary[];
  };
  /** Per connection that has published this audience: in step, drifted, unfinished or failed. */
  'publish-status': {
    request: { definition: AudienceDefinition; asOf?: string };
    response: ConnectionAudienceStatus[];
  };
  /** Meta only: a lookalike of the audience as published to that connection. */
  'lookalike-create': {
    request: { connection: string; audience: string; country: string; ratio: number };
    response: { id: string };
  };
}

/** The runtime list of these channels, for the contract's CHANNEL_SET. */
export const PUBLISH_CHANNEL_SET = {
  'connections-list': true,
  'connection-save': true,
  'connection-test': true,
  'connection-delete': true,
  'publish-preview': true,
  'publish-start': true,
  'publish-progress': true,
  'publish-cancel': true,
  'publish-history': true,
  'publish-status': true,
  'lookalike-create': true,
} as const satisfies Record<keyof PublishChannels, true>;

// Shared shapes of the publishing pipeline: connections, what a partner client must do, and errors.

export type ConnectionType = 'meta' | 'mailchimp' | 'klaviyo' | 'webhook' | 'file';
export const CONNECTION_TYPES: readonly ConnectionType[] = [
  'meta',
  'mailchimp',
  'klaviyo',
  'webhook',
  'file',
];

/** Per-type settings, stored as JSON. Never holds a secret: see Connection.secretRef. */
export interface MetaConfig {
  adAccount: string;
  baseUrl?: string;
  apiVersion?: string;
}
export interface MailchimpConfig {
  listId: string;
  doubleOptIn: boolean;
  baseUrl?: string;
}
export interface KlaviyoConfig {
  listId: string;
  baseUrl?: string;
}
export interface WebhookConfig {
  url: string;
}
export interface FileConfig {
  path: string;
  format: 'csv' | 'ndjson';
}
export type ConnectionConfig =
  MetaConfig | MailchimpConfig | KlaviyoConfig | WebhookConfig | FileConfig;

export interface ConfigOf {
  meta: MetaConfig;
  mailchimp: MailchimpConfig;
  klaviyo: KlaviyoConfig;
  webhook: WebhookConfig;
  file: FileConfig;
}

export interface Connection<T extends ConnectionType = ConnectionType> {
  id: number;
  name: string;
  type: T;
  config: ConfigOf[T];
  /** Where the secret lives (an environment variable's name, a keychain entry), never the secret. */
  secretRef: string | null;
  /** Set when the partner said the destination is gone (webhook 410): publishing is refused. */
  disabledReason: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Secrets live behind this: the CLI reads environment variables, the app the OS keychain. */
export interface SecretStore {
  get(ref: string): string | undefined | Promise<string | undefined>;
  set(ref: string, value: string): void | Promise<void>;
  delete(ref: string): void | Promise<void>;
}

export type MatchRules = Record<string, (value: string) => boolean>;

/** The identifier values delivered for one member (JSON, kept in the ledger). */
export type SentIdentifiers = Record<string, string | string[]>;

export interface BatchMember {
  profile: number;
  sent: SentIdentifiers;
}

export interface BatchContext {
  connectionId: number;
  connectionName: string;
  audienceId: string;
  audienceName: string;
  runId: number;
  seq: number;
  /** Stable per (connection, audience, run, seq): a resent batch carries the same id. */
  messageId: string;
  /** Partner-side object for the audience (Meta audience id, Mailchimp segment id). */
  remoteId: string | null;
  /** Whether this is the run's last batch (Meta closes its upload session on it). */
  last: boolean;
  /** Batches in the run, for partners that want an estimate up front. */
  batchCount: number;
  signal?: AbortSignal;
}

export interface BatchOutcome {
  /** Identifier values to record instead of the planned ones (e.g. Klaviyo's profile ids). */
  sent?: Map<number, SentIdentifiers>;
  /** Members the partner refused one by one; they are not recorded as delivered. */
  rejected: Array<{ profile: number; message: string }>;
}

export interface PartnerClient {
  readonly type: ConnectionType;
  /** Most members in one batch (the partner's documented limit). */
  readonly maxBatch: number;
  /** Plain words for the preview: which identifiers are sent and how they are prepared. */
  readonly identifierNote: string;
  /**
   * Which identities the partner can match: per type, a test of a usable value ('any-identity': every
   * type counts; 'everyone': a member needs none). Planning reads only these, so it stays fast.
   */
  readonly matchable: MatchRules | 'any-identity' | 'everyone';
  /** Identifier values this partner accepts for a member, or null when none (the member is skipped). */
  identifiersFor(identities: Record<string, string[]>): SentIdentifiers | null;
  /** A harmless authenticated call. */
  test(signal?: AbortSignal): Promise<void>;
  /** Creates what the audience needs at the partner, once; returns its id to remember. */
  prepare(
    audience: { id: string; name: string },
    remoteId: string | null,
    signal?: AbortSignal,
  ): Promise<string | null>;
  add(members: BatchMember[], ctx: BatchContext): Promise<BatchOutcome>;
  remove(members: BatchMember[], ctx: BatchContext): Promise<BatchOutcome>;
}

/** The partner refused the request for good (bad key, bad list, blocked upload): never retried. */
export class PermanentPartnerError extends Error {
  override name = 'PermanentPartnerError';
  constructor(
    message: string,
    readonly status: number,
    /** The destination no longer exists (webhook 410): the connection is disabled. */
    readonly gone = false,
  ) {
    super(message);
  }
}

/** Retries ran out on a passing failure (429, 5xx, dropped connection); the run can resume later. */
export class TransientPartnerError extends Error {
  override name = 'TransientPartnerError';
  constructor(
    message: string,
    /** No network at all (refused, no route, no DNS): the run waits in the offline queue. */
    readonly offline: boolean,
  ) {
    super(message);
  }
}

/** What a client needs besides its connection: the secret and how to call the network. */
export interface ClientDeps {
  secret: string | undefined;
  http: import('./partner-http').PartnerHttpOptions;
}

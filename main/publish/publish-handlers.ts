import type { Database } from 'better-sqlite3';
import type { AudienceDefinition } from '../../shared/audience/audience-types';
import type {
  ConnectionSummary,
  PublishChannels,
  PublishJob,
  PublishState,
} from '../../shared/contract/publish-channels';
import { MetaClient } from './clients/meta-client';
import {
  checkConnectionConfig,
  deleteConnection,
  getConnection,
  listConnections,
  saveConnection,
} from './connection-store';
import type { PartnerHttpOptions } from './partner-http';
import { planPublish } from './plan-publish';
import { clientFor, publishAudience, PublishRefusedError } from './publish-audience';
import { publishHistory, unfinishedRun } from './publish-runs';
import { audiencePublishStatus, runSummary, wasPublished } from './publish-status';
import { getTarget } from './publish-targets';
import { DEFAULT_RETRY } from './retry-policy';
import {
  PermanentPartnerError,
  TransientPartnerError,
  type Connection,
  type SecretStore,
} from './publish-types';

// The publish channels' handlers, for main/services to register. Secrets arrive once through
// connection-save and go straight to the SecretStore (the OS keychain in the app); nothing returned
// here ever carries one.

export type PublishHandlers = {
  [C in keyof PublishChannels]: (
    request: PublishChannels[C]['request'],
  ) => PublishChannels[C]['response'] | Promise<PublishChannels[C]['response']>;
};

export interface PublishHandlerDeps {
  db: Database;
  /** The audience's members at a time: sorted profile ids (the engine's or preview service's members). */
  members(definition: AudienceDefinition, asOf: number): Uint32Array | Promise<Uint32Array>;
  now: () => number;
  secrets: SecretStore;
  /** Overrides of the network settings (tests shorten the waits). */
  http?: Partial<PartnerHttpOptions>;
}

/** An error the UI shows as it is (the services pass these codes through). */
export class PublishApiError extends Error {
  override name = 'PublishApiError';
  constructor(
    readonly code: 'not-found' | 'conflict' | 'partner-error' | 'unavailable' | 'invalid-request',
    message: string,
  ) {
    super(message);
  }
}

/** Where a connection's secret lives in the keychain. */
const secretRefFor = (name: string) => `audience-studio/connection/${name}`;

function summary(c: Connection): ConnectionSummary {
  return {
    name: c.name,
    type: c.type,
    settings: { ...c.config } as ConnectionSummary['settings'],
    hasSecret: c.secretRef !== null,
    disabled: c.disabledReason,
  };
}

const MAX_JOBS_KEPT = 50;

export function createPublishHandlers(deps: PublishHandlerDeps): PublishHandlers {
  const { db, now, secrets } = deps;
  const http: PartnerHttpOptions = { retry: DEFAULT_RETRY, timeoutMs: 30_000, now, ...deps.http };
  const jobs = new Map<string, { job: PublishJob; controller: AbortController }>();
  let nextJob = 1;

  const asOfOf = (asOf: string | undefined) => (asOf ? Date.parse(asOf) : now());
  const membersOf = async (definition: AudienceDefinition, asOf: string | undefined) =>
    deps.members(definition, asOfOf(asOf));
  const mustGet = (name: string) => {
    const c = getConnection(db, name);
    if (!c) throw new PublishApiError('not-found', `There is no connection named "${name}".`);
    return c;
  };
  const refused = (e: unknown): never => {
    if (e instanceof PublishRefusedError) throw new PublishApiError('unavailable', e.message);
    throw e;
  };

  return {
    'connections-list': () => listConnections(db).map(summary),

    'connection-save': async ({ name, type, settings, secret }) => {
      let config;
      try {
        config = checkConnectionConfig(type, settings);
      } catch (e) {
        throw new PublishApiError('invalid-request', (e as Error).message);
      }
      const existing = getConnection(db, name);
      const ref = type === 'file' ? null : secretRefFor(name);
      if (ref && secret) await secrets.set(ref, secret);
      else if (ref && !existing?.secretRef) {
        throw new PublishApiError('invalid-request', `A ${type} connection needs its secret.`);
      }
      try {
        return summary(saveConnection(db, { name, type, config, secretRef: ref }, now()));
      } catch (e) {
        throw new PublishApiError('conflict', (e as Error).message);
      }
    },

    'connection-test': async ({ name }) => {
      const client = await clientFor(mustGet(name), { secrets, http }).catch(refused);
      try {
        await client.test();
      } catch (e) {
        if (e instanceof PermanentPartnerError)
          throw new PublishApiError('partner-error', e.message);
        if (e instanceof TransientPartnerError) throw new PublishApiError('unavailable', e.message);
        throw new PublishApiError('partner-error', (e as Error).message);
      }
      return { ok: true as const };
    },

    'connection-delete': async ({ name }) => {
      const c = mustGet(name);
      if ([...jobs.values()].some((j) => j.job.connection === name && j.job.state === 'running')) {
        throw new PublishApiError('conflict', `"${name}" is publishing; cancel it first.`);
      }
      deleteConnection(db, name);
      if (c.secretRef) await secrets.delete(c.secretRef);
      return { deleted: true as const };
    },

    'publish-preview': async ({ connection, definition, asOf }) => {
      const c = mustGet(connection);
      const client = await clientFor(c, { secrets, http }, true);
      const plan = planPublish(db, client, c.id, definition, await membersOf(definition, asOf));
      const earlier = unfinishedRun(db, c.id, definition.id);
      return {
        connection: c.name,
        audience: definition.id,
        joined: plan.joined,
        left: plan.left,
        unchanged: plan.unchanged,
        skipped: plan.skipped,
        batches: plan.batches.length,
        identifierNote: plan.identifierNote,
        resumeBatches: earlier ? earlier.batches - earlier.acked : 0,
      };
    },

    'publish-start': async ({ connection, definition, asOf }) => {
      const c = mustGet(connection);
      const busy = [...jobs.values()].find(
        (j) =>
          j.job.connection === c.name &&
          j.job.audience === definition.id &&
          j.job.state === 'running',
      );
      if (busy)
        throw new PublishApiError(
          'conflict',
          `"${definition.name}" is already publishing to ${c.name}.`,
        );
      const members = await membersOf(definition, asOf);
      const jobId = `publish-${nextJob++}`;
      const controller = new AbortController();
      const job: PublishJob = {
        jobId,
        connection: c.name,
        audience: definition.id,
        state: 'running',
        batchesDone: 0,
        batchesTotal: 0,
        membersDone: 0,
        membersTotal: 0,
        result: null,
        error: null,
      };
      jobs.set(jobId, { job, controller });
      for (const id of [...jobs.keys()].slice(0, Math.max(0, jobs.size - MAX_JOBS_KEPT))) {
        if (jobs.get(id)!.job.state !== 'running') jobs.delete(id);
      }
      void publishAudience(
        db,
        {
          connection: c.name,
          audience: { id: definition.id, name: definition.name },
          members,
          signal: controller.signal,
          onProgress: (p) => Object.assign(job, p),
        },
        { secrets, http },
      ).then(
        (r) => {
          job.state = r.status as PublishState;
          job.error = r.error;
          job.result = {
            joined: r.joined,
            left: r.left,
            unchanged: r.unchanged,
            skipped: r.skipped,
            batches: r.batches,
            ms: r.ms,
            acknowledged: r.acknowledged,
          };
        },
        (e: unknown) => {
          job.state = 'failed';
          job.error = e instanceof Error ? e.message : String(e);
        },
      );
      return { ...job };
    },

    'publish-progress': ({ jobId }) => {
      const j = jobs.get(jobId);
      if (!j) throw new PublishApiError('not-found', `No publish ${jobId}.`);
      return { ...j.job };
    },

    'publish-cancel': ({ jobId }) => {
      const j = jobs.get(jobId);
      if (!j) throw new PublishApiError('not-found', `No publish ${jobId}.`);
      j.controller.abort(new Error('cancelled'));
      return { ...j.job };
    },

    'publish-history': ({ audience, connection }) => {
      const connectionId = connection === undefined ? undefined : mustGet(connection).id;
      return publishHistory(db, { audienceId: audience, connectionId }).map(runSummary);
    },

    'publish-status': async ({ definition, asOf }) =>
      wasPublished(db, definition.id)
        ? audiencePublishStatus(db, definition, await membersOf(definition, asOf))
        : [],

    'lookalike-create': async ({ connection, audience, country, ratio }) => {
      const c = mustGet(connection);
      if (c.type !== 'meta')
        throw new PublishApiError('invalid-request', 'Lookalikes exist only on Meta.');
      const origin = getTarget(db, c.id, audience).remoteId;
      if (!origin) {
        throw new PublishApiError(
          'conflict',
          'Publish the audience to this connection before making a lookalike.',
        );
      }
      const client = (await clientFor(c, { secrets, http }).catch(refused)) as MetaClient;
      try {
        return { id: await client.createLookalike(origin, { country, ratio }) };
      } catch (e) {
        throw new PublishApiError('partner-error', (e as Error).message);
      }
    },
  };
}

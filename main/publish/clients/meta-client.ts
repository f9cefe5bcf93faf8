import {
  sha256Hex,
  hashEmailForMeta,
  hashPhoneForMeta,
  normalizeEmailForMeta,
  normalizePhoneForMeta,
} from '../identifier-hashing';
import type { PartnerDialect, PartnerResponse } from '../partner-http';
import type {
  BatchContext,
  BatchMember,
  BatchOutcome,
  ClientDeps,
  MatchRules,
  MetaConfig,
  PartnerClient,
  SentIdentifiers,
} from '../publish-types';
import {
  createdId,
  firstValue,
  joinUrl,
  jsonCall,
  nonEmpty,
  requireSecret,
  sentString,
} from './client-helpers';

// Meta Custom Audiences (integrations.md): multi-key rows, email and phone hashed, ids as they are.

export const META_MAX_ROWS = 10_000;
const SCHEMA = ['EMAIL', 'PHONE', 'MADID', 'EXTERN_ID'] as const;
const PHONE_TYPES = ['mobile_number', 'phone_number_2', 'phone_number_3'];
const MADID_TYPES = ['ios_advertising_id', 'android_advertising_id'];
const usablePhone = (v: string) => normalizePhoneForMeta(v) !== '';
const META_RULES: MatchRules = {
  email: (v) => normalizeEmailForMeta(v) !== '',
  ...Object.fromEntries(PHONE_TYPES.map((t) => [t, usablePhone])),
  ...Object.fromEntries(MADID_TYPES.map((t) => [t, nonEmpty])),
  customer_id: nonEmpty,
};
const THROTTLING_CODES = new Set([4, 17, 613, 80004]);

interface MetaErrorBody {
  error?: { message?: string; code?: number; error_subcode?: number; type?: string };
}

export const metaDialect: PartnerDialect = {
  partner: 'Meta',
  classify(res: PartnerResponse) {
    if (res.status >= 200 && res.status < 300) return 'ok';
    const err = (res.json as MetaErrorBody | undefined)?.error;
    if (err?.code !== undefined && THROTTLING_CODES.has(err.code)) return 'retry';
    if (res.status === 429 || res.status >= 500) return 'retry';
    return 'permanent';
  },
  message(res) {
    const err = (res.json as MetaErrorBody | undefined)?.error;
    if (!err?.message) return undefined;
    return `${err.message} (code ${err.code ?? '?'}${err.error_subcode ? `, subcode ${err.error_subcode}` : ''})`;
  },
};

export function metaBaseUrl(config: MetaConfig): string {
  return config.baseUrl ?? `https://graph.facebook.com/${config.apiVersion ?? 'v23.0'}`;
}

export interface LookalikeSpec {
  country: string;
  /** 0.01 to 0.20 (1% to 20% of the country's population). */
  ratio: number;
  name?: string;
}

export class MetaClient implements PartnerClient {
  readonly type = 'meta' as const;
  readonly maxBatch = META_MAX_ROWS;
  readonly identifierNote =
    'email and phone (normalized, SHA-256), mobile advertiser id and customer_id as external id (as they are)';
  readonly matchable = META_RULES;
  private readonly base: string;

  constructor(
    private readonly config: MetaConfig,
    private readonly deps: ClientDeps,
  ) {
    this.base = metaBaseUrl(config);
  }

  identifiersFor(identities: Record<string, string[]>): SentIdentifiers | null {
    const sent: SentIdentifiers = {};
    const email = firstValue(identities, META_RULES, 'email');
    if (email) sent.EMAIL = hashEmailForMeta(email);
    const phone = firstValue(identities, META_RULES, ...PHONE_TYPES);
    if (phone) sent.PHONE = hashPhoneForMeta(phone);
    const madid = firstValue(identities, META_RULES, ...MADID_TYPES);
    if (madid) sent.MADID = madid.toLowerCase();
    const extern = firstValue(identities, META_RULES, 'customer_id');
    if (extern) sent.EXTERN_ID = extern;
    return Object.keys(sent).length > 0 ? sent : null;
  }

  private call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ) {
    const token = requireSecret(this.deps.secret, 'Meta access token');
    return jsonCall(
      {
        method,
        url: joinUrl(this.base, path),
        headers: { authorization: `Bearer ${token}` },
        body,
        signal,
      },
      metaDialect,
      this.deps.http,
    );
  }

  async test(signal?: AbortSignal): Promise<void> {
    await this.call(
      'GET',
      `/act_${encodeURIComponent(this.config.adAccount)}?fields=name`,
      undefined,
      signal,
    );
  }

  async prepare(
    audience: { id: string; name: string },
    remoteId: string | null,
    signal?: AbortSignal,
  ): Promise<string | null> {
    if (remoteId) return remoteId;
    const res = await this.call(
      'POST',
      `/act_${encodeURIComponent(this.config.adAccount)}/customaudiences`,
      {
        name: audience.name,
        subtype: 'CUSTOM',
        customer_file_source: 'USER_PROVIDED_ONLY',
        description: `Audience Studio: ${audience.id}`,
      },
      signal,
    );
    return createdId(res.json, 'Meta created the custom audience');
  }

  private rows(members: BatchMember[]): string[][] {
    return members.map((m) => SCHEMA.map((key) => sentString(m.sent, key) ?? ''));
  }

  private async send(
    method: 'POST' | 'DELETE',
    members: BatchMember[],
    ctx: BatchContext,
  ): Promise<BatchOutcome> {
    if (!ctx.remoteId) throw new Error('the Meta custom audience was not created');
    await this.call(
      method,
      `/${encodeURIComponent(ctx.remoteId)}/users`,
      {
        payload: { schema: SCHEMA, data: this.rows(members) },
        session: {
          // One upload session per run, unique across connections and audiences.
          session_id: Number.parseInt(
            sha256Hex(`${ctx.connectionId}:${ctx.audienceId}:${ctx.runId}`).slice(0, 12),
            16,
          ),
          batch_seq: ctx.seq + 1,
          last_batch_flag: ctx.last,
          estimated_num_total: ctx.batchCount * this.maxBatch,
        },
      },
      ctx.signal,
    );
    return { rejected: [] };
  }

  add(members: BatchMember[], ctx: BatchContext): Promise<BatchOutcome> {
    return this.send('POST', members, ctx);
  }

  remove(members: BatchMember[], ctx: BatchContext): Promise<BatchOutcome> {
    return this.send('DELETE', members, ctx);
  }

  /** "Create lookalike" from a published custom audience. */
  async createLookalike(
    originAudienceId: string,
    spec: LookalikeSpec,
    signal?: AbortSignal,
  ): Promise<string> {
    if (!/^[A-Z]{2}$/.test(spec.country)) {
      throw new Error(
        `lookalike country must be a two-letter code such as US, got "${spec.country}"`,
      );
    }
    if (!(spec.ratio >= 0.01 && spec.ratio <= 0.2)) {
      throw new Error(`lookalike ratio must be from 0.01 to 0.20 (1% to 20%), got ${spec.ratio}`);
    }
    const res = await this.call(
      'POST',
      `/act_${encodeURIComponent(this.config.adAccount)}/customaudiences`,
      {
        name: spec.name ?? `Lookalike ${spec.country} ${Math.round(spec.ratio * 100)}%`,
        subtype: 'LOOKALIKE',
        origin_audience_id: originAudienceId,
        lookalike_spec: { type: 'similarity', country: spec.country, ratio: spec.ratio },
      },
      signal,
    );
    return createdId(res.json, 'Meta created the lookalike');
  }
}

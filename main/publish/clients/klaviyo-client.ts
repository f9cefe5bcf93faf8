import { phoneToE164 } from '../identifier-hashing';
import type { PartnerDialect } from '../partner-http';
import {
  PermanentPartnerError,
  type BatchContext,
  type BatchMember,
  type BatchOutcome,
  type ClientDeps,
  type KlaviyoConfig,
  type MatchRules,
  type PartnerClient,
  type SentIdentifiers,
} from '../publish-types';
import {
  firstValue,
  joinUrl,
  jsonCall,
  looksLikeEmail,
  mapLimited,
  nonEmpty,
  requireSecret,
  sentString,
} from './client-helpers';

// Klaviyo lists (integrations.md): each member is upserted as a profile (which gives its Klaviyo id),
// then the ids are added to the list. The ledger keeps the id so a leave removes the same profile.

export const KLAVIYO_MAX_PROFILES = 1_000;
export const KLAVIYO_REVISION = '2024-10-15';
/** Profile upserts in flight at once: well under Klaviyo's burst limit. */
const UPSERT_CONCURRENCY = 4;
const PHONE_TYPES = ['mobile_number', 'phone_number_2', 'phone_number_3'];
const usablePhone = (v: string) => phoneToE164(v) !== null;
const KLAVIYO_RULES: MatchRules = {
  email: looksLikeEmail,
  ...Object.fromEntries(PHONE_TYPES.map((t) => [t, usablePhone])),
  customer_id: nonEmpty,
};

interface KlaviyoErrors {
  errors?: Array<{ code?: string; title?: string; detail?: string }>;
}

export const klaviyoDialect: PartnerDialect = {
  partner: 'Klaviyo',
  message(res) {
    const e = (res.json as KlaviyoErrors | undefined)?.errors?.[0];
    if (!e) return undefined;
    return [e.title, e.detail].filter(Boolean).join(': ') + (e.code ? ` (${e.code})` : '');
  },
};

export class KlaviyoClient implements PartnerClient {
  readonly type = 'klaviyo' as const;
  readonly maxBatch = KLAVIYO_MAX_PROFILES;
  readonly identifierNote = 'email, phone (E.164) and customer_id as external_id, as they are';
  readonly matchable = KLAVIYO_RULES;

  constructor(
    private readonly config: KlaviyoConfig,
    private readonly deps: ClientDeps,
  ) {}

  identifiersFor(identities: Record<string, string[]>): SentIdentifiers | null {
    const sent: SentIdentifiers = {};
    const email = firstValue(identities, KLAVIYO_RULES, 'email');
    if (email) sent.email = email.toLowerCase();
    const phone = firstValue(identities, KLAVIYO_RULES, ...PHONE_TYPES);
    if (phone) sent.phone_number = phoneToE164(phone)!;
    const extern = firstValue(identities, KLAVIYO_RULES, 'customer_id');
    if (extern) sent.external_id = extern;
    return Object.keys(sent).length > 0 ? sent : null;
  }

  private call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ) {
    const key = requireSecret(this.deps.secret, 'Klaviyo API key');
    return jsonCall(
      {
        method,
        url: joinUrl(this.config.baseUrl ?? 'https://a.klaviyo.com', path),
        headers: {
          authorization: `Klaviyo-API-Key ${key}`,
          revision: KLAVIYO_REVISION,
          accept: 'application/vnd.api+json',
        },
        body,
        signal,
      },
      klaviyoDialect,
      this.deps.http,
      'application/vnd.api+json',
    );
  }

  private listPath(): string {
    return `/api/lists/${encodeURIComponent(this.config.listId)}`;
  }

  async test(signal?: AbortSignal): Promise<void> {
    await this.call('GET', this.listPath(), undefined, signal);
  }

  async prepare(): Promise<string | null> {
    return null;
  }

  async add(members: BatchMember[], ctx: BatchContext): Promise<BatchOutcome> {
    const rejected: BatchOutcome['rejected'] = [];
    const sent = new Map<number, SentIdentifiers>();
    await mapLimited(members, UPSERT_CONCURRENCY, async (m) => {
      const attributes: Record<string, string> = {};
      for (const key of ['email', 'phone_number', 'external_id']) {
        const v = sentString(m.sent, key);
        if (v) attributes[key] = v;
      }
      try {
        const res = await this.call(
          'POST',
          '/api/profile-import',
          { data: { type: 'profile', attributes } },
          ctx.signal,
        );
        const id = (res.json as { data?: { id?: unknown } } | undefined)?.data?.id;
        if (typeof id !== 'string')
          throw new Error('Klaviyo upserted a profile but its reply had no id');
        sent.set(m.profile, { ...m.sent, id });
      } catch (e) {
        // A profile Klaviyo refuses (an invalid email) is that member's problem, not the batch's;
        // a refused key or list is everyone's and stops the run.
        if (e instanceof PermanentPartnerError && e.status === 400) {
          rejected.push({ profile: m.profile, message: e.message });
        } else throw e;
      }
    });
    const ids = [...sent.values()].map((s) => ({ type: 'profile', id: s.id as string }));
    if (ids.length > 0) {
      await this.call(
        'POST',
        `${this.listPath()}/relationships/profiles`,
        { data: ids },
        ctx.signal,
      );
    }
    return { sent, rejected };
  }

  async remove(members: BatchMember[], ctx: BatchContext): Promise<BatchOutcome> {
    const ids = members
      .map((m) => sentString(m.sent, 'id'))
      .filter((id): id is string => id !== undefined)
      .map((id) => ({ type: 'profile', id }));
    if (ids.length > 0) {
      await this.call(
        'DELETE',
        `${this.listPath()}/relationships/profiles`,
        { data: ids },
        ctx.signal,
      );
    }
    return { rejected: [] };
  }
}

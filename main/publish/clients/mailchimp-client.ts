import type { PartnerDialect } from '../partner-http';
import type {
  BatchContext,
  BatchMember,
  BatchOutcome,
  ClientDeps,
  MailchimpConfig,
  PartnerClient,
  SentIdentifiers,
} from '../publish-types';
import {
  createdId,
  firstValue,
  joinUrl,
  jsonCall,
  looksLikeEmail,
  requireSecret,
  sentString,
} from './client-helpers';

// Mailchimp (integrations.md): members are upserted into the list, and the audience is mirrored as a
// static segment. A member who leaves is removed from the segment only: the subscription is theirs.

export const MAILCHIMP_MAX_MEMBERS = 500;

interface Problem {
  title?: string;
  detail?: string;
}

export const mailchimpDialect: PartnerDialect = {
  partner: 'Mailchimp',
  message(res) {
    const p = res.json as Problem | undefined;
    if (!p || (!p.title && !p.detail)) return undefined;
    return [p.title, p.detail].filter(Boolean).join(': ');
  },
};

/** The data centre is the API key's suffix after the last dash (…-us10). */
function mailchimpBaseUrl(config: MailchimpConfig, apiKey: string | undefined): string {
  if (config.baseUrl) return config.baseUrl;
  const dash = apiKey?.lastIndexOf('-') ?? -1;
  if (!apiKey || dash < 0)
    throw new Error('the Mailchimp API key has no data centre suffix (like "-us10")');
  return `https://${apiKey.slice(dash + 1)}.api.mailchimp.com/3.0`;
}

// The batch call names one email per error, the segment call a list of them.
interface MemberError {
  email_address?: string;
  email_addresses?: string[];
  error?: string;
}

export class MailchimpClient implements PartnerClient {
  readonly type = 'mailchimp' as const;
  readonly maxBatch = MAILCHIMP_MAX_MEMBERS;
  readonly identifierNote = 'email (trimmed, lowercased)';
  readonly matchable = { email: looksLikeEmail };

  constructor(
    private readonly config: MailchimpConfig,
    private readonly deps: ClientDeps,
  ) {}

  identifiersFor(identities: Record<string, string[]>): SentIdentifiers | null {
    const email = firstValue(identities, this.matchable, 'email');
    return email ? { email: email.toLowerCase() } : null;
  }

  private call(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal) {
    const key = requireSecret(this.deps.secret, 'Mailchimp API key');
    return jsonCall(
      {
        method,
        url: joinUrl(mailchimpBaseUrl(this.config, key), path),
        headers: { authorization: `Basic ${Buffer.from(`studio:${key}`).toString('base64')}` },
        body,
        signal,
      },
      mailchimpDialect,
      this.deps.http,
    );
  }

  private listPath(): string {
    return `/lists/${encodeURIComponent(this.config.listId)}`;
  }

  async test(signal?: AbortSignal): Promise<void> {
    await this.call('GET', `${this.listPath()}?fields=id,name`, undefined, signal);
  }

  async prepare(
    audience: { id: string; name: string },
    remoteId: string | null,
    signal?: AbortSignal,
  ): Promise<string | null> {
    if (remoteId) return remoteId;
    const res = await this.call(
      'POST',
      `${this.listPath()}/segments`,
      { name: audience.name, static_segment: [] },
      signal,
    );
    return createdId(res.json, 'Mailchimp created the segment');
  }

  async add(members: BatchMember[], ctx: BatchContext): Promise<BatchOutcome> {
    const status = this.config.doubleOptIn ? 'pending' : 'subscribed';
    const byEmail = new Map<string, number>();
    for (const m of members) byEmail.set(sentString(m.sent, 'email')!, m.profile);
    const upsert = await this.call(
      'POST',
      this.listPath(),
      {
        members: [...byEmail.keys()].map((email_address) => ({
          email_address,
          status,
          status_if_new: status,
        })),
        update_existing: true,
      },
      ctx.signal,
    );
    const rejected = this.memberErrors(upsert.json, byEmail);
    if (byEmail.size > 0) {
      const seg = await this.call(
        'POST',
        `${this.listPath()}/segments/${encodeURIComponent(this.segment(ctx))}`,
        { members_to_add: [...byEmail.keys()], members_to_remove: [] },
        ctx.signal,
      );
      rejected.push(...this.memberErrors(seg.json, byEmail));
    }
    return { rejected };
  }

  async remove(members: BatchMember[], ctx: BatchContext): Promise<BatchOutcome> {
    const emails = members.map((m) => sentString(m.sent, 'email')!);
    // A member already out of the segment (or deleted from the list) is out: errors are not failures.
    await this.call(
      'POST',
      `${this.listPath()}/segments/${encodeURIComponent(this.segment(ctx))}`,
      { members_to_add: [], members_to_remove: emails },
      ctx.signal,
    );
    return { rejected: [] };
  }

  private segment(ctx: BatchContext): string {
    if (!ctx.remoteId) throw new Error('the Mailchimp segment was not created');
    return ctx.remoteId;
  }

  private memberErrors(json: unknown, byEmail: Map<string, number>): BatchOutcome['rejected'] {
    const errors = (json as { errors?: MemberError[] } | undefined)?.errors ?? [];
    const out: BatchOutcome['rejected'] = [];
    for (const e of errors) {
      for (const raw of e.email_addresses ?? [e.email_address]) {
        const email = raw?.toLowerCase();
        const profile = email === undefined ? undefined : byEmail.get(email);
        if (email === undefined || profile === undefined) continue;
        out.push({ profile, message: e.error ?? 'refused by Mailchimp' });
        // Refused here means not sent on to the segment either.
        byEmail.delete(email);
      }
    }
    return out;
  }
}

import { partnerCall, type PartnerDialect, type PartnerResponse } from '../partner-http';
import { signWebhook } from '../standard-webhooks';
import type {
  BatchContext,
  BatchMember,
  BatchOutcome,
  ClientDeps,
  PartnerClient,
  SentIdentifiers,
  WebhookConfig,
} from '../publish-types';
import { requireSecret } from './client-helpers';

// A signed webhook (Standard Webhooks): one message per batch, whose webhook-id is stable across
// retries and resumes so the receiver can drop a batch it has already applied.

export const WEBHOOK_MAX_MEMBERS = 1_000;

export const webhookDialect: PartnerDialect = {
  partner: 'the webhook',
  classify(res: PartnerResponse) {
    if (res.status >= 200 && res.status < 300) return 'ok';
    if (res.status === 410) return 'gone';
    if (res.status === 429 || res.status >= 500) return 'retry';
    return 'permanent';
  },
  message(res) {
    return res.text ? res.text.slice(0, 300) : undefined;
  },
};

/** The body of one batch message (receivers: see integrations.md). */
export interface WebhookBatchMessage {
  type: 'audience.members.joined' | 'audience.members.left' | 'ping';
  audience?: { id: string; name: string };
  run?: number;
  batch?: number;
  members?: Array<{ profile: string; identities: SentIdentifiers }>;
}

export class WebhookClient implements PartnerClient {
  readonly type = 'webhook' as const;
  readonly maxBatch = WEBHOOK_MAX_MEMBERS;
  readonly identifierNote = 'every identity of the member, as stored';
  readonly matchable = 'any-identity' as const;

  constructor(
    private readonly config: WebhookConfig,
    private readonly deps: ClientDeps,
  ) {}

  identifiersFor(identities: Record<string, string[]>): SentIdentifiers | null {
    const sent: SentIdentifiers = {};
    for (const [type, values] of Object.entries(identities)) if (values.length) sent[type] = values;
    return Object.keys(sent).length > 0 ? sent : null;
  }

  private async post(
    id: string,
    message: WebhookBatchMessage,
    signal?: AbortSignal,
  ): Promise<void> {
    const secret = requireSecret(this.deps.secret, 'webhook signing secret');
    const body = JSON.stringify(message);
    const timestamp = Math.floor(this.deps.http.now() / 1000);
    await partnerCall(
      {
        method: 'POST',
        url: this.config.url,
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(secret, id, timestamp, body),
        },
        body,
        signal,
      },
      webhookDialect,
      this.deps.http,
    );
  }

  async test(signal?: AbortSignal): Promise<void> {
    await this.post(`msg_test_${this.deps.http.now()}`, { type: 'ping' }, signal);
  }

  async prepare(): Promise<string | null> {
    return null;
  }

  private async send(
    type: WebhookBatchMessage['type'],
    members: BatchMember[],
    ctx: BatchContext,
  ): Promise<BatchOutcome> {
    await this.post(
      ctx.messageId,
      {
        type,
        audience: { id: ctx.audienceId, name: ctx.audienceName },
        run: ctx.runId,
        batch: ctx.seq,
        members: members.map((m) => ({ profile: String(m.profile), identities: m.sent })),
      },
      ctx.signal,
    );
    return { rejected: [] };
  }

  add(members: BatchMember[], ctx: BatchContext): Promise<BatchOutcome> {
    return this.send('audience.members.joined', members, ctx);
  }

  remove(members: BatchMember[], ctx: BatchContext): Promise<BatchOutcome> {
    return this.send('audience.members.left', members, ctx);
  }
}

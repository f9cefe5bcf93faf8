import { verifyWebhook } from '../standard-webhooks';
import { startStandIn, type StandIn } from './stand-in-server';

// A Standard Webhooks receiver: verifies the signature and the timestamp's freshness, and uses the
// webhook-id as its idempotency key, as a careful receiver does. It keeps the audience it was told.

export interface WebhookStandIn extends StandIn {
  members: Set<string>;
  /** Distinct message ids applied, in order. */
  applied: string[];
  /** Messages received again with an id already applied (dropped as duplicates). */
  duplicates: number;
  /** Members joined by two different messages: a batch re-composed and applied twice. */
  joinedTwice: number;
}

const TOLERANCE_S = 5 * 60;

export async function startWebhookStandIn(
  secret: string,
  port = 0,
  now = () => Date.now(),
): Promise<WebhookStandIn> {
  const members = new Set<string>();
  const applied: string[] = [];
  const joinedBy = new Map<string, string>();
  const state = { duplicates: 0, joinedTwice: 0 };
  const standIn = await startStandIn((req) => {
    const id = String(req.headers['webhook-id'] ?? '');
    const ts = Number(req.headers['webhook-timestamp']);
    const sig = String(req.headers['webhook-signature'] ?? '');
    if (!id || !Number.isInteger(ts) || !verifyWebhook(secret, id, ts, req.text, sig)) {
      return { status: 401, json: { error: 'bad signature' } };
    }
    if (Math.abs(now() / 1000 - ts) > TOLERANCE_S)
      return { status: 400, json: { error: 'stale timestamp' } };
    if (applied.includes(id)) {
      state.duplicates++;
      return { status: 200, json: { duplicate: true } };
    }
    const msg = req.json as { type?: string; members?: Array<{ profile: string }> };
    if (msg.type === 'ping') return { status: 204 };
    if (!Array.isArray(msg.members)) return { status: 422, json: { error: 'members missing' } };
    for (const m of msg.members) {
      if (msg.type === 'audience.members.joined') {
        if (joinedBy.has(m.profile) && members.has(m.profile)) state.joinedTwice++;
        joinedBy.set(m.profile, id);
        members.add(m.profile);
      } else if (msg.type === 'audience.members.left') members.delete(m.profile);
      else return { status: 422, json: { error: `unknown type ${String(msg.type)}` } };
    }
    applied.push(id);
    return { status: 204 };
  }, port);
  return Object.defineProperties(Object.assign(standIn, { members, applied }), {
    duplicates: { get: () => state.duplicates },
    joinedTwice: { get: () => state.joinedTwice },
  }) as WebhookStandIn;
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// Standard Webhooks signing (integrations.md): v1,BASE64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))
// where the key is the base64-decoded part of the "whsec_" secret.

const PREFIX = 'whsec_';

export function webhookKey(secret: string): Buffer {
  const b64 = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) {
    throw new Error('the webhook secret must be "whsec_" followed by base64');
  }
  return Buffer.from(b64, 'base64');
}

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', webhookKey(secret))
    .update(`${id}.${timestamp}.${body}`, 'utf8')
    .digest('base64');
  return `v1,${mac}`;
}

/** Checks a webhook-signature header (space-separated list of versioned signatures). */
export function verifyWebhook(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
  header: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body));
  return header.split(' ').some((candidate) => {
    const got = Buffer.from(candidate);
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}

/**
 * The message id of one batch: the same for every attempt and every resume of that batch, different
 * for any other batch, so receivers can use it as their idempotency key.
 */
export function batchMessageId(
  connectionId: number,
  audienceId: string,
  runId: number,
  seq: number,
): string {
  const digest = createHash('sha256')
    .update(`${connectionId}\u0000${audienceId}\u0000${runId}\u0000${seq}`)
    .digest('base64url');
  return `msg_${digest.slice(0, 24)}`;
}

import { afterEach, describe, expect, it } from 'vitest';
import { hashEmailForMeta } from '../identifier-hashing';
import { signWebhook } from '../standard-webhooks';
import { startKlaviyoStandIn } from './klaviyo-stand-in';
import { startMailchimpStandIn } from './mailchimp-stand-in';
import { startMetaStandIn } from './meta-stand-in';
import type { StandIn } from './stand-in-server';
import { startWebhookStandIn } from './webhook-stand-in';

// The stand-ins must refuse what the real partners refuse, or the client tests prove nothing.

const open: StandIn[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
async function track<T extends StandIn>(s: Promise<T>): Promise<T> {
  const v = await s;
  open.push(v);
  return v;
}

const post = (url: string, body: unknown, headers: Record<string, string>, method = 'POST') =>
  fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('partner stand-ins', () => {
  it('Mailchimp: Basic auth, at most 500 members, problem+json errors', async () => {
    const mc = await track(startMailchimpStandIn('key-us1', ['L']));
    const auth = { authorization: `Basic ${Buffer.from('x:key-us1').toString('base64')}` };
    const bad = await post(
      `${mc.url}/3.0/lists/L`,
      { members: [], update_existing: true },
      { authorization: 'Basic eDp3cm9uZw==' },
    );
    expect(bad.status).toBe(401);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    const members = Array.from({ length: 501 }, (_, i) => ({
      email_address: `u${i}@x.io`,
      status: 'subscribed',
    }));
    const big = await post(`${mc.url}/3.0/lists/L`, { members, update_existing: true }, auth);
    expect(big.status).toBe(400);
    expect(((await big.json()) as { detail: string }).detail).toMatch(/at most 500/);
    const ok = await post(
      `${mc.url}/3.0/lists/L`,
      {
        members: members.slice(0, 2).concat({ email_address: 'nope', status: 'subscribed' }),
        update_existing: true,
      },
      auth,
    );
    expect(await ok.json()).toMatchObject({ total_created: 2, error_count: 1 });
  });

  it('Meta: token, 10,000 rows, hashed columns, JSON or form-encoded payload', async () => {
    const meta = await track(startMetaStandIn('tok', '1'));
    const auth = { authorization: 'Bearer tok' };
    const created = (await (
      await post(
        `${meta.url}/v23.0/act_1/customaudiences`,
        { name: 'A', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY' },
        auth,
      )
    ).json()) as { id: string };
    const users = `${meta.url}/v23.0/${created.id}/users`;
    const unauth = await post(users, {}, { authorization: 'Bearer nope' });
    expect(((await unauth.json()) as { error: { code: number } }).error.code).toBe(190);
    const rows = Array.from({ length: 10_001 }, () => [hashEmailForMeta('a@b.c')]);
    const big = await post(users, { payload: { schema: ['EMAIL'], data: rows } }, auth);
    expect(big.status).toBe(400);
    const plain = await post(users, { payload: { schema: ['EMAIL'], data: [['a@b.c']] } }, auth);
    expect(((await plain.json()) as { error: { message: string } }).error.message).toMatch(
      /SHA-256/,
    );
    const form = await fetch(`${users}?access_token=tok`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `payload=${encodeURIComponent(JSON.stringify({ schema: 'EMAIL_SHA256', data: [hashEmailForMeta('a@b.c')] }))}`,
    });
    expect(await form.json()).toMatchObject({ num_received: 1 });
  });

  it('Klaviyo: key, revision, JSON:API type, at most 1,000 per list call', async () => {
    const kl = await track(startKlaviyoStandIn('pk', ['L']));
    const h = {
      authorization: 'Klaviyo-API-Key pk',
      revision: '2024-10-15',
      'content-type': 'application/vnd.api+json',
    };
    expect((await post(`${kl.url}/api/profile-import`, {}, { ...h, revision: '' })).status).toBe(
      400,
    );
    expect(
      (await post(`${kl.url}/api/profile-import`, {}, { ...h, 'content-type': 'application/json' }))
        .status,
    ).toBe(415);
    const data = Array.from({ length: 1001 }, (_, i) => ({ type: 'profile', id: String(i) }));
    const big = await post(`${kl.url}/api/lists/L/relationships/profiles`, { data }, h);
    expect(((await big.json()) as { errors: Array<{ detail: string }> }).errors[0]!.detail).toMatch(
      /At most 1000/,
    );
  });

  it('webhook: signature and timestamp checked, duplicates dropped by webhook-id', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const hook = await track(startWebhookStandIn(secret));
    const body = JSON.stringify({ type: 'audience.members.joined', members: [{ profile: '1' }] });
    const send = (id: string, ts: number, sig = signWebhook(secret, id, ts, body)) =>
      fetch(hook.url, {
        method: 'POST',
        headers: { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': sig },
        body,
      });
    const now = Math.floor(Date.now() / 1000);
    expect((await send('m1', now, 'v1,AAAA')).status).toBe(401);
    expect((await send('m1', now - 3600)).status).toBe(400);
    expect((await send('m1', now)).status).toBe(204);
    expect((await send('m1', now)).status).toBe(200);
    expect(hook.duplicates).toBe(1);
    expect([...hook.members]).toEqual(['1']);
  });
});

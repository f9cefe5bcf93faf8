import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveConnection } from './connection-store';
import { publishAudience, type PublishDeps } from './publish-audience';
import { publishHistory } from './publish-runs';
import {
  addProfiles,
  emailsOf,
  fastHttp,
  range,
  tempWorkspace,
  type TestWorkspace,
} from './publish-test-helpers';
import { MemorySecretStore } from './secret-store';
import { startMailchimpStandIn, type MailchimpStandIn } from './stand-ins/mailchimp-stand-in';

const KEY = 'k3y-us10';
const audience = { id: 'vip', name: 'VIP buyers' };
let ws: TestWorkspace;
let mc: MailchimpStandIn;
let secrets: MemorySecretStore;

beforeEach(async () => {
  ws = tempWorkspace();
  mc = await startMailchimpStandIn(KEY, ['L1']);
  secrets = new MemorySecretStore();
  secrets.set('MC_KEY', KEY);
  saveConnection(
    ws.db,
    {
      name: 'mc',
      type: 'mailchimp',
      config: { listId: 'L1', doubleOptIn: false, baseUrl: `${mc.url}/3.0` },
      secretRef: 'MC_KEY',
    },
    0,
  );
});
afterEach(async () => {
  await mc.close();
  ws.cleanup();
});

/** Publishes `audience` to the connection "mc" saved in beforeEach. */
const publish = (members: Uint32Array, http: PublishDeps['http']) =>
  publishAudience(ws.db, { connection: 'mc', audience, members }, { secrets, http });

describe('publishing to Mailchimp', () => {
  it('sends everyone first, then only the change, in batches of at most 500', async () => {
    addProfiles(ws.db, 1, 1300, (i) => i % 100 === 0);
    const { http } = fastHttp();
    const first = await publish(range(1, 1200), http);
    expect(first).toMatchObject({
      joined: 1188,
      left: 0,
      unchanged: 0,
      skipped: 12,
      batches: 3,
      status: 'done',
    });
    expect(mc.segmentMembers('VIP buyers')).toEqual(emailsOf(range(1, 1200, (i) => i % 100 !== 0)));
    expect(mc.state.lists.get('L1')!.get('user1@example.com')).toBe('subscribed');
    const upserts = mc.log.filter((r) => r.method === 'POST' && r.path === '/3.0/lists/L1');
    expect(upserts.map((r) => (r.json as { members: unknown[] }).members.length)).toEqual([
      500, 500, 188,
    ]);

    const next = range(101, 1300);
    mc.log.length = 0;
    const second = await publish(next, http);
    expect(second).toMatchObject({
      joined: 99,
      left: 99,
      unchanged: 1089,
      skipped: 12,
      batches: 2,
      status: 'done',
    });
    expect(mc.segmentMembers('VIP buyers')).toEqual(
      emailsOf(range(101, 1300, (i) => i % 100 !== 0)),
    );
    // Leavers stay on the list: only the segment mirrors the audience.
    expect(mc.state.lists.get('L1')!.has('user1@example.com')).toBe(true);
    expect(mc.state.repeatedSegmentAdds).toBe(0);

    const third = await publish(next, http);
    expect(third).toMatchObject({
      joined: 0,
      left: 0,
      unchanged: 1188,
      batches: 0,
      status: 'done',
    });
    expect(publishHistory(ws.db).map((r) => r.status)).toEqual(['done', 'done', 'done']);
  });

  it('retries 429, 503 and a cut connection, honouring Retry-After, and delivers exactly once', async () => {
    addProfiles(ws.db, 1, 1000);
    const { http, sleeps } = fastHttp();
    mc.script(
      {
        fault: {
          kind: 'reply',
          status: 429,
          json: { title: 'Too Many Requests', status: 429 },
          headers: { 'retry-after': '7' },
        },
      },
      {
        fault: { kind: 'reply', status: 503, json: { title: 'Service Unavailable', status: 503 } },
      },
      { match: /segments\/\d+$/, fault: { kind: 'drop-after-apply' } },
      { match: /segments\/\d+$/, fault: { kind: 'drop' } },
    );
    const r = await publish(range(1, 1000), http);
    expect(r.status).toBe('done');
    expect(sleeps[0]).toBe(7000);
    expect(sleeps.length).toBe(4);
    expect(mc.segmentMembers('VIP buyers')).toEqual(emailsOf(range(1, 1000)));
  });

  it('stops on a permanent error with the partner message and does not retry it', async () => {
    addProfiles(ws.db, 1, 10);
    secrets.set('MC_KEY', 'wrong-us10');
    const { http, sleeps } = fastHttp();
    const r = await publish(range(1, 10), http);
    expect(r.status).toBe('failed');
    expect(r.error).toContain('API Key Invalid');
    expect(sleeps).toEqual([]);
    expect(publishHistory(ws.db)[0]!.error).toContain('HTTP 401');
  });

  it('never repeats the key when a partner echoes it in an error', async () => {
    addProfiles(ws.db, 1, 2);
    const { http } = fastHttp();
    const echoed = `Basic ${Buffer.from(`studio:${KEY}`).toString('base64')}`;
    mc.script({
      fault: {
        kind: 'reply',
        status: 400,
        json: { title: 'Bad', detail: `got ${echoed} and ${KEY}` },
      },
    });
    const r = await publish(range(1, 2), http);
    expect(r.status).toBe('failed');
    expect(r.error).toContain('[redacted]');
    expect(r.error).not.toContain(KEY);
    expect(JSON.stringify(publishHistory(ws.db))).not.toContain(KEY);
  });

  it('records members the partner refuses one by one as not delivered', async () => {
    addProfiles(ws.db, 1, 3);
    ws.db
      .prepare(
        "UPDATE identities SET value = 'not-an-email@x' WHERE profile_id = 2 AND type = 'email'",
      )
      .run();
    const { http } = fastHttp();
    const r = await publish(range(1, 3), http);
    expect(r.status).toBe('done');
    expect(mc.segmentMembers('VIP buyers')).toEqual(['user1@example.com', 'user3@example.com']);
    expect(publishHistory(ws.db)[0]!.batchErrors[0]!.error).toMatch(/1 refused, e.g. profile 2/);
  });
});

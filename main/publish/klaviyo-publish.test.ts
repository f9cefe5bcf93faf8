import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KlaviyoClient } from './clients/klaviyo-client';
import { saveConnection } from './connection-store';
import { publishAudience, type PublishDeps } from './publish-audience';
import {
  addProfiles,
  emailsOf,
  fastHttp,
  range,
  tempWorkspace,
  type TestWorkspace,
} from './publish-test-helpers';
import { MemorySecretStore } from './secret-store';
import { startKlaviyoStandIn, type KlaviyoStandIn } from './stand-ins/klaviyo-stand-in';

const audience = { id: 'trial', name: 'Trial users' };
let ws: TestWorkspace;
let kl: KlaviyoStandIn;
const secrets = new MemorySecretStore();
secrets.set('KL_KEY', 'pk_test');

beforeEach(async () => {
  ws = tempWorkspace();
  kl = await startKlaviyoStandIn('pk_test', ['Xy12']);
  saveConnection(
    ws.db,
    {
      name: 'kl',
      type: 'klaviyo',
      config: { listId: 'Xy12', baseUrl: kl.url },
      secretRef: 'KL_KEY',
    },
    0,
  );
});
afterEach(async () => {
  await kl.close();
  ws.cleanup();
});

/** Publishes `audience` to the connection "kl" saved in beforeEach. */
const publish = (members: Uint32Array, http: PublishDeps['http']) =>
  publishAudience(ws.db, { connection: 'kl', audience, members }, { secrets, http });

describe('publishing to Klaviyo', () => {
  it('upserts profiles, adds them to the list in batches of 1,000 and removes leavers by profile id', async () => {
    addProfiles(ws.db, 1, 1100);
    const { http } = fastHttp();
    const first = await publish(range(1, 1100), http);
    expect(first).toMatchObject({ joined: 1100, batches: 2, status: 'done' });
    expect(kl.listEmails('Xy12')).toEqual(emailsOf(range(1, 1100)));
    const adds = kl.log.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/relationships/profiles'),
    );
    expect(adds.map((r) => (r.json as { data: unknown[] }).data.length)).toEqual([1000, 100]);
    expect(kl.log.every((r) => r.headers.revision === '2024-10-15')).toBe(true);

    const second = await publish(range(51, 1100), http);
    expect(second).toMatchObject({ joined: 0, left: 50, status: 'done' });
    expect(kl.listEmails('Xy12')).toEqual(emailsOf(range(51, 1100)));
  });

  it('honours Retry-After on 429 and survives a slow answer by retrying', async () => {
    addProfiles(ws.db, 1, 5);
    const { http, sleeps } = fastHttp({}, 300);
    kl.script(
      {
        match: /profile-import/,
        fault: {
          kind: 'reply',
          status: 429,
          json: { errors: [{ code: 'throttled', title: 'Request was throttled.' }] },
          headers: { 'retry-after': '2' },
        },
      },
      { match: /relationships/, fault: { kind: 'slow', ms: 1000 } },
    );
    const r = await publish(range(1, 5), http);
    expect(r.status).toBe('done');
    expect(sleeps[0]).toBe(2000);
    expect(sleeps.length).toBe(2);
    expect(kl.listEmails('Xy12')).toEqual(emailsOf(range(1, 5)));
  });

  it('tests the connection by reading the list', async () => {
    const { http } = fastHttp();
    await new KlaviyoClient(
      { listId: 'Xy12', baseUrl: kl.url },
      { secret: 'pk_test', http },
    ).test();
    await expect(
      new KlaviyoClient({ listId: 'Xy12', baseUrl: kl.url }, { secret: 'pk_bad', http }).test(),
    ).rejects.toThrow(/HTTP 401.*Missing or invalid private key/);
    expect(kl.log.every((r) => r.method === 'GET')).toBe(true);
  });

  it('shows Klaviyo error details for a missing list', async () => {
    addProfiles(ws.db, 1, 2);
    saveConnection(
      ws.db,
      {
        name: 'kl',
        type: 'klaviyo',
        config: { listId: 'nope', baseUrl: kl.url },
        secretRef: 'KL_KEY',
      },
      1,
    );
    const { http } = fastHttp();
    const r = await publish(range(1, 2), http);
    expect(r.status).toBe('failed');
    expect(r.error).toContain('List nope does not exist');
  });
});

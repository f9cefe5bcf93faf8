import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetaClient } from './clients/meta-client';
import { getConnection, saveConnection } from './connection-store';
import { hashEmailForMeta } from './identifier-hashing';
import { publishAudience, type PublishDeps } from './publish-audience';
import { getTarget } from './publish-targets';
import {
  addProfiles,
  emailOf,
  fastHttp,
  range,
  tempWorkspace,
  type TestWorkspace,
} from './publish-test-helpers';
import { MemorySecretStore } from './secret-store';
import { startMetaStandIn, type MetaStandIn } from './stand-ins/meta-stand-in';

const audience = { id: 'lapsed', name: 'Lapsed buyers' };
let ws: TestWorkspace;
let meta: MetaStandIn;
const secrets = new MemorySecretStore();
secrets.set('META_TOKEN', 'EAAtoken');

beforeEach(async () => {
  ws = tempWorkspace();
  meta = await startMetaStandIn('EAAtoken', '1234');
  saveConnection(
    ws.db,
    {
      name: 'fb',
      type: 'meta',
      config: { adAccount: 'act_1234', baseUrl: `${meta.url}/v23.0` },
      secretRef: 'META_TOKEN',
    },
    0,
  );
});
afterEach(async () => {
  await meta.close();
  ws.cleanup();
});

/** Publishes `audience` to the connection "fb" saved in beforeEach. */
const publish = (members: Uint32Array, http: PublishDeps['http']) =>
  publishAudience(ws.db, { connection: 'fb', audience, members }, { secrets, http });

const row = (i: number) => `${hashEmailForMeta(emailOf(i))}|||c${i}`;

describe('publishing to Meta Custom Audiences', () => {
  it('creates the audience once, adds hashed rows in batches of 10,000 and removes leavers with the same values', async () => {
    addProfiles(ws.db, 1, 12_000);
    const { http } = fastHttp();
    const first = await publish(range(1, 12_000), http);
    expect(first).toMatchObject({ joined: 12_000, batches: 2, status: 'done' });
    expect(meta.audiences.size).toBe(1);
    const [id, aud] = [...meta.audiences][0]!;
    expect(aud).toMatchObject({ name: 'Lapsed buyers', subtype: 'CUSTOM' });
    expect(getTarget(ws.db, getConnection(ws.db, 'fb')!.id, 'lapsed').remoteId).toBe(id);
    expect(aud.rows.size).toBe(12_000);
    expect(aud.rows.has(row(7))).toBe(true);
    const uploads = meta.log.filter((r) => r.path.endsWith('/users'));
    expect(
      uploads.map((r) => (r.json as { payload: { data: unknown[] } }).payload.data.length),
    ).toEqual([10_000, 2_000]);
    expect(
      (uploads[1]!.json as { session: { last_batch_flag: boolean } }).session.last_batch_flag,
    ).toBe(true);

    // The email changes after delivery: the leave must remove the value that was added.
    ws.db
      .prepare(
        "UPDATE identities SET value = 'new@example.com' WHERE profile_id = 5 AND type = 'email'",
      )
      .run();
    const second = await publish(range(6, 12_000), http);
    expect(second).toMatchObject({ joined: 0, left: 5, unchanged: 11_995, status: 'done' });
    expect(aud.rows.size).toBe(11_995);
    expect(aud.rows.has(row(5))).toBe(false);
    expect(meta.audiences.size).toBe(1);
  });

  it('retries throttling codes and stops on a blocked upload without retrying', async () => {
    addProfiles(ws.db, 1, 10);
    const { http, sleeps } = fastHttp();
    meta.script(
      {
        match: /users$/,
        fault: {
          kind: 'reply',
          status: 400,
          json: {
            error: { message: 'User request limit reached', code: 17, type: 'OAuthException' },
          },
        },
      },
      {
        match: /users$/,
        fault: {
          kind: 'reply',
          status: 400,
          json: {
            error: {
              message: 'Upload blocked',
              code: 100,
              error_subcode: 1713230,
              type: 'OAuthException',
            },
          },
        },
      },
    );
    const r = await publish(range(1, 10), http);
    expect(sleeps.length).toBe(1);
    expect(r.status).toBe('failed');
    expect(r.error).toContain('Upload blocked (code 100, subcode 1713230)');
  });

  it('creates a lookalike from a published audience, checking country and ratio', async () => {
    addProfiles(ws.db, 1, 3);
    const { http } = fastHttp();
    await publish(range(1, 3), http);
    const origin = getTarget(ws.db, getConnection(ws.db, 'fb')!.id, 'lapsed').remoteId!;
    const client = new MetaClient(
      { adAccount: '1234', baseUrl: `${meta.url}/v23.0` },
      { secret: 'EAAtoken', http },
    );
    const id = await client.createLookalike(origin, { country: 'US', ratio: 0.05 });
    expect(meta.audiences.get(id)).toMatchObject({
      subtype: 'LOOKALIKE',
      lookalike: { origin, country: 'US', ratio: 0.05 },
    });
    await expect(client.createLookalike(origin, { country: 'US', ratio: 0.25 })).rejects.toThrow(
      /0.01 to 0.20/,
    );
    await expect(client.createLookalike(origin, { country: 'usa', ratio: 0.1 })).rejects.toThrow(
      /two-letter/,
    );
  });

  it('tests the connection with an authenticated read, and reports a bad token', async () => {
    const { http } = fastHttp();
    await new MetaClient(
      { adAccount: '1234', baseUrl: `${meta.url}/v23.0` },
      { secret: 'EAAtoken', http },
    ).test();
    await expect(
      new MetaClient(
        { adAccount: '1234', baseUrl: `${meta.url}/v23.0` },
        { secret: 'bad', http },
      ).test(),
    ).rejects.toThrow(/Invalid OAuth access token/);
  });
});

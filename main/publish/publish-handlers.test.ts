import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AudienceDefinition } from '../../shared/audience/audience-types';
import type { PublishJob } from '../../shared/contract/publish-channels';
import { bumpDataVersion } from '../cache/settings';
import { audienceLibrary } from '../audiences/audience-store';
import { openEngine } from '../engine/index';
import { createPublishHandlers, type PublishHandlers } from './publish-handlers';
import { publishRequestValidators } from './publish-request-validators';
import { addProfiles, fastHttp, tempWorkspace, type TestWorkspace } from './publish-test-helpers';
import { MemorySecretStore } from './secret-store';
import { startMailchimpStandIn, type MailchimpStandIn } from './stand-ins/mailchimp-stand-in';

const KEY = 'handler-secret-key-us10';
let ws: TestWorkspace;
let mc: MailchimpStandIn;
let secrets: MemorySecretStore;
let h: PublishHandlers;

const gold: AudienceDefinition = {
  format: 'audience/v1',
  id: 'gold',
  name: 'Gold',
  kind: 'standard',
  root: {
    type: 'group',
    id: 'root',
    match: 'all',
    children: [{ type: 'attribute', id: 'a', attribute: 'tier', op: '=', value: 'gold' }],
  },
};

function setTier(from: number, to: number, tier: string) {
  const s = ws.db.prepare(
    `INSERT INTO attributes (profile_id, name, value, written_at, write_order) VALUES (?, 'tier', ?, 0, 0)
     ON CONFLICT DO UPDATE SET value = excluded.value`,
  );
  ws.db.transaction(() => {
    for (let i = from; i <= to; i++) s.run(i, JSON.stringify(tier));
    bumpDataVersion(ws.db);
  })();
}

async function finish(job: PublishJob): Promise<PublishJob> {
  let j = job;
  for (let i = 0; i < 500 && j.state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 10));
    j = await h['publish-progress']({ jobId: job.jobId });
  }
  return j;
}

beforeEach(async () => {
  ws = tempWorkspace();
  addProfiles(ws.db, 1, 600);
  setTier(1, 500, 'gold');
  mc = await startMailchimpStandIn(KEY, ['L1']);
  secrets = new MemorySecretStore();
  const engine = openEngine(ws.db);
  h = createPublishHandlers({
    db: ws.db,
    members: (def, asOf) => engine.members(def, { asOf, library: audienceLibrary(ws.db) }),
    now: Date.now,
    secrets,
    http: fastHttp().http,
  });
});
afterEach(async () => {
  await mc.close();
  ws.cleanup();
});

describe('publish handlers', () => {
  it('saves a connection with its secret in the secret store only, previews, publishes and sends only the change', async () => {
    const saved = await h['connection-save']({
      name: 'mc',
      type: 'mailchimp',
      settings: { listId: 'L1', doubleOptIn: true, baseUrl: `${mc.url}/3.0` },
      secret: KEY,
    });
    expect(saved).toEqual({
      name: 'mc',
      type: 'mailchimp',
      settings: { listId: 'L1', doubleOptIn: true, baseUrl: `${mc.url}/3.0` },
      hasSecret: true,
      disabled: null,
    });
    expect(JSON.stringify(await h['connections-list']({}))).not.toContain(KEY);
    expect(await h['connection-test']({ name: 'mc' })).toEqual({ ok: true });

    const preview = await h['publish-preview']({ connection: 'mc', definition: gold });
    expect(preview).toMatchObject({
      joined: 500,
      left: 0,
      unchanged: 0,
      skipped: 0,
      batches: 1,
      resumeBatches: 0,
    });
    expect(preview.identifierNote).toMatch(/email/);
    expect(mc.log.filter((r) => r.method === 'POST')).toEqual([]);

    const done = await finish(await h['publish-start']({ connection: 'mc', definition: gold }));
    expect(done).toMatchObject({
      state: 'done',
      result: { joined: 500, batches: 1, acknowledged: 1 },
    });
    expect(mc.segmentMembers('Gold').length).toBe(500);
    expect(mc.state.lists.get('L1')!.get('user1@example.com')).toBe('pending');

    setTier(1, 20, 'silver');
    setTier(501, 530, 'gold');
    const status = await h['publish-status']({ definition: gold });
    expect(status).toMatchObject([
      { connection: 'mc', state: 'drifted', drift: { joined: 30, left: 20 } },
    ]);
    const again = await finish(await h['publish-start']({ connection: 'mc', definition: gold }));
    expect(again).toMatchObject({
      state: 'done',
      result: { joined: 30, left: 20, unchanged: 480 },
    });
    expect((await h['publish-status']({ definition: gold }))[0]!.state).toBe('in-step');
    const history = await h['publish-history']({ audience: 'gold' });
    expect(history.map((r) => [r.status, r.joined, r.left])).toEqual([
      ['done', 30, 20],
      ['done', 500, 0],
    ]);

    // The secret never reached the cache file.
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(ws.dbPath).includes(Buffer.from(KEY))).toBe(false);
  });

  it('cancels after the batch in flight; the next publish resumes and completes', async () => {
    addProfiles(ws.db, 601, 1600);
    setTier(501, 1600, 'gold');
    await h['connection-save']({
      name: 'mc',
      type: 'mailchimp',
      settings: { listId: 'L1', baseUrl: `${mc.url}/3.0` },
      secret: KEY,
    });
    mc.setDelay(100);
    let job = await h['publish-start']({ connection: 'mc', definition: gold });
    await expect(h['publish-start']({ connection: 'mc', definition: gold })).rejects.toMatchObject({
      code: 'conflict',
    });
    while (job.batchesDone < 1) {
      await new Promise((r) => setTimeout(r, 10));
      job = await h['publish-progress']({ jobId: job.jobId });
    }
    await h['publish-cancel']({ jobId: job.jobId });
    const stopped = await finish(job);
    expect(stopped.state).toBe('partial');
    expect(stopped.result!.acknowledged).toBeLessThan(4);
    const preview = await h['publish-preview']({ connection: 'mc', definition: gold });
    expect(preview.resumeBatches).toBe(4 - stopped.result!.acknowledged);
    mc.setDelay(0);
    const done = await finish(await h['publish-start']({ connection: 'mc', definition: gold }));
    expect(done.state).toBe('done');
    expect(mc.segmentMembers('Gold').length).toBe(1600);
  });

  it('reports a bad key as a partner error and removes a connection with its secret', async () => {
    await h['connection-save']({
      name: 'mc',
      type: 'mailchimp',
      settings: { listId: 'L1', baseUrl: `${mc.url}/3.0` },
      secret: 'bad-us10',
    });
    await expect(h['connection-test']({ name: 'mc' })).rejects.toMatchObject({
      code: 'partner-error',
      message: expect.stringMatching(/API Key Invalid/),
    });
    expect(secrets.get('audience-studio/connection/mc')).toBe('bad-us10');
    await h['connection-delete']({ name: 'mc' });
    expect(secrets.get('audience-studio/connection/mc')).toBeUndefined();
    expect(await h['connections-list']({})).toEqual([]);
  });

  it('refuses malformed requests naming the field', () => {
    expect(() =>
      publishRequestValidators['connection-save']({ name: 'x', type: 'ftp', settings: {} }),
    ).toThrow(/"type" must be one of/);
    expect(() =>
      publishRequestValidators['publish-start']({
        connection: 'x',
        definition: gold,
        asOf: 'yesterday',
      }),
    ).toThrow(/asOf/);
    expect(() =>
      publishRequestValidators['lookalike-create']({
        connection: 'x',
        audience: 'a',
        country: 'US',
        ratio: 0.5,
      }),
    ).toThrow(/ratio/);
    expect(() => publishRequestValidators['publish-progress']({ jobId: 'p', extra: 1 })).toThrow(
      /unknown field "extra"/,
    );
  });
});

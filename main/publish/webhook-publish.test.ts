import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookClient } from './clients/webhook-client';
import { getConnection, saveConnection } from './connection-store';
import { startOfflineQueue } from './offline-queue';
import { publishAudience, type PublishDeps, PublishRefusedError } from './publish-audience';
import { publishHistory } from './publish-runs';
import {
  addProfiles,
  fastHttp,
  range,
  tempWorkspace,
  type TestWorkspace,
} from './publish-test-helpers';
import { MemorySecretStore } from './secret-store';
import { startWebhookStandIn, type WebhookStandIn } from './stand-ins/webhook-stand-in';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const audience = { id: 'churn', name: 'Churn risk' };
let ws: TestWorkspace;
let hook: WebhookStandIn;
const secrets = new MemorySecretStore();
secrets.set('HOOK', SECRET);

function connect(url: string) {
  saveConnection(
    ws.db,
    { name: 'hook', type: 'webhook', config: { url: `${url}/in` }, secretRef: 'HOOK' },
    0,
  );
}

beforeEach(async () => {
  ws = tempWorkspace();
  hook = await startWebhookStandIn(SECRET);
  connect(hook.url);
});
afterEach(async () => {
  await hook.close();
  ws.cleanup();
});

/** Publishes `audience` to the connection "hook" saved in beforeEach. */
const publish = (members: Uint32Array, http: PublishDeps['http']) =>
  publishAudience(ws.db, { connection: 'hook', audience, members }, { secrets, http });

const ids = (from: number, to: number) => Array.from(range(from, to), String).sort();
const held = () => [...hook.members].sort();

describe('publishing to a signed webhook', () => {
  it('resumes an interrupted publish with the same batches and message ids: nothing lost, nothing doubled', async () => {
    addProfiles(ws.db, 1, 5000);
    const { http } = fastHttp({ maxAttempts: 2 });
    // Batch 2 is applied but its answer is lost; the retry meets a 503 and the run stops.
    hook.script(
      { fault: { kind: 'pass' } },
      { fault: { kind: 'pass' } },
      { fault: { kind: 'drop-after-apply' } },
      { fault: { kind: 'reply', status: 503 } },
    );
    const first = await publish(range(1, 5000), http);
    expect(first).toMatchObject({ status: 'partial', joined: 5000, batches: 5, acknowledged: 2 });
    expect(first.error).toMatch(/HTTP 503/);
    expect(hook.applied.length).toBe(3);

    const second = await publish(range(1, 5000), http);
    expect(second).toMatchObject({
      status: 'done',
      batches: 3,
      acknowledged: 3,
      joined: 0,
      unchanged: 5000,
    });
    expect(held()).toEqual(ids(1, 5000));
    expect(hook.duplicates).toBe(1);
    expect(hook.joinedTwice).toBe(0);
    expect(hook.applied.length).toBe(5);
    expect(publishHistory(ws.db).map((r) => [r.status, r.acked, r.batches])).toEqual([
      ['done', 0, 0],
      ['done', 5, 5],
    ]);
  });

  it('after an interruption and a change of membership, ends with exactly the new audience', async () => {
    addProfiles(ws.db, 1, 3000);
    const { http } = fastHttp({ maxAttempts: 1 });
    hook.script({ fault: { kind: 'pass' } }, { fault: { kind: 'drop' } });
    const first = await publish(range(1, 2500), http);
    expect(first.status).toBe('partial');
    const second = await publish(range(501, 3000), http);
    expect(second.status).toBe('done');
    expect(held()).toEqual(ids(501, 3000));
    expect(hook.joinedTwice).toBe(0);
  });

  it('refuses to send a run another live publisher is sending, and takes over one left by a dead process', async () => {
    addProfiles(ws.db, 1, 1500);
    const { http } = fastHttp();
    hook.setDelay(150);
    const first = publish(range(1, 1500), http);
    await new Promise((r) => setTimeout(r, 50));
    await expect(publish(range(1, 1500), http)).rejects.toThrow(/already being published/);
    expect((await first).status).toBe('done');
    hook.setDelay(0);

    // A run marked as sent by another live process (the parent of this one) is left alone...
    hook.script({ fault: { kind: 'reply', status: 503 } });
    const stopped = await publish(range(1, 1400), fastHttp({ maxAttempts: 1 }).http);
    expect(stopped.status).toBe('partial');
    ws.db
      .prepare("UPDATE publish_runs SET status = 'running', owner_pid = ? WHERE id = ?")
      .run(process.ppid, 2);
    await expect(publish(range(1, 1400), http)).rejects.toThrow(
      new RegExp(`another process .* pid ${process.ppid}`),
    );
    // ...but one whose process is gone is resumed.
    ws.db.prepare('UPDATE publish_runs SET owner_pid = 2147483646 WHERE id = 2').run();
    const resumed = await publish(range(1, 1400), http);
    expect(resumed.status).toBe('done');
    expect(held()).toEqual(ids(1, 1400));
  });

  it('tests the connection with a signed ping that changes nothing', async () => {
    const { http } = fastHttp();
    await new WebhookClient({ url: hook.url }, { secret: SECRET, http }).test();
    expect(hook.log.length).toBe(1);
    expect(hook.members.size).toBe(0);
    await expect(
      new WebhookClient({ url: hook.url }, { secret: 'whsec_d3Jvbmc=', http }).test(),
    ).rejects.toThrow(/HTTP 401/);
  });

  it('disables the connection when the receiver answers 410 Gone', async () => {
    addProfiles(ws.db, 1, 3);
    const { http, sleeps } = fastHttp();
    hook.script({ fault: { kind: 'reply', status: 410 } });
    const r = await publish(range(1, 3), http);
    expect(r.status).toBe('failed');
    expect(sleeps).toEqual([]);
    expect(getConnection(ws.db, 'hook')!.disabledReason).toMatch(/HTTP 410/);
    await expect(publish(range(1, 3), http)).rejects.toThrow(PublishRefusedError);
  });

  it('fails a 400 without retrying and shows the receiver message', async () => {
    addProfiles(ws.db, 1, 3);
    const { http, sleeps } = fastHttp();
    hook.script({ fault: { kind: 'reply', status: 400, json: { error: 'schema mismatch' } } });
    const r = await publish(range(1, 3), http);
    expect(r.status).toBe('failed');
    expect(r.error).toContain('schema mismatch');
    expect(sleeps).toEqual([]);
  });

  it('waits offline as pending, and the queue sends it when the network returns', async () => {
    addProfiles(ws.db, 1, 1500);
    const port = hook.port;
    await hook.close();
    const { http } = fastHttp({ maxAttempts: 2 });
    const r = await publish(range(1, 1500), http);
    expect(r.status).toBe('pending');
    expect(r.error).toMatch(/ECONNREFUSED/);

    // The default probe asks the waiting run's own partner.
    const queue = startOfflineQueue({ db: ws.db, deps: { secrets, http }, intervalMs: 60_000 });
    try {
      expect(await queue.check()).toEqual([]);
      hook = await startWebhookStandIn(SECRET, port);
      const resumed = await queue.check();
      expect(resumed.map((x) => x.status)).toEqual(['done']);
      expect(held()).toEqual(ids(1, 1500));
      expect(await queue.check()).toEqual([]);
    } finally {
      queue.stop();
    }
  });

  it('the queue retries on its own timer until the network is back', async () => {
    addProfiles(ws.db, 1, 300);
    const port = hook.port;
    await hook.close();
    const { http } = fastHttp({ maxAttempts: 1 });
    const r = await publish(range(1, 300), http);
    expect(r.status).toBe('pending');
    const resumed: string[] = [];
    const queue = startOfflineQueue({
      db: ws.db,
      deps: { secrets, http },
      intervalMs: 50,
      onResumed: (results) => resumed.push(...results.map((x) => x.status)),
    });
    try {
      await new Promise((done) => setTimeout(done, 200));
      expect(resumed).toEqual([]);
      hook = await startWebhookStandIn(SECRET, port);
      for (let i = 0; i < 100 && resumed.length === 0; i++)
        await new Promise((done) => setTimeout(done, 20));
      expect(resumed).toEqual(['done']);
      expect(held()).toEqual(ids(1, 300));
    } finally {
      queue.stop();
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveConnection } from './connection-store';
import { publishAudience, type PublishDeps } from './publish-audience';
import { audiencePublishStatus } from './publish-status';
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
const audience = { id: 'a', name: 'A' };
let ws: TestWorkspace;
let hook: WebhookStandIn;
const secrets = new MemorySecretStore();
secrets.set('S', SECRET);

beforeEach(async () => {
  ws = tempWorkspace();
  hook = await startWebhookStandIn(SECRET);
  saveConnection(
    ws.db,
    { name: 'hook', type: 'webhook', config: { url: hook.url }, secretRef: 'S' },
    0,
  );
  addProfiles(ws.db, 1, 100);
});
afterEach(async () => {
  await hook.close();
  ws.cleanup();
});

/** Publishes `audience` to the connection "hook" saved in beforeEach. */
const publish = (members: Uint32Array, http: PublishDeps['http']) =>
  publishAudience(ws.db, { connection: 'hook', audience, members }, { secrets, http });

describe('publish status of an audience', () => {
  it('is in step after a publish, drifted when membership changes, unfinished after an interruption', async () => {
    expect(audiencePublishStatus(ws.db, audience, range(1, 50))).toEqual([]);
    const { http } = fastHttp({ maxAttempts: 1 });
    await publish(range(1, 50), http);
    const [s] = audiencePublishStatus(ws.db, audience, range(1, 50));
    expect(s).toMatchObject({
      connection: 'hook',
      state: 'in-step',
      drift: { joined: 0, left: 0 },
      lastRun: { status: 'done', joined: 50 },
    });
    expect(s!.inStepAt).toMatch(/^\d{4}-/);
    expect(audiencePublishStatus(ws.db, audience, range(11, 60))[0]).toMatchObject({
      state: 'drifted',
      drift: { joined: 10, left: 10 },
    });
    hook.script({ fault: { kind: 'reply', status: 503 } });
    await publish(range(11, 60), http);
    expect(audiencePublishStatus(ws.db, audience, range(11, 60))[0]).toMatchObject({
      state: 'unfinished',
      lastRun: { status: 'partial' },
    });
  });
});

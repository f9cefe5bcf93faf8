import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from './clients/create-client';
import { saveConnection } from './connection-store';
import { planPublish } from './plan-publish';
import { recordDelivered } from './publish-ledger';
import {
  addProfiles,
  fastHttp,
  range,
  tempWorkspace,
  type TestWorkspace,
} from './publish-test-helpers';
import type { Connection } from './publish-types';

let ws: TestWorkspace;
let meta: Connection;
let mailchimp: Connection;
const { http } = fastHttp();

beforeEach(() => {
  ws = tempWorkspace();
  meta = saveConnection(
    ws.db,
    { name: 'fb', type: 'meta', config: { adAccount: '1' }, secretRef: 'T' },
    0,
  );
  mailchimp = saveConnection(
    ws.db,
    { name: 'mc', type: 'mailchimp', config: { listId: 'L', doubleOptIn: true }, secretRef: 'K' },
    0,
  );
});
afterEach(() => ws.cleanup());

describe('planning a publish', () => {
  it('counts members without a usable identifier as skipped, per partner', () => {
    addProfiles(ws.db, 1, 10, (i) => i <= 3);
    ws.db
      .prepare("INSERT INTO identities (type, value, profile_id) VALUES ('email', 'no-at-sign', 4)")
      .run();
    ws.db
      .prepare(
        "DELETE FROM identities WHERE profile_id = 4 AND type = 'email' AND value != 'no-at-sign'",
      )
      .run();
    const mc = planPublish(
      ws.db,
      createClient(mailchimp, { secret: 'k-us1', http }),
      mailchimp.id,
      { id: 'a', name: 'A' },
      range(1, 10),
    );
    expect(mc).toMatchObject({ joined: 6, skipped: 4, left: 0 });
    // Meta also matches customer_id, which every profile has.
    const fb = planPublish(
      ws.db,
      createClient(meta, { secret: 't', http }),
      meta.id,
      { id: 'a', name: 'A' },
      range(1, 10),
    );
    expect(fb).toMatchObject({ joined: 10, skipped: 0 });
    expect(fb.identifierNote).toMatch(/SHA-256/);
  });

  it('plans a 200,000-member audience, first and after a change, in seconds', () => {
    addProfiles(ws.db, 1, 200_000, (i) => i % 7 === 0);
    const client = createClient(mailchimp, { secret: 'k-us1', http });
    let t = performance.now();
    const first = planPublish(
      ws.db,
      client,
      mailchimp.id,
      { id: 'a', name: 'A' },
      range(1, 200_000),
    );
    const firstMs = performance.now() - t;
    const skipped = Math.floor(200_000 / 7);
    expect(first).toMatchObject({ joined: 200_000 - skipped, skipped, left: 0 });
    expect(first.batches.length).toBe(Math.ceil((200_000 - skipped) / 500));
    expect(first.batches.every((b) => b.ids.length <= 500)).toBe(true);

    ws.db.transaction(() => {
      recordDelivered(
        ws.db,
        mailchimp.id,
        'a',
        Array.from(
          first.batches.flatMap((b) => Array.from(b.ids)),
          (id) => [id, { email: `user${id}@example.com` }],
        ),
      );
    })();
    t = performance.now();
    const second = planPublish(
      ws.db,
      client,
      mailchimp.id,
      { id: 'a', name: 'A' },
      range(1001, 200_000),
    );
    const secondMs = performance.now() - t;
    expect(second.left).toBe(1000 - Math.floor(1000 / 7));
    expect(second.joined).toBe(0);
    expect(firstMs).toBeLessThan(5000);
    expect(secondMs).toBeLessThan(3000);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveConnection } from './connection-store';
import { publishAudience, type PublishDeps } from './publish-audience';
import {
  addProfiles,
  fastHttp,
  range,
  tempWorkspace,
  type TestWorkspace,
} from './publish-test-helpers';
import { MemorySecretStore } from './secret-store';

let ws: TestWorkspace;
const secrets = new MemorySecretStore();
const audience = { id: 'a', name: 'A' };

beforeEach(() => {
  ws = tempWorkspace();
  addProfiles(ws.db, 1, 5, (i) => i === 5);
  ws.db
    .prepare(
      "UPDATE identities SET value = 'x,\"y\"@example.com' WHERE profile_id = 1 AND type = 'email'",
    )
    .run();
});
afterEach(() => ws.cleanup());

describe('file export', () => {
  it('appends joins and leaves as NDJSON, every member included', async () => {
    const file = path.join(ws.dir, 'out.ndjson');
    saveConnection(
      ws.db,
      { name: 'f', type: 'file', config: { path: file, format: 'ndjson' }, secretRef: null },
      0,
    );
    const { http } = fastHttp();
    const first = await publish(range(1, 5), http);
    expect(first).toMatchObject({ joined: 5, skipped: 0, status: 'done' });
    await publish(range(2, 5), http);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => `${l.change}:${l.profile}`)).toEqual([
      'join:1',
      'join:2',
      'join:3',
      'join:4',
      'join:5',
      'leave:1',
    ]);
    expect(lines[5]).toMatchObject({
      identities: { customer_id: ['c1'], email: ['x,"y"@example.com'] },
      audience: 'a',
    });
  });

  it('writes CSV with a header once and quoted cells', async () => {
    const file = path.join(ws.dir, 'out.csv');
    saveConnection(
      ws.db,
      { name: 'f', type: 'file', config: { path: file, format: 'csv' }, secretRef: null },
      0,
    );
    const { http } = fastHttp();
    await publish(range(1, 2), http);
    await publish(range(2, 2), http);
    const rows = readFileSync(file, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('change,profile,identity_type,identity_value,audience,run,batch');
    expect(rows.filter((r) => r.startsWith('change,')).length).toBe(1);
    expect(rows).toContain('join,1,email,"x,""y""@example.com",a,1,0');
    expect(rows.at(-1)).toMatch(/^leave,1,email,"x,""y""@example.com",a,2,0$/);
  });
});

/** Publishes `audience` to the connection "f" each test saves. */
const publish = (members: Uint32Array, http: PublishDeps['http']) =>
  publishAudience(ws.db, { connection: 'f', audience, members }, { secrets, http });

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache } from '../../cache/open-cache';
import { bumpDataVersion } from '../../cache/settings';
import { addProfiles, tempWorkspace, type TestWorkspace } from '../../publish/publish-test-helpers';
import {
  startMailchimpStandIn,
  type MailchimpStandIn,
} from '../../publish/stand-ins/mailchimp-stand-in';
import { startWebhookStandIn } from '../../publish/stand-ins/webhook-stand-in';
import { runCli } from '../run-cli';
import { captureIo } from '../test-support/capture-io';

// The connect, connections and publish commands against stand-in partners, in process, and one
// publish killed mid-way in a child process and resumed.

const KEY = 'cli-key-us10';
let ws: TestWorkspace;
let mc: MailchimpStandIn;
let audienceFile: string;

const io = (env: NodeJS.ProcessEnv = {}) => captureIo(ws.dir, { env });

function setTier(db: ReturnType<typeof openCache>, from: number, to: number, tier: string) {
  const s = db.prepare(
    `INSERT INTO attributes (profile_id, name, value, written_at, write_order) VALUES (?, 'tier', ?, 0, 0)
     ON CONFLICT DO UPDATE SET value = excluded.value`,
  );
  db.transaction(() => {
    for (let i = from; i <= to; i++) s.run(i, JSON.stringify(tier));
    bumpDataVersion(db);
  })();
}

const emails = (from: number, to: number, keep: (i: number) => boolean = () => true) =>
  Array.from({ length: to - from + 1 }, (_, k) => from + k)
    .filter(keep)
    .map((i) => `user${i}@example.com`)
    .sort();

beforeEach(async () => {
  ws = tempWorkspace();
  addProfiles(ws.db, 1, 1200, (i) => i % 250 === 0);
  setTier(ws.db, 1, 1000, 'gold');
  setTier(ws.db, 1001, 1200, 'silver');
  ws.db.close();
  mc = await startMailchimpStandIn(KEY, ['L9']);
  audienceFile = path.join(ws.dir, 'gold.json');
  writeFileSync(
    audienceFile,
    JSON.stringify({
      format: 'audience/v1',
      id: 'gold',
      name: 'Gold tier',
      kind: 'standard',
      root: {
        type: 'group',
        id: 'root',
        match: 'all',
        children: [{ type: 'attribute', id: 'a1', attribute: 'tier', op: '=', value: 'gold' }],
      },
    }),
  );
});
afterEach(async () => {
  await mc.close();
  ws.cleanup();
});

/** `connect` arguments for the stand-in Mailchimp list L9 as "news", its key read from MC_KEY. */
const connectNewsArgs = (...more: string[]) => [
  'connect',
  '--db',
  'w.sqlite',
  '--name',
  'news',
  '--type',
  'mailchimp',
  '--list-id',
  'L9',
  '--api-key-env',
  'MC_KEY',
  '--base-url',
  `${mc.url}/3.0`,
  ...more,
];

async function connectMailchimp() {
  const c = io();
  const code = await runCli(connectNewsArgs('--double-opt-in', 'false'), c.io);
  expect(c.err.join('')).toBe('');
  expect(code).toBe(0);
}

describe('studio connect / connections / publish', () => {
  it('publishes the seed audience, then only the change after new data', async () => {
    await connectMailchimp();
    const dry = io({ MC_KEY: KEY });
    expect(
      await runCli(
        ['publish', '--db', 'w.sqlite', 'gold.json', '--connection', 'news', '--dry-run', '--json'],
        dry.io,
      ),
    ).toBe(0);
    expect(JSON.parse(dry.out.join(''))).toMatchObject({
      connection: 'news',
      audience: 'gold',
      joined: 996,
      left: 0,
      unchanged: 0,
      skipped: 4,
      batches: 2,
    });
    expect(mc.log.length).toBe(0);

    const first = io({ MC_KEY: KEY });
    expect(
      await runCli(
        ['publish', '--db', 'w.sqlite', 'gold.json', '--connection', 'news', '--json'],
        first.io,
      ),
    ).toBe(0);
    const doc = JSON.parse(first.out.join(''));
    expect(Object.keys(doc)).toEqual([
      'connection',
      'audience',
      'joined',
      'left',
      'unchanged',
      'skipped',
      'batches',
      'ms',
    ]);
    expect(doc).toMatchObject({ joined: 996, left: 0, unchanged: 0, skipped: 4, batches: 2 });
    expect(mc.segmentMembers('Gold tier')).toEqual(emails(1, 1000, (i) => i % 250 !== 0));

    const db = openCache(ws.dbPath);
    setTier(db, 1, 100, 'silver');
    setTier(db, 1001, 1050, 'gold');
    db.close();
    mc.log.length = 0;
    const second = io({ MC_KEY: KEY });
    expect(
      await runCli(
        ['publish', '--db', 'w.sqlite', 'gold.json', '--connection', 'news', '--json'],
        second.io,
      ),
    ).toBe(0);
    expect(JSON.parse(second.out.join(''))).toMatchObject({
      joined: 50,
      left: 100,
      unchanged: 896,
      skipped: 4,
      batches: 2,
    });
    expect(mc.segmentMembers('Gold tier')).toEqual(emails(101, 1050, (i) => i % 250 !== 0));
    const upserted = mc.log
      .filter((r) => r.path === '/3.0/lists/L9')
      .flatMap((r) => (r.json as { members: unknown[] }).members);
    expect(upserted.length).toBe(50);

    const list = io();
    expect(await runCli(['connections', '--db', 'w.sqlite', '--json'], list.io)).toBe(0);
    const conns = JSON.parse(list.out.join(''));
    expect(conns).toMatchObject([
      {
        name: 'news',
        type: 'mailchimp',
        secretEnv: 'MC_KEY',
        lastPublish: { audience: 'gold', status: 'done' },
      },
    ]);
    expect(list.out.join('')).not.toContain(KEY);
  });

  it('refuses secrets on the command line, unknown options and options of another type', async () => {
    const a = io();
    expect(
      await runCli(
        [
          'connect',
          '--db',
          'w.sqlite',
          '--name',
          'x',
          '--type',
          'mailchimp',
          '--list-id',
          'L',
          '--api-key-env',
          'abc-123-us1',
        ],
        a.io,
      ),
    ).toBe(2);
    expect(a.err.join('')).toMatch(/NAME of an environment variable/);
    const b = io();
    expect(
      await runCli(
        ['connect', '--db', 'w.sqlite', '--name', 'x', '--type', 'meta', '--list-id', 'L'],
        b.io,
      ),
    ).toBe(2);
    expect(b.err.join('')).toMatch(/--list-id does not apply to a meta connection/);
    const c = io();
    expect(
      await runCli(['connect', '--db', 'w.sqlite', '--name', 'x', '--type', 'ftp'], c.io),
    ).toBe(2);
  });

  it('tests a connection with --test and reports the partner message', async () => {
    const ok = io({ MC_KEY: KEY });
    expect(await runCli(connectNewsArgs('--test'), ok.io)).toBe(0);
    expect(ok.out.join('')).toMatch(/Test connection: OK/);
    const bad = io({ MC_KEY: 'wrong-us10' });
    expect(await runCli(connectNewsArgs('--test'), bad.io)).toBe(1);
    expect(bad.err.join('')).toMatch(/API Key Invalid/);
  });

  it('exits 2 for an unknown connection or an invalid audience, 1 when the secret is missing', async () => {
    await connectMailchimp();
    const unknown = io({ MC_KEY: KEY });
    expect(
      await runCli(
        ['publish', '--db', 'w.sqlite', 'gold.json', '--connection', 'nope'],
        unknown.io,
      ),
    ).toBe(2);
    writeFileSync(
      path.join(ws.dir, 'bad.json'),
      JSON.stringify({
        format: 'audience/v1',
        id: 'b',
        name: 'B',
        kind: 'standard',
        root: { type: 'group', id: 'r', match: 'maybe', children: [] },
      }),
    );
    const invalid = io({ MC_KEY: KEY });
    expect(
      await runCli(['publish', '--db', 'w.sqlite', 'bad.json', '--connection', 'news'], invalid.io),
    ).toBe(2);
    expect(invalid.err.join('')).toMatch(/root/);
    const noSecret = io({});
    expect(
      await runCli(
        ['publish', '--db', 'w.sqlite', 'gold.json', '--connection', 'news'],
        noSecret.io,
      ),
    ).toBe(1);
    expect(noSecret.err.join('')).toMatch(/MC_KEY is not set/);
  });

  it('removes a connection', async () => {
    await connectMailchimp();
    const r = io();
    expect(await runCli(['connections', '--db', 'w.sqlite', '--remove', 'news'], r.io)).toBe(0);
    const l = io();
    await runCli(['connections', '--db', 'w.sqlite', '--json'], l.io);
    expect(JSON.parse(l.out.join(''))).toEqual([]);
  });

  it('a publish killed mid-way resumes: the receiver ends with exactly the audience, no batch applied twice', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const hook = await startWebhookStandIn(secret);
    try {
      const c = io();
      expect(
        await runCli(
          [
            'connect',
            '--db',
            'w.sqlite',
            '--name',
            'hook',
            '--type',
            'webhook',
            '--url',
            `${hook.url}/in`,
            '--secret-env',
            'HOOK_SECRET',
          ],
          c.io,
        ),
      ).toBe(0);
      // 3,500 members: four webhook batches of at most 1,000.
      const db = openCache(ws.dbPath);
      addProfiles(db, 1201, 3500);
      setTier(db, 1201, 3500, 'bronze');
      db.close();
      writeFileSync(
        path.join(ws.dir, 'all.json'),
        JSON.stringify({
          format: 'audience/v1',
          id: 'all',
          name: 'Everyone',
          kind: 'standard',
          root: {
            type: 'group',
            id: 'root',
            match: 'any',
            children: [{ type: 'attribute', id: 'a', attribute: 'tier', op: 'exists' }],
          },
        }),
      );
      hook.setDelay(400);
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'main/cli/studio.ts',
          'publish',
          '--db',
          ws.dbPath,
          path.join(ws.dir, 'all.json'),
          '--connection',
          'hook',
          '--json',
        ],
        {
          cwd: process.cwd(),
          env: { ...process.env, HOOK_SECRET: secret },
          stdio: 'ignore',
        },
      );
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
      const deadline = Date.now() + 30_000;
      // Killed while batch 1 is applied by the receiver but not yet acknowledged to the publisher.
      while (hook.applied.length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      child.kill('SIGKILL');
      await exited;
      expect(hook.applied.length).toBe(2);
      expect(hook.members.size).toBe(2000);

      hook.setDelay(0);
      const again = io({ HOOK_SECRET: secret });
      expect(
        await runCli(
          ['publish', '--db', 'w.sqlite', 'all.json', '--connection', 'hook', '--json'],
          again.io,
        ),
      ).toBe(0);
      expect(JSON.parse(again.out.join(''))).toMatchObject({
        batches: 3,
        joined: 0,
        unchanged: 3500,
      });
      expect([...hook.members].sort()).toEqual(
        Array.from({ length: 3500 }, (_, k) => String(k + 1)).sort(),
      );
      expect(hook.joinedTwice).toBe(0);
      expect(hook.duplicates).toBe(1);
      expect(hook.applied.length).toBe(4);
    } finally {
      await hook.close();
    }
  });
});

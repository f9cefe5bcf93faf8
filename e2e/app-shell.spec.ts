import { _electron, type ElectronApplication } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHANNELS } from '../shared/ipc-contract';
import { electronBinary } from './support/electron-binary';
import { E2E_USERS, ROOT, TSX } from './support/studio-server';
import { expect, test } from './support/studio-fixture';

test.describe('app shell in browser mode', () => {
  test('the page loads with the token and reaches the API', async ({ page, studio }) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const info = page.waitForResponse((r) => r.url().endsWith('/api/workspace-info'));
    await page.goto(studio.url);
    await expect(page).toHaveTitle('Audience Studio');
    const response = await info;
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { ok: boolean; value: { population: number } };
    expect(body.ok).toBe(true);
    expect(body.value.population).toBeGreaterThan(E2E_USERS * 0.8);
    // The token leaves the address bar (and so history and screenshots) but survives a reload.
    await expect(page).not.toHaveURL(/token=/);
    await page.reload();
    const again = await page.evaluate(async () => {
      const token = sessionStorage.getItem('audience-studio-token');
      const r = await fetch('/api/workspace-info', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: '{}',
      });
      return r.status;
    });
    expect(again).toBe(200);
    await page.screenshot({ path: 'e2e/screenshots/app-shell-loaded.png' });
    // A strict CSP that the app itself never trips.
    expect(problems.filter((p) => /Content Security Policy|Refused to/.test(p))).toEqual([]);
  });

  test('without the token the API refuses', async ({ page, studio, request }) => {
    await page.goto(`${studio.origin}/`);
    const status = await page.evaluate(async () => {
      const r = await fetch('/api/workspace-info', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      return r.status;
    });
    expect(status).toBe(401);
    const forged = await request.post(`${studio.origin}/api/workspace-info`, {
      headers: { Authorization: 'Bearer not-the-token', 'Content-Type': 'application/json' },
      data: {},
    });
    expect(forged.status()).toBe(401);
    const crossSite = await request.post(`${studio.origin}/api/workspace-info`, {
      headers: {
        Authorization: `Bearer ${studio.token}`,
        'Content-Type': 'application/json',
        Origin: 'http://evil.example',
      },
      data: {},
    });
    expect(crossSite.status()).toBe(403);
    await page.screenshot({ path: 'e2e/screenshots/app-shell-no-token.png' });
  });

  test('a page on another origin cannot read the API, even with the token', async ({
    page,
    studio,
  }) => {
    // A second loopback origin (another port) stands in for any site the user visits.
    await page.route('http://127.0.0.1:1/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>elsewhere</title>' }),
    );
    await page.goto('http://127.0.0.1:1/');
    const outcome = await page.evaluate(
      async ({ origin, token }) => {
        try {
          const r = await fetch(`${origin}/api/workspace-info`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: '{}',
          });
          return `status ${r.status}`;
        } catch {
          return 'blocked';
        }
      },
      { origin: studio.origin, token: studio.token },
    );
    expect(outcome).toBe('blocked');
  });

  test('main pushes events to the page over the token-guarded stream', async ({ page, studio }) => {
    await page.goto(studio.url);
    await expect(page).not.toHaveURL(/token=/);
    const received = await page.evaluate(async () => {
      const token = sessionStorage.getItem('audience-studio-token');
      const headers = { Authorization: `Bearer ${token}` };
      const stream = await fetch('/api/events', { headers });
      const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
      await reader.read(); // ": connected"
      const definition = {
        format: 'audience/v1',
        id: 'e2e-shell-event',
        name: 'Shell event check',
        kind: 'standard',
        root: {
          type: 'group',
          id: 'root',
          match: 'all',
          children: [{ type: 'identity', id: 'has-email', identity: 'email', present: true }],
        },
      };
      const call = (channel: string, body: unknown) =>
        fetch(`/api/${channel}`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.json() as Promise<{ ok: boolean }>);
      const saved = await call('audience-save', { definition });
      let text = '';
      while (!text.includes('data-changed')) text += (await reader.read()).value ?? '';
      await reader.cancel();
      const deleted = await call('audience-delete', { id: definition.id });
      return { saved: saved.ok, deleted: deleted.ok, text };
    });
    expect(received.saved).toBe(true);
    expect(received.deleted).toBe(true);
    expect(received.text).toMatch(/event: data-changed\ndata: \{"dataVersion":\d+\}/);
  });
});

// The desktop shell itself, where the Electron binary is installed (it cannot be downloaded on
// the machines that run CI, so there this block reports itself skipped).
test.describe('app shell in Electron', () => {
  const binary = electronBinary();
  test.skip(!binary, 'the Electron binary is not installed here');

  let app: ElectronApplication | undefined;
  let home = '';
  test.beforeAll(async () => {
    home = mkdtempSync(path.join(tmpdir(), 'as-e2e-electron-'));
    const workspace = path.join(home, 'workspace.sqlite');
    for (const args of [
      [TSX, 'main/cli/studio.ts', 'demo', '--db', workspace, '--users', String(E2E_USERS)],
      ['scripts/build-main.mjs'],
      ['scripts/build-electron-native.mjs'],
    ]) {
      const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`e2e: ${args.join(' ')} failed:\n${r.stderr}`);
    }
    app = await _electron.launch({
      executablePath: binary!,
      args: [ROOT],
      env: { ...process.env, AUDIENCE_STUDIO_HOME: home },
    });
  });
  test.afterAll(async () => {
    await app?.close();
    rmSync(home, { recursive: true, force: true });
  });

  test('one sandboxed window exposing exactly the typed API', async () => {
    const page = await app!.firstWindow();
    await expect(page).toHaveTitle('Audience Studio');
    expect(page.url()).toMatch(/^app:\/\/studio\//);
    const exposed = await page.evaluate(() => ({
      keys: Object.keys(window.studio ?? {}).sort(),
      node: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({
      keys: [...CHANNELS, 'onEvent'].sort(),
      node: 'undefined',
      process: 'undefined',
    });
    const info = await page.evaluate(() => window.studio!['workspace-info']({}));
    expect(info.ok && info.value.population).toBeGreaterThan(E2E_USERS * 0.8);
    const refused = await page.evaluate(() =>
      window.studio!['audience-get']({ id: 'NOT VALID' } as { id: string }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await page.screenshot({ path: 'e2e/screenshots/electron-shell.png' });
  });

  test('new windows and navigation away are denied', async () => {
    const page = await app!.firstWindow();
    const opened = await page.evaluate(() => window.open('https://example.com') === null);
    expect(opened).toBe(true);
    expect(app!.windows()).toHaveLength(1);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/studio\//);
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserMode } from './browser-mode';
import { defaultWorkspacePath } from './default-workspace';
import { isRendererCurrent } from './renderer-build';
import { StartupError } from './startup-error';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function tempRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'as-browser-mode-'));
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'dist', 'renderer'), { recursive: true });
  writeFileSync(
    path.join(root, 'dist', 'renderer', 'index.html'),
    '<title>Audience Studio</title>',
  );
  return root;
}

async function start(root: string, port = 0): Promise<BrowserMode> {
  const mode = await startBrowserMode({
    dbPath: path.join(root, 'ws', 'demo.sqlite'),
    port,
    rootDir: root,
    now: Date.now,
    note: () => {},
  });
  cleanup.push(() => mode.stop());
  return mode;
}

describe('browser mode', () => {
  it('creates the workspace, serves it, and logs next to it without the token', async () => {
    const root = tempRoot();
    const mode = await start(root);
    expect(mode.needsDemo).toBe(true);
    const res = await fetch(`http://127.0.0.1:${mode.server.port}/api/workspace-info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${mode.server.token}` },
      body: '{}',
    });
    expect(await res.json()).toMatchObject({ ok: true, value: { name: 'demo', population: 0 } });
    const log = readFileSync(path.join(root, 'ws', 'demo.log'), 'utf8');
    expect(log).toContain('web bridge listening');
    expect(log).not.toContain(mode.server.token);
  });

  it('explains a busy port in one sentence', async () => {
    const root = tempRoot();
    const first = await start(root);
    const second = startBrowserMode({
      dbPath: path.join(root, 'ws', 'other.sqlite'),
      port: first.server.port,
      rootDir: root,
      now: Date.now,
      note: () => {},
    });
    await expect(second).rejects.toBeInstanceOf(StartupError);
    await expect(second).rejects.toThrow(`Port ${first.server.port} is already in use`);
  });

  it('refuses to start without a built interface when it cannot build one', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'as-browser-mode-'));
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    await expect(
      startBrowserMode({
        dbPath: path.join(root, 'w.sqlite'),
        port: 0,
        rootDir: root,
        now: Date.now,
        note: () => {},
      }),
    ).rejects.toBeInstanceOf(StartupError);
  });
});

describe('defaultWorkspacePath', () => {
  it('matches Electron userData for "Audience Studio" on each platform', () => {
    expect(defaultWorkspacePath({}, 'linux', '/home/u')).toBe(
      '/home/u/.config/Audience Studio/workspace.sqlite',
    );
    expect(defaultWorkspacePath({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe(
      '/x/Audience Studio/workspace.sqlite',
    );
    expect(defaultWorkspacePath({}, 'darwin', '/Users/u')).toBe(
      '/Users/u/Library/Application Support/Audience Studio/workspace.sqlite',
    );
    expect(defaultWorkspacePath({ AUDIENCE_STUDIO_HOME: '/data' }, 'linux', '/h')).toBe(
      '/data/workspace.sqlite',
    );
  });
});

describe('isRendererCurrent', () => {
  it('is false once a renderer or shared source is newer than the build (tests aside)', () => {
    const root = tempRoot();
    const index = path.join(root, 'dist', 'renderer', 'index.html');
    mkdirSync(path.join(root, 'renderer', 'src'), { recursive: true });
    mkdirSync(path.join(root, 'shared'), { recursive: true });
    const source = path.join(root, 'renderer', 'src', 'app.tsx');
    const test = path.join(root, 'shared', 'x.test.ts');
    writeFileSync(source, '');
    writeFileSync(test, '');
    const t = Date.now() / 1000;
    utimesSync(source, t - 100, t - 100);
    utimesSync(index, t - 50, t - 50);
    utimesSync(test, t, t);
    expect(isRendererCurrent(root)).toBe(true);
    utimesSync(source, t, t);
    expect(isRendererCurrent(root)).toBe(false);
  });
});

// The app under test: a demo workspace made by the real CLI and the real `npm run web` server,
// started as child processes on a free port. The server's first stdout line is the URL.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
export const E2E_USERS = 2000;

export interface StudioServer {
  url: string;
  origin: string;
  token: string;
  dbPath: string;
  stop(): Promise<void>;
}

function createWorkspace(dbPath: string): void {
  const result = spawnSync(
    process.execPath,
    [TSX, 'main/cli/studio.ts', 'demo', '--db', dbPath, '--users', String(E2E_USERS)],
    { cwd: ROOT, encoding: 'utf8', timeout: 180_000 },
  );
  if (result.status !== 0) {
    throw new Error(`e2e: creating the demo workspace failed:\n${result.stderr}`);
  }
}

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`e2e: no URL from the server:\n${err}`)),
      timeoutMs,
    );
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, newline));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`e2e: the server exited (${code}) before printing its URL:\n${err}`));
    });
  });
}

export async function startStudioServer(): Promise<StudioServer> {
  if (!existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error(
      'e2e: dist/renderer is missing; run `npm run build:renderer` (npm run test:e2e does).',
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'as-e2e-'));
  const dbPath = path.join(dir, 'e2e.sqlite');
  try {
    createWorkspace(dbPath);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const child = spawn(
    process.execPath,
    [TSX, 'main/web/web-server-cli.ts', '--db', dbPath, '--port', '0'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  let url: string;
  try {
    url = await firstLine(child, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  const parsed = new URL(url);
  const token = new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '';
  return { url, origin: parsed.origin, token, dbPath, stop };
}

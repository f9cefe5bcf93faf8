// `npm start`: the Electron app where the Electron binary is installed; elsewhere (CI, machines
// where the download was blocked) the same app and services in the browser, with the reason
// printed. Expected failures print one sentence, never a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDemoWithProgress } from '../main/services/demo-bootstrap';
import { startBrowserMode } from '../main/web/browser-mode';
import { defaultWorkspacePath } from '../main/web/default-workspace';
import { ensureRendererBuilt } from '../main/web/renderer-build';
import { StartupError } from '../main/web/startup-error';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_PORT = 5183;

/** The Electron executable, or why there is none. */
export function findElectron(): { binary: string } | { reason: string } {
  let binary: unknown;
  try {
    binary = createRequire(import.meta.url)('electron');
  } catch {
    return { reason: 'the Electron binary is not installed (its download did not run or failed)' };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) {
    return { reason: `the Electron binary is missing (${String(binary)})` };
  }
  return { binary };
}

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function startElectron(binary: string): Promise<number> {
  await ensureRendererBuilt(ROOT, say);
  const main = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-main.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (main.status !== 0) throw new StartupError('Building the Electron main process failed.');
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-electron-native.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const child = spawn(binary, [ROOT], { cwd: ROOT, stdio: 'inherit' });
  return new Promise((resolve) => {
    child.on('error', (err) => {
      say(`Audience Studio could not launch Electron: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code) => resolve(code ?? 0));
  });
}

async function startInBrowser(reason: string, port: number): Promise<void> {
  const dbPath = defaultWorkspacePath(process.env, process.platform, homedir());
  say(`Audience Studio opens in your browser: ${reason}.`);
  let mode;
  try {
    mode = await startBrowserMode({ dbPath, port, rootDir: ROOT, now: Date.now, note: say });
  } catch (err) {
    // The usual port may be taken (another copy running): any free port will do.
    if (!(err instanceof StartupError) || err.reason !== 'port-in-use' || port === 0) throw err;
    say(`Port ${port} is taken (another copy running?); using a free one.`);
    mode = await startBrowserMode({ dbPath, port: 0, rootDir: ROOT, now: Date.now, note: say });
  }
  process.stdout.write(`\n  Open ${mode.server.url}\n\n`);
  say(`Workspace: ${dbPath} (served on 127.0.0.1 only; Ctrl+C stops it).`);
  const demo = new AbortController();
  let demoSettled: Promise<unknown> = Promise.resolve();
  const stop = () => {
    demo.abort();
    // Wait for the aborted demo creation to remove its temporary files (hundreds of MB) first.
    void demoSettled.then(() => mode.stop()).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (mode.needsDemo) {
    say('First start: creating the demo workspace (the page shows its progress)...');
    let lastLine = '';
    demoSettled = createDemoWithProgress({
      dbPath,
      services: mode.services,
      logger: mode.logger,
      signal: demo.signal,
      onProgress: (p) => {
        if (p.done || p.message.split(':')[0] !== lastLine) say(`  ${p.message}`);
        lastLine = p.message.split(':')[0]!;
      },
    }).catch(() => {
      // Reported above and in the page; the app still opens on the empty workspace.
    });
    await demoSettled;
  }
}

async function main(argv: string[]): Promise<number> {
  const portArg = argv.indexOf('--port');
  const port = portArg >= 0 ? Number(argv[portArg + 1]) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    say('usage: npm start [-- --browser] [-- --port N]');
    return 2;
  }
  const electron = argv.includes('--browser')
    ? { reason: 'browser mode was asked for (--browser)' }
    : findElectron();
  if ('binary' in electron) return startElectron(electron.binary);
  await startInBrowser(electron.reason, port);
  return -1; // keep serving until Ctrl+C
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    say(`Audience Studio could not start: ${message}`);
    process.exit(1);
  },
);

// Browser mode serves dist/renderer; a fresh checkout has none, so the first start builds it
// (quietly: the first line the CLI prints must stay the URL).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from './startup-error';

export function rendererDir(rootDir: string): string {
  return path.join(rootDir, 'dist', 'renderer');
}

function isRendererBuilt(rootDir: string): boolean {
  return existsSync(path.join(rendererDir(rootDir), 'index.html'));
}

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(full));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Built, and not older than the sources it is built from (a checkout updated since). */
export function isRendererCurrent(rootDir: string): boolean {
  if (!isRendererBuilt(rootDir)) return false;
  const sources = ['renderer', 'shared'].map((d) => path.join(rootDir, d)).filter(existsSync);
  const built = statSync(path.join(rendererDir(rootDir), 'index.html')).mtimeMs;
  return sources.every((dir) => newestSourceMs(dir) <= built);
}

export async function ensureRendererBuilt(
  rootDir: string,
  note: (line: string) => void,
): Promise<string> {
  if (isRendererCurrent(rootDir)) return rendererDir(rootDir);
  const vite = path.join(rootDir, 'node_modules', 'vite', 'bin', 'vite.js');
  const config = path.join(rootDir, 'renderer', 'vite.config.ts');
  if (!existsSync(vite) || !existsSync(config)) {
    // An installed app ships its renderer without the sources: what is there is current.
    if (isRendererBuilt(rootDir)) return rendererDir(rootDir);
    throw new StartupError(
      'The interface is not built and cannot be built here (vite or its config is missing).',
    );
  }
  note('Building the interface (dist/renderer is missing or older than its sources)...');
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', config, '--logLevel', 'error'],
      {
        cwd: rootDir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
    child.on('error', () => resolve(null));
    child.on('close', resolve);
  });
  if (code !== 0 || !isRendererBuilt(rootDir)) {
    const detail = output.join('').trim().split('\n').slice(0, 5).join('\n');
    throw new StartupError(
      `Building the interface failed; run \`npm run build:renderer\` to see why.${detail ? `\n${detail}` : ''}`,
    );
  }
  return rendererDir(rootDir);
}

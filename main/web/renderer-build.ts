// Browser mode serves dist/renderer; a fresh checkout has none, so the first start builds it
// (quietly: the first line the CLI prints must stay the URL).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from './startup-error';

export function rendererDir(rootDir: string): string {
  return path.join(rootDir, 'dist', 'renderer');
}

export function isRendererBuilt(rootDir: string): boolean {
  return existsSync(path.join(rendererDir(rootDir), 'index.html'));
}

export async function ensureRendererBuilt(
  rootDir: string,
  note: (line: string) => void,
): Promise<string> {
  if (isRendererBuilt(rootDir)) return rendererDir(rootDir);
  const vite = path.join(rootDir, 'node_modules', 'vite', 'bin', 'vite.js');
  const config = path.join(rootDir, 'renderer', 'vite.config.ts');
  if (!existsSync(vite) || !existsSync(config)) {
    throw new StartupError(
      'The interface is not built and cannot be built here (vite or its config is missing).',
    );
  }
  note('Building the interface once (dist/renderer)...');
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

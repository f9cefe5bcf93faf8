import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function runCli(args: string[]) {
  return spawnSync(process.execPath, [TSX, 'main/web/web-server-cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('npm run web (usage errors)', () => {
  it('explains a missing --db or a bad --port in one line, exit 2, no stack', () => {
    for (const [args, message] of [
      [['--port', '0'], '--db is required'],
      [['--db', 'x.sqlite', '--port', '70000'], '--port must be a whole number from 0 to 65535'],
      [['--db', 'x.sqlite', '--host', '0.0.0.0'], 'unknown option --host'],
    ] as const) {
      const result = runCli([...args]);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain('usage: npm run web -- --db FILE [--port N]');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

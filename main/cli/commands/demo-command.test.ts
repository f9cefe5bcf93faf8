import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli';
import { captureIo } from '../test-support/capture-io';

const dir = mkdtempSync(path.join(tmpdir(), 'demo-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const io = () => captureIo(dir);

describe('studio demo', () => {
  it('creates a demo workspace and prints one JSON summary', async () => {
    const t = io();
    const code = await runCli(
      ['demo', '--db', 'w.sqlite', '--users', '200', '--seed', 'x', '--json'],
      t.io,
    );
    expect(t.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(t.out).toHaveLength(1);
    const doc = JSON.parse(t.out[0]!) as Record<string, unknown>;
    expect(doc).toMatchObject({
      db: path.join(dir, 'w.sqlite'),
      users: 200,
      seed: 'x',
      rejected: [],
    });
    expect(doc.profiles).toBe(200 - 4 + 2);
    expect(doc.events).toBeGreaterThan(200 * 30);
  });

  it('prints a human summary, and refuses a workspace with profiles (exit 1)', async () => {
    const t = io();
    expect(await runCli(['demo', '--db', 'h.sqlite', '--users', '100'], t.io)).toBe(0);
    expect(t.out.join('')).toMatch(
      /Demo workspace created in .*h\.sqlite\n {2}99 profiles from 100 app users/,
    );
    const again = io();
    expect(await runCli(['demo', '--db', 'h.sqlite', '--users', '100'], again.io)).toBe(1);
    expect(again.err.join('')).toMatch(/already holds 99 profiles/);
  });

  it('rejects bad usage with exit 2', async () => {
    const t = io();
    expect(await runCli(['demo', '--db', 'b.sqlite', '--users', '0'], t.io)).toBe(2);
    expect(t.err.join('')).toMatch(/--users must be a whole number/);
    const u = io();
    expect(await runCli(['demo', '--users', '10'], u.io)).toBe(2);
    expect(u.err.join('')).toMatch(/--db is required/);
  });
});

import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getSetting } from '../cache/settings';
import {
  createDemoWorkspace,
  DemoWorkspaceError,
  type DemoProgress,
} from './create-demo-workspace';
import { generateDemoFiles } from './generate-demo-files';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const USERS = 1500;
const root = mkdtempSync(path.join(tmpdir(), 'demo-ws-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('createDemoWorkspace', () => {
  const dbPath = path.join(root, 'demo.sqlite');
  const tempDir = mkdtempSync(path.join(root, 'tmp-'));
  const progress: DemoProgress[] = [];
  const created = createDemoWorkspace(dbPath, {
    users: USERS,
    seed: 'ws-test',
    now: NOW,
    tempDir,
    onProgress: (p) => progress.push(p),
  });

  it('imports exactly what the generator wrote, then deletes the files', async () => {
    const summary = await created;
    const expected = generateDemoFiles(mkdtempSync(path.join(root, 'gen-')), {
      users: USERS,
      seed: 'ws-test',
      now: NOW,
    });
    expect(summary).toMatchObject({
      batches: expected.batches,
      rows: expected.rows,
      events: expected.events,
      duplicates: expected.duplicates,
      profiles: expected.profiles,
      rejected: [],
      users: USERS,
    });
    expect(readdirSync(tempDir)).toEqual([]);
    expect(progress.some((p) => p.phase === 'generate' && p.users === USERS)).toBe(true);
    expect(progress.some((p) => p.phase === 'import')).toBe(true);
    // Import progress is over all the files: it only grows and ends at their total size.
    const imports = progress.filter(
      (p): p is Extract<DemoProgress, { phase: 'import' }> => p.phase === 'import',
    );
    const read = imports.map((p) => p.allBytesRead);
    expect(read).toEqual([...read].sort((a, b) => a - b));
    expect(new Set(imports.map((p) => p.file)).size).toBeGreaterThan(1);
    expect(read.at(-1)).toBe(imports[0]!.allBytesTotal);
  });

  it('records the demo workspace and merges second devices through the CRM', async () => {
    await created;
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(getSetting(db, 'workspace_name')).toBe('Demo workspace');
      const twoMpids = db
        .prepare(
          "SELECT COUNT(*) AS n FROM (SELECT profile_id FROM identities WHERE type = 'mpid' GROUP BY profile_id HAVING COUNT(*) = 2)",
        )
        .get() as { n: number };
      expect(twoMpids.n).toBe(USERS / 50);
      const names = db
        .prepare(
          'SELECT n.name AS name, SUM(c.event_count) AS events FROM event_chunks c JOIN event_names n ON n.id = c.name_id GROUP BY n.name ORDER BY n.name',
        )
        .all() as Array<{ name: string; events: number }>;
      expect(names.map((r) => r.name)).toEqual([
        'add_to_cart',
        'install',
        'level_complete',
        'purchase',
        'screen_view',
        'session_end',
        'session_start',
        'share',
      ]);
      expect(names.find((r) => r.name === 'install')!.events).toBe(USERS);
      const attrs = db
        .prepare('SELECT name, COUNT(*) AS n FROM attributes WHERE value IS NOT NULL GROUP BY name')
        .all() as Array<{ name: string; n: number }>;
      const byName = Object.fromEntries(attrs.map((a) => [a.name, a.n]));
      expect(byName.country).toBe(USERS - USERS / 50);
      expect(byName.lifetime_value).toBeGreaterThan(USERS * 0.4);
      expect(byName.crm_segment).toBe(byName.lifetime_value);
    } finally {
      db.close();
    }
  });

  it('refuses a workspace that already holds profiles', async () => {
    await created;
    await expect(createDemoWorkspace(dbPath, { users: 10, now: NOW, tempDir })).rejects.toThrow(
      DemoWorkspaceError,
    );
    expect(readdirSync(tempDir)).toEqual([]);
  });
});

// Creates the demo workspace: generates the demo files into a temporary folder, imports them through
// the real importer (so the demo exercises the same path as a user's data), then deletes the files.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openCache } from '../cache/open-cache';
import { setSetting } from '../cache/settings';
import { stmt } from '../cache/statement-cache';
import { importFiles } from '../import/import-files';
import type { ImportProgress, ImportSummary } from '../import/import-types';
import type { DemoUser } from './demo-user';
import { DEFAULT_DEMO_SEED, generateDemoFiles, validateDemoOptions } from './generate-demo-files';

export const DEFAULT_DEMO_USERS = 50_000;
export const DEMO_WORKSPACE_NAME = 'Demo workspace';

export type DemoProgress =
  | { phase: 'generate'; users: number; usersTotal: number }
  | ({
      phase: 'import';
      /** Bytes imported over all the demo files (the importer reports per file). */
      allBytesRead: number;
      allBytesTotal: number;
    } & ImportProgress);

export interface DemoWorkspaceOptions {
  users?: number;
  seed?: string;
  /** The demo's "now" (epoch ms): installs spread over the 90 days before it. */
  now?: number;
  onProgress?: (p: DemoProgress) => void;
  /** Sees every generated user (the benchmark builds its baseline tables from them). */
  onUser?: (u: DemoUser) => void;
  /** Where the temporary files go (default: the OS temp folder). */
  tempDir?: string;
}

export interface DemoWorkspaceSummary extends ImportSummary {
  users: number;
  seed: string;
  now: number;
  /** Milliseconds spent importing (generation excluded). */
  importMs: number;
}

export class DemoWorkspaceError extends Error {
  override name = 'DemoWorkspaceError';
}

export async function createDemoWorkspace(
  dbPath: string,
  opts: DemoWorkspaceOptions = {},
): Promise<DemoWorkspaceSummary> {
  const users = opts.users ?? DEFAULT_DEMO_USERS;
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const now = opts.now ?? Date.now();
  validateDemoOptions(users, now);
  const db = openCache(dbPath);
  const dir = mkdtempSync(path.join(opts.tempDir ?? tmpdir(), 'audience-studio-demo-'));
  try {
    const existing = stmt<[], { n: number }>(db, 'SELECT COUNT(*) AS n FROM profiles').get()!.n;
    // Mixing demo people into a real workspace would corrupt both.
    if (existing > 0)
      throw new DemoWorkspaceError(
        `${dbPath} already holds ${existing} profiles; the demo needs a new or empty file`,
      );
    const generated = generateDemoFiles(dir, {
      users,
      seed,
      now,
      ...(opts.onUser ? { onUser: opts.onUser } : {}),
      onProgress: (p) => opts.onProgress?.({ phase: 'generate', ...p }),
    });
    const started = performance.now();
    const sizes = new Map(generated.files.map((f) => [f, statSync(f).size]));
    const allBytesTotal = [...sizes.values()].reduce((a, b) => a + b, 0);
    let done = 0;
    let current = '';
    const summary = await importFiles(db, generated.files, {
      onProgress: (p) => {
        if (p.file !== current) {
          if (current) done += sizes.get(current) ?? 0;
          current = p.file;
        }
        opts.onProgress?.({
          phase: 'import',
          ...p,
          allBytesRead: done + p.bytesRead,
          allBytesTotal,
        });
      },
    });
    const importMs = performance.now() - started;
    setSetting(db, 'workspace_name', DEMO_WORKSPACE_NAME);
    return { ...summary, users, seed, now, importMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    db.close();
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openCache, type CacheDb } from '../cache/open-cache';
import { stmt } from '../cache/statement-cache';
import type { PartnerHttpOptions } from './partner-http';
import { DEFAULT_RETRY, type RetryPolicy } from './retry-policy';

// Test fixtures for publishing: a real cache in a temp folder with profiles and identities, and
// retry settings whose sleeps are recorded instead of waited.

export interface TestWorkspace {
  dir: string;
  dbPath: string;
  db: CacheDb;
  cleanup(): void;
}

export function tempWorkspace(): TestWorkspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'as-publish-'));
  const dbPath = path.join(dir, 'w.sqlite');
  const db = openCache(dbPath);
  return {
    dir,
    dbPath,
    db,
    cleanup() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The email addProfiles gives profile i. */
export const emailOf = (i: number): string => `user${i}@example.com`;

/** The emails of these profiles, sorted as a partner's list is compared. */
export const emailsOf = (ids: Uint32Array): string[] => Array.from(ids, emailOf).sort();

/** Profiles 1..n; profile i has email user{i}@example.com unless `noEmail(i)`, and customer_id c{i}. */
export function addProfiles(
  db: CacheDb,
  from: number,
  to: number,
  noEmail: (i: number) => boolean = () => false,
): void {
  const p = stmt(db, 'INSERT OR IGNORE INTO profiles (id, created_at) VALUES (?, 0)');
  const ident = stmt(
    db,
    'INSERT OR IGNORE INTO identities (type, value, profile_id) VALUES (?, ?, ?)',
  );
  db.transaction(() => {
    for (let i = from; i <= to; i++) {
      p.run(i);
      if (!noEmail(i)) ident.run('email', emailOf(i), i);
      ident.run('customer_id', `c${i}`, i);
    }
  })();
}

export function range(
  from: number,
  to: number,
  keep: (i: number) => boolean = () => true,
): Uint32Array {
  const out: number[] = [];
  for (let i = from; i <= to; i++) if (keep(i)) out.push(i);
  return Uint32Array.from(out);
}

export interface FakeClock {
  sleeps: number[];
  retry: RetryPolicy;
  http: PartnerHttpOptions;
}

export function fastHttp(overrides: Partial<RetryPolicy> = {}, timeoutMs = 2_000): FakeClock {
  const sleeps: number[] = [];
  const retry: RetryPolicy = {
    ...DEFAULT_RETRY,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  };
  return { sleeps, retry, http: { retry, timeoutMs, now: () => Date.now() } };
}

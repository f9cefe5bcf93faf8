import type { Database } from 'better-sqlite3';
import { stmt } from './statement-cache';

export const DEFAULT_LOOKBACK_DAYS = 30;

export function getSetting(db: Database, key: string): string | undefined {
  const row = stmt<[string], { value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(
    key,
  );
  return row?.value;
}

export function setSetting(db: Database, key: string, value: string): void {
  stmt(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

/**
 * A counter bumped by every committed change to profiles, attributes or events. The engine keys its
 * caches on it, so a preview never mixes data from before and after an import.
 */
export function getDataVersion(db: Database): number {
  return Number(getSetting(db, 'data_version') ?? '0');
}

export function bumpDataVersion(db: Database): number {
  const next = getDataVersion(db) + 1;
  setSetting(db, 'data_version', String(next));
  return next;
}

/** The real-time look-back, in days (audience-v1.md, "Kinds"). */
export function getLookbackDays(db: Database): number {
  const v = Number(getSetting(db, 'lookback_days'));
  return Number.isInteger(v) && v > 0 ? v : DEFAULT_LOOKBACK_DAYS;
}

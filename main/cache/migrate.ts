import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/migration-types';

export class CacheTooNewError extends Error {
  constructor(
    readonly path: string,
    readonly cacheVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `The workspace ${path} was written by a newer Audience Studio (schema ${cacheVersion}; ` +
        `this app knows up to ${appVersion}). Update the app to open it; the file was not changed.`,
    );
    this.name = 'CacheTooNewError';
  }
}

/**
 * Brings the schema up to the last migration. All pending steps run in one transaction, so a crash
 * leaves the database at its old version, never between two steps.
 */
export function migrate(db: Database, list: readonly Migration[], path = 'the workspace'): number {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at ${m.name}`);
  });
  const latest = list.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new CacheTooNewError(path, current, latest);
  if (current === latest) return current;
  db.transaction(() => {
    for (const m of list.slice(current)) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return latest;
}

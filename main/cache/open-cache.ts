import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrate } from './migrate';
import { migrations } from './migrations/index';

export type CacheDb = Database.Database;

export interface OpenCacheOptions {
  /** better-sqlite3's native binding; Electron passes its own build (its ABI differs from Node's). */
  nativeBinding?: string;
  readonly?: boolean;
}

/** Opens (creating if needed) a workspace cache and brings its schema up to date. */
export function openCache(file: string, options: OpenCacheOptions = {}): CacheDb {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // Set once by the Electron shell, so every connection (workers, demo, import) loads its build.
  const nativeBinding = options.nativeBinding ?? process.env.AUDIENCE_STUDIO_SQLITE_BINDING;
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power loss can drop the
    // last transactions, and the importer re-runs idempotently.
    db.pragma('synchronous = NORMAL');
    migrate(db, migrations, file);
  }
  db.pragma('foreign_keys = ON');
  return db;
}

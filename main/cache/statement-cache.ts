import type { Database, Statement } from 'better-sqlite3';

// One prepared-statement cache per connection: preparing is far costlier than running, and every
// query here is a constant text with bound parameters (never concatenated values).
const caches = new WeakMap<Database, Map<string, Statement>>();

export function stmt<P extends unknown[] = unknown[], R = unknown>(
  db: Database,
  sqlText: string,
): Statement<P, R> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let s = cache.get(sqlText);
  if (!s) {
    s = db.prepare(sqlText);
    cache.set(sqlText, s);
  }
  return s as unknown as Statement<P, R>;
}

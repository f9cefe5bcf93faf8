// The baselines' SQL: each bench audience as one query over a plain events table, written the way a
// developer (SQLite) or an analyst (DuckDB) would first write it. Same text for both engines except
// the numeric cast of a JSON property. Windows are half-open, (asOf - N, asOf], as in the engine;
// numbers inside JSON text are cast before comparing (SQLite orders any TEXT above any number);
// negation is over users, never NOT IN against a set that may hold NULL.

import { EDIT_IDENTITIES } from './bench-audiences';

export type Dialect = 'sqlite' | 'duckdb';
export type SqlParams = Record<string, string | number>;

const DAY = 86_400_000;
const LOOKBACK = 30 * DAY;

function num(d: Dialect, expr: string): string {
  return d === 'sqlite' ? `CAST(${expr} AS REAL)` : `TRY_CAST(${expr} AS DOUBLE)`;
}

const inWindow = (ms: number) => `ts > $asof - ${ms} AND ts <= $asof`;

// "Installed, and not among those with at least N sessions": as a LEFT JOIN onto a per-user count
// CTE, SQLite 3.51 scanned the whole materialized CTE once per installer (626 s at 1M users), a
// trap a developer meets on the first run and writes around in this shape.
const seedSql = `SELECT COUNT(*) AS n FROM users u
WHERE u.id IN (SELECT user_id FROM events WHERE name = 'install' AND ${inWindow(3 * DAY)})
  AND u.id NOT IN (SELECT user_id FROM events WHERE name = 'session_start' AND ${inWindow(LOOKBACK)}
    GROUP BY user_id HAVING COUNT(*) >= $n)`;

const spendCtes = (d: Dialect) => `
  spend AS (SELECT user_id, SUM(${num(d, "props ->> '$.total_amount'")}) AS total FROM events
    WHERE name = 'purchase' AND ${inWindow(LOOKBACK)} GROUP BY user_id),
  big AS (SELECT u.id FROM users u JOIN spend s ON s.user_id = u.id
    WHERE lower(trim(u.country)) IN ('us', 'ca') AND s.total >= $sum
      AND u.id NOT IN (SELECT id FROM users
        WHERE lower(trim(plan)) = 'free' OR lower(trim(crm_segment)) = 'lapsed'))`;

const activeCtes = `
  many AS (SELECT user_id FROM events WHERE name = 'session_start' AND ${inWindow(7 * DAY)}
    GROUP BY user_id HAVING COUNT(*) >= $n),
  carted AS (SELECT DISTINCT user_id FROM events WHERE name = 'add_to_cart' AND ${inWindow(DAY)}),
  bought AS (SELECT DISTINCT user_id FROM events WHERE name = 'purchase' AND ${inWindow(DAY)}),
  checkout AS (SELECT user_id FROM events WHERE name = 'screen_view'
    AND lower(trim(props ->> '$.screen_name')) = 'checkout' AND ${inWindow(14 * DAY)}
    GROUP BY user_id HAVING COUNT(*) >= 2),
  active AS (SELECT u.id FROM users u WHERE u.id IN (SELECT user_id FROM many)
    OR (u.id IN (SELECT user_id FROM carted) AND u.id NOT IN (SELECT user_id FROM bought))
    OR u.id IN (SELECT user_id FROM checkout))`;

function tenRulesSql(d: Dialect): string {
  const prop = (p: string) => `props ->> '$.${p}'`;
  return `SELECT COUNT(*) AS n FROM users u
WHERE lower(trim(u.country)) IN ('us', 'gb', 'de', 'fr', 'ca')
  AND EXISTS (SELECT 1 FROM identities i WHERE i.user_id = u.id AND i.type = 'customer_id')
  AND u.signup_date > '2026-09-15'
  AND u.id NOT IN (SELECT user_id FROM events WHERE name = 'purchase' AND ${inWindow(LOOKBACK)})
  AND (
    u.id IN (SELECT user_id FROM events WHERE name = 'screen_view'
      AND lower(trim(${prop('screen_name')})) = 'checkout' AND ${inWindow(60 * DAY)})
    OR u.id IN (SELECT user_id FROM events WHERE name = 'screen_view'
      AND lower(trim(${prop('screen_name')})) IN ('product', 'cart') AND ${inWindow(LOOKBACK)}
      GROUP BY user_id HAVING COUNT(*) >= 3)
    OR u.id IN (SELECT user_id FROM events WHERE name = 'level_complete'
      AND ${num(d, prop('level'))} >= $level AND ts <= $asof)
    OR u.id IN (SELECT user_id FROM events WHERE name = 'add_to_cart'
      AND ${num(d, prop('total_amount'))} >= 20 AND ${inWindow(13 * 7 * DAY)})
    OR u.id IN (SELECT user_id FROM events WHERE name = 'share'
      AND (${prop('channel')} IS NULL OR lower(trim(${prop('channel')})) <> 'email') AND ts <= $asof)
    OR u.id IN (SELECT user_id FROM events WHERE name = 'session_end'
      AND ${num(d, prop('session_duration_ms'))} > 600000 AND ${inWindow(8 * 7 * DAY)}
      GROUP BY user_id HAVING COUNT(*) >= 2)
  )`;
}

export interface BaselineQuery {
  sql: string;
  /** Parameters of the original audience (run 0) or of its edit number `run`. */
  params(run: number): SqlParams;
}

/** Queries keyed by bench audience id, matching BENCH_AUDIENCES and their edits. */
export function baselineQueries(d: Dialect): Record<string, BaselineQuery> {
  return {
    'new-low-engagement': {
      sql: seedSql,
      params: (run) => ({ n: 3 + run }),
    },
    'big-spenders': {
      sql: `WITH ${spendCtes(d)} SELECT COUNT(*) AS n FROM big`,
      params: (run) => ({ sum: 100 + 25 * run }),
    },
    'active-or-abandoning': {
      sql: `WITH ${activeCtes} SELECT COUNT(*) AS n FROM active`,
      params: (run) => ({ n: 5 + run }),
    },
    'engaged-non-spenders': {
      sql: `WITH ${activeCtes}, ${spendCtes(d)}
SELECT COUNT(*) AS n FROM users u WHERE u.id IN (SELECT id FROM active)
  AND u.id NOT IN (SELECT id FROM big)
  AND EXISTS (SELECT 1 FROM identities i WHERE i.user_id = u.id AND i.type = $idtype)`,
      params: (run) => ({
        n: 5,
        sum: 100,
        idtype: run === 0 ? 'email' : EDIT_IDENTITIES[(run - 1) % EDIT_IDENTITIES.length]!,
      }),
    },
    'ten-rules': { sql: tenRulesSql(d), params: (run) => ({ level: 5 + run }) },
    'everyone-installed': {
      sql: `SELECT COUNT(DISTINCT user_id) AS n FROM events WHERE name = 'install' AND ts <= $asof`,
      params: () => ({}),
    },
  };
}

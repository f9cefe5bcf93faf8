// Runs the baseline queries: SQLite over the plain events table, DuckDB over the same rows.
import Database from 'better-sqlite3';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { stmt } from '../main/cache/statement-cache';
import type { BaselineQuery, SqlParams } from './baseline-sql';
import { median, timed, timedAsync } from './bench-stats';

export interface BaselineTiming {
  size: number;
  medianMs: number;
  runs: number;
}

export class SqliteBaseline {
  private readonly db: Database.Database;
  constructor(file: string) {
    this.db = new Database(file, { readonly: true });
  }

  count(q: BaselineQuery, params: SqlParams): number {
    return stmt<[SqlParams], { n: number }>(this.db, q.sql).get(params)!.n;
  }

  /**
   * A warm-up and up to `runs` runs, stopping early once `budgetMs` is spent (the straightforward
   * query can take many seconds at 1M users; at least one run is always timed).
   */
  time(q: BaselineQuery, asOf: number, runs: number, budgetMs: number): BaselineTiming {
    const params = { asof: asOf, ...q.params(0) };
    const warm = timed(() => this.count(q, params));
    // A query slower than the whole budget is timed once, without a warm-up: at 1M users the
    // straightforward query takes minutes. That run may be slower than a warmed one would be, so
    // the report shows its run count (sqliteRuns = 1).
    if (warm.ms >= budgetMs) return { size: warm.value, medianMs: warm.ms, runs: 1 };
    const times: number[] = [];
    let spent = warm.ms;
    let size = warm.value;
    for (let r = 0; r < runs && (r === 0 || spent < budgetMs); r++) {
      const t = timed(() => this.count(q, params));
      if (t.value !== size) throw new Error(`bench: SQLite gave ${t.value} then ${size}`);
      size = t.value;
      times.push(t.ms);
      spent += t.ms;
    }
    return { size, medianMs: median(times), runs: times.length };
  }

  close(): void {
    this.db.close();
  }
}

/** DuckDB takes BIGINT parameters for whole numbers (times are epoch ms beyond int32). */
function duckParams(p: SqlParams): Record<string, string | number | bigint> {
  const out: Record<string, string | number | bigint> = {};
  for (const [k, v] of Object.entries(p))
    out[k] = typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v;
  return out;
}

export class DuckBaseline {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly c: DuckDBConnection,
  ) {}

  static async open(file: string): Promise<DuckBaseline> {
    const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
    return new DuckBaseline(instance, await instance.connect());
  }

  async count(q: BaselineQuery, params: SqlParams): Promise<number> {
    const r = await this.c.runAndReadAll(q.sql, duckParams(params));
    return Number(r.getRowObjectsJS()[0]!.n);
  }

  async time(q: BaselineQuery, asOf: number, runs: number): Promise<BaselineTiming> {
    const params = { asof: asOf, ...q.params(0) };
    const size = await this.count(q, params);
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t = await timedAsync(() => this.count(q, params));
      if (t.value !== size) throw new Error(`bench: DuckDB gave ${t.value} then ${size}`);
      times.push(t.ms);
    }
    return { size, medianMs: median(times), runs: times.length };
  }

  close(): void {
    this.c.closeSync();
    this.instance.closeSync();
  }
}

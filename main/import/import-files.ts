import { availableParallelism } from 'node:os';
import type { CacheDb } from '../cache/open-cache';
import { stmt } from '../cache/statement-cache';
import { batchTextOutcome } from './batch-line';
import { CsvParser, type CsvRecord } from './csv-parser';
import { csvRowToRecord } from './csv-rows';
import { planFile, type FilePlan } from './file-plan';
import { flushSession, type FlushCounts } from './flush-writer';
import { keptText, type RecordOutcome, type RejectedPart } from './import-record';
import { acquireImportLock } from './import-lock';
import { ImportSession } from './import-session';
import {
  ImportAbortedError,
  ImportInputError,
  type ImportOptions,
  type ImportSummary,
  type RejectedRecord,
} from './import-types';
import { JsonArraySplitter } from './json-array-splitter';
import {
  ParseWorkerError,
  ParseWorkerFeed,
  SharedParseFeed,
  parseWorkerUrl,
} from './parse-worker-feed';
import { ItemKind, readWireGroup } from './record-wire';
import { readLineGroups, readTextChunks } from './text-chunks';

// Imports mParticle batch files and profile CSVs into the cache (../shared/spec/data-import.md).
// Files are streamed record by record; records are resolved to profiles in memory and written in
// flushes of about DEFAULT_FLUSH_EVENTS events, each one SQLite transaction (flush-writer.ts).
// Re-running an interrupted import completes it: deduplication makes the repeat a no-op.

export const DEFAULT_FLUSH_EVENTS = 250_000;
/** Records (CSV rows carry no events) buffered before a flush. */
const FLUSH_RECORDS = 50_000;
const PROGRESS_INTERVAL_MS = 250;
/** Batch files from this size are parsed in a worker thread (starting one costs a few 100 ms). */
const WORKER_MIN_BYTES = 8 << 20;
/**
 * Line files from this size are parsed by two workers taking turns by group of lines: parsing
 * (JSON.parse above all) is the slower side of an import, and a second core shares it.
 */
const SHARED_MIN_BYTES = 32 << 20;
/**
 * Parsed groups (about 1 MB of file each) waiting for the main thread: enough for the worker to
 * parse on through a whole flush (about a second of SQLite work), few enough to bound memory.
 */
const WORKER_MAX_IN_FLIGHT = 16;

class ImportRun {
  readonly counts: FlushCounts = { batches: 0, rows: 0, events: 0, duplicates: 0, rejected: 0 };
  readonly rejected: RejectedRecord[] = [];
  private lastProgress = 0;
  private bytesRead = 0;
  private file: FilePlan | undefined;

  constructor(
    readonly session: ImportSession,
    readonly opts: ImportOptions,
    readonly importTime: number,
    private readonly flushEvents: number,
  ) {}

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  startFile(plan: FilePlan): void {
    this.file = plan;
    this.bytesRead = 0;
    this.progress(true);
  }

  bytes(n: number): void {
    this.bytesRead = n;
    this.progress(false);
  }

  progress(force: boolean): void {
    const cb = this.opts.onProgress;
    if (!cb || !this.file) return;
    const t = Date.now();
    if (!force && t - this.lastProgress < PROGRESS_INTERVAL_MS) return;
    this.lastProgress = t;
    cb({
      file: this.file.path,
      bytesRead: this.bytesRead,
      bytesTotal: this.file.size,
      batches: this.counts.batches,
      rows: this.counts.rows,
      events: this.counts.events + this.session.pendingEvents,
    });
  }

  checkAbort(): void {
    if (this.opts.signal?.aborted) throw new ImportAbortedError('the import was cancelled');
  }

  reject(r: RejectedPart): void {
    this.session.rejected.push(r);
    this.counts.rejected++;
    this.rejected.push({ source: r.source, reason: r.reason });
  }

  take(outcome: RecordOutcome): void {
    for (const r of outcome.rejected) this.reject(r);
    if (outcome.record) this.session.add(outcome.record);
    if (
      this.session.pendingEvents >= this.flushEvents ||
      this.session.pendingRecords >= FLUSH_RECORDS ||
      this.session.rejected.length >= FLUSH_RECORDS
    ) {
      this.flush();
    }
  }

  flush(): void {
    const s = this.session;
    if (
      s.pendingRecords === 0 &&
      s.rejected.length === 0 &&
      s.pendingEvents === 0 &&
      s.newNames.length === 0
    ) {
      return;
    }
    try {
      flushSession(s, this.counts, this.now());
    } catch (e) {
      s.forgetUncommitted();
      throw e;
    }
    s.clearPending();
    this.progress(true);
  }

  batchText(text: string, source: string): void {
    const o = batchTextOutcome(text, source, this.importTime);
    if ('badJson' in o) this.reject(o.badJson);
    else this.take(o);
  }
}

async function importLines(run: ImportRun, plan: FilePlan): Promise<void> {
  for await (const group of readLineGroups(plan.path, (n) => run.bytes(n))) {
    run.checkAbort();
    for (const { text, line } of group) {
      if (text.trim() === '') continue;
      run.counts.batches++;
      run.batchText(text, `${plan.path}:${line}`);
    }
  }
}

async function importJson(run: ImportRun, plan: FilePlan): Promise<void> {
  const splitter = new JsonArraySplitter();
  let n = 0;
  const handle = (items: ReturnType<JsonArraySplitter['push']>) => {
    for (const item of items) {
      n++;
      const source = `${plan.path}#${n}`;
      if ('error' in item) {
        run.reject({ source, reason: item.error, record: null });
        continue;
      }
      run.counts.batches++;
      run.batchText(item.text, source);
    }
  };
  for await (const piece of readTextChunks(plan.path, (b) => run.bytes(b))) {
    run.checkAbort();
    handle(splitter.push(piece));
  }
  handle(splitter.end());
}

/**
 * A batch file parsed by a worker thread while this thread resolves and writes: the same records
 * in the same order as importLines / importJson, so the cache comes out identical.
 */
async function importViaWorker(run: ImportRun, plan: FilePlan, url: URL): Promise<void> {
  const init = {
    path: plan.path,
    kind: plan.kind === 'json' ? ('json' as const) : ('lines' as const),
    now: run.importTime,
    maxInFlight: WORKER_MAX_IN_FLIGHT,
  };
  const workers =
    plan.kind === 'lines'
      ? (run.opts.parseWorkers ??
        (plan.size >= SHARED_MIN_BYTES && availableParallelism() > 1 ? 2 : 1))
      : 1;
  const feed =
    workers > 1 ? new SharedParseFeed(url, init, workers) : new ParseWorkerFeed(url, init);
  try {
    for await (const { group, bytesRead } of feed.groups()) {
      if (bytesRead >= 0) run.bytes(bytesRead);
      run.checkAbort();
      for (const item of readWireGroup(group)) {
        if (item.kind === ItemKind.Batch) {
          run.counts.batches++;
          run.take(item.outcome);
        } else {
          if (item.kind === ItemKind.BadJson) run.counts.batches++;
          run.reject(item.rejected);
        }
      }
      feed.ack();
    }
  } catch (e) {
    if (e instanceof ParseWorkerError && e.inBatch) run.counts.batches++;
    throw e;
  } finally {
    await feed.close();
  }
}

async function importCsv(run: ImportRun, plan: FilePlan): Promise<void> {
  const parser = new CsvParser();
  const layout = plan.csv!;
  let header = true;
  const handle = (records: CsvRecord[]) => {
    for (const rec of records) {
      if (header) {
        header = false;
        continue;
      }
      run.counts.rows++;
      const source = `${plan.path}:${rec.line}`;
      if ('error' in rec) {
        run.reject({ source, reason: rec.error, record: null });
        continue;
      }
      const r = csvRowToRecord(rec.cells, layout, run.importTime);
      if (typeof r === 'string') {
        run.reject({ source, reason: r, record: keptText(JSON.stringify(rec.cells)) });
      } else run.take({ record: r, rejected: [] });
    }
  };
  for await (const piece of readTextChunks(plan.path, (b) => run.bytes(b))) {
    run.checkAbort();
    handle(parser.push(piece));
  }
  handle(parser.end());
}

function finishImport(db: CacheDb, run: ImportRun, status: string, now: number): void {
  const c = run.counts;
  stmt(
    db,
    `UPDATE imports SET finished_at = ?, status = ?, batches = ?, rows = ?, events = ?,
       duplicates = ?, rejected = ? WHERE id = ?`,
  ).run(now, status, c.batches, c.rows, c.events, c.duplicates, c.rejected, run.session.importId);
}

/**
 * One import run taking files one at a time, for a caller whose files appear while it imports (the
 * benchmark imports each demo file as soon as the generator closes it). importFiles is this with
 * every file checked first.
 */
export class ImportJob {
  private readonly run: ImportRun;
  private readonly now: () => number;
  private readonly release: () => void;
  private done = false;

  /** Throws ImportBusyError, writing nothing, while another import into the workspace runs. */
  constructor(
    private readonly db: CacheDb,
    paths: string[],
    private readonly opts: ImportOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.release = acquireImportLock(db.name);
    try {
      const startedAt = this.now();
      const session = new ImportSession(db, startedAt, paths);
      this.run = new ImportRun(session, opts, startedAt, opts.flushEvents ?? DEFAULT_FLUSH_EVENTS);
    } catch (e) {
      this.release();
      throw e;
    }
  }

  /** Imports one checked file; on failure the run is recorded as failed and the error rethrown. */
  async file(plan: FilePlan): Promise<void> {
    const run = this.run;
    try {
      run.checkAbort();
      run.startFile(plan);
      const workerUrl =
        plan.kind !== 'csv' && (this.opts.parseWorker ?? plan.size >= WORKER_MIN_BYTES)
          ? parseWorkerUrl(this.opts.parseWorkerUrl)
          : undefined;
      if (workerUrl) await importViaWorker(run, plan, workerUrl);
      else if (plan.kind === 'lines') await importLines(run, plan);
      else if (plan.kind === 'json') await importJson(run, plan);
      else await importCsv(run, plan);
      run.bytes(plan.size);
      run.progress(true);
    } catch (e) {
      this.fail();
      throw e;
    }
  }

  /** Writes what is still pending and records the run as finished. */
  finish(): ImportSummary {
    const run = this.run;
    try {
      run.flush();
    } catch (e) {
      this.fail();
      throw e;
    }
    this.done = true;
    try {
      finishImport(this.db, run, run.rejected.length > 0 ? 'partial' : 'done', this.now());
    } finally {
      this.release();
    }
    const profiles = stmt<[], { n: number }>(this.db, 'SELECT count(*) AS n FROM profiles').get()!
      .n;
    return {
      batches: run.counts.batches,
      rows: run.counts.rows,
      events: run.counts.events,
      duplicates: run.counts.duplicates,
      profiles,
      rejected: run.rejected,
    };
  }

  private fail(): void {
    if (this.done) return;
    this.done = true;
    try {
      finishImport(this.db, this.run, 'failed', this.now());
    } catch {
      // The original error matters more; the import stays 'running' in the history.
    } finally {
      this.release();
    }
  }
}

/**
 * Imports the files in command-line order. Throws ImportInputError (nothing imported) when a file
 * cannot be taken at all; rejected records are returned in the summary and kept in the cache.
 */
export async function importFiles(
  db: CacheDb,
  paths: string[],
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  if (paths.length === 0) throw new ImportInputError('no files to import');
  const plans: FilePlan[] = [];
  for (const p of paths) plans.push(await planFile(p));
  const job = new ImportJob(db, paths, opts);
  for (const plan of plans) await job.file(plan);
  return job.finish();
}

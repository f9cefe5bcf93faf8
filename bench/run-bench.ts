// `npm run bench [-- --users N] [--json]`: measures previews, import, storage and memory side by side
// with a plain SQLite events table and DuckDB on the same data, in one run (issue 4).
// `--import-only` measures import throughput and cache bytes per event only.
import { mkdirSync, rmSync, writeFileSync, existsSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { generateDemoFiles } from '../main/demo/generate-demo-files';
import { intFlag, parseArgs, stringFlag } from '../main/cli/parse-args';
import { baselineQueries } from './baseline-sql';
import { DuckBaseline, SqliteBaseline, type BaselineTiming } from './baseline-runs';
import { BENCH_AUDIENCES } from './bench-audiences';
import {
  checkTargets,
  formatTable,
  machineName,
  updateReadme,
  type AudienceResult,
  type BenchResults,
} from './bench-report';
import { fileBytes, median } from './bench-stats';
import {
  BENCH_DIR,
  BENCH_NOW,
  BENCH_SEED,
  DEFAULT_CACHE_ROOT,
  IMPORT_SLICE_USERS,
  REPO_DIR,
  ensureWorkspace,
  runChild,
} from './bench-workspace';
import type { EngineChildResult } from './engine-child';
import type { ImportRunsResult } from './import-runs';

const USAGE =
  'npm run bench -- [--users N] [--runs N] [--json] [--import-only] [--cache-dir DIR] [--out FILE] [--no-readme] [--sqlite-budget-ms N]';

interface Args {
  users: number;
  runs: number;
  json: boolean;
  importOnly: boolean;
  cacheRoot: string;
  out: string;
  readme: boolean;
  sqliteBudgetMs: number;
}

function readArgs(argv: string[]): Args {
  const p = parseArgs(
    argv,
    ['users', 'runs', 'json', 'import-only', 'cache-dir', 'out', 'no-readme', 'sqlite-budget-ms'],
    ['json', 'import-only', 'no-readme'],
  );
  if (p.positionals.length > 0) throw new Error(`unexpected argument "${p.positionals[0]}"`);
  return {
    users: intFlag(p, 'users', 100, 5_000_000) ?? 1_000_000,
    runs: intFlag(p, 'runs', 1, 100) ?? 5,
    json: p.flags.has('json'),
    importOnly: p.flags.has('import-only'),
    cacheRoot: path.resolve(stringFlag(p, 'cache-dir') ?? DEFAULT_CACHE_ROOT),
    out: path.resolve(stringFlag(p, 'out') ?? path.join(BENCH_DIR, 'results.json')),
    readme: !p.flags.has('no-readme'),
    sqliteBudgetMs: intFlag(p, 'sqlite-budget-ms', 0) ?? 30_000,
  };
}

const log = (s: string) => void process.stderr.write(s);

function importOnly(a: Args): void {
  const users = Math.min(a.users, IMPORT_SLICE_USERS);
  const dir = path.join(a.cacheRoot, `import-slice-u${users}`);
  if (!existsSync(path.join(dir, 'done'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    generateDemoFiles(dir, { users, seed: `${BENCH_SEED}-slice`, now: BENCH_NOW });
    writeFileSync(path.join(dir, 'done'), '');
  }
  const files = ['app-events-001.ndjson', 'crm-contacts.csv'].map((f) => path.join(dir, f));
  const r = runChild<ImportRunsResult>('import-runs.ts', [String(a.runs), a.cacheRoot, ...files]);
  const out = {
    machine: machineName(),
    events: r.events,
    importEventsPerSec: Math.round(r.events / (median(r.runs) / 1000)),
    cacheBytes: r.cacheBytes,
    cacheBytesPerEvent: r.cacheBytes / r.events,
    importPeakRssBytes: r.peakRssBytes,
    runs: r.runs.length,
  };
  process.stdout.write(a.json ? `${JSON.stringify(out)}\n` : `${JSON.stringify(out, null, 2)}\n`);
}

async function bench(a: Args): Promise<number> {
  const started = performance.now();
  const ws = ensureWorkspace(a.cacheRoot, a.users, BENCH_SEED, log);
  const asOf = ws.meta.now;
  log(`import: ${a.runs} runs over a ${ws.meta.sliceEvents}-event slice\n`);
  const imp = runChild<ImportRunsResult>('import-runs.ts', [
    String(a.runs),
    ws.dir,
    ...ws.sliceFiles,
  ]);

  log('engine: previews, edits, members export, publish diff\n');
  const exportDir = mkdtempSync(path.join(ws.dir, 'export-'));
  let engine: EngineChildResult;
  try {
    // A process of its own: the peak memory measured is the engine's, DuckDB not even loaded.
    engine = runChild<EngineChildResult>('engine-child.ts', [
      ws.cachePath,
      String(asOf),
      String(a.runs),
      path.join(exportDir, 'members.ndjson'),
    ]);
  } finally {
    rmSync(exportDir, { recursive: true, force: true });
  }
  const peakRss = engine.peakRssBytes;
  // Shown now: the straightforward SQLite queries can take many minutes at 1M users.
  for (const r of engine.audiences)
    log(
      `  ${r.id}: size ${r.size}, cold ${r.coldMs.toFixed(2)} ms, re-preview ${r.warmMs.toFixed(2)} ms\n`,
    );
  log(
    `  data load ${Math.round(engine.engineLoadMs)} ms, members export ${Math.round(engine.membersExportMs)} ms, ` +
      `publish diff ${engine.publishDiffMs.toFixed(2)} ms, peak RSS ${Math.round(peakRss / 1e6)} MB\n`,
  );

  log('baselines: SQLite\n');
  const sqliteQueries = baselineQueries('sqlite');
  const sqlite = new SqliteBaseline(ws.plainPath);
  const sqliteTimes = BENCH_AUDIENCES.map((b) => {
    const t = sqlite.time(sqliteQueries[b.def.id]!, asOf, a.runs, a.sqliteBudgetMs);
    log(`  ${b.def.id}: ${Math.round(t.medianMs)} ms (${t.runs} runs)\n`);
    return t;
  });
  sqlite.close();

  log('baselines: DuckDB\n');
  const duckQueries = baselineQueries('duckdb');
  const duck = await DuckBaseline.open(ws.duckPath);
  const problems: string[] = [];
  const duckTimes: BaselineTiming[] = [];
  for (const [k, b] of BENCH_AUDIENCES.entries()) {
    const q = duckQueries[b.def.id]!;
    duckTimes.push(await duck.time(q, asOf, a.runs));
    // Every edit's count too, so a re-preview is checked as well as timed.
    const editSizes = engine.audiences[k]!.editSizes;
    for (let i = 0; i < editSizes.length; i++) {
      const expected = await duck.count(q, { asof: asOf, ...q.params(i + 1) });
      if (expected !== editSizes[i])
        problems.push(
          `${b.def.id} edit ${i + 1} (${b.editLabel}): engine ${editSizes[i]}, DuckDB ${expected}`,
        );
    }
  }
  const everyone = await duck.count(duckQueries['everyone-installed']!, { asof: asOf });
  if (everyone !== engine.membersExported)
    problems.push(`everyone-installed: engine ${engine.membersExported}, DuckDB ${everyone}`);
  duck.close();

  const audiences: AudienceResult[] = BENCH_AUDIENCES.map((b, k) => {
    const e = engine.audiences[k]!;
    const s = sqliteTimes[k]!;
    const d = duckTimes[k]!;
    if (e.size !== s.size || e.size !== d.size)
      problems.push(`${b.def.id}: engine ${e.size}, SQLite ${s.size}, DuckDB ${d.size}`);
    return {
      name: e.name,
      id: e.id,
      size: e.size,
      coldMs: e.coldMs,
      warmMs: e.warmMs,
      sqliteMs: s.medianMs,
      duckdbMs: d.medianMs,
      sqliteSize: s.size,
      duckdbSize: d.size,
      sqliteRuns: s.runs,
      editLabel: b.editLabel,
    };
  });
  const cacheBytes = fileBytes(ws.cachePath);
  const base = {
    machine: machineName(),
    users: a.users,
    events: ws.meta.events,
    importEventsPerSec: Math.round(imp.events / (median(imp.runs) / 1000)),
    cacheBytes,
    duckdbBytes: fileBytes(ws.duckPath),
    peakRssBytes: peakRss,
    audiences,
    membersExportMs: engine.membersExportMs,
    publishDiffMs: engine.publishDiffMs,
    date: new Date().toISOString(),
    runs: a.runs,
    asOf: new Date(asOf).toISOString(),
    profiles: ws.meta.profiles,
    cacheBytesPerEvent: cacheBytes / ws.meta.events,
    plainSqliteBytes: fileBytes(ws.plainPath),
    importSliceEvents: imp.events,
    importPeakRssBytes: imp.peakRssBytes,
    buildImportEventsPerSec: Math.round(ws.meta.events / (ws.meta.buildImportMs / 1000)),
    engineLoadMs: engine.engineLoadMs,
    membersExported: engine.membersExported,
    publishDiff: engine.publishDiff,
    workspaceBuildMs: ws.meta.buildMs,
    builtThisRun: ws.builtNow,
    totalMs: performance.now() - started,
  };
  const results: BenchResults = { ...base, targets: checkTargets(base) };
  const table = formatTable(results);
  (a.json ? log : (s: string) => void process.stdout.write(s))(`\n${table}\n`);
  if (problems.length > 0) {
    // Loudly: a benchmark of wrong answers measures nothing.
    log(`\nBENCH FAILED: the engines disagree:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  mkdirSync(path.dirname(a.out), { recursive: true });
  writeFileSync(a.out, `${JSON.stringify(results, null, 2)}\n`);
  if (a.readme) updateReadme(path.join(REPO_DIR, 'README.md'), results);
  if (a.json) process.stdout.write(`${JSON.stringify(results)}\n`);
  return 0;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = readArgs(process.argv.slice(2));
  } catch (e) {
    log(`bench: ${e instanceof Error ? e.message : String(e)}\nUsage: ${USAGE}\n`);
    return 2;
  }
  if (args.importOnly) {
    importOnly(args);
    return 0;
  }
  return bench(args);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);

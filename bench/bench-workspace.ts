// The bench workspace: the demo generator's data at bench scale, imported into our cache, plus the
// same data as a plain SQLite events table and a DuckDB file for the baselines, and a small slice of
// the demo files for the import-throughput runs. Built once per (users, seed, data version) and kept
// under bench/.cache/ (git-ignored); building happens in a child process so that the benchmark's own
// peak memory is that of previewing, not of building.
import { createHash } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_DIR = path.dirname(BENCH_DIR);
export const DEFAULT_CACHE_ROOT = path.join(BENCH_DIR, '.cache');
/** A fixed "now": every engine evaluates at this instant, so all three agree. */
export const BENCH_NOW = Date.parse('2026-12-01T00:00:00Z');
export const BENCH_SEED = 'audience-studio-bench';
/** Users in the slice imported again and again to measure throughput. */
export const IMPORT_SLICE_USERS = 20_000;

export interface BenchWorkspace {
  dir: string;
  cachePath: string;
  plainPath: string;
  duckPath: string;
  sliceFiles: string[];
  meta: BenchWorkspaceMeta;
  /** Whether this call built it (rather than finding it cached). */
  builtNow: boolean;
}

export interface BenchWorkspaceMeta {
  users: number;
  seed: string;
  now: number;
  profiles: number;
  events: number;
  duplicates: number;
  baselineEvents: number;
  sliceUsers: number;
  sliceEvents: number;
  buildImportMs: number;
  /** The two halves of the build, which run at the same time. */
  buildCacheMs?: number;
  buildBaselinesMs?: number;
  buildMs: number;
  buildPeakRssBytes: number;
}

/** Changes whenever the files that shape the bench data change, so a stale cache is rebuilt. */
function dataVersion(): string {
  const h = createHash('sha256');
  const dirs = ['main/demo', 'main/cache/migrations'];
  for (const d of dirs) {
    for (const f of readdirSync(path.join(REPO_DIR, d)).sort()) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
      h.update(f);
      h.update(readFileSync(path.join(REPO_DIR, d, f)));
    }
  }
  h.update(readFileSync(path.join(BENCH_DIR, 'baseline-tables.ts')));
  return h.digest('hex').slice(0, 12);
}

export function workspaceDir(cacheRoot: string, users: number, seed: string): string {
  return path.join(cacheRoot, `u${users}-${seed}-${dataVersion()}`);
}

export function loadWorkspace(dir: string): BenchWorkspace | undefined {
  const metaPath = path.join(dir, 'meta.json');
  if (!existsSync(metaPath)) return undefined;
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as BenchWorkspaceMeta;
  const sliceDir = path.join(dir, 'slice');
  return {
    dir,
    cachePath: path.join(dir, 'cache.sqlite'),
    plainPath: path.join(dir, 'plain.sqlite'),
    duckPath: path.join(dir, 'bench.duckdb'),
    sliceFiles: readdirSync(sliceDir)
      .sort((a, b) => Number(a.endsWith('.csv')) - Number(b.endsWith('.csv')) || a.localeCompare(b))
      .map((f) => path.join(sliceDir, f)),
    meta,
    builtNow: false,
  };
}

/** Runs a bench script in a child Node process (with tsx) and returns its JSON output. */
export function runChild<T>(script: string, args: string[]): T {
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(BENCH_DIR, script), ...args],
    {
      cwd: REPO_DIR,
      encoding: 'utf8',
      // The child's progress and errors reach our stderr as they happen.
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (res.status !== 0) throw new Error(`bench: ${script} failed (exit ${res.status})`);
  return JSON.parse(res.stdout) as T;
}

/**
 * Starts a bench script as a child Node process (with tsx), its stderr passed through, its stdout a
 * pipe. The child is killed if this process exits first: a failed build must not leave a sibling
 * writing into the folder alone.
 */
export function spawnBenchChild(script: string, args: string[]): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(BENCH_DIR, script), ...args],
    {
      cwd: REPO_DIR,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const stop = () => child.kill();
  process.on('exit', stop);
  child.on('close', () => process.off('exit', stop));
  return child;
}

/** runChild without blocking: several children can run at once. */
export function runChildAsync<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawnBenchChild(script, args);
    const out: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`bench: ${script} failed (exit ${code})`));
      else resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as T);
    });
  });
}

export function ensureWorkspace(
  cacheRoot: string,
  users: number,
  seed: string,
  log: (s: string) => void,
): BenchWorkspace {
  const dir = workspaceDir(cacheRoot, users, seed);
  const cached = loadWorkspace(dir);
  if (cached) {
    log(`bench workspace: cached at ${path.relative(REPO_DIR, dir)}\n`);
    return cached;
  }
  log(
    `bench workspace: building ${users} users (once; cached in ${path.relative(REPO_DIR, dir)})\n`,
  );
  runChild('build-workspace.ts', [dir, String(users), seed, String(BENCH_NOW)]);
  const built = loadWorkspace(dir);
  if (!built) throw new Error(`bench: building the workspace left no meta.json in ${dir}`);
  return { ...built, builtNow: true };
}

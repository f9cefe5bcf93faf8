// Splitting tallies with the helper thread must not change a single count: the bench audiences
// (sums, filters, windows of every size, negation, references) and each one's edits, previewed on a
// demo workspace by an engine that splits every column and by one that never splits.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_AUDIENCES, benchLibrary } from '../../bench/bench-audiences';
import { openCache, type CacheDb } from '../cache/open-cache';
import { createDemoWorkspace } from '../demo/create-demo-workspace';
import { openEngine } from './index';

const NOW = Date.parse('2026-12-01T00:00:00Z');
let dir: string;
let db: CacheDb;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tally-split-'));
  await createDemoWorkspace(path.join(dir, 'w.sqlite'), { users: 1500, seed: 'split', now: NOW });
  db = openCache(path.join(dir, 'w.sqlite'));
}, 60_000);

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tallies split with a helper thread', () => {
  it('give exactly the counts of one thread, for every node of every bench audience and edit', () => {
    const split = openEngine(db, { splitMinProfiles: 1 });
    const single = openEngine(db, { splitTallies: false });
    const opts = { asOf: NOW, library: benchLibrary };
    let nonEmpty = 0;
    for (const b of BENCH_AUDIENCES) {
      for (const def of [b.def, b.edit(1), b.edit(2)]) {
        const a = split.preview(def, opts);
        const e = single.preview(def, opts);
        expect(a.nodes, def.id).toEqual(e.nodes);
        if (a.size > 0) nonEmpty++;
      }
    }
    // The comparison is between real answers, not between two empty sets, and the helper did
    // count (this machine has two cores; on one core nothing is split).
    expect(nonEmpty).toBeGreaterThanOrEqual(10);
    if (availableParallelism() > 1) expect(split.splitTallies).toBeGreaterThan(10);
    expect(single.splitTallies).toBe(0);
  }, 60_000);

  it('keeps working when no helper can be started (one thread counts everything)', () => {
    const engine = openEngine(db, { splitMinProfiles: 1 });
    // A column in ordinary memory cannot be shared: the splitter counts it alone.
    const col = engine.loaded.event('session_start');
    const ordinary = { ...col, ts: Float64Array.from(col.ts) };
    (engine.loaded as unknown as { events: Map<string, unknown> }).events.set(
      'session_start',
      ordinary,
    );
    const single = openEngine(db, { splitTallies: false });
    const def = BENCH_AUDIENCES[0]!.def;
    expect(engine.preview(def, { asOf: NOW }).nodes).toEqual(
      single.preview(def, { asOf: NOW }).nodes,
    );
    // install is shared memory and was split; session_start was not.
    expect(engine.splitTallies).toBe(availableParallelism() > 1 ? 1 : 0);
  });
});

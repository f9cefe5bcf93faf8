// Our side of the benchmark: cold preview and re-preview after one edit of each bench audience, the
// members export and the publish diff of a ~1M-member audience, all through the real engine.
import type { Database } from 'better-sqlite3';
import type { AudienceDefinition, AudienceNode } from '../shared/audience/audience-types';
import { stmt } from '../main/cache/statement-cache';
import { BufferedFileWriter } from '../main/demo/buffered-file-writer';
import { openEngine } from '../main/engine/index';
import { membershipDiff } from '../main/publish/membership-diff';
import { BENCH_AUDIENCES, EDIT_IDENTITIES, EVERYONE, benchLibrary } from './bench-audiences';
import { median, timed } from './bench-stats';

const DAY = 86_400_000;

export interface EngineAudienceResult {
  id: string;
  name: string;
  size: number;
  coldMs: number;
  warmMs: number;
  /** Size of edit number `run` (1-based), checked against DuckDB afterwards. */
  editSizes: number[];
}

export interface EngineResults {
  audiences: EngineAudienceResult[];
  /** Loading the data the bench audiences touch into a freshly opened engine (once). */
  engineLoadMs: number;
  membersExportMs: number;
  membersExported: number;
  publishDiffMs: number;
  publishDiff: { joined: number; left: number; unchanged: number };
}

/**
 * Touches every event name, attribute and identity type the bench audiences use, with rules that no
 * bench audience contains, so the data is in memory but no rule of theirs is cached.
 */
function loaderAudience(): AudienceDefinition {
  const events = [
    'install',
    'session_start',
    'session_end',
    'screen_view',
    'add_to_cart',
    'purchase',
    'level_complete',
    'share',
  ];
  const children: AudienceNode[] = [
    ...events.map((event, i): AudienceNode => ({
      type: 'event',
      id: `e${i}`,
      event,
      window: 'all',
      count: { op: '>=', value: 0 },
    })),
    ...['email', ...EDIT_IDENTITIES].map((identity, i): AudienceNode => ({
      type: 'identity',
      id: `i${i}`,
      identity,
      present: false,
    })),
    { type: 'attribute', id: 'a0', attribute: 'country', op: 'not_exists' },
  ];
  return {
    format: 'audience/v1',
    id: 'bench-loader',
    name: 'Loads the bench data',
    kind: 'standard',
    root: { type: 'group', id: 'root', match: 'any', children },
  };
}

/** Writes members as `members --format ndjson` does: one line per profile with its identities. */
function exportMembers(db: Database, ids: Uint32Array, file: string): number {
  // Small writes: lines buffered for long outlive the young generation and swell the heap.
  const w = new BufferedFileWriter(file, 64 * 1024);
  const rows = stmt<[], [number, string, string]>(
    db,
    'SELECT profile_id, type, value FROM identities ORDER BY profile_id',
  )
    .raw(true)
    .iterate();
  let i = 0;
  let current: { id: number; identities: Record<string, string[]> } | undefined;
  const flush = () => {
    if (current)
      w.write(
        `${JSON.stringify({ profile: String(current.id), identities: current.identities })}\n`,
      );
  };
  for (const [profile, type, value] of rows) {
    while (i < ids.length && ids[i]! < profile) i++;
    if (i >= ids.length) break;
    if (ids[i] !== profile) continue;
    if (current?.id !== profile) {
      flush();
      current = { id: profile, identities: {} };
    }
    (current.identities[type] ??= []).push(value);
  }
  flush();
  w.close();
  return ids.length;
}

/**
 * The same audience with every rule made new to the engine's caches without changing its meaning:
 * each event rule gets one more filter on a property no event has (`not_exists` always holds), and
 * each `=`/`in` attribute rule one more value no profile has. References resolve to such variants
 * too. A cold preview of it therefore recomputes every rule on data already in memory, and costs at
 * least what the plain audience costs. Its size is checked against the baselines like any other.
 */
export function coldVariant(def: AudienceDefinition, tag: string): AudienceDefinition {
  const walk = (n: AudienceNode): AudienceNode => {
    switch (n.type) {
      case 'group':
        return { ...n, children: n.children.map(walk) };
      case 'event':
        return {
          ...n,
          where: [...(n.where ?? []), { property: `bench_${tag}`, op: 'not_exists' }],
        };
      case 'attribute':
        if (n.op === '=' && typeof n.value === 'string')
          return { ...n, op: 'in', value: [n.value, `bench-${tag}`] };
        if (n.op === 'in' && Array.isArray(n.value))
          return { ...n, value: [...(n.value as string[]), `bench-${tag}`] };
        return n;
      default:
        return n;
    }
  };
  return { ...def, root: walk(def.root) as AudienceDefinition['root'] };
}

export function runEngine(
  db: Database,
  asOf: number,
  runs: number,
  exportFile: string,
): EngineResults {
  // Opened and loaded once, as in the app: the data stays in memory between previews.
  const engine = openEngine(db);
  const load = timed(() => engine.preview(loaderAudience(), { asOf }));
  const audiences = BENCH_AUDIENCES.map((a) => ({
    id: a.def.id,
    name: a.def.name,
    size: -1,
    cold: [] as number[],
    warm: [] as number[],
    editSizes: [] as number[],
  }));
  // Run 0 is the warm-up.
  for (let run = 0; run <= runs; run++) {
    BENCH_AUDIENCES.forEach((a, k) => {
      const tag = `${run}_${k}`;
      const library = (id: string) => {
        const d = benchLibrary(id);
        return d && coldVariant(d, tag);
      };
      const opts = { asOf, library };
      const cold = timed(() => engine.preview(coldVariant(a.def, tag), opts));
      // One rule changed, every other rule as just previewed (so cached).
      const warm = timed(() => engine.preview(coldVariant(a.edit(run + 1), tag), opts));
      const r = audiences[k]!;
      if (r.size >= 0 && r.size !== cold.value.size)
        throw new Error(`bench: ${a.def.id} gave ${cold.value.size} after ${r.size}`);
      r.size = cold.value.size;
      r.editSizes.push(warm.value.size);
      if (run > 0) {
        r.cold.push(cold.ms);
        r.warm.push(warm.ms);
      }
    });
  }
  const exports: number[] = [];
  const diffs: number[] = [];
  let exported = 0;
  let diff = { joined: 0, left: 0, unchanged: 0 };
  for (let run = 0; run <= runs; run++) {
    const t = timed(() => exportMembers(db, engine.members(EVERYONE, { asOf }), exportFile));
    exported = t.value;
    // What a publish a day later sends: the members then against those delivered the day before.
    const before = engine.members(EVERYONE, { asOf: asOf - DAY });
    const now = engine.members(EVERYONE, { asOf });
    const d = timed(() => membershipDiff(now, before));
    diff = {
      joined: d.value.joined.length,
      left: d.value.left.length,
      unchanged: d.value.unchanged,
    };
    if (run > 0) {
      exports.push(t.ms);
      diffs.push(d.ms);
    }
  }
  return {
    audiences: audiences.map((r) => ({
      id: r.id,
      name: r.name,
      size: r.size,
      coldMs: median(r.cold),
      warmMs: median(r.warm),
      editSizes: r.editSizes,
    })),
    engineLoadMs: load.ms,
    membersExportMs: median(exports),
    membersExported: exported,
    publishDiffMs: median(diffs),
    publishDiff: diff,
  };
}

// The audience engine: every leaf becomes a bitset over profile ids (cached by its content, the
// evaluation instant and the data version), groups combine cached bitsets with AND/OR/NOT, so an
// edit to one rule recomputes only that rule and restructuring recomputes nothing.
import type { Database } from 'better-sqlite3';
import type {
  AudienceDefinition,
  AudienceKind,
  AudienceNode,
  EventNode,
  LeafNode,
} from '../../shared/audience/audience-types';
import type { ExplainNode, PreviewResult } from '../../shared/contract/audience-channels';
import type { Catalog } from '../../shared/contract/workspace-channels';
import { listAudiences } from '../audiences/audience-store';
import { buildCatalog } from './catalog';
import { explainEvaluation } from './explain';
import { validateAudience } from '../../shared/audience/validate-audience';
import { getDataVersion, getLookbackDays } from '../cache/settings';
import { AudienceInvalidError } from './audience-invalid-error';
import { evaluateAttributeLeaf } from './attribute-leaf';
import { andInto, bitsetIds, complementWithin, orInto, popcount, type Bitset } from './bitset';
import { canonicalJson } from './canonical-json';
import { EngineData } from './engine-data';
import { tallyEvents, tallyKey, thresholdTallies, type EventTallies } from './event-leaf';
import { TallyArrays } from './tally-arrays';
import { TallySplitter } from './tally-split';
import { dependsOnAsOf } from './value-match';

export interface EngineOptions {
  /** Split large event tallies with a helper thread (on machines with more than one core). */
  splitTallies?: boolean;
  /** The fewest profiles of an event worth splitting (tests lower it to split small data). */
  splitMinProfiles?: number;
}

export type AudienceLibrary = (id: string) => AudienceDefinition | undefined;

export interface EvaluateOptions {
  asOf: number;
  library?: AudienceLibrary;
  /** Checked before each rule is computed; true stops the evaluation with EvaluationCancelledError. */
  shouldStop?: () => boolean;
}

/** An evaluation stopped because a newer request superseded it. */
export class EvaluationCancelledError extends Error {
  readonly code = 'cancelled' as const;
  constructor() {
    super('superseded by a newer request');
    this.name = 'EvaluationCancelledError';
  }
}

/** The outcome of one evaluation: the root set and every node's set, by node id. */
export interface Evaluation {
  definition: AudienceDefinition;
  asOf: number;
  root: Bitset;
  nodes: Map<string, Bitset>;
}

// At 1M profiles a leaf set is 125 KB (the cache: 15 MB at most) and a tally up to 12 MB.
const LEAF_CACHE_SIZE = 120;
// Tallies are kept within a memory budget (at 1M profiles, 3 to 8 tallies of common events:
// counts take 4 MB, sums 8 MB more); the whole engine then stays under 1 GB at 1M profiles.
const TALLY_CACHE_BYTES = 32 * 1024 * 1024;

const tallyBytes = (t: EventTallies): number => t.counts.byteLength + (t.sums?.byteLength ?? 0);

export class AudienceEngine {
  private data: EngineData;
  private readonly leafCache = new Map<string, Bitset>();
  private readonly tallyCache = new Map<string, EventTallies>();
  private tallyCacheBytes = 0;
  private tallyArrays: TallyArrays;
  private splitter: TallySplitter | undefined;
  private readonly newSplitter: () => TallySplitter | undefined;
  private catalogCache: { version: number; value: Omit<Catalog, 'audiences'> } | undefined;

  constructor(
    private readonly db: Database,
    options: EngineOptions = {},
  ) {
    this.data = new EngineData(db);
    this.tallyArrays = new TallyArrays();
    this.newSplitter = () =>
      options.splitTallies && TallySplitter.useful()
        ? new TallySplitter(options.splitMinProfiles)
        : undefined;
    this.splitter = this.newSplitter();
  }

  /** Reloads when an import (or a settings change) made the loaded data stale. */
  refresh(): void {
    if (
      getDataVersion(this.db) !== this.data.dataVersion ||
      getLookbackDays(this.db) !== this.data.lookbackDays
    ) {
      this.data = new EngineData(this.db);
      this.tallyArrays = new TallyArrays();
      // The helper holds the old columns: a new one is started for the new data when needed.
      this.splitter?.stop();
      this.splitter = this.newSplitter();
      this.leafCache.clear();
      this.tallyCache.clear();
      this.tallyCacheBytes = 0;
    }
  }

  get loaded(): EngineData {
    return this.data;
  }

  population(): number {
    this.refresh();
    return this.data.populationSize;
  }

  /** Validates (throwing AudienceInvalidError) and evaluates every node. */
  evaluate(def: AudienceDefinition, opts: EvaluateOptions): Evaluation {
    // One read transaction: the version check and every lazy load see the same snapshot, so an
    // import committing meanwhile cannot mix old and new data in one answer.
    if (this.db.inTransaction) return this.evaluateNow(def, opts);
    return this.db.transaction(() => this.evaluateNow(def, opts)).deferred();
  }

  private evaluateNow(def: AudienceDefinition, opts: EvaluateOptions): Evaluation {
    this.refresh();
    const problems = validateAudience(def, {
      lookbackDays: this.data.lookbackDays,
      // Without a library no reference can resolve: each is reported with its path.
      knownAudiences: opts.library ?? (() => undefined),
    });
    if (problems.length > 0) throw new AudienceInvalidError(problems);
    const nodes = new Map<string, Bitset>();
    const root = this.evalNode(def.root, def.kind, opts, nodes, [def.id]);
    return { definition: def, asOf: opts.asOf, root, nodes };
  }

  preview(def: AudienceDefinition, opts: EvaluateOptions): PreviewResult {
    const started = performance.now();
    const ev = this.evaluate(def, opts);
    // Counts in the definition's own order (a pre-order walk), the root first.
    const nodes: Record<string, number> = {};
    const visit = (n: AudienceNode): void => {
      nodes[n.id] = popcount(ev.nodes.get(n.id)!);
      if (n.type === 'group') n.children.forEach(visit);
    };
    visit(def.root);
    return {
      audience: def.id,
      asOf: new Date(opts.asOf).toISOString(),
      size: nodes[def.root.id]!,
      population: this.data.populationSize,
      nodes,
      ms: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  /** For one profile: every node's truth value and the facts behind it. */
  explain(def: AudienceDefinition, profileId: number, opts: EvaluateOptions): ExplainNode {
    const ev = this.evaluate(def, opts);
    return explainEvaluation(ev, this.data, profileId, opts);
  }

  /** The data's event names, attributes and identities with counts, and the saved audiences. */
  catalog(): Catalog {
    this.refresh();
    if (!this.catalogCache || this.catalogCache.version !== this.data.dataVersion) {
      this.catalogCache = {
        version: this.data.dataVersion,
        value: buildCatalog(this.db, this.data),
      };
    }
    const audiences = listAudiences(this.db).map((a) => ({ id: a.id, name: a.name }));
    return { ...this.catalogCache.value, audiences };
  }

  /** Member profile ids, ascending. */
  members(def: AudienceDefinition, opts: EvaluateOptions): Uint32Array {
    return bitsetIds(this.evaluate(def, opts).root);
  }

  private evalNode(
    node: AudienceNode,
    kind: AudienceKind,
    opts: EvaluateOptions,
    out: Map<string, Bitset> | undefined,
    stack: string[],
  ): Bitset {
    let set: Bitset;
    if (node.type === 'group') {
      const parts = node.children.map((c) => this.evalNode(c, kind, opts, out, stack));
      set = Uint32Array.from(parts[0]!);
      for (const part of parts.slice(1)) {
        if (node.match === 'all') andInto(set, part);
        else orInto(set, part);
      }
      if (node.negate) set = complementWithin(this.data.population, set);
    } else if (node.type === 'audience') {
      set = this.evalReference(node.audience, opts, stack);
      if (!node.member) set = complementWithin(this.data.population, set);
    } else {
      if (opts.shouldStop?.()) throw new EvaluationCancelledError();
      set = this.evalLeaf(node, kind, opts.asOf);
    }
    out?.set(node.id, set);
    return set;
  }

  private evalReference(id: string, opts: EvaluateOptions, stack: string[]): Bitset {
    const def = opts.library?.(id);
    if (!def) {
      throw new AudienceInvalidError([
        {
          path: 'root',
          message: `refers to audience "${id}", which is not saved in this workspace`,
        },
      ]);
    }
    if (stack.includes(id)) {
      throw new AudienceInvalidError([
        {
          path: 'root',
          message: `audience references form a cycle: ${[...stack, id].join(' -> ')}`,
        },
      ]);
    }
    const problems = validateAudience(def, { lookbackDays: this.data.lookbackDays });
    if (problems.length > 0) {
      throw new AudienceInvalidError(
        problems.map((p) => ({
          path: p.path,
          message: `in referenced audience "${id}": ${p.message}`,
        })),
      );
    }
    return this.evalNode(def.root, def.kind, opts, undefined, [...stack, id]);
  }

  /** A leaf's set, from the cache when the same content was evaluated at the same instant. */
  evalLeaf(node: LeafNode, kind: AudienceKind, asOf: number): Bitset {
    const { id: _id, ...content } = node;
    const timeKey =
      node.type === 'event'
        ? `${asOf}|${kind === 'realtime' ? this.data.lookbackDays : 'all'}`
        : node.type === 'attribute' && dependsOnAsOf(node)
          ? String(asOf)
          : '';
    const key = `${timeKey}|${canonicalJson(content)}`;
    const hit = this.leafCache.get(key);
    if (hit) {
      // Re-insert: the map's order is the least-recently-used order. A cached event rule keeps
      // its tallies fresh too, so editing its threshold next stays a re-threshold.
      this.leafCache.delete(key);
      this.leafCache.set(key, hit);
      if (node.type === 'event') this.touchTallies(`${timeKey}|${canonicalJson(tallyKey(node))}`);
      return hit;
    }
    let set: Bitset;
    switch (node.type) {
      case 'attribute':
        set = evaluateAttributeLeaf(node, this.data, asOf);
        break;
      case 'event':
        set = thresholdTallies(node, this.eventTallies(node, kind, asOf, timeKey), this.data);
        break;
      case 'identity': {
        const holders = this.data.identity(node.identity);
        set = node.present
          ? andInto(Uint32Array.from(holders), this.data.population)
          : complementWithin(this.data.population, holders);
        break;
      }
      case 'audience':
        throw new Error('audience references are evaluated by evalNode, not as cached leaves');
    }
    this.leafCache.set(key, set);
    if (this.leafCache.size > LEAF_CACHE_SIZE) {
      this.leafCache.delete(this.leafCache.keys().next().value!);
    }
    return set;
  }

  /** Per-profile counts and sums of an event condition, shared by edits of its thresholds. */
  private eventTallies(
    node: EventNode,
    kind: AudienceKind,
    asOf: number,
    timeKey: string,
  ): EventTallies {
    const key = `${timeKey}|${canonicalJson(tallyKey(node))}`;
    const cached = this.touchTallies(key);
    if (cached) return cached;
    const t = tallyEvents(node, this.data, kind, asOf, this.tallyArrays, this.splitter);
    this.tallyCache.set(key, t);
    this.tallyCacheBytes += tallyBytes(t);
    // Evict the least recently used, never the one just made.
    while (this.tallyCacheBytes > TALLY_CACHE_BYTES && this.tallyCache.size > 1) {
      const [oldest, old] = this.tallyCache.entries().next().value!;
      this.tallyCache.delete(oldest);
      this.tallyCacheBytes -= tallyBytes(old);
      // Only the cache held it: thresholdTallies has long finished with it.
      this.tallyArrays.recycle(old.counts, old.sums);
    }
    return t;
  }

  private touchTallies(key: string): EventTallies | undefined {
    const t = this.tallyCache.get(key);
    if (t) {
      this.tallyCache.delete(key);
      this.tallyCache.set(key, t);
    }
    return t;
  }

  /** For tests and the bench: how many event tallies are cached. */
  get cachedTallies(): number {
    return this.tallyCache.size;
  }

  /** For tests and the bench: how many tallies a helper thread counted half of. */
  get splitTallies(): number {
    return this.splitter?.splits ?? 0;
  }

  /** For tests and the bench: how many leaf results are cached. */
  get cachedLeaves(): number {
    return this.leafCache.size;
  }
}

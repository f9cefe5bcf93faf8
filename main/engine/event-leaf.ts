// An event condition over the whole population: per profile, the events of one name inside the
// window whose properties pass every `where` filter, counted (and summed) and compared. Filters and
// summed amounts are computed once per distinct property object, never per event.
import {
  UNIT_MS,
  type AudienceKind,
  type CompareOp,
  type EventNode,
} from '../../shared/audience/audience-types';
import { parseDatetime } from '../../shared/audience/datetime';
import { setBit, type Bitset } from './bitset';
import type { EngineData, EventColumn } from './engine-data';
import { scaled, sumScale, type SumScale } from './exact-sum';
import { compileCondition, numericValue } from './value-match';

const DAY_MS = 86_400_000;

/** The visible time range of an event condition: lo < ts (or lo <= ts), ts < hiEx, ts <= asOf. */
export interface TimeRange {
  loEx: number;
  loIn: number;
  hiEx: number;
  hiIn: number;
}

export function eventRange(
  node: EventNode,
  kind: AudienceKind,
  asOf: number,
  lookbackDays: number,
): TimeRange {
  const r: TimeRange = { loEx: -Infinity, loIn: -Infinity, hiEx: Infinity, hiIn: asOf };
  const w = node.window;
  if (w !== 'all') {
    if ('last' in w) r.loEx = asOf - w.last * UNIT_MS[w.unit];
    else {
      r.loIn = parseDatetime(w.from)!;
      r.hiEx = parseDatetime(w.to)!;
    }
  }
  // A real-time audience sees only ts > asOf - lookback.
  if (kind === 'realtime') r.loEx = Math.max(r.loEx, asOf - lookbackDays * DAY_MS);
  return r;
}

export const compare = (op: CompareOp, a: number, b: number): boolean => {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
};

/** Per distinct property object: passes every `where` filter. */
export function wherePasses(node: EventNode, col: EventColumn, asOf: number): Uint8Array {
  const pass = new Uint8Array(col.dict.length).fill(1);
  for (const f of node.where ?? []) {
    const pred = compileCondition(f, asOf);
    col.dict.forEach((props, i) => {
      if (pass[i] && !pred(props[f.property])) pass[i] = 0;
    });
  }
  return pass;
}

interface SumPlan {
  amounts: Float64Array;
  has: Uint8Array;
  scale: SumScale;
  threshold: number;
}

function sumPlan(node: EventNode, col: EventColumn, pass: Uint8Array): SumPlan | undefined {
  const sum = node.sum;
  if (!sum) return undefined;
  const raw = col.dict.map((props) => numericValue(props[sum.property]));
  const used = raw.filter((v, i) => pass[i] && Number.isFinite(v));
  // The longest run of terms one profile can add is bounded by the events of the name.
  const scale = sumScale(used, sum.value, col.total);
  const amounts = new Float64Array(raw.length);
  const has = new Uint8Array(raw.length);
  raw.forEach((v, i) => {
    if (Number.isFinite(v)) {
      amounts[i] = scaled(v, scale);
      has[i] = 1;
    }
  });
  return { amounts, has, scale, threshold: scaled(sum.value, scale) };
}

/** Count and sum of one profile's matching events (for explanations). */
export function profileEventFacts(
  node: EventNode,
  data: EngineData,
  kind: AudienceKind,
  asOf: number,
  profile: number,
): { count: number; sum: number } {
  const col = data.event(node.event);
  const r = eventRange(node, kind, asOf, data.lookbackDays);
  const pass = wherePasses(node, col, asOf);
  const plan = sumPlan(node, col, pass);
  let count = 0;
  let sum = 0;
  if (profile > data.maxId) return { count, sum };
  for (let e = col.offsets[profile]!; e < col.offsets[profile + 1]!; e++) {
    const t = col.ts[e]!;
    if (!(t > r.loEx && t >= r.loIn && t < r.hiEx && t <= r.hiIn)) continue;
    const d = col.props ? col.props[e]! : 0;
    if (!pass[d]) continue;
    count++;
    if (plan && plan.has[d]) sum += plan.amounts[d]!;
  }
  return { count, sum: plan ? sum / plan.scale.factor : 0 };
}

/** The profiles for which the event condition holds (a subset of the population). */
export function evaluateEventLeaf(
  node: EventNode,
  data: EngineData,
  kind: AudienceKind,
  asOf: number,
): Bitset {
  const col = data.event(node.event);
  const { loEx, loIn, hiEx, hiIn } = eventRange(node, kind, asOf, data.lookbackDays);
  const pass = wherePasses(node, col, asOf);
  const allPass = pass.every((x) => x === 1);
  const props = col.props;
  const { offsets, ts } = col;
  const out = data.emptySet();
  const maxId = data.maxId;

  if (!node.count && !node.sum) {
    // "At least one such event": stop at the first.
    for (let p = 0; p <= maxId; p++) {
      const end = offsets[p + 1]!;
      for (let e = offsets[p]!; e < end; e++) {
        const t = ts[e]!;
        if (t > loEx && t >= loIn && t < hiEx && t <= hiIn && (allPass || pass[props![e]!])) {
          out[p >>> 5]! |= 1 << (p & 31);
          break;
        }
      }
    }
    return andPopulation(out, data);
  }

  const plan = sumPlan(node, col, pass);
  const countOp = node.count?.op;
  const countValue = node.count?.value ?? 0;
  const sumOp = node.sum?.op;
  const amounts = plan?.amounts;
  const has = plan?.has;
  const threshold = plan?.threshold ?? 0;
  for (let p = 0; p <= maxId; p++) {
    let count = 0;
    let sum = 0;
    const end = offsets[p + 1]!;
    for (let e = offsets[p]!; e < end; e++) {
      const t = ts[e]!;
      if (!(t > loEx && t >= loIn && t < hiEx && t <= hiIn)) continue;
      const d = props ? props[e]! : 0;
      if (!allPass && !pass[d]) continue;
      count++;
      if (amounts && has![d]) sum += amounts[d]!;
    }
    if (countOp && !compare(countOp, count, countValue)) continue;
    if (sumOp && !compare(sumOp, sum, threshold)) continue;
    setBit(out, p);
  }
  return andPopulation(out, data);
}

function andPopulation(set: Bitset, data: EngineData): Bitset {
  const pop = data.population;
  for (let i = 0; i < set.length; i++) set[i]! &= pop[i]!;
  return set;
}

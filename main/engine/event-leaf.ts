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
import type { Bitset } from './bitset';
import { profileRows, type EngineData, type EventColumn } from './engine-data';
import { scaled, scaledThreshold, scaleFor, sumScale, type SumScale } from './exact-sum';
import { numericValues, propertyValues } from './property-values';
import { TallyArrays } from './tally-arrays';
import { tallyRange, type TallyJob } from './tally-loops';
import type { TallySplitter } from './tally-split';
import { compileCondition } from './value-match';

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

/** Per distinct property object: passes every `where` filter. */
export function wherePasses(node: EventNode, col: EventColumn, asOf: number): Uint8Array {
  const pass = new Uint8Array(col.dict.length).fill(1);
  for (const f of node.where ?? []) {
    const pred = compileCondition(f, asOf);
    const pv = propertyValues(col, f.property);
    if (!pv) {
      // No object holds the property: the filter is decided by "missing" for all of them.
      if (!pred(undefined)) pass.fill(0);
      continue;
    }
    const { values, index } = pv;
    const ok = new Uint8Array(values.length);
    for (let j = 0; j < values.length; j++) if (pred(values[j])) ok[j] = 1;
    for (let i = 0; i < pass.length; i++) pass[i]! &= ok[index[i]!]!;
  }
  return pass;
}

interface SumPlan {
  amounts: Float64Array;
  has: Uint8Array;
  scale: SumScale;
}

function sumPlan(property: string, col: EventColumn, pass: Uint8Array): SumPlan {
  const n = col.dict.length;
  const amounts = new Float64Array(n);
  const has = new Uint8Array(n);
  const pv = propertyValues(col, property);
  // The longest run of terms one profile can add is bounded by the events of the name.
  if (!pv) return { amounts, has, scale: scaleFor(0, 0, col.total) };
  const { numbers, decimals } = numericValues(col, property, pv);
  const { index } = pv;
  let k = 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const j = index[i]!;
    const v = numbers[j]!;
    if (pass[i] === 1 && Number.isFinite(v)) {
      if (decimals[j]! > k) k = decimals[j]!;
      if (Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
    }
  }
  const scale = scaleFor(k, maxAbs, col.total);
  for (let i = 0; i < n; i++) {
    const v = numbers[index[i]!]!;
    if (Number.isFinite(v)) {
      amounts[i] = scaled(v, scale);
      has[i] = 1;
    }
  }
  return { amounts, has, scale };
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
  const plan = node.sum ? sumPlan(node.sum.property, col, pass) : undefined;
  let count = 0;
  let sum = 0;
  const [first, last] = profileRows(col, profile);
  for (let e = first; e < last; e++) {
    const t = col.ts[e]!;
    if (!(t > r.loEx && t >= r.loIn && t < r.hiEx && t <= r.hiIn)) continue;
    const d = col.props ? col.props[e]! : 0;
    if (!pass[d]) continue;
    count++;
    if (plan && plan.has[d]) sum += plan.amounts[d]!;
  }
  return { count, sum: plan ? sum / plan.scale.factor : 0 };
}

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
/** The next double above x: `t > x` is exactly `t >= nextUp(x)`. */
function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  i64[0]! += x > 0 ? 1n : -1n;
  return f64[0]!;
}

/**
 * Per profile of the event's column (position i is `profiles[i]`): the number of matching events
 * and (scaled) sum; the part a threshold edit reuses. Profiles without events of the name have
 * count and sum 0 and no entry: a rare event costs nothing per profile of the population.
 */
export interface EventTallies {
  profiles: Uint32Array;
  counts: Uint32Array;
  sums: Float64Array | null;
  scale: SumScale | null;
}

/** The tallies depend on everything but the count and sum comparisons: their cache key. */
export function tallyKey(node: EventNode): Record<string, unknown> {
  return {
    event: node.event,
    where: node.where ?? [],
    window: node.window,
    sum: node.sum?.property,
  };
}

export function tallyEvents(
  node: EventNode,
  data: EngineData,
  kind: AudienceKind,
  asOf: number,
  arrays: TallyArrays = new TallyArrays(),
  splitter?: TallySplitter,
): EventTallies {
  const col = data.event(node.event);
  const r = eventRange(node, kind, asOf, data.lookbackDays);
  // One inclusive range [lo, hi], exact for doubles.
  const lo = Math.max(nextUp(r.loEx), r.loIn);
  const hi = Math.min(-nextUp(-r.hiEx), r.hiIn);
  const pass = wherePasses(node, col, asOf);
  const allPass = pass.every((x) => x === 1);
  const np = col.profiles.length;
  const profiles = col.profiles;
  const counts = arrays.counts(np);
  const noSums = () =>
    node.sum
      ? { profiles, sums: arrays.sums(np), scale: sumScale([], 0) }
      : { profiles, sums: null, scale: null };
  const props = col.props;
  // Without properties to sum (none asked, or none stored), only counts matter.
  const countsOnly = allPass && (!node.sum || !props);
  // No event of this name has properties and the filters reject "none": nothing matches.
  if (!countsOnly && !props) return { counts, ...noSums() };
  const plan = !countsOnly && node.sum ? sumPlan(node.sum.property, col, pass) : undefined;
  const sums = plan ? arrays.sums(np) : null;
  // Amounts of property objects without a numeric value, or failing the filters, are 0: adding
  // them changes nothing, so the row loop needs no branch on the filters.
  let amounts: Float64Array | null = null;
  if (plan) {
    amounts = new Float64Array(plan.amounts.length);
    for (let d = 0; d < amounts.length; d++) if (pass[d] === 1) amounts[d] = plan.amounts[d]!;
  }
  const job: TallyJob = {
    lo,
    hi,
    skipSec: Number.isFinite(lo) ? Math.min(Math.max(Math.floor(lo / 1000), 0), 0xffffffff) : 0,
    // A window covering every stored event needs no time check at all.
    covers: lo <= col.minTs && col.maxTs <= hi,
    walkForward: lo - col.minTs < col.maxTs - lo,
    pass: countsOnly ? null : pass,
    amounts,
    counts,
    sums,
  };
  const rows = { starts: col.starts, ts: col.ts, lastSec: col.lastSec, props: col.props };
  if (splitter) splitter.run(rows, job, np);
  else tallyRange(rows, job, 0, np);
  if (countsOnly) return { counts, ...noSums() };
  return { profiles, counts, sums, scale: plan?.scale ?? null };
}

/** A comparison as an inclusive range [lo, hi] of doubles, or its complement (`!=`). */
function compareRange(op: CompareOp, v: number): [number, number, boolean] {
  switch (op) {
    case '=':
      return [v, v, false];
    case '!=':
      return [v, v, true];
    case '<':
      return [-Infinity, -nextUp(-v), false];
    case '<=':
      return [-Infinity, v, false];
    case '>':
      return [nextUp(v), Infinity, false];
    case '>=':
      return [v, Infinity, false];
  }
}

/** The profiles whose tallies meet the node's count and sum comparisons (within the population). */
export function thresholdTallies(node: EventNode, t: EventTallies, data: EngineData): Bitset {
  const { profiles, counts, sums } = t;
  const n = counts.length;
  // Without a count comparison: at least one event, or (with a sum) any count.
  const [cLo, cHi, cNot] = node.count
    ? compareRange(node.count.op, node.count.value)
    : [node.sum ? 0 : 1, Infinity, false];
  // The comparisons are combined as 0/1 integers, without a branch per profile: which profiles
  // pass follows no pattern the processor could predict.
  const cFlip = cNot ? 1 : 0;
  const sumRange =
    node.sum && sums
      ? compareRange(node.sum.op, scaledThreshold(node.sum.value, t.scale!))
      : undefined;
  const [sLo, sHi, sNot] = sumRange ?? [-Infinity, Infinity, false];
  const sFlip = sNot ? 1 : 0;
  // Profiles without events of the name (count 0, sum 0) all pass or all fail together.
  const zeroOk = ((+(0 >= cLo) & +(0 <= cHi)) ^ cFlip) & ((+(0 >= sLo) & +(0 <= sHi)) ^ sFlip);
  const out = zeroOk ? Uint32Array.from(data.population) : data.emptySet();
  if (sums && sumRange) {
    for (let i = 0; i < n; i++) {
      const p = profiles[i]!;
      const c = counts[i]!;
      const s = sums[i]!;
      const ok = ((+(c >= cLo) & +(c <= cHi)) ^ cFlip) & ((+(s >= sLo) & +(s <= sHi)) ^ sFlip);
      const w = p >>> 5;
      out[w] = (out[w]! & ~(1 << (p & 31))) | (ok << (p & 31));
    }
  } else {
    for (let i = 0; i < n; i++) {
      const p = profiles[i]!;
      const c = counts[i]!;
      const ok = (+(c >= cLo) & +(c <= cHi)) ^ cFlip;
      const w = p >>> 5;
      out[w] = (out[w]! & ~(1 << (p & 31))) | (ok << (p & 31));
    }
  }
  const pop = data.population;
  for (let i = 0; i < out.length; i++) out[i]! &= pop[i]!;
  return out;
}

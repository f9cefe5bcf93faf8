// The strict validator of audience/v1 (../shared/spec/audience-v1.md, "Validation"): every problem
// with its JSON path and a plain sentence, nothing evaluated "as best it can". Pure: used by the
// canvas, the CLI, file import and the engine alike.
import {
  AUDIENCE_FORMAT,
  COMPARE_OPS,
  FILTER_OPS,
  MAX_GROUP_DEPTH,
  TIME_UNITS,
  UNIT_MS,
  type AudienceDefinition,
  type FilterOp,
  type ValidationProblem,
} from './audience-types';
import { isDatetime, parseDatetime } from './datetime';

export interface ValidateContext {
  /** The real-time look-back in days (default 30); a `last` window may not exceed it. */
  lookbackDays?: number;
  /** The workspace's saved audiences; without it, audience references are not checked. */
  knownAudiences?: (id: string) => AudienceDefinition | undefined;
}

const AUDIENCE_ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const NODE_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const DAY_MS = 86_400_000;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isWhole = (v: unknown): v is number => Number.isSafeInteger(v);
const show = (v: unknown): string => {
  const text = JSON.stringify(v);
  return text === undefined ? String(v) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};
const list = (items: readonly string[]): string => items.join(' ');

class Problems {
  readonly items: ValidationProblem[] = [];
  add(path: string, message: string): void {
    this.items.push({ path, message });
  }
  /** Reports fields outside `allowed` (unknown fields are errors). */
  fields(o: Obj, path: string, allowed: readonly string[]): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) {
        this.add(
          path ? `${path}.${k}` : k,
          `unknown field "${k}" (allowed: ${allowed.join(', ')})`,
        );
      }
    }
  }
  nonEmptyString(o: Obj, key: string, path: string, what: string): void {
    const v = o[key];
    if (v === undefined) this.add(`${path}.${key}`, `is required: the ${what}`);
    else if (typeof v !== 'string' || v.length === 0)
      this.add(`${path}.${key}`, `must be a non-empty string (the ${what}), got ${show(v)}`);
  }
}

/** Every problem of `input` as an audience/v1 definition; an empty list means valid. */
export function validateAudience(input: unknown, ctx: ValidateContext = {}): ValidationProblem[] {
  const p = new Problems();
  const lookbackDays = ctx.lookbackDays ?? 30;
  if (!isObj(input)) {
    p.add('(document)', `must be a JSON object (an audience/v1 definition), got ${show(input)}`);
    return p.items;
  }
  p.fields(input, '', ['format', 'id', 'name', 'kind', 'root']);
  if (input.format !== AUDIENCE_FORMAT)
    p.add('format', `must be "${AUDIENCE_FORMAT}", got ${show(input.format)}`);
  if (typeof input.id !== 'string' || !AUDIENCE_ID_RE.test(input.id))
    p.add(
      'id',
      `must be 1 to 64 lowercase letters, digits and dashes, starting with a letter or digit, got ${show(input.id)}`,
    );
  if (typeof input.name !== 'string' || input.name.length < 1 || input.name.length > 200)
    p.add('name', `must be a string of 1 to 200 characters, got ${show(input.name)}`);
  const kind = input.kind;
  if (kind !== 'realtime' && kind !== 'standard')
    p.add('kind', `must be "realtime" or "standard", got ${show(kind)}`);
  const seenIds = new Map<string, string>();
  const refs: Array<{ id: string; path: string }> = [];
  const ctxNode: NodeContext = { p, seenIds, refs, realtime: kind === 'realtime', lookbackDays };
  if (input.root === undefined) p.add('root', 'is required: the root group');
  else if (!isObj(input.root) || input.root.type !== 'group')
    p.add('root', `must be a group node ({"type":"group", ...}), got ${show(input.root)}`);
  else checkNode(input.root, 'root', 1, ctxNode);

  if (ctx.knownAudiences) checkReferences(input, refs, ctx.knownAudiences, p);
  return p.items;
}

interface NodeContext {
  p: Problems;
  seenIds: Map<string, string>;
  refs: Array<{ id: string; path: string }>;
  realtime: boolean;
  lookbackDays: number;
}

const NODE_FIELDS: Record<string, readonly string[]> = {
  group: ['type', 'id', 'match', 'negate', 'children'],
  attribute: ['type', 'id', 'attribute', 'op', 'value'],
  event: ['type', 'id', 'event', 'where', 'window', 'count', 'sum'],
  identity: ['type', 'id', 'identity', 'present'],
  audience: ['type', 'id', 'audience', 'member'],
};

function checkNode(node: unknown, path: string, depth: number, c: NodeContext): void {
  const { p } = c;
  if (!isObj(node)) {
    p.add(path, `must be a node object, got ${show(node)}`);
    return;
  }
  const type = node.type;
  if (typeof type !== 'string' || !(type in NODE_FIELDS)) {
    p.add(
      `${path}.type`,
      `must be one of ${Object.keys(NODE_FIELDS).join(' ')}, got ${show(type)}`,
    );
    return;
  }
  p.fields(node, path, NODE_FIELDS[type]!);
  const id = node.id;
  if (typeof id !== 'string' || !NODE_ID_RE.test(id)) {
    p.add(`${path}.id`, `must be 1 to 64 letters, digits, "_" or "-", got ${show(id)}`);
  } else {
    const first = c.seenIds.get(id);
    if (first !== undefined) p.add(`${path}.id`, `duplicate node id "${id}" (also at ${first})`);
    else c.seenIds.set(id, path);
  }
  switch (type) {
    case 'group':
      return checkGroup(node, path, depth, c);
    case 'attribute':
      p.nonEmptyString(node, 'attribute', path, 'attribute name');
      checkCondition(node, path, p);
      return;
    case 'event':
      return checkEvent(node, path, c);
    case 'identity':
      p.nonEmptyString(node, 'identity', path, 'identity type');
      if (typeof node.present !== 'boolean')
        p.add(`${path}.present`, `must be true or false, got ${show(node.present)}`);
      return;
    case 'audience':
      if (typeof node.audience !== 'string' || !AUDIENCE_ID_RE.test(node.audience))
        p.add(`${path}.audience`, `must be an audience id, got ${show(node.audience)}`);
      else c.refs.push({ id: node.audience, path: `${path}.audience` });
      if (typeof node.member !== 'boolean')
        p.add(`${path}.member`, `must be true or false, got ${show(node.member)}`);
      return;
  }
}

function checkGroup(node: Obj, path: string, depth: number, c: NodeContext): void {
  const { p } = c;
  if (depth > MAX_GROUP_DEPTH)
    p.add(
      path,
      `groups may be nested ${MAX_GROUP_DEPTH} deep at most; this one is at depth ${depth}`,
    );
  if (node.match !== 'all' && node.match !== 'any')
    p.add(`${path}.match`, `must be "all" or "any", got ${show(node.match)}`);
  if (node.negate !== undefined && typeof node.negate !== 'boolean')
    p.add(`${path}.negate`, `must be true or false, got ${show(node.negate)}`);
  const children = node.children;
  if (!Array.isArray(children)) {
    p.add(`${path}.children`, `must be a list of nodes, got ${show(children)}`);
    return;
  }
  if (children.length === 0)
    p.add(
      `${path}.children`,
      'a group needs at least one condition (an empty group is not allowed)',
    );
  children.forEach((child, i) => checkNode(child, `${path}.children[${i}]`, depth + 1, c));
}

function checkEvent(node: Obj, path: string, c: NodeContext): void {
  const { p } = c;
  p.nonEmptyString(node, 'event', path, 'event name');
  if (node.where !== undefined) {
    if (!Array.isArray(node.where))
      p.add(`${path}.where`, `must be a list of property filters, got ${show(node.where)}`);
    else
      node.where.forEach((f, i) => {
        const fp = `${path}.where[${i}]`;
        if (!isObj(f)) return p.add(fp, `must be a filter {property, op, value}, got ${show(f)}`);
        p.fields(f, fp, ['property', 'op', 'value']);
        p.nonEmptyString(f, 'property', fp, 'property name');
        checkCondition(f, fp, p);
      });
  }
  checkWindow(node.window, `${path}.window`, c);
  if (node.count !== undefined) {
    const cp = `${path}.count`;
    if (!isObj(node.count)) p.add(cp, `must be {op, value}, got ${show(node.count)}`);
    else {
      p.fields(node.count, cp, ['op', 'value']);
      checkCompareOp(node.count.op, `${cp}.op`, p);
      if (!isWhole(node.count.value) || (node.count.value as number) < 0)
        p.add(`${cp}.value`, `must be a whole number >= 0, got ${show(node.count.value)}`);
    }
  }
  if (node.sum !== undefined) {
    const sp = `${path}.sum`;
    if (!isObj(node.sum)) p.add(sp, `must be {property, op, value}, got ${show(node.sum)}`);
    else {
      p.fields(node.sum, sp, ['property', 'op', 'value']);
      p.nonEmptyString(node.sum, 'property', sp, 'property to sum');
      checkCompareOp(node.sum.op, `${sp}.op`, p);
      if (!isFiniteNumber(node.sum.value))
        p.add(`${sp}.value`, `must be a finite number, got ${show(node.sum.value)}`);
    }
  }
}

function checkCompareOp(op: unknown, path: string, p: Problems): void {
  if (typeof op !== 'string' || !(COMPARE_OPS as readonly string[]).includes(op))
    p.add(path, `must be one of ${list(COMPARE_OPS)}, got ${show(op)}`);
}

function checkWindow(w: unknown, path: string, c: NodeContext): void {
  const { p } = c;
  if (w === 'all') return;
  if (w === undefined)
    return p.add(path, 'is required: "all", {"last": N, "unit": U} or {"from": ISO, "to": ISO}');
  if (!isObj(w))
    return p.add(
      path,
      `must be "all", {"last": N, "unit": U} or {"from": ISO, "to": ISO}, got ${show(w)}`,
    );
  if ('last' in w || 'unit' in w) {
    p.fields(w, path, ['last', 'unit']);
    const unitOk = typeof w.unit === 'string' && (TIME_UNITS as readonly string[]).includes(w.unit);
    if (!unitOk) p.add(`${path}.unit`, `must be one of ${list(TIME_UNITS)}, got ${show(w.unit)}`);
    if (!isWhole(w.last) || (w.last as number) < 1)
      p.add(`${path}.last`, `must be a whole number >= 1, got ${show(w.last)}`);
    else if (unitOk && c.realtime) {
      const ms = (w.last as number) * UNIT_MS[w.unit as keyof typeof UNIT_MS];
      if (ms > c.lookbackDays * DAY_MS)
        p.add(
          `${path}.last`,
          `a real-time audience sees only the last ${c.lookbackDays} days; ${w.last as number} ${w.unit as string}(s) is longer`,
        );
    }
    return;
  }
  if ('from' in w || 'to' in w) {
    p.fields(w, path, ['from', 'to']);
    const from = typeof w.from === 'string' ? parseDatetime(w.from) : undefined;
    const to = typeof w.to === 'string' ? parseDatetime(w.to) : undefined;
    if (from === undefined)
      p.add(
        `${path}.from`,
        `must be an ISO-8601 datetime with a zone or a date, got ${show(w.from)}`,
      );
    if (to === undefined)
      p.add(`${path}.to`, `must be an ISO-8601 datetime with a zone or a date, got ${show(w.to)}`);
    if (from !== undefined && to !== undefined && from >= to)
      p.add(path, `"from" must be before "to" (${show(w.from)} is not before ${show(w.to)})`);
    return;
  }
  p.add(path, `must be "all", {"last": N, "unit": U} or {"from": ISO, "to": ISO}, got ${show(w)}`);
}

const isDatetimeString = (v: unknown): v is string => typeof v === 'string' && isDatetime(v);

/** The value rules of audience-v1.md for one {op, value} (an attribute node or a where filter). */
function checkCondition(o: Obj, path: string, p: Problems): void {
  const op = o.op;
  const vp = `${path}.value`;
  if (typeof op !== 'string' || !(FILTER_OPS as readonly string[]).includes(op)) {
    p.add(`${path}.op`, `must be one of ${list(FILTER_OPS)}, got ${show(op)}`);
    return;
  }
  const v = o.value;
  const has = 'value' in o;
  switch (op as FilterOp) {
    case 'exists':
    case 'not_exists':
      if (has) p.add(vp, `"${op}" takes no value`);
      return;
    case '=':
    case '!=':
      if (!(typeof v === 'string' || typeof v === 'boolean' || isFiniteNumber(v)))
        p.add(vp, `"${op}" needs a string, a finite number or true/false, got ${show(v)}`);
      return;
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (!(isFiniteNumber(v) || isDatetimeString(v)))
        p.add(vp, `"${op}" needs a finite number or an ISO-8601 datetime, got ${show(v)}`);
      return;
    case 'between': {
      const ok =
        Array.isArray(v) &&
        v.length === 2 &&
        ((isFiniteNumber(v[0]) && isFiniteNumber(v[1])) ||
          (isDatetimeString(v[0]) && isDatetimeString(v[1])));
      if (!ok)
        p.add(vp, `"between" needs [low, high], two numbers or two datetimes, got ${show(v)}`);
      else {
        const lo = typeof v[0] === 'number' ? v[0] : parseDatetime(v[0] as string)!;
        const hi = typeof v[1] === 'number' ? v[1] : parseDatetime(v[1] as string)!;
        if (lo > hi) p.add(vp, `"between" needs low <= high, got ${show(v)}`);
      }
      return;
    }
    case 'in':
    case 'not_in':
      if (!Array.isArray(v) || v.length === 0)
        p.add(vp, `"${op}" needs a non-empty list of strings or numbers, got ${show(v)}`);
      else
        v.forEach((e, i) => {
          if (!(typeof e === 'string' || isFiniteNumber(e)))
            p.add(`${vp}[${i}]`, `must be a string or a finite number, got ${show(e)}`);
        });
      return;
    case 'contains':
    case 'not_contains':
    case 'starts_with':
    case 'ends_with':
      if (typeof v !== 'string') p.add(vp, `"${op}" needs a string, got ${show(v)}`);
      return;
    case 'within_last':
      if (!isObj(v)) {
        p.add(vp, `"within_last" needs {"amount": N, "unit": U}, got ${show(v)}`);
        return;
      }
      p.fields(v, vp, ['amount', 'unit']);
      if (!isWhole(v.amount) || (v.amount as number) < 1)
        p.add(`${vp}.amount`, `must be a whole number >= 1, got ${show(v.amount)}`);
      if (typeof v.unit !== 'string' || !(TIME_UNITS as readonly string[]).includes(v.unit))
        p.add(`${vp}.unit`, `must be one of ${list(TIME_UNITS)}, got ${show(v.unit)}`);
      return;
    case 'before':
    case 'after':
      if (!isDatetimeString(v))
        p.add(vp, `"${op}" needs an ISO-8601 datetime with a zone or a date, got ${show(v)}`);
      return;
  }
}

/** Unknown references and cycles, following saved audiences through the library. */
function checkReferences(
  def: Obj,
  refs: Array<{ id: string; path: string }>,
  library: (id: string) => AudienceDefinition | undefined,
  p: Problems,
): void {
  const selfId = typeof def.id === 'string' ? def.id : undefined;
  const refsOf = (id: string): string[] => {
    if (id === selfId) return refs.map((r) => r.id);
    const d = library(id);
    return d ? collectRefs(d.root) : [];
  };
  for (const ref of refs) {
    if (ref.id !== selfId && !library(ref.id)) {
      p.add(ref.path, `unknown audience "${ref.id}" (no saved audience has this id)`);
      continue;
    }
    // A cycle: following references from ref.id leads back to this audience.
    const seen = new Set<string>();
    const stack = [ref.id];
    let cycle = false;
    while (stack.length > 0 && !cycle) {
      const id = stack.pop()!;
      if (id === selfId) cycle = true;
      else if (!seen.has(id)) {
        seen.add(id);
        stack.push(...refsOf(id));
      }
    }
    if (cycle)
      p.add(
        ref.path,
        `audience "${ref.id}" refers back to "${selfId}": references may not form a cycle`,
      );
  }
}

/** The audience ids a node tree refers to. */
export function collectRefs(node: unknown): string[] {
  const out: string[] = [];
  const visit = (n: unknown): void => {
    if (!isObj(n)) return;
    if (n.type === 'audience' && typeof n.audience === 'string') out.push(n.audience);
    if (n.type === 'group' && Array.isArray(n.children)) n.children.forEach(visit);
  };
  visit(node);
  return out;
}

// Each block reads as a plain sentence, so a marketer can check a rule without decoding operators.
import type {
  AudienceNode,
  CompareOp,
  EventWindow,
  FilterOp,
  FilterValue,
  GroupNode,
  PropertyFilter,
  TimeUnit,
} from '../../../shared/audience/audience-types';

export type GroupMode = 'all' | 'any' | 'none' | 'not-all';

/** "None of A, B" is not (A or B): a negated "any" group. */
export function groupMode(group: GroupNode): GroupMode {
  if (!group.negate) return group.match;
  return group.match === 'any' ? 'none' : 'not-all';
}

/** Sets a group's match and negate for a mode, leaving out `negate` when it is false. */
export function withGroupMode(group: GroupNode, mode: GroupMode): GroupNode {
  const { negate: _negate, ...rest } = group;
  const match = mode === 'all' || mode === 'not-all' ? 'all' : 'any';
  const negated = mode === 'none' || mode === 'not-all';
  return negated ? { ...rest, match, negate: true } : { ...rest, match };
}

export const GROUP_MODE_LABEL: Record<GroupMode, string> = {
  all: 'All of',
  any: 'Any of',
  none: 'None of',
  'not-all': 'Not all of',
};

export const GROUP_MODE_HINT: Record<GroupMode, string> = {
  all: 'every block below must hold',
  any: 'at least one block below must hold',
  none: 'no block below may hold',
  'not-all': 'at least one block below must fail',
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function windowPhrase(window: EventWindow): string {
  if (window === 'all') return 'all time';
  if ('last' in window) return `in the last ${plural(window.last, window.unit)}`;
  return `between ${window.from} and ${window.to}`;
}

const COUNT_WORDS: Record<CompareOp, string> = {
  '<': 'fewer than',
  '<=': 'at most',
  '>': 'more than',
  '>=': 'at least',
  '=': 'exactly',
  '!=': 'other than',
};

const SUM_WORDS: Record<CompareOp, string> = {
  '<': 'under',
  '<=': 'of at most',
  '>': 'over',
  '>=': 'of at least',
  '=': 'of exactly',
  '!=': 'other than',
};

export const COMPARE_WORDS: Record<CompareOp, string> = {
  '=': 'is',
  '!=': 'is not',
  '<': 'is less than',
  '<=': 'is at most',
  '>': 'is more than',
  '>=': 'is at least',
};

export const FILTER_OP_WORDS: Record<FilterOp, string> = {
  ...COMPARE_WORDS,
  exists: 'is set',
  not_exists: 'is not set',
  between: 'is between',
  in: 'is one of',
  not_in: 'is none of',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  ends_with: 'ends with',
  within_last: 'is within the last',
  before: 'is before',
  after: 'is after',
};

function quote(v: string | number | boolean): string {
  return typeof v === 'string' ? `"${v}"` : String(v);
}

function valuePhrase(op: FilterOp, value: FilterValue | undefined): string {
  if (op === 'exists' || op === 'not_exists') return '';
  if (value === undefined) return '…';
  if (op === 'between' && Array.isArray(value)) {
    return `${quote(value[0] ?? '…')} and ${quote(value[1] ?? '…')}`;
  }
  if (Array.isArray(value)) return value.length ? value.map(quote).join(', ') : '…';
  if (typeof value === 'object') return plural(value.amount, value.unit as TimeUnit);
  return quote(value);
}

function conditionPhrase(subject: string, op: FilterOp, value?: FilterValue): string {
  const tail = valuePhrase(op, value);
  return `${subject} ${FILTER_OP_WORDS[op]}${tail ? ` ${tail}` : ''}`;
}

function filtersPhrase(where: PropertyFilter[] | undefined): string {
  if (!where?.length) return '';
  return ` where ${where.map((f) => conditionPhrase(f.property, f.op, f.value)).join(' and ')}`;
}

export function nodeSentence(node: AudienceNode, audienceName?: (id: string) => string): string {
  switch (node.type) {
    case 'group': {
      // The size says which group is meant when several share a mode ("Any of 2 blocks").
      const n = node.children.length;
      const size = n === 0 ? '(empty)' : `${n} block${n === 1 ? '' : 's'}`;
      return `${GROUP_MODE_LABEL[groupMode(node)]} ${size}`;
    }
    case 'attribute':
      return conditionPhrase(node.attribute || '(attribute)', node.op, node.value);
    case 'identity':
      return `${node.present ? 'Has' : 'Has no'} ${node.identity || '(identity)'}`;
    case 'audience': {
      const name = audienceName?.(node.audience) ?? node.audience;
      return `${node.member ? 'Is' : 'Is not'} in the audience "${name || '…'}"`;
    }
    case 'event': {
      const event = node.event || '(event)';
      const where = filtersPhrase(node.where);
      const win = windowPhrase(node.window);
      const parts: string[] = [];
      if (node.count && node.count.op === '=' && node.count.value === 0) {
        parts.push(`Did not do ${event}${where}`);
      } else if (node.count) {
        parts.push(
          `Did ${event}${where} ${COUNT_WORDS[node.count.op]} ${plural(node.count.value, 'time')}`,
        );
      } else {
        parts.push(`Did ${event}${where}`);
      }
      if (node.sum) {
        const s = node.sum;
        parts.push(`with a total ${s.property || '(property)'} ${SUM_WORDS[s.op]} ${s.value}`);
      }
      return `${parts.join(' ')}, ${win}`;
    }
  }
}

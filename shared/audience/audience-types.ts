// The audience definition, format v1 (../shared/spec/audience-v1.md). A product contract: users keep
// these files in git, so the types follow the spec field for field. Pure: no Node or DOM.

export const AUDIENCE_FORMAT = 'audience/v1' as const;
export const MAX_GROUP_DEPTH = 8;

export type AudienceKind = 'realtime' | 'standard';
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export const COMPARE_OPS: readonly CompareOp[] = ['=', '!=', '<', '<=', '>', '>='];

export type TimeUnit = 'minute' | 'hour' | 'day' | 'week';
export const TIME_UNITS: readonly TimeUnit[] = ['minute', 'hour', 'day', 'week'];
export const UNIT_MS: Record<TimeUnit, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

export type FilterOp =
  | 'exists'
  | 'not_exists'
  | CompareOp
  | 'between'
  | 'in'
  | 'not_in'
  | 'contains'
  | 'not_contains'
  | 'starts_with'
  | 'ends_with'
  | 'within_last'
  | 'before'
  | 'after';

export const FILTER_OPS: readonly FilterOp[] = [
  'exists',
  'not_exists',
  ...COMPARE_OPS,
  'between',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'within_last',
  'before',
  'after',
];

export type Scalar = string | number | boolean;
export type FilterValue =
  | Scalar
  | [number, number]
  | [string, string]
  | Array<string | number>
  | { amount: number; unit: TimeUnit };

export interface Condition {
  op: FilterOp;
  value?: FilterValue;
}

export interface PropertyFilter extends Condition {
  property: string;
}

export type EventWindow = 'all' | { last: number; unit: TimeUnit } | { from: string; to: string };

export interface GroupNode {
  type: 'group';
  id: string;
  match: 'all' | 'any';
  negate?: boolean;
  children: AudienceNode[];
}

export interface AttributeNode extends Condition {
  type: 'attribute';
  id: string;
  attribute: string;
}

export interface EventNode {
  type: 'event';
  id: string;
  event: string;
  where?: PropertyFilter[];
  window: EventWindow;
  count?: { op: CompareOp; value: number };
  sum?: { property: string; op: CompareOp; value: number };
}

export interface IdentityNode {
  type: 'identity';
  id: string;
  identity: string;
  present: boolean;
}

export interface AudienceRefNode {
  type: 'audience';
  id: string;
  audience: string;
  member: boolean;
}

export type AudienceNode = GroupNode | AttributeNode | EventNode | IdentityNode | AudienceRefNode;
export type LeafNode = Exclude<AudienceNode, GroupNode>;

export interface AudienceDefinition {
  format: typeof AUDIENCE_FORMAT;
  id: string;
  name: string;
  kind: AudienceKind;
  root: GroupNode;
}

/** A problem found by validation: the JSON path (`root.children[1].count.op`) and a plain sentence. */
export interface ValidationProblem {
  path: string;
  message: string;
}

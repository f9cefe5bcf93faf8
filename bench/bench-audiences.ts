// The five fixed bench audiences (issue 4) and the one-rule edits re-previewed after each. Each edit
// takes a run number so every run changes the rule to a value not seen before: a re-preview must
// recompute that rule, not find it cached.
import type {
  AudienceDefinition,
  AudienceNode,
  GroupNode,
} from '../shared/audience/audience-types';
import { seedAudience } from '../shared/audience/seed-audience';

export interface BenchAudience {
  def: AudienceDefinition;
  /** The audience with one rule changed; `run` >= 1 picks a value unused by other runs. */
  edit(run: number): AudienceDefinition;
  /** What the edit changes, for the report. */
  editLabel: string;
}

const audience = (id: string, name: string, kind: 'realtime' | 'standard', root: GroupNode) =>
  ({ format: 'audience/v1', id, name, kind, root }) as AudienceDefinition;

const group = (
  id: string,
  match: 'all' | 'any',
  children: AudienceNode[],
  negate = false,
): GroupNode => ({ type: 'group', id, match, ...(negate ? { negate } : {}), children });

/** A copy of `def` with the node `id` replaced by `f(node)`. */
function replaceNode(
  def: AudienceDefinition,
  id: string,
  f: (n: AudienceNode) => AudienceNode,
): AudienceDefinition {
  const walk = (n: AudienceNode): AudienceNode => {
    if (n.id === id) return f(n);
    if (n.type === 'group') return { ...n, children: n.children.map(walk) };
    return n;
  };
  return { ...def, root: walk(def.root) as GroupNode };
}

function withEventCount(def: AudienceDefinition, id: string, value: number) {
  return replaceNode(def, id, (n) =>
    n.type === 'event' ? { ...n, count: { ...n.count!, value } } : n,
  );
}

// 1. The seed example of audience-v1.md.
const seedExample = seedAudience();

// 2. A purchase sum with attributes and a negated group.
const bigSpenders = audience('big-spenders', 'Big spenders in North America', 'realtime', {
  type: 'group',
  id: 'root',
  match: 'all',
  children: [
    { type: 'attribute', id: 'na', attribute: 'country', op: 'in', value: ['US', 'CA'] },
    {
      type: 'event',
      id: 'spent',
      event: 'purchase',
      window: { last: 30, unit: 'day' },
      sum: { property: 'total_amount', op: '>=', value: 100 },
    },
    group(
      'not-free-or-lapsed',
      'any',
      [
        { type: 'attribute', id: 'free', attribute: 'plan', op: '=', value: 'free' },
        { type: 'attribute', id: 'lapsed', attribute: 'crm_segment', op: '=', value: 'lapsed' },
      ],
      true,
    ),
  ],
});

// 3. An OR of windowed counts.
const activeOrAbandoning = audience(
  'active-or-abandoning',
  'Active or abandoning carts',
  'realtime',
  {
    type: 'group',
    id: 'root',
    match: 'any',
    children: [
      {
        type: 'event',
        id: 'many-sessions',
        event: 'session_start',
        window: { last: 7, unit: 'day' },
        count: { op: '>=', value: 5 },
      },
      group('abandoned', 'all', [
        { type: 'event', id: 'carted', event: 'add_to_cart', window: { last: 1, unit: 'day' } },
        {
          type: 'event',
          id: 'no-purchase',
          event: 'purchase',
          window: { last: 1, unit: 'day' },
          count: { op: '=', value: 0 },
        },
      ]),
      {
        type: 'event',
        id: 'checkout-views',
        event: 'screen_view',
        where: [{ property: 'screen_name', op: '=', value: 'checkout' }],
        window: { last: 14, unit: 'day' },
        count: { op: '>=', value: 2 },
      },
    ],
  },
);

// 4. An audience built on the two above.
export const EDIT_IDENTITIES = [
  'customer_id',
  'ios_advertising_id',
  'android_advertising_id',
  'ios_idfv',
  'android_uuid',
  'mpid',
];
const engagedNonSpenders = audience(
  'engaged-non-spenders',
  'Engaged, reachable non-spenders',
  'realtime',
  {
    type: 'group',
    id: 'root',
    match: 'all',
    children: [
      { type: 'audience', id: 'is-active', audience: 'active-or-abandoning', member: true },
      { type: 'audience', id: 'not-big', audience: 'big-spenders', member: false },
      { type: 'identity', id: 'has-email', identity: 'email', present: true },
    ],
  },
);

// 5. Ten rules, six of them with event property filters.
const tenRules = audience('ten-rules', 'Ten rules with property filters', 'standard', {
  type: 'group',
  id: 'root',
  match: 'all',
  children: [
    {
      type: 'attribute',
      id: 'r1-country',
      attribute: 'country',
      op: 'in',
      value: ['US', 'GB', 'DE', 'FR', 'CA'],
    },
    { type: 'identity', id: 'r2-customer', identity: 'customer_id', present: true },
    {
      type: 'attribute',
      id: 'r3-signup',
      attribute: 'signup_date',
      op: 'after',
      value: '2026-09-15',
    },
    {
      type: 'event',
      id: 'r4-no-purchase',
      event: 'purchase',
      window: { last: 30, unit: 'day' },
      count: { op: '=', value: 0 },
    },
    group('any-interest', 'any', [
      {
        type: 'event',
        id: 'r5-checkout',
        event: 'screen_view',
        where: [{ property: 'screen_name', op: '=', value: 'checkout' }],
        window: { last: 60, unit: 'day' },
      },
      {
        type: 'event',
        id: 'r6-browsing',
        event: 'screen_view',
        where: [{ property: 'screen_name', op: 'in', value: ['product', 'cart'] }],
        window: { last: 30, unit: 'day' },
        count: { op: '>=', value: 3 },
      },
      {
        type: 'event',
        id: 'r7-levels',
        event: 'level_complete',
        where: [{ property: 'level', op: '>=', value: 5 }],
        window: 'all',
      },
      {
        type: 'event',
        id: 'r8-cart-value',
        event: 'add_to_cart',
        where: [{ property: 'total_amount', op: '>=', value: 20 }],
        window: { last: 13, unit: 'week' },
      },
      {
        type: 'event',
        id: 'r9-social',
        event: 'share',
        where: [{ property: 'channel', op: '!=', value: 'email' }],
        window: 'all',
      },
      {
        type: 'event',
        id: 'r10-long-sessions',
        event: 'session_end',
        where: [{ property: 'session_duration_ms', op: '>', value: 600000 }],
        window: { last: 8, unit: 'week' },
        count: { op: '>=', value: 2 },
      },
    ]),
  ],
});

export const BENCH_AUDIENCES: readonly BenchAudience[] = [
  {
    def: seedExample,
    editLabel: 'session count < 3+run',
    edit: (run) => withEventCount(seedExample, 'few-sessions', 3 + run),
  },
  {
    def: bigSpenders,
    editLabel: 'purchase sum >= 100+25*run',
    edit: (run) =>
      replaceNode(bigSpenders, 'spent', (n) =>
        n.type === 'event' ? { ...n, sum: { ...n.sum!, value: 100 + 25 * run } } : n,
      ),
  },
  {
    def: activeOrAbandoning,
    editLabel: '7-day sessions >= 5+run',
    edit: (run) => withEventCount(activeOrAbandoning, 'many-sessions', 5 + run),
  },
  {
    def: engagedNonSpenders,
    editLabel: 'identity email -> another type',
    edit: (run) =>
      replaceNode(engagedNonSpenders, 'has-email', (n) =>
        n.type === 'identity'
          ? { ...n, identity: EDIT_IDENTITIES[(run - 1) % EDIT_IDENTITIES.length]! }
          : n,
      ),
  },
  {
    def: tenRules,
    editLabel: 'level >= 5+run',
    edit: (run) =>
      replaceNode(tenRules, 'r7-levels', (n) =>
        n.type === 'event' ? { ...n, where: [{ property: 'level', op: '>=', value: 5 + run }] } : n,
      ),
  },
];

/** Resolves audience references of the bench audiences (their own little library). */
export function benchLibrary(id: string): AudienceDefinition | undefined {
  return BENCH_AUDIENCES.find((a) => a.def.id === id)?.def;
}

/** Everyone with an install: the ~1M-member audience for the members export and publish diff. */
export const EVERYONE: AudienceDefinition = audience(
  'everyone-installed',
  'Everyone who installed',
  'standard',
  {
    type: 'group',
    id: 'root',
    match: 'all',
    children: [{ type: 'event', id: 'installed', event: 'install', window: 'all' }],
  },
);

import { describe, expect, it } from 'vitest';
import { groupMode, nodeSentence, withGroupMode } from './sentence';

describe('block sentences', () => {
  it('reads event blocks as the issue words them', () => {
    expect(
      nodeSentence({
        type: 'event',
        id: 'x',
        event: 'session_start',
        window: 'all',
        count: { op: '<', value: 3 },
      }),
    ).toBe('Did session_start fewer than 3 times, all time');
    expect(
      nodeSentence({
        type: 'event',
        id: 'x',
        event: 'install',
        window: { last: 72, unit: 'hour' },
      }),
    ).toBe('Did install, in the last 72 hours');
    expect(
      nodeSentence({
        type: 'event',
        id: 'x',
        event: 'purchase',
        window: { from: '2026-01-01', to: '2026-02-01' },
        where: [{ property: 'currency', op: '=', value: 'EUR' }],
        count: { op: '=', value: 0 },
      }),
    ).toBe('Did not do purchase where currency is "EUR", between 2026-01-01 and 2026-02-01');
    expect(
      nodeSentence({
        type: 'event',
        id: 'x',
        event: 'purchase',
        window: { last: 1, unit: 'day' },
        sum: { property: 'amount', op: '>', value: 100 },
      }),
    ).toBe('Did purchase with a total amount over 100, in the last 1 day');
  });

  it('reads attributes, identities, audiences and groups', () => {
    expect(
      nodeSentence({ type: 'attribute', id: 'a', attribute: 'age', op: '>=', value: 18 }),
    ).toBe('age is at least 18');
    expect(
      nodeSentence({
        type: 'attribute',
        id: 'a',
        attribute: 'plan',
        op: 'in',
        value: ['pro', 'team'],
      }),
    ).toBe('plan is one of "pro", "team"');
    expect(nodeSentence({ type: 'attribute', id: 'a', attribute: 'email', op: 'exists' })).toBe(
      'email is set',
    );
    expect(nodeSentence({ type: 'identity', id: 'i', identity: 'email', present: false })).toBe(
      'Has no email',
    );
    expect(
      nodeSentence({ type: 'audience', id: 'r', audience: 'vip', member: true }, () => 'VIPs'),
    ).toBe('Is in the audience "VIPs"');
    const block = { type: 'identity' as const, id: 'i', identity: 'email', present: true };
    expect(nodeSentence({ type: 'group', id: 'g', match: 'all', children: [] })).toBe(
      'All of (empty)',
    );
    expect(nodeSentence({ type: 'group', id: 'g', match: 'any', children: [block] })).toBe(
      'Any of 1 block',
    );
    expect(
      nodeSentence({
        type: 'group',
        id: 'g',
        match: 'any',
        negate: true,
        children: [block, block],
      }),
    ).toBe('None of 2 blocks');
  });

  it('maps "None of" to a negated any-group and back', () => {
    const none = withGroupMode({ type: 'group', id: 'g', match: 'all', children: [] }, 'none');
    expect(none).toEqual({ type: 'group', id: 'g', match: 'any', negate: true, children: [] });
    expect(Object.keys(withGroupMode(none, 'any'))).not.toContain('negate');
    expect(groupMode(none)).toBe('none');
    expect(nodeSentence(none)).toBe('None of (empty)');
    expect(groupMode({ type: 'group', id: 'g', match: 'all', negate: true, children: [] })).toBe(
      'not-all',
    );
  });
});

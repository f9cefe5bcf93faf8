// The block editors rendered for real (react-dom/server): the pickers are filled from the catalog and
// each value editor matches the operator and the attribute's type.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type {
  AudienceDefinition,
  AudienceNode,
  GroupNode,
} from '../../../shared/audience/audience-types';
import type { Catalog } from '../../../shared/contract/workspace-channels';
import { BlockCount } from '../canvas/BlockCount';
import { CanvasContext, type CanvasContextValue } from '../canvas/canvas-context';
import { testCanvasContext } from '../canvas/test-canvas-context';
import { NodeEditor } from './NodeEditor';

const catalog: Catalog = {
  events: [
    {
      name: 'session_start',
      count: 900,
      profiles: 300,
      properties: [{ name: 'platform', type: 'string', topValues: [{ value: 'ios', count: 5 }] }],
    },
    { name: 'purchase', count: 50, profiles: 20, properties: [] },
  ],
  attributes: [
    { name: 'plan', type: 'string', profiles: 80, topValues: [{ value: 'pro', count: 40 }] },
    { name: 'signed_up', type: 'datetime', profiles: 90, topValues: [] },
    { name: 'age', type: 'number', profiles: 70, topValues: [] },
  ],
  identities: [{ type: 'email', profiles: 60 }],
  audiences: [{ id: 'vip', name: 'VIP buyers' }],
};

function render(node: AudienceNode, extra: Partial<CanvasContextValue> = {}): string {
  const root: GroupNode = { type: 'group', id: 'root', match: 'all', children: [node] };
  const definition: AudienceDefinition = {
    format: 'audience/v1',
    id: 'me',
    name: 'Me',
    kind: 'standard',
    root,
  };
  const value = testCanvasContext(definition, { catalog, ...extra });
  return renderToStaticMarkup(
    <CanvasContext.Provider value={value}>
      {node.type === 'group' ? null : <NodeEditor node={node} />}
      <BlockCount nodeId={node.id} />
    </CanvasContext.Provider>,
  );
}

/** The text of the selected option of the select with this test id. */
function selected(html: string, testId: string): string | undefined {
  const select = new RegExp(`data-testid="${testId}"[^>]*>(.*?)</select>`).exec(html)?.[1];
  return select ? /<option[^>]*selected=""[^>]*>([^<]*)</.exec(select)?.[1] : undefined;
}

describe('block editors', () => {
  it('fills the event picker from the catalog and shows count and window', () => {
    const html = render({
      type: 'event',
      id: 'e',
      event: 'session_start',
      window: { last: 72, unit: 'hour' },
      count: { op: '<', value: 3 },
      where: [{ property: 'platform', op: '=', value: 'ios' }],
    });
    expect(selected(html, 'edit-e-event')).toBe('session_start · 900 events');
    expect(html).toContain('purchase · 50 events');
    expect(selected(html, 'edit-e-count-op')).toBe('fewer than');
    expect(html).toMatch(/data-testid="edit-e-count-value"[^>]*value="3"/);
    expect(selected(html, 'edit-e-window')).toBe('in the last');
    expect(selected(html, 'edit-e-window-unit')).toBe('hours');
    expect(html).toMatch(/aria-pressed="true"[^>]*>72 hours/);
    expect(selected(html, 'edit-e-where-0-property')).toBe('platform');
    expect(html).toMatch(/data-testid="edit-e-where-0-value"[^>]*value="ios"/);
  });

  it('keeps an event that is not in the data visible instead of dropping it', () => {
    const html = render({ type: 'event', id: 'e', event: 'legacy_open', window: 'all' });
    expect(selected(html, 'edit-e-event')).toBe('legacy_open (not in the data)');
    expect(selected(html, 'edit-e-count-op')).toBe('at least once');
  });

  it('offers type-aware operators and value editors for attributes', () => {
    const date = render({
      type: 'attribute',
      id: 'a',
      attribute: 'signed_up',
      op: 'within_last',
      value: { amount: 14, unit: 'day' },
    });
    expect(selected(date, 'edit-a-op')).toBe('is within the last');
    expect(date).not.toContain('>contains<');
    expect(date).toMatch(/data-testid="edit-a-amount"[^>]*value="14"/);
    expect(selected(date, 'edit-a-unit')).toBe('days');

    const list = render({
      type: 'attribute',
      id: 'a',
      attribute: 'plan',
      op: 'in',
      value: ['pro', 'team'],
    });
    expect(list).toContain('>pro<');
    expect(list).toContain('>team<');
    expect(list).toContain('aria-label="Remove team"');

    const num = render({
      type: 'attribute',
      id: 'a',
      attribute: 'age',
      op: 'between',
      value: [18, 30],
    });
    expect(num).toMatch(/data-testid="edit-a-low"[^>]*value="18"/);
    expect(num).toMatch(/data-testid="edit-a-high"[^>]*value="30"/);
    expect(num).not.toContain('starts with');
  });

  it('edits identity and audience blocks from the catalog', () => {
    const id = render({ type: 'identity', id: 'i', identity: 'email', present: false });
    expect(selected(id, 'edit-i-present')).toBe('Has no');
    expect(selected(id, 'edit-i-identity')).toBe('email · 60 users');
    const ref = render({ type: 'audience', id: 'r', audience: 'vip', member: true });
    expect(selected(ref, 'edit-r-audience')).toBe('VIP buyers');
    const missing = render({ type: 'audience', id: 'r', audience: 'gone', member: true });
    expect(selected(missing, 'edit-r-audience')).toBe('gone (not found)');
  });

  it('shows a block count with its bar, and a dash for an invalid block', () => {
    const node: AudienceNode = { type: 'identity', id: 'i', identity: 'email', present: true };
    const counted = render(node, { counts: { i: 250 } });
    expect(counted).toMatch(/data-testid="node-count-i"[^>]*>250</);
    expect(counted).toContain('width:25%');
    const invalid = render(node, { counts: { i: 250 }, problems: new Map([['i', ['bad']]]) });
    expect(invalid).toMatch(/data-testid="node-count-i"[^>]*>—</);
  });
});

describe('look-back warning', () => {
  it('warns only for real-time date windows that start before the look-back', async () => {
    const { lookbackWarning } = await import('./WindowEditor');
    const now = Date.parse('2026-12-01T00:00:00Z');
    const w = { from: '2026-10-01', to: '2026-12-01' };
    expect(lookbackWarning(w, 'realtime', 30, now)).toMatch(/last 30 days/);
    expect(lookbackWarning(w, 'standard', 30, now)).toBeNull();
    expect(
      lookbackWarning({ from: '2026-11-20', to: '2026-12-01' }, 'realtime', 30, now),
    ).toBeNull();
    expect(lookbackWarning({ last: 7, unit: 'day' }, 'realtime', 30, now)).toBeNull();
  });
});

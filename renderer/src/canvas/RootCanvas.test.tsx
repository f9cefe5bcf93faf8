// The top of the canvas rendered for real (react-dom/server): a new audience's empty root is an
// invitation, while an emptied saved one keeps the validator's message and its dash of a count.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AudienceDefinition } from '../../../shared/audience/audience-types';
import { CanvasContext } from './canvas-context';
import { RootCanvas } from './RootCanvas';
import { testCanvasContext } from './test-canvas-context';

const EMPTY_MESSAGE = 'a group needs at least one condition (an empty group is not allowed)';

function render(
  emptyStart: boolean,
  problems: Map<string, string[]>,
  children: AudienceDefinition['root']['children'] = [],
): string {
  const definition: AudienceDefinition = {
    format: 'audience/v1',
    id: 'new-one',
    name: 'New one',
    kind: 'realtime',
    root: { type: 'group', id: 'root', match: 'all', children },
  };
  const value = testCanvasContext(definition, { problems, emptyStart });
  return renderToStaticMarkup(
    <CanvasContext.Provider value={value}>
      <RootCanvas />
    </CanvasContext.Provider>,
  );
}

describe('RootCanvas', () => {
  it('invites a first block on a new audience, with no error and no count', () => {
    const html = render(true, new Map());
    expect(html).toContain('data-testid="canvas-empty-start"');
    expect(html).toContain('Start by dragging a block here');
    expect(html).toContain('data-testid="drop-root"');
    expect(html).not.toContain('block-problems');
    expect(html).not.toContain('node-count-root');
  });

  it('shows a just-added empty group as waiting for a block, not as an error', () => {
    const group = { type: 'group' as const, id: 'g1', match: 'any' as const, children: [] };
    const html = render(false, new Map([['g1', [EMPTY_MESSAGE]]]), [group]);
    expect(html).toMatch(/class="block block-group waiting"/);
    expect(html).toContain('This group is empty: drag a block here from the palette');
    expect(html).not.toContain('block-problems');
    // Any other problem of the group is still an error, shown in red with its message.
    const other = render(false, new Map([['g1', [EMPTY_MESSAGE, 'something else is wrong']]]), [
      group,
    ]);
    expect(other).toMatch(/class="block block-group invalid waiting"/);
    expect(other).toContain('something else is wrong');
    expect(other).not.toContain(EMPTY_MESSAGE);
  });

  it('keeps the validator message on an emptied audience', () => {
    const html = render(false, new Map([['root', [EMPTY_MESSAGE]]]));
    expect(html).not.toContain('canvas-empty-start');
    expect(html).toContain(EMPTY_MESSAGE);
    expect(html).toMatch(/data-testid="node-count-root"[^>]*>—</);
  });
});

import { describe, expect, it } from 'vitest';
import type { AudienceNode, GroupNode } from '../../../shared/audience/audience-types';
import { dropTargetAt, isNoOpDrop } from './drop-target';

const ev = (id: string): AudienceNode => ({ type: 'event', id, event: 'e', window: 'all' });
const root: GroupNode = {
  type: 'group',
  id: 'root',
  match: 'all',
  children: [ev('a'), { type: 'group', id: 'g', match: 'any', children: [ev('b'), ev('c')] }],
};
// a: 0..100, g: 100..400 with b: 150..250 and c: 250..350
const spans: Record<string, { top: number; bottom: number }> = {
  a: { top: 0, bottom: 100 },
  g: { top: 100, bottom: 400 },
  b: { top: 150, bottom: 250 },
  c: { top: 250, bottom: 350 },
};
const spanOf = (id: string) => spans[id];

describe('drop targets', () => {
  it('drops before or after a block by its halves', () => {
    expect(dropTargetAt(root, 'b', 160, spanOf, ev('x'))).toEqual({
      groupId: 'g',
      index: 0,
      refusal: null,
    });
    expect(dropTargetAt(root, 'b', 240, spanOf, ev('x'))?.index).toBe(1);
    expect(dropTargetAt(root, 'a', 90, spanOf, ev('x'))).toMatchObject({
      groupId: 'root',
      index: 1,
    });
  });

  it('drops into a group area between blocks or at its end', () => {
    expect(dropTargetAt(root, 'drop:g', 140, spanOf, ev('x'))?.index).toBe(0);
    expect(dropTargetAt(root, 'drop:g', 260, spanOf, ev('x'))?.index).toBe(1);
    expect(dropTargetAt(root, 'drop:g', 390, spanOf, ev('x'))?.index).toBe(2);
    expect(dropTargetAt(root, 'drop:nope', 390, spanOf, ev('x'))).toBeNull();
  });

  it('refuses a group into itself and recognises a drop in place', () => {
    const g = root.children[1]!;
    expect(dropTargetAt(root, 'drop:g', 390, spanOf, g)?.refusal).toMatch(/into itself/);
    expect(isNoOpDrop(root, 'b', { groupId: 'g', index: 1, refusal: null })).toBe(true);
    expect(isNoOpDrop(root, 'b', { groupId: 'g', index: 2, refusal: null })).toBe(false);
    expect(isNoOpDrop(root, 'b', { groupId: 'root', index: 0, refusal: null })).toBe(false);
  });
});

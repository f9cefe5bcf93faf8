import { describe, expect, it } from 'vitest';
import type { AudienceNode, GroupNode } from '../../../shared/audience/audience-types';
import {
  dropRefusal,
  findNode,
  freshId,
  groupDepth,
  insertNode,
  moveDown,
  moveIntoGroupAbove,
  moveNode,
  moveOutOfGroup,
  moveUp,
  removeNode,
  withFreshIds,
} from './tree-ops';

const ev = (id: string): AudienceNode => ({ type: 'event', id, event: 'e', window: 'all' });
const group = (id: string, children: AudienceNode[]): GroupNode => ({
  type: 'group',
  id,
  match: 'all',
  children,
});
const ids = (g: GroupNode): string[] => g.children.map((c) => c.id);

function sample(): GroupNode {
  return group('root', [ev('a'), ev('b'), group('g', [ev('c'), group('h', [ev('d')])]), ev('e')]);
}

describe('tree edits', () => {
  it('moves within a group counting the index before the move', () => {
    const root = sample();
    expect(ids(moveNode(root, 'a', 'root', 3))).toEqual(['b', 'g', 'a', 'e']);
    expect(ids(moveNode(root, 'e', 'root', 0))).toEqual(['e', 'a', 'b', 'g']);
    expect(moveNode(root, 'a', 'root', 1)).toBe(root);
    expect(ids(root)).toEqual(['a', 'b', 'g', 'e']);
  });

  it('moves a block and a whole group between groups', () => {
    const root = sample();
    const moved = moveNode(root, 'b', 'h', 0);
    expect(ids(moved)).toEqual(['a', 'g', 'e']);
    expect(ids(findNode(moved, 'h') as GroupNode)).toEqual(['b', 'd']);
    const g = moveNode(root, 'h', 'root', 0);
    expect(ids(g)).toEqual(['h', 'a', 'b', 'g', 'e']);
    expect(ids(findNode(g, 'h') as GroupNode)).toEqual(['d']);
  });

  it('never drops a group into itself or its descendants', () => {
    const root = sample();
    const g = findNode(root, 'g')!;
    expect(dropRefusal(root, g, 'g')).toMatch(/into itself/);
    expect(dropRefusal(root, g, 'h')).toMatch(/into itself/);
    expect(moveNode(root, 'g', 'h', 0)).toBe(root);
    expect(() => insertNode(root, 'h', 0, g)).toThrow(/into itself/);
  });

  it('refuses nesting beyond depth 8', () => {
    let root = group('root', []);
    let parent = 'root';
    for (let d = 2; d <= 8; d++) {
      root = insertNode(root, parent, 0, group(`g${d}`, []));
      parent = `g${d}`;
    }
    expect(groupDepth(root, 'g8')).toBe(8);
    expect(dropRefusal(root, ev('x'), 'g8')).toBeNull();
    expect(dropRefusal(root, group('y', []), 'g8')).toMatch(/8 deep/);
    expect(dropRefusal(root, group('y', []), 'g7')).toBeNull();
  });

  it('moves up, down, into the group above and out of a group', () => {
    const root = sample();
    expect(ids(moveUp(root, 'b'))).toEqual(['b', 'a', 'g', 'e']);
    expect(moveUp(root, 'a')).toBe(root);
    expect(ids(moveDown(root, 'a'))).toEqual(['b', 'a', 'g', 'e']);
    expect(moveDown(root, 'e')).toBe(root);
    const into = moveIntoGroupAbove(root, 'e');
    expect(ids(findNode(into, 'g') as GroupNode)).toEqual(['c', 'h', 'e']);
    expect(moveIntoGroupAbove(root, 'a')).toBe(root);
    const out = moveOutOfGroup(root, 'd');
    expect(ids(findNode(out, 'g') as GroupNode)).toEqual(['c', 'h', 'd']);
    expect(moveOutOfGroup(root, 'a')).toBe(root);
  });

  it('removes, leaves the input untouched and makes unique readable ids', () => {
    const root = sample();
    const less = removeNode(root, 'c');
    expect(ids(findNode(less, 'g') as GroupNode)).toEqual(['h']);
    expect(ids(findNode(root, 'g') as GroupNode)).toEqual(['c', 'h']);
    const r2 = insertNode(root, 'root', 0, ev('event-1'));
    expect(freshId(r2, 'event')).toBe('event-2');
    const copy = withFreshIds(r2, findNode(r2, 'g')!) as GroupNode;
    expect(copy.id).toBe('group-1');
    expect(ids(copy)).toEqual(['event-2', 'group-2']);
  });
});

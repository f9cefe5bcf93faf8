import { describe, expect, it } from 'vitest';
import type { AudienceDefinition } from '../../../shared/audience/audience-types';
import { groupProblems, nodeIdOfPath } from './problem-paths';

const def: AudienceDefinition = {
  format: 'audience/v1',
  id: 'x',
  name: 'X',
  kind: 'standard',
  root: {
    type: 'group',
    id: 'root',
    match: 'all',
    children: [
      { type: 'event', id: 'e1', event: 'a', window: 'all' },
      { type: 'group', id: 'g', match: 'any', children: [] },
    ],
  },
};

describe('problem paths', () => {
  it('finds the deepest node a path names', () => {
    expect(nodeIdOfPath(def, 'root.children[0].count.op')).toBe('e1');
    expect(nodeIdOfPath(def, 'root.children[1].children')).toBe('g');
    expect(nodeIdOfPath(def, 'root.children[1].children[4]')).toBe('g');
    expect(nodeIdOfPath(def, 'root.match')).toBe('root');
    expect(nodeIdOfPath(def, 'name')).toBeNull();
  });

  it('groups problems by block and keeps the rest', () => {
    const g = groupProblems(def, [
      { path: 'root.children[1].children', message: 'must not be empty' },
      { path: 'name', message: 'must be 1..200 characters' },
    ]);
    expect(g.byNode.get('g')).toEqual(['must not be empty']);
    expect(g.general).toEqual(['name: must be 1..200 characters']);
  });
});

// For component tests: a canvas context with nothing selected, dragged or counted, its callbacks
// inert, so each test names only what it is about.
import type { AudienceDefinition } from '../../../shared/audience/audience-types';
import type { CanvasContextValue } from './canvas-context';

export function testCanvasContext(
  definition: AudienceDefinition,
  extra: Partial<CanvasContextValue> = {},
): CanvasContextValue {
  return {
    definition,
    catalog: null,
    counts: null,
    countsStale: false,
    population: 1000,
    problems: new Map(),
    dropTarget: null,
    selectedGroup: 'root',
    selectGroup: () => {},
    editNode: () => {},
    editTree: () => {},
    announce: () => {},
    audienceName: (id) => id,
    lookbackDays: 30,
    emptyStart: false,
    ...extra,
  };
}

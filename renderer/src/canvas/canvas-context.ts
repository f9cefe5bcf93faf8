// What every block on the canvas needs without threading it through each level: the editing
// function, the catalog for the pickers, the live counts and the problems found by validation.
import { createContext, useContext } from 'react';
import type { AudienceDefinition, AudienceNode } from '../../../shared/audience/audience-types';
import type { Catalog } from '../../../shared/contract/workspace-channels';

export interface DropTarget {
  groupId: string;
  index: number;
  /** Why this drop would be refused (shown in red on the indicator), or null. */
  refusal: string | null;
}

export interface CanvasContextValue {
  definition: AudienceDefinition;
  catalog: Catalog | null;
  /** Counts of the last preview, by node id; stale while `countsStale`. */
  counts: Record<string, number> | null;
  countsStale: boolean;
  population: number | null;
  problems: Map<string, string[]>;
  dropTarget: DropTarget | null;
  selectedGroup: string;
  selectGroup: (id: string) => void;
  editNode: (id: string, change: (n: AudienceNode) => AudienceNode, tag?: string) => void;
  editTree: (change: (root: AudienceDefinition['root']) => AudienceDefinition['root']) => void;
  announce: (message: string) => void;
  audienceName: (id: string) => string;
  /** The real-time look-back: events older than this are invisible to a real-time audience. */
  lookbackDays: number;
  /**
   * A new audience with nothing on it yet: the starting point, shown as an invitation rather than
   * as the validator's "empty group" problem (which still keeps it from being saved).
   */
  emptyStart: boolean;
}

export const CanvasContext = createContext<CanvasContextValue | null>(null);

export function useCanvas(): CanvasContextValue {
  const value = useContext(CanvasContext);
  if (!value) throw new Error('A canvas block was rendered outside the canvas.');
  return value;
}

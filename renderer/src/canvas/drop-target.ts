// Where a drop lands, from what the pointer is over. Kept free of React and dnd-kit so the rules
// (before/after halves, the end of a group, never into oneself, the depth limit) are unit-tested.
import type { AudienceNode, GroupNode } from '../../../shared/audience/audience-types';
import { dropRefusal, findNode, findPlace } from '../model/tree-ops';
import type { DropTarget } from './canvas-context';

export const DROP_AREA_PREFIX = 'drop:';
export const PALETTE_PREFIX = 'palette:';

export interface VerticalSpan {
  top: number;
  bottom: number;
}

/**
 * `overId` is a block id (the pointer is on a block: drop before or after it, by halves) or
 * `drop:GROUP` (the pointer is in a group's area between or after its blocks).
 */
export function dropTargetAt(
  root: GroupNode,
  overId: string,
  pointerY: number,
  spanOf: (nodeId: string) => VerticalSpan | undefined,
  moving: AudienceNode,
): DropTarget | null {
  let groupId: string;
  let index: number;
  if (overId.startsWith(DROP_AREA_PREFIX)) {
    groupId = overId.slice(DROP_AREA_PREFIX.length);
    const group = findNode(root, groupId);
    if (group?.type !== 'group') return null;
    index = 0;
    for (const child of group.children) {
      const span = spanOf(child.id);
      if (span && (span.top + span.bottom) / 2 < pointerY) index += 1;
    }
  } else {
    const place = findPlace(root, overId);
    if (!place) return null;
    const span = spanOf(overId);
    groupId = place.parent.id;
    index = place.index + (span && pointerY > (span.top + span.bottom) / 2 ? 1 : 0);
  }
  return { groupId, index, refusal: dropRefusal(root, moving, groupId) };
}

/** Dropping a block right where it is changes nothing, so no indicator is shown there. */
export function isNoOpDrop(root: GroupNode, movingId: string, target: DropTarget): boolean {
  const place = findPlace(root, movingId);
  return (
    !!place &&
    place.parent.id === target.groupId &&
    (target.index === place.index || target.index === place.index + 1)
  );
}

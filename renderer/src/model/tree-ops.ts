// Pure edits of an audience tree. Every function returns a new root and never mutates its input, so
// the editor's undo history can keep old roots as they are.
import {
  MAX_GROUP_DEPTH,
  type AudienceNode,
  type GroupNode,
} from '../../../shared/audience/audience-types';

export interface NodePlace {
  parent: GroupNode;
  index: number;
  /** Depth of the parent group: the root group is depth 1 (audience-v1.md, "Population and counts"). */
  parentDepth: number;
}

export function findNode(root: GroupNode, id: string): AudienceNode | undefined {
  if (root.id === id) return root;
  for (const child of root.children) {
    if (child.id === id) return child;
    if (child.type === 'group') {
      const found = findNode(child, id);
      if (found) return found;
    }
  }
  return undefined;
}

export function findPlace(root: GroupNode, id: string, depth = 1): NodePlace | undefined {
  for (let i = 0; i < root.children.length; i++) {
    const child = root.children[i]!;
    if (child.id === id) return { parent: root, index: i, parentDepth: depth };
    if (child.type === 'group') {
      const found = findPlace(child, id, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Depth of a group (root = 1), or undefined when the id is not a group of this tree. */
export function groupDepth(root: GroupNode, groupId: string): number | undefined {
  if (root.id === groupId) return 1;
  const place = findPlace(root, groupId);
  const node = place?.parent.children[place.index];
  return node?.type === 'group' ? place!.parentDepth + 1 : undefined;
}

/** How many group levels a node brings with it: 0 for a leaf, 1 for a flat group, and so on. */
function groupLevels(node: AudienceNode): number {
  if (node.type !== 'group') return 0;
  return 1 + Math.max(0, ...node.children.map(groupLevels));
}

function containsId(node: AudienceNode, id: string): boolean {
  if (node.id === id) return true;
  return node.type === 'group' && node.children.some((c) => containsId(c, id));
}

export function allIds(node: AudienceNode, into: string[] = []): string[] {
  into.push(node.id);
  if (node.type === 'group') for (const c of node.children) allIds(c, into);
  return into;
}

function mapGroup(group: GroupNode, groupId: string, fn: (g: GroupNode) => GroupNode): GroupNode {
  if (group.id === groupId) return fn(group);
  let changed = false;
  const children = group.children.map((c) => {
    if (c.type !== 'group') return c;
    const next = mapGroup(c, groupId, fn);
    if (next !== c) changed = true;
    return next;
  });
  return changed ? { ...group, children } : group;
}

export function updateNode(
  root: GroupNode,
  id: string,
  fn: (node: AudienceNode) => AudienceNode,
): GroupNode {
  if (root.id === id) {
    const next = fn(root);
    if (next.type !== 'group') throw new Error('The root must stay a group.');
    return next;
  }
  const place = findPlace(root, id);
  if (!place) return root;
  return mapGroup(root, place.parent.id, (g) => ({
    ...g,
    children: g.children.map((c) => (c.id === id ? fn(c) : c)),
  }));
}

export function removeNode(root: GroupNode, id: string): GroupNode {
  const place = findPlace(root, id);
  if (!place) return root;
  return mapGroup(root, place.parent.id, (g) => ({
    ...g,
    children: g.children.filter((c) => c.id !== id),
  }));
}

/** Why a node may not go into a group, or null when it may. */
export function dropRefusal(
  root: GroupNode,
  node: AudienceNode,
  targetGroupId: string,
): string | null {
  if (containsId(node, targetGroupId)) return 'A group cannot be dropped into itself.';
  const depth = groupDepth(root, targetGroupId);
  if (depth === undefined) return `There is no group "${targetGroupId}".`;
  if (depth + groupLevels(node) > MAX_GROUP_DEPTH) {
    return `Groups can be nested ${MAX_GROUP_DEPTH} deep at most.`;
  }
  return null;
}

export function insertNode(
  root: GroupNode,
  targetGroupId: string,
  index: number,
  node: AudienceNode,
): GroupNode {
  const refusal = dropRefusal(root, node, targetGroupId);
  if (refusal) throw new Error(refusal);
  return mapGroup(root, targetGroupId, (g) => {
    const at = Math.max(0, Math.min(index, g.children.length));
    return { ...g, children: [...g.children.slice(0, at), node, ...g.children.slice(at)] };
  });
}

/**
 * Moves a node to `index` of a group, where index counts the target's children before the move (as a
 * drop indicator shows it). Returns the same root when nothing changes or the move is refused.
 */
export function moveNode(
  root: GroupNode,
  id: string,
  targetGroupId: string,
  index: number,
): GroupNode {
  const place = findPlace(root, id);
  if (!place) return root;
  const node = place.parent.children[place.index]!;
  if (dropRefusal(root, node, targetGroupId)) return root;
  let at = index;
  if (place.parent.id === targetGroupId) {
    if (index === place.index || index === place.index + 1) return root;
    if (index > place.index) at -= 1;
  }
  return insertNode(removeNode(root, id), targetGroupId, at, node);
}

export function moveUp(root: GroupNode, id: string): GroupNode {
  const place = findPlace(root, id);
  if (!place || place.index === 0) return root;
  return moveNode(root, id, place.parent.id, place.index - 1);
}

export function moveDown(root: GroupNode, id: string): GroupNode {
  const place = findPlace(root, id);
  if (!place || place.index >= place.parent.children.length - 1) return root;
  return moveNode(root, id, place.parent.id, place.index + 2);
}

/** The group just above the node among its siblings, which "Move into group" moves it into. */
export function groupAbove(root: GroupNode, id: string): GroupNode | undefined {
  const place = findPlace(root, id);
  if (!place) return undefined;
  for (let i = place.index - 1; i >= 0; i--) {
    const sibling = place.parent.children[i]!;
    if (sibling.type === 'group') return sibling;
  }
  return undefined;
}

export function moveIntoGroupAbove(root: GroupNode, id: string): GroupNode {
  const target = groupAbove(root, id);
  if (!target) return root;
  return moveNode(root, id, target.id, target.children.length);
}

/** Moves a node out of its group, just after that group in the grandparent. */
export function moveOutOfGroup(root: GroupNode, id: string): GroupNode {
  const place = findPlace(root, id);
  if (!place || place.parent.id === root.id) return root;
  const parentPlace = findPlace(root, place.parent.id);
  if (!parentPlace) return root;
  return moveNode(root, id, parentPlace.parent.id, parentPlace.index + 1);
}

/** A short readable id (`event-3`) unused in the tree and in `taken`. */
export function freshId(root: GroupNode, prefix: string, taken: Set<string> = new Set()): string {
  const used = new Set(allIds(root));
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!used.has(id) && !taken.has(id)) return id;
  }
}

/** A deep copy of a node with fresh ids everywhere, for "Duplicate block". */
export function withFreshIds(root: GroupNode, node: AudienceNode): AudienceNode {
  const taken = new Set<string>();
  const copy = (n: AudienceNode): AudienceNode => {
    const id = freshId(root, idPrefix(n), taken);
    taken.add(id);
    if (n.type === 'group') return { ...n, id, children: n.children.map(copy) };
    return { ...structuredClone(n), id };
  };
  return copy(node);
}

function idPrefix(node: AudienceNode): string {
  return node.type === 'attribute' ? 'attr' : node.type;
}

// The rule canvas: one DndContext for the palette and every group, with a collision rule that picks
// the innermost area under the pointer (a block inside a group wins over the group), a drop line that
// never shifts the layout while dragging, and screen-reader announcements for every step.
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AudienceNode, GroupNode } from '../../../shared/audience/audience-types';
import { newNode, type BlockKind } from '../model/new-node';
import { nodeSentence } from '../model/sentence';
import { allIds, findNode, insertNode, moveNode } from '../model/tree-ops';
import type { Catalog } from '../../../shared/contract/workspace-channels';
import type { DropTarget } from './canvas-context';
import { DROP_AREA_PREFIX, PALETTE_PREFIX, dropTargetAt, isNoOpDrop } from './drop-target';

export interface PaletteDragData {
  source: 'palette';
  kind: BlockKind;
  name?: string;
  label: string;
}

const KEY_STEP = 24;
/** How far below the dragged block's top edge the drop probe sits (see the collision rule). */
const probeOffset = (height: number) => Math.min(height / 2, 18);

/**
 * The places a keyboard drag can stop at, top to bottom: just inside the top of every block (drop
 * before it) and the bottom of every group's area (drop at its end). The dragged block and what it
 * holds are skipped, so each arrow press moves exactly one drop position.
 */
function keyboardStops(activeId: string): number[] {
  const active = document.querySelector(`[data-node-id="${CSS.escape(activeId)}"]`);
  const stops: number[] = [];
  for (const el of document.querySelectorAll<HTMLElement>('li[data-node-id]')) {
    if (active?.contains(el)) continue;
    stops.push(el.getBoundingClientRect().top + 4);
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-testid^="drop-"]')) {
    if (active?.contains(el)) continue;
    stops.push(el.getBoundingClientRect().bottom - 4);
  }
  return stops.sort((a, b) => a - b);
}

/** Up and down jump between drop positions; left and right nudge for the rare odd layout. */
const coordinateGetter: KeyboardCoordinateGetter = (
  event,
  { active, currentCoordinates: c, context },
) => {
  const height = context.collisionRect?.height ?? 36;
  const probe = c.y + probeOffset(height);
  switch (event.code) {
    case 'ArrowDown':
    case 'ArrowUp': {
      const stops = keyboardStops(String(active));
      const next =
        event.code === 'ArrowDown'
          ? stops.find((y) => y > probe + 1)
          : [...stops].reverse().find((y) => y < probe - 1);
      if (next === undefined) return c;
      // Keep the block horizontally over the canvas, wherever it started (the palette included).
      const canvas = document.querySelector('[data-testid="drop-root"]')?.getBoundingClientRect();
      const x = canvas ? Math.max(canvas.left + 24, Math.min(c.x, canvas.right - 80)) : c.x;
      return { x, y: next - probeOffset(height) };
    }
    case 'ArrowRight':
      return { ...c, x: c.x + KEY_STEP * 2 };
    case 'ArrowLeft':
      return { ...c, x: c.x - KEY_STEP * 2 };
  }
  return undefined;
};

function spanOf(nodeId: string): { top: number; bottom: number } | undefined {
  const el = document.querySelector(`[data-node-id="${CSS.escape(nodeId)}"]`);
  if (!el) return undefined;
  const r = el.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom };
}

export interface CanvasDndProps {
  root: GroupNode;
  catalog: Catalog | null;
  /** The open audience's id, which an Audience block must not refer to. */
  selfId: string;
  editTree: (change: (root: GroupNode) => GroupNode) => void;
  announce: (message: string) => void;
  setDropTarget: (target: DropTarget | null) => void;
  children: ReactNode;
}

/** Wraps the whole editor (palette and canvas) so blocks can travel from one to the other. */
export function CanvasDnd(props: CanvasDndProps) {
  const { root, catalog, selfId, editTree, announce, setDropTarget, children } = props;
  const [active, setActive] = useState<{ id: string; label: string } | null>(null);
  // Announcements are computed by dnd-kit around our handlers: they read these refs, not state.
  const activeLabel = useRef('a block');
  const lastTarget = useRef<DropTarget | null>(null);
  const excluded = useRef<Set<string>>(new Set());
  const target = useRef<DropTarget | null>(null);
  const pointerStart = useRef<{ x: number; y: number } | null>(null);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter,
      // Enter on a palette block adds it to the selected group; Space picks it up for dragging.
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] },
    }),
  );

  const collision: CollisionDetection = useCallback(
    ({ droppableContainers, droppableRects, pointerCoordinates, collisionRect }) => {
      const p = pointerCoordinates ?? {
        x: collisionRect.left + Math.min(collisionRect.width / 2, 40),
        y: collisionRect.top + probeOffset(collisionRect.height),
      };
      let best: (typeof droppableContainers)[number] | null = null;
      let bestArea = Infinity;
      for (const c of droppableContainers) {
        if (excluded.current.has(String(c.id))) continue;
        const r = droppableRects.get(c.id);
        if (!r || p.x < r.left || p.x > r.right || p.y < r.top || p.y > r.bottom) continue;
        const area = r.width * r.height;
        if (area < bestArea) {
          best = c;
          bestArea = area;
        }
      }
      return best ? [{ id: best.id, data: { droppableContainer: best, value: bestArea } }] : [];
    },
    [],
  );

  const movingNode = useCallback(
    (id: UniqueIdentifier, data: unknown): AudienceNode | null => {
      const key = String(id);
      if (key.startsWith(PALETTE_PREFIX)) {
        const d = data as PaletteDragData;
        return newNode(d.kind, root, catalog, { name: d.name, selfId });
      }
      return findNode(root, key) ?? null;
    },
    [root, catalog, selfId],
  );

  const describeTarget = useCallback(
    (t: DropTarget | null): string => {
      if (!t) return 'Not over a group';
      const group = findNode(root, t.groupId) as GroupNode | undefined;
      if (!group) return 'Not over a group';
      const where = `${nodeSentence(group)} group${t.groupId === root.id ? ' (the top level)' : ''}`;
      const pos = `position ${t.index + 1} of ${group.children.length + 1}`;
      return t.refusal ? `${where}: ${t.refusal}` : `${where}, ${pos}`;
    },
    [root],
  );

  const onDragStart = (e: DragStartEvent) => {
    const key = String(e.active.id);
    const node = movingNode(key, e.active.data.current);
    excluded.current = new Set();
    if (node && !key.startsWith(PALETTE_PREFIX)) {
      for (const id of allIds(node)) {
        excluded.current.add(id);
        excluded.current.add(`${DROP_AREA_PREFIX}${id}`);
      }
    }
    const ev = e.activatorEvent as PointerEvent;
    pointerStart.current = 'clientY' in ev ? { x: ev.clientX, y: ev.clientY } : null;
    activeLabel.current = node ? `the block "${nodeSentence(node)}"` : 'a block';
    lastTarget.current = null;
    setActive({ id: key, label: node ? nodeSentence(node) : key });
  };

  const onDragMove = (e: DragMoveEvent) => {
    const node = movingNode(e.active.id, e.active.data.current);
    let next: DropTarget | null = null;
    if (node && e.over) {
      const rect = e.active.rect.current.translated;
      const y = pointerStart.current
        ? pointerStart.current.y + e.delta.y
        : rect
          ? rect.top + probeOffset(rect.height)
          : 0;
      next = dropTargetAt(root, String(e.over.id), y, spanOf, node);
      if (
        next &&
        !String(e.active.id).startsWith(PALETTE_PREFIX) &&
        isNoOpDrop(root, node.id, next)
      ) {
        next = null;
      }
    }
    const prev = target.current;
    if (
      prev?.groupId !== next?.groupId ||
      prev?.index !== next?.index ||
      prev?.refusal !== next?.refusal
    ) {
      target.current = next;
      lastTarget.current = next;
      setDropTarget(next);
    }
  };

  const finish = () => {
    target.current = null;
    excluded.current = new Set();
    pointerStart.current = null;
    setDropTarget(null);
    setActive(null);
  };

  const onDragEnd = (e: DragEndEvent) => {
    const t = target.current;
    const node = movingNode(e.active.id, e.active.data.current);
    finish();
    if (!t || !node) return;
    if (t.refusal) {
      announce(t.refusal);
      return;
    }
    if (String(e.active.id).startsWith(PALETTE_PREFIX)) {
      editTree((r) => insertNode(r, t.groupId, t.index, node));
    } else {
      editTree((r) => moveNode(r, node.id, t.groupId, t.index));
    }
  };

  const announcements: Announcements = useMemo(
    () => ({
      onDragStart: () =>
        `Picked up ${activeLabel.current}. Use the arrow keys to move it, Space to drop, Escape to cancel.`,
      onDragOver: () =>
        lastTarget.current
          ? `Over the ${describeTarget(lastTarget.current)}.`
          : 'Not over a group.',
      onDragMove: () => undefined,
      onDragEnd: () =>
        lastTarget.current && !lastTarget.current.refusal
          ? `Dropped into the ${describeTarget(lastTarget.current)}.`
          : `Dropped ${activeLabel.current} where it was: nothing changed.`,
      onDragCancel: () => 'Move cancelled. Nothing changed.',
    }),
    [describeTarget],
  );

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      onDragStart={onDragStart}
      onDragMove={onDragMove}
      onDragOver={onDragMove}
      onDragEnd={onDragEnd}
      onDragCancel={finish}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'Press Space to pick up this block, the arrow keys to move it, Space again to drop it, Escape to cancel. Enter on a palette block adds it to the selected group.',
        },
      }}
    >
      {children}
      <DragOverlay dropAnimation={null}>
        {active ? <div className="drag-overlay">{active.label}</div> : null}
      </DragOverlay>
    </DndContext>
  );
}

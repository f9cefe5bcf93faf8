// One block on the canvas: a drag handle, its sentence, its live count and its actions, then its
// inline editor (or, for a group, its children in a drop area).
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { AudienceNode, GroupNode } from '../../../shared/audience/audience-types';
import { NodeEditor } from '../editors/NodeEditor';
import { nodeSentence } from '../model/sentence';
import { BlockActions } from './BlockActions';
import { BlockCount } from './BlockCount';
import { useCanvas, type DropTarget } from './canvas-context';
import { DROP_AREA_PREFIX } from './drop-target';
import { Icon } from './icons';
import { GroupModePicker } from '../editors/GroupModePicker';

const KIND_LABEL: Record<AudienceNode['type'], string> = {
  event: 'Event',
  attribute: 'User attribute',
  identity: 'Identity',
  audience: 'Audience',
  group: 'Group',
};

/** A drop line is drawn on the block before which a drop would land (or after the last one). */
function indicatorClass(
  target: DropTarget | null,
  groupId: string,
  index: number,
  count: number,
): string {
  if (!target || target.groupId !== groupId) return '';
  const bad = target.refusal ? ' refused' : '';
  if (target.index === index) return ` drop-before${bad}`;
  if (index === count - 1 && target.index === count) return ` drop-after${bad}`;
  return '';
}

export function CanvasBlock({
  node,
  index,
  siblings,
  parentId,
}: {
  node: AudienceNode;
  index: number;
  siblings: number;
  parentId: string;
}) {
  const canvas = useCanvas();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useSortable({
    id: node.id,
    data: { source: 'canvas' },
  });
  const found = canvas.problems.get(node.id);
  // A group just added and not yet filled is work in progress, not a mistake: its empty area says
  // what to do, without the red of an error (the total still says why nothing is counted).
  const waiting = node.type === 'group' && node.children.length === 0;
  const problems = waiting ? found?.filter((p) => !p.startsWith(EMPTY_GROUP_PROBLEM)) : found;
  const sentence = nodeSentence(node, canvas.audienceName);
  return (
    <li
      ref={setNodeRef}
      data-testid={`node-${node.id}`}
      data-node-id={node.id}
      className={`block block-${node.type}${isDragging ? ' dragging' : ''}${problems?.length ? ' invalid' : ''}${waiting ? ' waiting' : ''}${indicatorClass(canvas.dropTarget, parentId, index, siblings)}`}
      aria-label={`${KIND_LABEL[node.type]}: ${sentence}`}
    >
      <div className="block-head">
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="drag-handle"
          {...attributes}
          {...listeners}
          aria-label={`Drag ${KIND_LABEL[node.type]} block: ${sentence}`}
          title="Drag to move (or focus and press Space)"
        >
          <Icon name="grip" />
        </button>
        <span className={`block-kind kind-${node.type}`}>{KIND_LABEL[node.type]}</span>
        {node.type === 'group' ? (
          <GroupModePicker group={node} />
        ) : (
          <span className="block-sentence">{sentence}</span>
        )}
        <BlockCount nodeId={node.id} />
        <BlockActions node={node} />
      </div>
      {problems?.length ? (
        <ul className="block-problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {node.type === 'group' ? <GroupArea group={node} /> : <NodeEditor node={node} />}
    </li>
  );
}

/** The validator's message for a group without children (shared/audience/validate-audience.ts). */
const EMPTY_GROUP_PROBLEM = 'a group needs at least one condition';

/** A group's children, in a drop area that accepts blocks at any position. */
export function GroupArea({ group }: { group: GroupNode }) {
  const canvas = useCanvas();
  const { setNodeRef } = useDroppable({ id: `${DROP_AREA_PREFIX}${group.id}` });
  const targeted = canvas.dropTarget?.groupId === group.id;
  const refused = targeted && canvas.dropTarget?.refusal;
  const selected = canvas.selectedGroup === group.id;
  const startHere = canvas.emptyStart && group.id === canvas.definition.root.id;
  return (
    <div
      ref={setNodeRef}
      data-testid={`drop-${group.id}`}
      className={`group-area${targeted ? ' targeted' : ''}${refused ? ' refused' : ''}${selected ? ' selected' : ''}`}
      onFocusCapture={() => canvas.selectGroup(group.id)}
      onPointerDown={(e) => {
        if (e.target === e.currentTarget) canvas.selectGroup(group.id);
      }}
    >
      <SortableContext
        id={group.id}
        items={group.children.map((c) => c.id)}
        strategy={verticalListSortingStrategy}
      >
        {group.children.length === 0 ? (
          <div
            className={`group-empty${targeted ? ' targeted' : ''}${startHere ? ' start' : ''}`}
            data-testid={startHere ? 'canvas-empty-start' : undefined}
          >
            {refused ? (
              canvas.dropTarget?.refusal
            ) : startHere ? (
              <>
                <strong className="start-title">Start by dragging a block here</strong>
                <span>
                  or click one in the palette. Each block is one rule, like “did install in the last
                  72 hours”, and the count updates as you go.
                </span>
              </>
            ) : group.id === canvas.definition.root.id ? (
              'Drag a block here from the palette'
            ) : (
              'This group is empty: drag a block here from the palette (until then nothing can be counted)'
            )}
          </div>
        ) : (
          <ol className="block-list">
            {group.children.map((child, i) => (
              <CanvasBlock
                key={child.id}
                node={child}
                index={i}
                siblings={group.children.length}
                parentId={group.id}
              />
            ))}
          </ol>
        )}
      </SortableContext>
      {refused && group.children.length > 0 ? (
        <div className="drop-refusal">{canvas.dropTarget?.refusal}</div>
      ) : null}
    </div>
  );
}

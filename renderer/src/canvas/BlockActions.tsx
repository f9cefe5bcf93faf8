// The keyboard path for every move a drag can make, plus duplicate and delete.
import type { AudienceNode } from '../../../shared/audience/audience-types';
import { nodeSentence } from '../model/sentence';
import {
  findPlace,
  groupAbove,
  insertNode,
  moveDown,
  moveIntoGroupAbove,
  moveOutOfGroup,
  moveUp,
  removeNode,
  withFreshIds,
} from '../model/tree-ops';
import { useCanvas } from './canvas-context';
import { Icon } from './icons';

export function BlockActions({ node }: { node: AudienceNode }) {
  const { definition, editTree, announce } = useCanvas();
  const root = definition.root;
  const place = findPlace(root, node.id);
  if (!place) return null;
  const label = nodeSentence(node);
  const into = groupAbove(root, node.id);
  const run = (change: typeof moveUp, message: string) => {
    const next = change(root, node.id);
    if (next === root) return;
    editTree(() => next);
    announce(message);
  };
  return (
    <div className="block-actions" role="group" aria-label={`Actions for ${label}`}>
      <button
        type="button"
        className="icon-button"
        title="Move up"
        aria-label={`Move up: ${label}`}
        disabled={place.index === 0}
        onClick={() =>
          run(moveUp, `Moved up to position ${place.index} of ${place.parent.children.length}.`)
        }
      >
        <Icon name="up" />
      </button>
      <button
        type="button"
        className="icon-button"
        title="Move down"
        aria-label={`Move down: ${label}`}
        disabled={place.index >= place.parent.children.length - 1}
        onClick={() =>
          run(
            moveDown,
            `Moved down to position ${place.index + 2} of ${place.parent.children.length}.`,
          )
        }
      >
        <Icon name="down" />
      </button>
      <button
        type="button"
        className="icon-button"
        title={
          into ? `Move into the group above (${nodeSentence(into)})` : 'No group above to move into'
        }
        aria-label={`Move into group: ${label}`}
        disabled={!into || moveIntoGroupAbove(root, node.id) === root}
        onClick={() =>
          run(moveIntoGroupAbove, `Moved into the ${into ? nodeSentence(into) : ''} group above.`)
        }
      >
        <Icon name="into" />
      </button>
      <button
        type="button"
        className="icon-button"
        title="Move out of this group"
        aria-label={`Move out of group: ${label}`}
        disabled={place.parent.id === root.id}
        onClick={() => run(moveOutOfGroup, 'Moved out of its group.')}
      >
        <Icon name="out" />
      </button>
      <button
        type="button"
        className="icon-button"
        title="Duplicate"
        aria-label={`Duplicate: ${label}`}
        disabled={node.type === 'group' && place.parentDepth + 1 > 8}
        onClick={() => {
          editTree((r) => insertNode(r, place.parent.id, place.index + 1, withFreshIds(r, node)));
          announce('Duplicated.');
        }}
      >
        <Icon name="duplicate" />
      </button>
      <button
        type="button"
        className="icon-button danger"
        title="Delete"
        aria-label={`Delete: ${label}`}
        onClick={() => {
          editTree((r) => removeNode(r, node.id));
          announce(`Deleted ${label}. Press Ctrl+Z to undo.`);
        }}
      >
        <Icon name="delete" />
      </button>
    </div>
  );
}

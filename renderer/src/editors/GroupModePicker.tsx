// All of / Any of / None of, with a plain explanation of each next to the choice.
import type { GroupNode } from '../../../shared/audience/audience-types';
import { useCanvas } from '../canvas/canvas-context';
import {
  GROUP_MODE_HINT,
  GROUP_MODE_LABEL,
  groupMode,
  withGroupMode,
  type GroupMode,
} from '../model/sentence';
import { Select } from './inputs';

export function GroupModePicker({ group }: { group: GroupNode }) {
  const { editNode } = useCanvas();
  const mode = groupMode(group);
  const modes: GroupMode[] = ['all', 'any', 'none'];
  if (mode === 'not-all') modes.push('not-all');
  return (
    <span className="group-mode">
      <Select<GroupMode>
        value={mode}
        label="Group match"
        testId={`edit-${group.id}-mode`}
        className="group-mode-select"
        options={modes.map((m) => ({ value: m, label: GROUP_MODE_LABEL[m] }))}
        onChange={(m) => editNode(group.id, (n) => withGroupMode(n as GroupNode, m))}
      />
      <span className="group-mode-hint">{GROUP_MODE_HINT[mode]}</span>
    </span>
  );
}

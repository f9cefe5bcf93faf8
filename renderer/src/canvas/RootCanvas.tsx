// The top level of the canvas: the root group's match, its count and its blocks.
import { nodeSentence } from '../model/sentence';
import { GroupModePicker } from '../editors/GroupModePicker';
import { BlockCount } from './BlockCount';
import { GroupArea } from './CanvasBlock';
import { useCanvas } from './canvas-context';

export function RootCanvas() {
  const { definition, problems, emptyStart } = useCanvas();
  const root = definition.root;
  const rootProblems = problems.get(root.id);
  return (
    <section
      className="canvas"
      aria-label={`Rules: ${nodeSentence(root)}`}
      data-testid={`node-${root.id}`}
      data-node-id={root.id}
    >
      <div className="canvas-head">
        <span className="canvas-lead">Users who match</span>
        <GroupModePicker group={root} />
        {emptyStart ? null : <BlockCount nodeId={root.id} />}
      </div>
      {rootProblems ? (
        <ul className="block-problems" role="alert">
          {rootProblems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <GroupArea group={root} />
    </section>
  );
}

// The validator names problems by JSON path (`root.children[1].count.op`); the canvas shows each one
// on the block it belongs to, so no problem is ever hidden behind a generic "invalid" total.
import type {
  AudienceDefinition,
  AudienceNode,
  ValidationProblem,
} from '../../../shared/audience/audience-types';

/** The id of the deepest node a path points into, or null for a top-level field (`name`, `id`). */
export function nodeIdOfPath(def: AudienceDefinition, path: string): string | null {
  if (path !== 'root' && !path.startsWith('root.') && !path.startsWith('root[')) return null;
  let node: AudienceNode = def.root;
  let rest = path.slice('root'.length);
  // Descend only while the path walks through children: `root.children[2].where[0]` stops at child 2.
  for (;;) {
    const step = /^\.children\[(\d+)\]/.exec(rest);
    if (!step || node.type !== 'group') break;
    const child: AudienceNode | undefined = node.children[Number(step[1])];
    if (!child) break;
    node = child;
    rest = rest.slice(step[0].length);
  }
  return node.id;
}

export interface ProblemsByNode {
  byNode: Map<string, string[]>;
  /** Problems about the audience itself (its name or id), shown next to the total. */
  general: string[];
}

export function groupProblems(
  def: AudienceDefinition,
  problems: ValidationProblem[],
): ProblemsByNode {
  const byNode = new Map<string, string[]>();
  const general: string[] = [];
  for (const p of problems) {
    const id = nodeIdOfPath(def, p.path);
    const text = p.message;
    if (id === null) general.push(`${p.path}: ${text}`);
    else byNode.set(id, [...(byNode.get(id) ?? []), text]);
  }
  return { byNode, general };
}

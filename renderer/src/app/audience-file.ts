// Reading an `.audience.json` file: it must at least have the shape the canvas can draw; any other
// problem (a bad operator, an empty group) is opened and shown on its block rather than refused.
import type { AudienceDefinition } from '../../../shared/audience/audience-types';

const NODE_TYPES = new Set(['group', 'attribute', 'event', 'identity', 'audience']);

function drawable(node: unknown, depth: number): boolean {
  if (typeof node !== 'object' || node === null || depth > 64) return false;
  const n = node as Record<string, unknown>;
  if (typeof n.id !== 'string' || typeof n.type !== 'string' || !NODE_TYPES.has(n.type))
    return false;
  if (n.type === 'group') {
    return Array.isArray(n.children) && n.children.every((c) => drawable(c, depth + 1));
  }
  if (n.type === 'event') return n.where === undefined || Array.isArray(n.where);
  return true;
}

export type ParsedAudienceFile =
  { ok: true; definition: AudienceDefinition } | { ok: false; message: string };

export function parseAudienceFile(name: string, text: string): ParsedAudienceFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `${name} is not JSON: ${(err as Error).message}` };
  }
  const d = data as Record<string, unknown>;
  if (typeof d !== 'object' || d === null || d.format !== 'audience/v1') {
    return {
      ok: false,
      message: `${name}: "format" must be "audience/v1" (this is not an audience file).`,
    };
  }
  if (typeof d.id !== 'string' || typeof d.name !== 'string') {
    return { ok: false, message: `${name}: the audience needs a text "id" and "name".` };
  }
  const root = d.root as Record<string, unknown> | undefined;
  if (!root || root.type !== 'group' || !drawable(root, 1)) {
    return {
      ok: false,
      message: `${name}: "root" must be a group whose blocks each have an "id" and a known "type".`,
    };
  }
  return { ok: true, definition: data as AudienceDefinition };
}

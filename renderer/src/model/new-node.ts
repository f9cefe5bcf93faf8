// Blocks as they appear when dropped from the palette: filled with the catalog's most common choice so
// a new block is valid at once and its count shows straight away.
import type { AudienceNode, GroupNode } from '../../../shared/audience/audience-types';
import type { Catalog } from '../../../shared/contract/workspace-channels';
import { freshId } from './tree-ops';

export type BlockKind = 'event' | 'attribute' | 'identity' | 'audience' | 'group';
function mostCommon<T extends { profiles: number }>(items: T[]): T | undefined {
  return items.reduce<T | undefined>(
    (best, x) => (!best || x.profiles > best.profiles ? x : best),
    undefined,
  );
}

export interface NewNodeOptions {
  /** An explicit name from the catalog (a dragged event name, attribute, ...). */
  name?: string;
  /** The open audience, which an Audience block must not refer to. */
  selfId?: string;
}

export function newNode(
  kind: BlockKind,
  root: GroupNode,
  catalog: Catalog | null,
  opts: NewNodeOptions = {},
): AudienceNode {
  const prefix = kind === 'attribute' ? 'attr' : kind;
  const id = freshId(root, prefix);
  switch (kind) {
    case 'event': {
      const byCount = [...(catalog?.events ?? [])].sort((a, b) => b.count - a.count);
      return { type: 'event', id, event: opts.name ?? byCount[0]?.name ?? '', window: 'all' };
    }
    case 'attribute': {
      const name = opts.name ?? mostCommon(catalog?.attributes ?? [])?.name ?? '';
      return { type: 'attribute', id, attribute: name, op: 'exists' };
    }
    case 'identity': {
      const name = opts.name ?? mostCommon(catalog?.identities ?? [])?.type ?? 'email';
      return { type: 'identity', id, identity: name, present: true };
    }
    case 'audience': {
      const other = (catalog?.audiences ?? []).find((a) => a.id !== opts.selfId);
      return { type: 'audience', id, audience: opts.name ?? other?.id ?? '', member: true };
    }
    case 'group':
      return { type: 'group', id, match: 'all', children: [] };
  }
}

/** A workspace-unique audience id from a name (`^[a-z0-9][a-z0-9-]{0,63}$`). */
export function audienceIdFromName(name: string, taken: Set<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'audience';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

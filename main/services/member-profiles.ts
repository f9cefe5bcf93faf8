// One page of members as the UI lists them: identities by type and current attribute values.
import type { CacheDb } from '../cache/open-cache';
import { stmt } from '../cache/statement-cache';
import type { MemberProfile } from '../../shared/contract/audience-channels';

export function loadMemberProfiles(db: CacheDb, ids: ArrayLike<number>): MemberProfile[] {
  const identities = stmt<[number], { type: string; value: string }>(
    db,
    'SELECT type, value FROM identities WHERE profile_id = ? ORDER BY type, value',
  );
  // Tombstones (NULL) are deletions: the attribute is not set.
  const attributes = stmt<[number], { name: string; value: string }>(
    db,
    'SELECT name, value FROM attributes WHERE profile_id = ? AND value IS NOT NULL ORDER BY name',
  );
  const out: MemberProfile[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const byType: Record<string, string[]> = {};
    for (const row of identities.iterate(id)) (byType[row.type] ??= []).push(row.value);
    const attrs: Record<string, unknown> = {};
    for (const row of attributes.iterate(id)) attrs[row.name] = JSON.parse(row.value) as unknown;
    out.push({ profile: String(id), identities: byType, attributes: attrs });
  }
  return out;
}

// Saved audiences of a workspace (the `audiences` table of migration 2). Saving validates against
// the rest of the library, so no invalid definition or reference cycle is ever stored; deleting
// refuses while other audiences refer to the one deleted.
import type { Database } from 'better-sqlite3';
import type { AudienceDefinition, ValidationProblem } from '../../shared/audience/audience-types';
import type { AudienceSummary } from '../../shared/contract/audience-channels';
import type { ApiErrorCode } from '../../shared/contract/result';
import { collectRefs, validateAudience } from '../../shared/audience/validate-audience';
import { getLookbackDays } from '../cache/settings';
import { stmt } from '../cache/statement-cache';

/** An ApiError-shaped failure of a store operation. */
export class AudienceStoreError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly problems?: ValidationProblem[],
  ) {
    super(message);
    this.name = 'AudienceStoreError';
  }
}

interface Row {
  id: string;
  name: string;
  kind: 'realtime' | 'standard';
  definition: string;
  updated_at: string;
  last_size: number | null;
}

export function listAudiences(db: Database): AudienceSummary[] {
  return stmt<[], Row>(
    db,
    'SELECT id, name, kind, definition, updated_at, last_size FROM audiences ORDER BY name, id',
  )
    .all()
    .map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      size: r.last_size,
      updatedAt: r.updated_at,
    }));
}

export function getAudience(
  db: Database,
  id: string,
): { definition: AudienceDefinition; updatedAt: string } | undefined {
  const row = stmt<[string], Row>(
    db,
    'SELECT id, name, kind, definition, updated_at, last_size FROM audiences WHERE id = ?',
  ).get(id);
  return row
    ? { definition: JSON.parse(row.definition) as AudienceDefinition, updatedAt: row.updated_at }
    : undefined;
}

/** The saved audiences by id, as the engine and validator resolve references. */
export function audienceLibrary(db: Database): (id: string) => AudienceDefinition | undefined {
  return (id) => getAudience(db, id)?.definition;
}

/** Validates against the library (unknown references and cycles included) and saves. */
export function saveAudience(
  db: Database,
  def: AudienceDefinition,
  now: number,
): { updatedAt: string } {
  const library = audienceLibrary(db);
  const problems = validateAudience(def, {
    lookbackDays: getLookbackDays(db),
    knownAudiences: (id) => (id === def.id ? def : library(id)),
  });
  if (problems.length > 0) {
    const cyclic = problems.some((p) => /cycle/.test(p.message));
    throw new AudienceStoreError(
      cyclic ? 'conflict' : 'invalid-audience',
      cyclic
        ? `saving "${def.id}" would make audience references form a cycle`
        : `"${def.id}" is not a valid audience (${problems.length} problem${problems.length === 1 ? '' : 's'})`,
      problems,
    );
  }
  const updatedAt = new Date(now).toISOString();
  stmt(
    db,
    `INSERT INTO audiences (id, name, kind, definition, updated_at, last_size) VALUES (?, ?, ?, ?, ?, NULL)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
       definition = excluded.definition, updated_at = excluded.updated_at, last_size = NULL`,
  ).run(def.id, def.name, def.kind, JSON.stringify(def), updatedAt);
  return { updatedAt };
}

/** Records the size found by a preview, for the audience list. */
export function recordAudienceSize(db: Database, id: string, size: number): void {
  stmt(db, 'UPDATE audiences SET last_size = ? WHERE id = ?').run(size, id);
}

/** The saved audiences that refer to `id`. */
export function audiencesUsing(db: Database, id: string): string[] {
  return stmt<[], { id: string; definition: string }>(
    db,
    'SELECT id, definition FROM audiences ORDER BY id',
  )
    .all()
    .filter(
      (r) =>
        r.id !== id &&
        collectRefs((JSON.parse(r.definition) as AudienceDefinition).root).includes(id),
    )
    .map((r) => r.id);
}

export function deleteAudience(db: Database, id: string): { deleted: true } {
  const users = audiencesUsing(db, id);
  if (users.length > 0) {
    throw new AudienceStoreError(
      'conflict',
      `audience "${id}" is used by ${users.map((u) => `"${u}"`).join(', ')}; remove those references first`,
    );
  }
  const result = stmt(db, 'DELETE FROM audiences WHERE id = ?').run(id);
  if (result.changes === 0) throw new AudienceStoreError('not-found', `no saved audience "${id}"`);
  return { deleted: true };
}

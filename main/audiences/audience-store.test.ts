import { afterEach, describe, expect, it } from 'vitest';
import type { AudienceDefinition, AudienceNode } from '../../shared/audience/audience-types';
import { tempCache, type TempCache } from '../engine/test-support/raw-cache';
import {
  AudienceStoreError,
  audienceLibrary,
  audiencesUsing,
  deleteAudience,
  getAudience,
  listAudiences,
  recordAudienceSize,
  saveAudience,
} from './audience-store';

const NOW = Date.parse('2026-12-01T12:00:00Z');
let cache: TempCache | undefined;
afterEach(() => {
  cache?.dispose();
  cache = undefined;
});

const leaf: AudienceNode = { type: 'identity', id: 'email', identity: 'email', present: true };
function def(id: string, name = id, children: AudienceNode[] = [leaf]): AudienceDefinition {
  return {
    format: 'audience/v1',
    id,
    name,
    kind: 'standard',
    root: { type: 'group', id: 'root', match: 'all', children },
  };
}
const ref = (target: string): AudienceNode => ({
  type: 'audience',
  id: `ref-${target}`,
  audience: target,
  member: true,
});

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AudienceStoreError ? e.code : 'other';
  }
  return undefined;
}

describe('audience store', () => {
  it('saves, lists by name, gets, updates and records sizes', () => {
    cache = tempCache('as-store-');
    const db = cache.db;
    expect(saveAudience(db, def('b-aud', 'Zebra'), NOW)).toEqual({
      updatedAt: '2026-12-01T12:00:00.000Z',
    });
    saveAudience(db, def('a-aud', 'Alpha'), NOW);
    expect(listAudiences(db).map((a) => a.id)).toEqual(['a-aud', 'b-aud']);
    recordAudienceSize(db, 'a-aud', 42);
    expect(listAudiences(db)[0]).toEqual({
      id: 'a-aud',
      name: 'Alpha',
      kind: 'standard',
      size: 42,
      updatedAt: '2026-12-01T12:00:00.000Z',
    });
    saveAudience(db, { ...def('a-aud', 'Alpha 2'), kind: 'realtime' }, NOW + 1000);
    expect(getAudience(db, 'a-aud')).toEqual({
      definition: { ...def('a-aud', 'Alpha 2'), kind: 'realtime' },
      updatedAt: '2026-12-01T12:00:01.000Z',
    });
    expect(listAudiences(db)[0]!.size).toBeNull();
    expect(getAudience(db, 'nope')).toBeUndefined();
    expect(audienceLibrary(db)('b-aud')?.name).toBe('Zebra');
  });

  it('refuses invalid definitions with their problems, and unknown references', () => {
    cache = tempCache('as-store-');
    const bad = def('x', 'X', []);
    try {
      saveAudience(cache.db, bad, NOW);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'invalid-audience', problems: [{ path: 'root.children' }] });
    }
    expect(codeOf(() => saveAudience(cache!.db, def('x', 'X', [ref('missing')]), NOW))).toBe(
      'invalid-audience',
    );
    expect(listAudiences(cache.db)).toEqual([]);
  });

  it('refuses a save that would close a cycle, including a self reference', () => {
    cache = tempCache('as-store-');
    const db = cache.db;
    saveAudience(db, def('a'), NOW);
    saveAudience(db, def('b', 'b', [ref('a')]), NOW);
    saveAudience(db, def('c', 'c', [ref('b')]), NOW);
    expect(codeOf(() => saveAudience(db, def('a', 'a', [ref('c')]), NOW))).toBe('conflict');
    expect(codeOf(() => saveAudience(db, def('d', 'd', [ref('d')]), NOW))).toBe('conflict');
    expect(getAudience(db, 'a')!.definition.root.children).toEqual([leaf]);
  });

  it('refuses to delete an audience others use, naming them; deletes otherwise', () => {
    cache = tempCache('as-store-');
    const db = cache.db;
    saveAudience(db, def('base'), NOW);
    saveAudience(db, def('user-1', 'u1', [ref('base')]), NOW);
    saveAudience(
      db,
      def('user-2', 'u2', [
        { type: 'group', id: 'g', match: 'any', negate: true, children: [ref('base')] },
      ]),
      NOW,
    );
    expect(audiencesUsing(db, 'base')).toEqual(['user-1', 'user-2']);
    expect(() => deleteAudience(db, 'base')).toThrow(/used by "user-1", "user-2"/);
    expect(deleteAudience(db, 'user-1')).toEqual({ deleted: true });
    deleteAudience(db, 'user-2');
    expect(deleteAudience(db, 'base')).toEqual({ deleted: true });
    expect(codeOf(() => deleteAudience(db, 'base'))).toBe('not-found');
  });
});

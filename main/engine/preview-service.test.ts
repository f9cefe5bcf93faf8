import { afterEach, describe, expect, it } from 'vitest';
import type { AudienceDefinition } from '../../shared/audience/audience-types';
import { createPreviewService, type PreviewService } from './preview-service';
import { tempCache, writeRawProfiles, type TempCache } from './test-support/raw-cache';

const AS_OF = Date.parse('2026-12-01T12:00:00Z');
const def: AudienceDefinition = {
  format: 'audience/v1',
  id: 'active',
  name: 'Active',
  kind: 'standard',
  root: {
    type: 'group',
    id: 'root',
    match: 'all',
    children: [
      {
        type: 'event',
        id: 'sessions',
        event: 'session_start',
        window: { last: 7, unit: 'day' },
        count: { op: '>=', value: 2 },
      },
    ],
  },
};

let cache: TempCache | undefined;
let service: PreviewService | undefined;
afterEach(async () => {
  await service?.close();
  cache?.dispose();
  service = undefined;
  cache = undefined;
});

function workspace(): TempCache {
  cache = tempCache('as-preview-service-');
  writeRawProfiles(
    cache.db,
    Array.from({ length: 50 }, (_, i) => ({
      id: i + 1,
      identities: { email: [`u${i}@x.com`] },
      events: Array.from({ length: i % 4 }, (_, k) => ({
        name: 'session_start',
        ts: AS_OF - (k + 1) * 3_600_000,
      })),
    })),
  );
  return cache;
}

describe('PreviewService (a real worker over a real cache file)', () => {
  it('previews, lists members, explains and builds the catalog in the worker', async () => {
    const c = workspace();
    service = createPreviewService(c.file);
    const r = await service.preview(def, { asOf: AS_OF });
    // i % 4 >= 2 for 24 of the 50 profiles (i = 0..49).
    expect(r).toMatchObject({
      audience: 'active',
      size: 24,
      population: 50,
      nodes: { root: 24, sessions: 24 },
    });
    const members = await service.members(def, { asOf: AS_OF });
    expect(members).toBeInstanceOf(Uint32Array);
    expect([...members.slice(0, 4)]).toEqual([3, 4, 7, 8]);
    const why = await service.explain(def, 3, { asOf: AS_OF });
    expect(why.value).toBe(true);
    expect(why.children![0]!.facts[0]).toBe('session_start: 2 events in the window, needs >= 2');
    const catalog = await service.catalog();
    expect(catalog.events).toEqual([
      { name: 'session_start', count: 73, profiles: 37, properties: [] },
    ]);
    expect(catalog.identities).toEqual([{ type: 'email', profiles: 50 }]);
  });

  it('cancels an older preview with the same requestId and drops its answer', async () => {
    const c = workspace();
    service = createPreviewService(c.file);
    const first = service.preview(def, { asOf: AS_OF, requestId: 'canvas' });
    const second = service.preview({ ...def, id: 'second' }, { asOf: AS_OF, requestId: 'canvas' });
    const other = service.preview({ ...def, id: 'other' }, { asOf: AS_OF, requestId: 'elsewhere' });
    await expect(first).rejects.toMatchObject({ code: 'cancelled' });
    expect((await second).audience).toBe('second');
    expect((await other).audience).toBe('other');
  });

  it('rejects invalid definitions with their problems', async () => {
    const c = workspace();
    service = createPreviewService(c.file);
    const bad = { ...def, root: { ...def.root, children: [] } };
    await expect(service.preview(bad, { asOf: AS_OF })).rejects.toMatchObject({
      code: 'invalid-audience',
      problems: [
        { path: 'root.children', message: expect.stringMatching(/at least one condition/) },
      ],
    });
  });

  it('sees an import after refresh, and refuses calls once closed', async () => {
    const c = workspace();
    service = createPreviewService(c.file);
    expect(await service.population()).toBe(50);
    writeRawProfiles(c.db, [
      {
        id: 5000,
        events: [
          { name: 'session_start', ts: AS_OF - 1 },
          { name: 'session_start', ts: AS_OF },
        ],
      },
    ]);
    await service.refresh();
    expect((await service.preview(def, { asOf: AS_OF })).size).toBe(25);
    await service.close();
    await expect(service.population()).rejects.toMatchObject({ code: 'unavailable' });
  });
});

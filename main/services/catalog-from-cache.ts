// The data catalog read straight from the cache: what the canvas offers in its palette. Used while
// (and wherever) the engine's own catalog is not available; it reads every event chunk once, so
// it is linear in the events stored, which is fine for the workspaces the app opens.
import type { CacheDb } from '../cache/open-cache';
import { decodeChunk } from '../cache/event-chunk-codec';
import { stmt } from '../cache/statement-cache';
import type {
  Catalog,
  CatalogEvent,
  CatalogValueType,
  ValueCount,
} from '../../shared/contract/workspace-channels';

const TOP_VALUES = 10;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Counts of value types and of scalar values for one attribute or property. */
class ValueTally {
  readonly types = new Set<CatalogValueType>();
  readonly values = new Map<string, { value: string | number | boolean; count: number }>();

  add(value: unknown, times: number): void {
    let type: CatalogValueType;
    if (Array.isArray(value)) type = 'list';
    else if (typeof value === 'number') type = 'number';
    else if (typeof value === 'boolean') type = 'boolean';
    else if (typeof value === 'string') type = ISO_DATE.test(value) ? 'datetime' : 'string';
    else return; // null and objects say nothing about the type
    this.types.add(type);
    if (type === 'list') return;
    const scalar = value as string | number | boolean;
    const key = `${typeof scalar}:${String(scalar)}`;
    const slot = this.values.get(key);
    if (slot) slot.count += times;
    else this.values.set(key, { value: scalar, count: times });
  }

  type(): CatalogValueType {
    if (this.types.size === 1) return [...this.types][0]!;
    return this.types.size === 0 ? 'string' : 'mixed';
  }

  top(): ValueCount[] {
    return [...this.values.values()]
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
      .slice(0, TOP_VALUES)
      .map(({ value, count }) => ({ value, count }));
  }
}

function parseJson(textValue: string): unknown {
  try {
    return JSON.parse(textValue);
  } catch {
    return undefined;
  }
}

function readEvents(db: CacheDb): CatalogEvent[] {
  const names = stmt<[], { id: number; name: string }>(
    db,
    'SELECT id, name FROM event_names ORDER BY name',
  ).all();
  const chunks = stmt<[number], { data: Buffer }>(
    db,
    'SELECT data FROM event_chunks WHERE name_id = ? ORDER BY block',
  );
  const events: CatalogEvent[] = [];
  for (const { id, name } of names) {
    let count = 0;
    let profiles = 0;
    const properties = new Map<string, ValueTally>();
    for (const { data } of chunks.iterate(id)) {
      const cols = decodeChunk(data);
      const uses = new Uint32Array(cols.propsDict.length);
      for (let i = 0; i < cols.profile.length; i++) {
        // Rows are sorted by profile, so a change of profile is a new profile.
        if (i === 0 || cols.profile[i] !== cols.profile[i - 1]) profiles++;
        uses[cols.props[i]!]!++;
      }
      count += cols.profile.length;
      cols.propsDict.forEach((json, index) => {
        if (uses[index] === 0 || json === '{}') return;
        const props = parseJson(json);
        if (!props || typeof props !== 'object') return;
        for (const [prop, value] of Object.entries(props as Record<string, unknown>)) {
          let tally = properties.get(prop);
          if (!tally) properties.set(prop, (tally = new ValueTally()));
          tally.add(value, uses[index]!);
        }
      });
    }
    if (count === 0) continue;
    events.push({
      name,
      count,
      profiles,
      properties: [...properties.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([prop, tally]) => ({ name: prop, type: tally.type(), topValues: tally.top() })),
    });
  }
  return events;
}

function readAttributes(db: CacheDb): Catalog['attributes'] {
  const rows = stmt<[], { name: string; value: string; n: number }>(
    db,
    'SELECT name, value, count(*) AS n FROM attributes WHERE value IS NOT NULL GROUP BY name, value',
  ).iterate();
  const tallies = new Map<string, { tally: ValueTally; profiles: number }>();
  for (const row of rows) {
    let entry = tallies.get(row.name);
    if (!entry) tallies.set(row.name, (entry = { tally: new ValueTally(), profiles: 0 }));
    entry.profiles += row.n;
    entry.tally.add(parseJson(row.value), row.n);
  }
  return [...tallies.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, { tally, profiles }]) => ({
      name,
      type: tally.type(),
      profiles,
      topValues: tally.top(),
    }));
}

export function readCatalogFromCache(db: CacheDb, audiences: Catalog['audiences'] = []): Catalog {
  const identities = stmt<[], { type: string; profiles: number }>(
    db,
    'SELECT type, count(DISTINCT profile_id) AS profiles FROM identities GROUP BY type ORDER BY type',
  ).all();
  return { events: readEvents(db), attributes: readAttributes(db), identities, audiences };
}

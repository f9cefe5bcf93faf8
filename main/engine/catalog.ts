// What the data holds, for the rule editor's pickers: event names with counts and their properties,
// attributes and identity types with how many profiles have them, each with its most common values.
import type { Database } from 'better-sqlite3';
import type {
  Catalog,
  CatalogValueType,
  ValueCount,
} from '../../shared/contract/workspace-channels';
import { isDatetime } from '../../shared/audience/datetime';
import { stmt } from '../cache/statement-cache';
import type { EngineData } from './engine-data';

const TOP_VALUES = 10;

function typeOf(v: unknown): CatalogValueType | undefined {
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return isDatetime(v) ? 'datetime' : 'string';
  return undefined;
}

/** Collects value types and counts of one attribute or property. */
class ValueTally {
  private readonly types = new Set<CatalogValueType>();
  private readonly counts = new Map<string, { value: string | number | boolean; count: number }>();
  add(v: unknown, weight: number): void {
    const t = typeOf(v);
    if (!t) return;
    this.types.add(t);
    for (const item of Array.isArray(v) ? v : [v]) {
      if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean')
        continue;
      const key = `${typeof item}:${String(item)}`;
      const entry = this.counts.get(key);
      if (entry) entry.count += weight;
      else this.counts.set(key, { value: item, count: weight });
    }
  }
  type(): CatalogValueType {
    if (this.types.size === 1) return [...this.types][0]!;
    return this.types.size === 0 ? 'string' : 'mixed';
  }
  top(): ValueCount[] {
    return [...this.counts.values()]
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
      .slice(0, TOP_VALUES);
  }
}

export function buildCatalog(db: Database, data: EngineData): Omit<Catalog, 'audiences'> {
  const events = data.eventNames().map((name) => {
    const col = data.event(name);
    const profiles = col.profiles.length;
    const uses = new Float64Array(col.dict.length);
    if (col.props) for (let i = 0; i < col.props.length; i++) uses[col.props[i]!]!++;
    else uses[0] = col.total;
    const tallies = new Map<string, ValueTally>();
    col.dict.forEach((props, i) => {
      for (const [key, v] of Object.entries(props)) {
        if (!tallies.has(key)) tallies.set(key, new ValueTally());
        tallies.get(key)!.add(v, uses[i]!);
      }
    });
    const properties = [...tallies.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([propName, t]) => ({ name: propName, type: t.type(), topValues: t.top() }));
    return { name, count: col.total, profiles, properties };
  });
  const attributes = data.attributeNames().map((name) => {
    const col = data.attribute(name)!;
    const uses = new Float64Array(col.values.length);
    for (let i = 0; i < col.valueIndex.length; i++) uses[col.valueIndex[i]!]!++;
    const t = new ValueTally();
    col.values.forEach((v, i) => t.add(v, uses[i]!));
    return { name, type: t.type(), profiles: col.profiles.length, topValues: t.top() };
  });
  const identities = stmt<[], { type: string; profiles: number }>(
    db,
    'SELECT type, count(DISTINCT profile_id) AS profiles FROM identities GROUP BY type ORDER BY type',
  ).all();
  return { events, attributes, identities };
}

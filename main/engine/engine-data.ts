// The cache loaded into memory in the shapes the engine scans: a population bitset, attributes per
// name (profile + index of a distinct value), identities per type (a bitset) and events per name as
// compressed-sparse columns (the profiles having events, each with its run of time-sorted rows). Everything is typed
// arrays; no object per event or per attribute row. Parts load on first use.
import type { Database } from 'better-sqlite3';
import { decodeChunk } from '../cache/event-chunk-codec';
import { getDataVersion, getLookbackDays } from '../cache/settings';
import { stmt } from '../cache/statement-cache';
import { setBit, wordsFor, type Bitset } from './bitset';

export interface AttributeColumn {
  /** Profiles holding a (non-deleted) value, ascending. */
  profiles: Uint32Array;
  /** Index into `values` per row. */
  valueIndex: Uint32Array;
  /** Distinct stored values, parsed from their JSON text. */
  values: unknown[];
}

export interface EventColumn {
  /** The profiles having events of this name, ascending. */
  profiles: Uint32Array;
  /** Events of profiles[i] are rows starts[i] .. starts[i+1]-1, sorted by time. */
  starts: Uint32Array;
  ts: Float64Array;
  /**
   * Per profile, its newest event's time in whole seconds (rounded down, clamped to 0..2^32-1):
   * read in order, it rules out profiles with nothing in a recent window without touching their
   * rows in `ts`.
   */
  lastSec: Uint32Array;
  /** Index into `dict` per row, or null when no event has properties. */
  props: Uint16Array | Uint32Array | null;
  /** Distinct property objects of this event name (parsed once). */
  dict: Array<Record<string, unknown>>;
  total: number;
  /** The earliest and latest event times (Infinity and -Infinity without events). */
  minTs: number;
  maxTs: number;
}

export class EngineData {
  readonly dataVersion: number;
  readonly lookbackDays: number;
  readonly maxId: number;
  readonly population: Bitset;
  readonly populationSize: number;
  private attributes: Map<string, AttributeColumn> | undefined;
  private readonly identities = new Map<string, Bitset>();
  private readonly events = new Map<string, EventColumn>();

  constructor(private readonly db: Database) {
    this.dataVersion = getDataVersion(db);
    this.lookbackDays = getLookbackDays(db);
    this.maxId =
      stmt<[], { n: number | null }>(db, 'SELECT max(id) AS n FROM profiles').get()?.n ?? 0;
    this.population = this.emptySet();
    let size = 0;
    // pluck: one number per row, no row object or array.
    for (const id of stmt<[], number>(db, 'SELECT id FROM profiles').pluck(true).iterate()) {
      setBit(this.population, id);
      size++;
    }
    this.populationSize = size;
  }

  emptySet(): Bitset {
    return new Uint32Array(wordsFor(this.maxId));
  }

  attribute(name: string): AttributeColumn | undefined {
    if (!this.attributes) this.attributes = this.loadAttributes();
    return this.attributes.get(name);
  }

  attributeNames(): string[] {
    if (!this.attributes) this.attributes = this.loadAttributes();
    return [...this.attributes.keys()].sort();
  }

  identity(type: string): Bitset {
    let set = this.identities.get(type);
    if (!set) {
      set = this.emptySet();
      // One number per row (pluck), no row arrays: at 1M profiles a type has millions of rows.
      // Setting a bit twice is harmless, so no DISTINCT (and no temporary B-tree) is needed.
      const ids = stmt<[string], number>(
        this.db,
        'SELECT profile_id FROM identities WHERE type = ?',
      )
        .pluck(true)
        .iterate(type);
      for (const id of ids) if (id <= this.maxId) setBit(set, id);
      this.identities.set(type, set);
    }
    return set;
  }

  event(name: string): EventColumn {
    let col = this.events.get(name);
    if (!col) {
      col = this.loadEvents(name);
      this.events.set(name, col);
    }
    return col;
  }

  eventNames(): string[] {
    return stmt<[], [string]>(this.db, 'SELECT name FROM event_names ORDER BY name')
      .raw(true)
      .all()
      .map((r) => r[0]);
  }

  private loadAttributes(): Map<string, AttributeColumn> {
    // Typed lists, not arrays of numbers: at 1M profiles there are millions of attribute rows.
    const building = new Map<
      string,
      { profiles: U32List; valueIndex: U32List; texts: Map<string, number> }
    >();
    // Rows come by primary key (profile_id, name), so each name's profiles are ascending.
    const rows = stmt<[], [number, string, string]>(
      this.db,
      'SELECT profile_id, name, value FROM attributes WHERE value IS NOT NULL ORDER BY profile_id, name',
    )
      .raw(true)
      .iterate();
    for (const [profile, name, text] of rows) {
      let b = building.get(name);
      if (!b)
        building.set(
          name,
          (b = { profiles: new U32List(), valueIndex: new U32List(), texts: new Map() }),
        );
      let idx = b.texts.get(text);
      if (idx === undefined) b.texts.set(text, (idx = b.texts.size));
      b.profiles.push(profile);
      b.valueIndex.push(idx);
    }
    const out = new Map<string, AttributeColumn>();
    for (const [name, b] of building) {
      out.set(name, {
        profiles: b.profiles.done(),
        valueIndex: b.valueIndex.done(),
        values: [...b.texts.keys()].map(parseStored),
      });
    }
    return out;
  }

  private loadEvents(name: string): EventColumn {
    // Only profiles that have events of this name get an entry: a rare event costs nothing per
    // profile of the population.
    const profiles = new U32List();
    const starts = new U32List();
    let current = -1;
    const total =
      stmt<[string], { n: number | null }>(
        this.db,
        'SELECT sum(c.event_count) AS n FROM event_chunks c JOIN event_names n ON n.id = c.name_id WHERE n.name = ?',
      ).get(name)?.n ?? 0;
    // Shared memory: a tally may be split with a helper thread (tally-split.ts).
    let ts = new Float64Array(new SharedArrayBuffer(total * 8));
    // Two bytes per event while a name has at most 65,536 distinct property objects (most do).
    let props: Uint16Array | Uint32Array = new Uint16Array(new SharedArrayBuffer(total * 2));
    const dictIndex = new Map<string, number>([['{}', 0]]);
    const dict: Array<Record<string, unknown>> = [{}];
    let pos = 0;
    let lastProfile = -1;
    let minTs = Infinity;
    let maxTs = -Infinity;
    const chunks = stmt<[string], [Uint8Array]>(
      this.db,
      'SELECT c.data FROM event_chunks c JOIN event_names n ON n.id = c.name_id WHERE n.name = ? ORDER BY c.block',
    )
      .raw(true)
      .iterate(name);
    for (const [blob] of chunks) {
      const c = decodeChunk(blob);
      const map = c.propsDict.map((text) => {
        let idx = dictIndex.get(text);
        if (idx === undefined) {
          dictIndex.set(text, (idx = dict.length));
          dict.push(parseProps(text));
        }
        return idx;
      });
      if (dict.length > 0xffff && props instanceof Uint16Array) {
        const wide: Uint32Array = new Uint32Array(new SharedArrayBuffer(props.length * 4));
        wide.set(props);
        props = wide;
      }
      const n = c.profile.length;
      if (pos + n > ts.length) {
        ts = grow(ts, pos + n);
        props = grow(props, pos + n);
      }
      for (let i = 0; i < n; i++) {
        const p = c.profile[i]!;
        if (p < lastProfile) throw new Error(`event chunks of "${name}" are not in profile order`);
        lastProfile = p;
        // Events of a profile missing from the population cannot count; keep them out.
        if (p > this.maxId) continue;
        if (p !== current) {
          profiles.push(p);
          starts.push(pos);
          current = p;
        }
        const t = c.ts[i]!;
        if (t < minTs) minTs = t;
        if (t > maxTs) maxTs = t;
        ts[pos] = t;
        props[pos] = map[c.props[i]!]!;
        pos++;
      }
    }
    starts.push(pos);
    const np = profiles.length;
    const startRows = starts.done(true);
    const lastSec = new Uint32Array(new SharedArrayBuffer(np * 4));
    for (let i = 0; i < np; i++) {
      // Clamped into 32 bits: an out-of-range time only makes the profile never skipped.
      const sec = Math.floor(ts[startRows[i + 1]! - 1]! / 1000);
      lastSec[i] = sec < 0 ? 0 : sec > 0xffffffff ? 0xffffffff : sec;
    }
    return {
      profiles: profiles.done(),
      starts: startRows,
      ts: pos === ts.length ? ts : ts.slice(0, pos),
      lastSec,
      props: dict.length === 1 ? null : pos === props.length ? props : props.slice(0, pos),
      dict,
      total: pos,
      minTs,
      maxTs,
    };
  }
}

/** The rows of one profile's events: [start, end), empty when it has none. */
export function profileRows(col: EventColumn, profile: number): [number, number] {
  let lo = 0;
  let hi = col.profiles.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const p = col.profiles[mid]!;
    if (p === profile) return [col.starts[mid]!, col.starts[mid + 1]!];
    if (p < profile) lo = mid + 1;
    else hi = mid - 1;
  }
  return [0, 0];
}

/** A growable list of 32-bit unsigned integers. */
class U32List {
  private a = new Uint32Array(1024);
  private n = 0;

  get length(): number {
    return this.n;
  }

  push(v: number): void {
    if (this.n === this.a.length) this.a = grow(this.a, this.n + 1);
    this.a[this.n++] = v;
  }

  /** The values, in an array of exactly their length (in shared memory if asked). */
  done(shared = false): Uint32Array {
    if (!shared) return this.a.slice(0, this.n);
    const out = new Uint32Array(new SharedArrayBuffer(this.n * 4));
    out.set(this.a.subarray(0, this.n));
    return out;
  }
}

function grow<T extends Float64Array | Uint32Array | Uint16Array>(a: T, min: number): T {
  const next = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2));
  next.set(a);
  return next;
}

function parseStored(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A value that is not JSON text is taken as the text itself rather than lost.
    return text;
  }
}

function parseProps(text: string): Record<string, unknown> {
  const v = parseStored(text);
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}

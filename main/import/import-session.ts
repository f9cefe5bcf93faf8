import type { CacheDb } from '../cache/open-cache';
import { stmt } from '../cache/statement-cache';
import { getSetting } from '../cache/settings';
import type { ImportRecord, RejectedPart } from './import-record';
import { PendingEvents } from './pending-events';

// The state of one import run between flushes: identity resolution (with an in-memory
// identity -> profile map and a union-find of merges), and everything waiting for the next
// flush. Nothing here touches the cache until flush-writer.ts commits it in one transaction.

export const WRITE_ORDER_SETTING = 'import_write_order';

export interface PendingAttribute {
  profile: number;
  name: string;
  value: string | null;
  time: number;
  order: number;
}

/** Beyond this many cached identities the map is dropped after a flush (the cache is the truth). */
const MAX_CACHED_IDENTITIES = 2_000_000;

/**
 * identity -> profile, as a map per identity type: values come straight from JSON.parse, so no key
 * string has to be built (and hashed) per lookup.
 */
class IdentityMap {
  private readonly byType = new Map<string, Map<string, number>>();
  size = 0;

  get(type: string, value: string): number | undefined {
    return this.byType.get(type)?.get(value);
  }

  set(type: string, value: string, profile: number): void {
    let m = this.byType.get(type);
    if (!m) {
      m = new Map();
      this.byType.set(type, m);
    }
    if (!m.has(value)) this.size++;
    m.set(value, profile);
  }
}

export class ImportSession {
  readonly importId: number;
  private nextProfileId: number;
  private nextNameId: number;
  writeOrder: number;

  private readonly nameIds = new Map<string, number>();
  newNames: Array<[number, string]> = [];

  private identityMap = new IdentityMap();
  /**
   * Whether identityMap holds every identity of the cache (true when the cache had none at the
   * start and the map was never dropped): then a miss needs no query.
   */
  private mapIsComplete: boolean;
  private parent = new Map<number, number>();
  newProfiles: number[] = [];
  absorbed: number[] = [];

  identities: Array<[string, string, number, number]> = [];
  private deviceSeen = new Set<string>();
  /** Pending writes per profile, then per attribute name. */
  attributes = new Map<number, Map<string, PendingAttribute>>();
  readonly events = new PendingEvents();
  propsDict: string[] = [];
  private propsIndex = new Map<string, number>();
  rejected: RejectedPart[] = [];
  pendingRecords = 0;

  constructor(
    readonly db: CacheDb,
    readonly startedAt: number,
    sources: string[],
  ) {
    this.nextProfileId =
      (stmt<[], { m: number | null }>(db, 'SELECT max(id) AS m FROM profiles').get()?.m ?? 0) + 1;
    for (const r of stmt<[], { id: number; name: string }>(
      db,
      'SELECT id, name FROM event_names',
    ).all()) {
      this.nameIds.set(r.name, r.id);
    }
    this.nextNameId =
      (stmt<[], { m: number | null }>(db, 'SELECT max(id) AS m FROM event_names').get()?.m ?? 0) +
      1;
    this.mapIsComplete = !stmt(db, 'SELECT 1 FROM identities LIMIT 1').get();
    this.writeOrder = Number(getSetting(db, WRITE_ORDER_SETTING) ?? '0');
    this.importId = Number(
      stmt(db, "INSERT INTO imports (started_at, sources, status) VALUES (?, ?, 'running')").run(
        startedAt,
        JSON.stringify(sources),
      ).lastInsertRowid,
    );
  }

  /** The profile a (possibly merged-away) profile id now belongs to. */
  find(profile: number): number {
    let p = profile;
    for (let next = this.parent.get(p); next !== undefined; next = this.parent.get(p)) p = next;
    if (p !== profile) this.parent.set(profile, p);
    return p;
  }

  private lookup(type: string, value: string): number | undefined {
    const cached = this.identityMap.get(type, value);
    if (cached !== undefined || this.mapIsComplete) return cached;
    const row = stmt<[string, string], { profile_id: number }>(
      this.db,
      'SELECT profile_id FROM identities WHERE type = ? AND value = ? AND is_device = 0 LIMIT 1',
    ).get(type, value);
    if (row) this.identityMap.set(type, value, row.profile_id);
    return row?.profile_id;
  }

  /** Resolves the record's profile (creating or merging profiles) and queues its data. */
  add(record: ImportRecord): void {
    this.pendingRecords++;
    let root = -1;
    const others: number[] = [];
    for (const id of record.identities) {
      if (id.device) continue;
      const found = this.lookup(id.type, id.value);
      if (found === undefined) continue;
      const r = this.find(found);
      if (root < 0) root = r;
      else if (r !== root) {
        if (r < root) {
          others.push(root);
          root = r;
        } else others.push(r);
      }
    }
    if (root < 0) {
      root = this.nextProfileId++;
      this.newProfiles.push(root);
    }
    // The oldest (lowest id) profile absorbs the others.
    for (const o of others) {
      const r = this.find(o);
      if (r === root) continue;
      this.parent.set(r, root);
      this.absorbed.push(r);
    }
    for (const id of record.identities) {
      if (id.device) {
        const k = `${id.type}\u0001${id.value}\u0001${root}`;
        if (!this.deviceSeen.has(k)) {
          this.deviceSeen.add(k);
          this.identities.push([id.type, id.value, root, 1]);
        }
        continue;
      }
      if (this.identityMap.get(id.type, id.value) === undefined) {
        this.identityMap.set(id.type, id.value, root);
        this.identities.push([id.type, id.value, root, 0]);
      }
    }
    const order = ++this.writeOrder;
    let writes = this.attributes.get(root);
    if (!writes && record.attributes.length > 0) {
      writes = new Map();
      this.attributes.set(root, writes);
    }
    for (const a of record.attributes) {
      const prev = writes!.get(a.name);
      if (
        prev &&
        (prev.time > record.attributeTime ||
          (prev.time === record.attributeTime && prev.order > order))
      ) {
        continue;
      }
      writes!.set(a.name, {
        profile: root,
        name: a.name,
        value: a.value,
        time: record.attributeTime,
        order,
      });
    }
    const ev = this.events;
    for (const e of record.events) {
      let p = this.propsIndex.get(e.props);
      if (p === undefined) {
        p = this.propsDict.length;
        this.propsDict.push(e.props);
        this.propsIndex.set(e.props, p);
      }
      ev.push(root, e.ts, e.key, e.flags, this.nameId(e.name), p);
    }
  }

  private nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.nextNameId++;
      this.nameIds.set(name, id);
      this.newNames.push([id, name]);
    }
    return id;
  }

  get pendingEvents(): number {
    return this.events.length;
  }

  /** After a committed flush: forget what was written. */
  clearPending(): void {
    this.newNames = [];
    this.newProfiles = [];
    this.absorbed = [];
    this.identities = [];
    this.deviceSeen = new Set();
    this.attributes = new Map();
    this.events.clear();
    this.propsDict = [];
    this.propsIndex = new Map();
    this.rejected = [];
    this.pendingRecords = 0;
    if (this.identityMap.size > MAX_CACHED_IDENTITIES) {
      // The cache now holds every identity with its surviving profile, so both maps can go.
      this.identityMap = new IdentityMap();
      this.parent = new Map();
      this.mapIsComplete = false;
    }
  }

  /** After a failed flush (rolled back): what was queued cannot be kept in memory either. */
  forgetUncommitted(): void {
    this.identityMap = new IdentityMap();
    this.mapIsComplete = false;
    this.parent = new Map();
    this.nameIds.clear();
    for (const r of stmt<[], { id: number; name: string }>(
      this.db,
      'SELECT id, name FROM event_names',
    ).all()) {
      this.nameIds.set(r.name, r.id);
    }
    this.clearPending();
  }
}

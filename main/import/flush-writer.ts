import {
  blockOfProfile,
  decodeChunk,
  encodeChunk,
  type EventColumns,
} from '../cache/event-chunk-codec';
import { bumpDataVersion, setSetting } from '../cache/settings';
import { stmt } from '../cache/statement-cache';
import { extractProfiles, mergeChunk, type AddedRow } from './chunk-merge';
import { WRITE_ORDER_SETTING, type ImportSession } from './import-session';

// One flush = one SQLite transaction: profiles, merges, identities, attributes, the rewritten
// event chunks, rejected records, the import's counters, the write-order counter and the data
// version. A process killed at any moment leaves either all of it or none of it.

export interface FlushCounts {
  batches: number;
  rows: number;
  events: number;
  duplicates: number;
  rejected: number;
}

// Last write wins: later time, then later write order. Deletions are rows with a NULL value, so
// an older write arriving later loses against them too.
const LWW_UPSERT = `
  ON CONFLICT (profile_id, name) DO UPDATE SET
    value = excluded.value, written_at = excluded.written_at, write_order = excluded.write_order
  WHERE excluded.written_at > attributes.written_at
     OR (excluded.written_at = attributes.written_at AND excluded.write_order > attributes.write_order)`;

interface WorkChunk {
  nameId: number;
  block: number;
  loaded: boolean;
  cols: EventColumns | undefined;
  changed: boolean;
  added: AddedRow[];
}

const chunkKey = (nameId: number, block: number) => nameId * 1_048_576 + block;

function loadChunk(s: ImportSession, w: WorkChunk): void {
  if (w.loaded) return;
  const row = stmt<[number, number], { data: Buffer }>(
    s.db,
    'SELECT data FROM event_chunks WHERE name_id = ? AND block = ?',
  ).get(w.nameId, w.block);
  w.cols = row ? decodeChunk(row.data) : undefined;
  w.loaded = true;
}

function moveProfile(s: ImportSession, from: number, to: number): void {
  const db = s.db;
  stmt(
    db,
    `INSERT OR IGNORE INTO identities (type, value, profile_id, is_device)
     SELECT type, value, ?, is_device FROM identities WHERE profile_id = ?`,
  ).run(to, from);
  stmt(db, 'DELETE FROM identities WHERE profile_id = ?').run(from);
  stmt(
    db,
    `INSERT INTO attributes (profile_id, name, value, written_at, write_order)
     SELECT ?, name, value, written_at, write_order FROM attributes WHERE profile_id = ? AND true
     ${LWW_UPSERT}`,
  ).run(to, from);
  stmt(db, 'DELETE FROM attributes WHERE profile_id = ?').run(from);
  stmt(db, 'DELETE FROM profiles WHERE id = ?').run(from);
}

function writeEvents(s: ImportSession, absorbedInCache: number[], counts: FlushCounts): void {
  const work = new Map<number, WorkChunk>();
  const chunk = (nameId: number, block: number): WorkChunk => {
    const k = chunkKey(nameId, block);
    let w = work.get(k);
    if (!w) {
      w = { nameId, block, loaded: false, cols: undefined, changed: false, added: [] };
      work.set(k, w);
    }
    return w;
  };
  const ev = s.events;
  for (let i = 0; i < ev.length; i++) {
    const profile = s.find(ev.profile[i]!);
    chunk(ev.nameId[i]!, blockOfProfile(profile)).added.push({
      profile,
      ts: ev.ts[i]!,
      key: ev.key[i]!,
      flags: ev.flags[i]!,
      props: s.propsDict[ev.props[i]!]!,
      isNew: true,
    });
  }
  if (absorbedInCache.length > 0) {
    // Events of merged-away profiles move to their survivor's chunk of the same name.
    const absorbedSet = new Set(absorbedInCache);
    const blocks = new Set(absorbedInCache.map(blockOfProfile));
    for (const block of blocks) {
      // Driven by event_names so each (name, block) is an index search: `WHERE block = ?` alone
      // scans every chunk entry, once per merged block.
      const names = stmt<[number], { name_id: number }>(
        s.db,
        `SELECT c.name_id FROM event_names n CROSS JOIN event_chunks c
         ON c.name_id = n.id AND c.block = ? ORDER BY n.id`,
      ).all(block);
      for (const { name_id } of names) {
        const w = chunk(name_id, block);
        loadChunk(s, w);
        if (!w.cols) continue;
        const { kept, moved } = extractProfiles(w.cols, absorbedSet);
        if (moved.length === 0) continue;
        w.cols = kept;
        w.changed = true;
        for (const r of moved) {
          r.profile = s.find(r.profile);
          chunk(name_id, blockOfProfile(r.profile)).added.push(r);
        }
      }
    }
  }
  for (const w of work.values()) {
    if (w.added.length === 0 && !w.changed) continue;
    loadChunk(s, w);
    const merged = mergeChunk(w.cols, w.added);
    counts.events += merged.events;
    counts.duplicates += merged.duplicates;
    const n = merged.cols.profile.length;
    if (n === 0) {
      stmt(s.db, 'DELETE FROM event_chunks WHERE name_id = ? AND block = ?').run(w.nameId, w.block);
      continue;
    }
    let minTs = Infinity;
    let maxTs = -Infinity;
    for (const t of merged.cols.ts) {
      if (t < minTs) minTs = t;
      if (t > maxTs) maxTs = t;
    }
    stmt(
      s.db,
      `INSERT INTO event_chunks (name_id, block, event_count, min_ts, max_ts, data)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (name_id, block) DO UPDATE SET event_count = excluded.event_count,
         min_ts = excluded.min_ts, max_ts = excluded.max_ts, data = excluded.data`,
    ).run(w.nameId, w.block, n, minTs, maxTs, encodeChunk(merged.cols));
  }
}

/**
 * Commits everything the session queued. `counts` holds the run's totals with this flush's batches,
 * rows and rejections already added; its events and duplicates grow once the commit succeeded.
 */
export function flushSession(s: ImportSession, counts: FlushCounts, now: number): void {
  const db = s.db;
  const totals = { ...counts };
  db.transaction(() => {
    for (const [id, name] of s.newNames) {
      stmt(db, 'INSERT INTO event_names (id, name) VALUES (?, ?)').run(id, name);
    }
    const created = new Set(s.newProfiles);
    const insertProfile = stmt(db, 'INSERT INTO profiles (id, created_at) VALUES (?, ?)');
    for (const p of s.newProfiles) if (s.find(p) === p) insertProfile.run(p, now);
    const absorbedInCache = [...new Set(s.absorbed)].filter((p) => !created.has(p));
    for (const p of absorbedInCache) moveProfile(s, p, s.find(p));
    // Statements looked up once per flush, not once per row.
    const insertIdentity = stmt(
      db,
      'INSERT OR IGNORE INTO identities (type, value, profile_id, is_device) VALUES (?, ?, ?, ?)',
    );
    for (const [type, value, profile, device] of s.identities) {
      insertIdentity.run(type, value, s.find(profile), device);
    }
    const writeAttribute = stmt(
      db,
      `INSERT INTO attributes (profile_id, name, value, written_at, write_order) VALUES (?, ?, ?, ?, ?)
       ${LWW_UPSERT}`,
    );
    for (const writes of s.attributes.values()) {
      for (const a of writes.values()) {
        writeAttribute.run(s.find(a.profile), a.name, a.value, a.time, a.order);
      }
    }
    writeEvents(s, absorbedInCache, totals);
    for (const r of s.rejected) {
      stmt(
        db,
        'INSERT INTO rejected_records (import_id, source, reason, record) VALUES (?, ?, ?, ?)',
      ).run(s.importId, r.source, r.reason, r.record);
    }
    stmt(
      db,
      `UPDATE imports SET batches = ?, rows = ?, events = ?, duplicates = ?, rejected = ?
       WHERE id = ?`,
    ).run(
      totals.batches,
      totals.rows,
      totals.events,
      totals.duplicates,
      totals.rejected,
      s.importId,
    );
    setSetting(db, WRITE_ORDER_SETTING, String(s.writeOrder));
    bumpDataVersion(db);
  }).immediate();
  // Only a committed flush moves the run's counters.
  Object.assign(counts, totals);
}

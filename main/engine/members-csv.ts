// Members as CSV (RFC 4180): a header of `profile`, every identity type and every attribute name of
// the workspace, then one row per member. Several identities of one type share a cell, separated by
// "; "; non-string attribute values are written as their JSON text.
import type { Database } from 'better-sqlite3';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stmt } from '../cache/statement-cache';
import { parseStoredValue } from './member-profiles';

/** A CSV cell: quoted when it holds a comma, quote, CR or LF (RFC 4180), quotes doubled. */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const cellOf = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);

const BATCH = 2000;

function readRange(db: Database, from: number, to: number) {
  const identities = new Map<number, Record<string, string[]>>();
  for (const r of stmt<[number, number], { profile_id: number; type: string; value: string }>(
    db,
    'SELECT profile_id, type, value FROM identities WHERE profile_id BETWEEN ? AND ? ORDER BY profile_id, type, value',
  ).all(from, to)) {
    let m = identities.get(r.profile_id);
    if (!m) identities.set(r.profile_id, (m = {}));
    (m[r.type] ??= []).push(r.value);
  }
  const attributes = new Map<number, Record<string, unknown>>();
  for (const r of stmt<[number, number], { profile_id: number; name: string; value: string }>(
    db,
    'SELECT profile_id, name, value FROM attributes WHERE profile_id BETWEEN ? AND ? AND value IS NOT NULL',
  ).all(from, to)) {
    let m = attributes.get(r.profile_id);
    if (!m) attributes.set(r.profile_id, (m = {}));
    m[r.name] = parseStoredValue(r.value);
  }
  return { identities, attributes };
}

export interface CsvProgress {
  written: number;
  total: number;
}

/** Writes the members' CSV to a stream (left open) or a file path; resolves with the row count. */
export async function writeMembersCsv(
  db: Database,
  ids: ArrayLike<number>,
  target: Writable | string,
  onProgress?: (p: CsvProgress) => void,
): Promise<number> {
  const types = stmt<[], { type: string }>(db, 'SELECT DISTINCT type FROM identities ORDER BY type')
    .all()
    .map((r) => r.type);
  const names = stmt<[], { name: string }>(
    db,
    'SELECT DISTINCT name FROM attributes WHERE value IS NOT NULL ORDER BY name',
  )
    .all()
    .map((r) => r.name);
  const out = typeof target === 'string' ? createWriteStream(target) : target;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${['profile', ...types, ...names].map(csvCell).join(',')}\r\n`);
  // Members go in batches of consecutive ids: two range reads per batch, not two per member.
  for (let first = 0; first < ids.length; first += BATCH) {
    const batch = Array.from(
      { length: Math.min(BATCH, ids.length - first) },
      (_, k) => ids[first + k]!,
    );
    // Callers pass ascending ids (members() does); min/max keep any order correct.
    const { identities, attributes } = readRange(db, Math.min(...batch), Math.max(...batch));
    let text = '';
    for (const id of batch) {
      const ident = identities.get(id) ?? {};
      const attrs = attributes.get(id) ?? {};
      const cells = [
        String(id),
        ...types.map((t) => (ident[t] ?? []).join('; ')),
        ...names.map((n) => cellOf(attrs[n])),
      ];
      text += `${cells.map(csvCell).join(',')}\r\n`;
    }
    await write(text);
    onProgress?.({ written: first + batch.length, total: ids.length });
  }
  if (typeof target === 'string') {
    out.end();
    await once(out, 'finish');
  }
  return ids.length;
}

// Members as CSV (RFC 4180): a header of `profile`, every identity type and every attribute name of
// the workspace, then one row per member. Several identities of one type share a cell, separated by
// "; "; non-string attribute values are written as their JSON text.
import type { Database } from 'better-sqlite3';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stmt } from '../cache/statement-cache';
import { memberAttributes, memberIdentities } from './member-profiles';

/** A CSV cell: quoted when it holds a comma, quote, CR or LF (RFC 4180), quotes doubled. */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const cellOf = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);

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
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const identities = memberIdentities(db, id);
    const attributes = memberAttributes(db, id);
    const cells = [
      String(id),
      ...types.map((t) => (identities[t] ?? []).join('; ')),
      ...names.map((n) => cellOf(attributes[n])),
    ];
    await write(`${cells.map(csvCell).join(',')}\r\n`);
    if (onProgress && (i % 1000 === 999 || i === ids.length - 1))
      onProgress({ written: i + 1, total: ids.length });
  }
  if (typeof target === 'string') {
    out.end();
    await once(out, 'finish');
  }
  return ids.length;
}

import {
  deviceIdValue,
  identityValue,
  isCsvIdentityColumn,
  isDeviceIdType,
} from './identity-rules';
import type { RecordIdentity } from './identity-rules';
import type { AttributeWrite, ImportRecord } from './import-record';
import { ImportInputError } from './import-types';
import { parseIsoDatetime } from './iso-datetime';

// Profile CSV rows -> ImportRecords (data-import.md §2).

export interface CsvLayout {
  columns: number;
  identities: Array<{ index: number; type: string; device: boolean }>;
  attributes: Array<{ index: number; name: string }>;
  updatedAt: number | undefined;
}

/** Reads the header row; a header without any identity column fails the whole file. */
export function csvLayout(header: string[], file: string): CsvLayout {
  const layout: CsvLayout = {
    columns: header.length,
    identities: [],
    attributes: [],
    updatedAt: undefined,
  };
  header.forEach((raw, index) => {
    const name = raw.trim();
    if (name === '') {
      throw new ImportInputError(`${file}: column ${index + 1} of the header row has no name`);
    }
    if (isCsvIdentityColumn(name)) {
      layout.identities.push({ index, type: name, device: isDeviceIdType(name) });
    } else if (name === 'updated_at') {
      if (layout.updatedAt !== undefined) {
        throw new ImportInputError(`${file}: the header names updated_at twice`);
      }
      layout.updatedAt = index;
    } else layout.attributes.push({ index, name });
  });
  // Device-id columns count as identity columns here (data-import.md §2); rows that have nothing
  // else are rejected one by one, since a device id cannot key a profile alone.
  if (layout.identities.length === 0) {
    throw new ImportInputError(
      `${file}: the header row has no identity column (mpid, customer_id, email, mobile_number, ` +
        `other, other_id_2...), so no row can be matched to a profile; nothing was imported`,
    );
  }
  return layout;
}

/** One data row, or the reason it is rejected. */
export function csvRowToRecord(
  cells: string[],
  layout: CsvLayout,
  now: number,
): ImportRecord | string {
  if (cells.length !== layout.columns) {
    return `the row has ${cells.length} cells; the header has ${layout.columns}`;
  }
  const identities: RecordIdentity[] = [];
  for (const col of layout.identities) {
    const cell = cells[col.index]!;
    if (col.device) {
      const v = deviceIdValue(cell);
      if (v !== undefined) identities.push({ type: col.type, value: v, device: true });
      continue;
    }
    const v = identityValue(col.type, cell);
    if ('error' in v) return v.error;
    if ('value' in v) identities.push({ type: col.type, value: v.value, device: false });
  }
  if (identities.length === 0) return 'the row has no identity: every identity cell is empty';
  if (identities.every((i) => i.device)) {
    return 'the row has only device ids, which never identify a profile on their own';
  }
  let time = now;
  if (layout.updatedAt !== undefined) {
    const cell = cells[layout.updatedAt]!;
    if (cell.trim() !== '') {
      const t = parseIsoDatetime(cell);
      if (t === undefined) {
        return `updated_at "${cell}" is not a valid datetime (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS[.fff]] with Z or ±HH:MM)`;
      }
      time = t;
    }
  }
  const attributes: AttributeWrite[] = [];
  for (const col of layout.attributes) {
    const cell = cells[col.index]!;
    if (cell !== '') attributes.push({ name: col.name, value: JSON.stringify(cell) });
  }
  return { identities, attributes, attributeTime: time, events: [] };
}

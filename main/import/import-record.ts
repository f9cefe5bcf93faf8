import type { RecordIdentity } from './identity-rules';
import type { RejectedRecord } from './import-types';

// What one source record (a batch, a CSV row) contributes once validated: its identities, its
// attribute writes (all at one time), and its events with their dedup keys.

export interface RecordEvent {
  name: string;
  /** Epoch ms, a whole number. */
  ts: number;
  key: number;
  flags: number;
  /** Canonical JSON of the properties. */
  props: string;
}

export interface AttributeWrite {
  name: string;
  /** JSON text of the value; null deletes the attribute (a tombstone). */
  value: string | null;
}

export interface ImportRecord {
  identities: RecordIdentity[];
  attributes: AttributeWrite[];
  attributeTime: number;
  events: RecordEvent[];
}

export interface RejectedPart extends RejectedRecord {
  /** The offending input, for the rejected_records table. */
  record: string | null;
}

export interface RecordOutcome {
  record: ImportRecord | undefined;
  rejected: RejectedPart[];
}

/** Longest input text kept with a rejection: enough to see the problem, bounded for huge lines. */
export const MAX_KEPT_RECORD = 20_000;

export const keptText = (text: string): string =>
  text.length > MAX_KEPT_RECORD ? `${text.slice(0, MAX_KEPT_RECORD)}…` : text;

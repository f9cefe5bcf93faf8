import { batchToRecord } from './batch-record';
import { parseExactJson } from './exact-json';
import { keptText, type RecordOutcome, type RejectedPart } from './import-record';

// One batch's text -> its outcome. Shared by the in-thread path and the parse worker, so both
// take every record exactly alike.

export type BatchTextOutcome = RecordOutcome | { badJson: RejectedPart };

export function batchTextOutcome(text: string, source: string, now: number): BatchTextOutcome {
  let parsed: unknown;
  try {
    parsed = parseExactJson(text);
  } catch (e) {
    return {
      badJson: {
        source,
        reason: `not valid JSON (${(e as Error).message})`,
        record: keptText(text),
      },
    };
  }
  try {
    return batchToRecord(parsed, source, now);
  } catch (e) {
    // Not a rejection (the rules reject what they know): a fault, told with its place.
    throw new Error(`${source}: ${(e as Error).message}`, { cause: e });
  }
}

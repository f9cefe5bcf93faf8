import type { RecordIdentity } from './identity-rules';
import type {
  AttributeWrite,
  ImportRecord,
  RecordEvent,
  RecordOutcome,
  RejectedPart,
} from './import-record';

// The parse worker's messages: the outcomes of a run of source records, packed as one number
// column and a table of distinct strings, so crossing threads clones a few arrays rather than
// one small object per event. Items keep the order of the source records exactly.

/** What one source record was, for the import's counters and its rejection path. */
export const ItemKind = {
  /** A batch that parsed: its outcome goes through ImportRun.take. */
  Batch: 0,
  /** A batch whose text is not JSON: counted as a batch, its rejection recorded directly. */
  BadJson: 1,
  /** An element of a .json array the splitter could not cut out: rejected, not a batch. */
  BadElement: 2,
} as const;
export type ItemKind = (typeof ItemKind)[keyof typeof ItemKind];

export interface WireGroup {
  nums: Float64Array;
  strs: string[];
  /** Rejections in item order (rare, so plain objects). */
  rejects: RejectedPart[];
}

export class WireWriter {
  private nums: number[] = [];
  private strs: string[] = [];
  private strIndex = new Map<string, number>();
  private rejects: RejectedPart[] = [];
  items = 0;

  /** A string met once or rarely (identity and attribute values): not worth a lookup. */
  private once(s: string): number {
    this.strs.push(s);
    return this.strs.length - 1;
  }

  private str(s: string): number {
    let i = this.strIndex.get(s);
    if (i === undefined) {
      i = this.strs.length;
      this.strs.push(s);
      this.strIndex.set(s, i);
    }
    return i;
  }

  /** A record that produced no outcome of its own: only `rejected` (BadJson, BadElement). */
  rejectedItem(kind: typeof ItemKind.BadJson | typeof ItemKind.BadElement, r: RejectedPart): void {
    this.items++;
    this.nums.push(kind);
    this.rejects.push(r);
  }

  batch(o: RecordOutcome): void {
    this.items++;
    const n = this.nums;
    n.push(ItemKind.Batch, o.rejected.length);
    for (const r of o.rejected) this.rejects.push(r);
    const rec = o.record;
    if (!rec) {
      n.push(0);
      return;
    }
    n.push(1, rec.identities.length);
    for (const id of rec.identities)
      n.push(this.str(id.type), this.once(id.value), id.device ? 1 : 0);
    n.push(rec.attributes.length);
    for (const a of rec.attributes)
      n.push(this.str(a.name), a.value === null ? -1 : this.once(a.value));
    n.push(rec.attributeTime, rec.events.length);
    for (const e of rec.events) n.push(this.str(e.name), e.ts, e.key, e.flags, this.str(e.props));
  }

  /** The group so far, and a fresh writer state. */
  take(): WireGroup {
    const g = { nums: Float64Array.from(this.nums), strs: this.strs, rejects: this.rejects };
    this.nums = [];
    this.strs = [];
    this.strIndex = new Map();
    this.rejects = [];
    this.items = 0;
    return g;
  }
}

export type WireItem =
  | { kind: typeof ItemKind.Batch; outcome: RecordOutcome }
  | { kind: typeof ItemKind.BadJson | typeof ItemKind.BadElement; rejected: RejectedPart };

/** The items of a group, in order. */
export function* readWireGroup(g: WireGroup): Generator<WireItem> {
  const { nums, strs } = g;
  let i = 0;
  let r = 0;
  while (i < nums.length) {
    const kind = nums[i++] as ItemKind;
    if (kind !== ItemKind.Batch) {
      yield { kind, rejected: g.rejects[r++]! };
      continue;
    }
    const batch = ItemKind.Batch;
    const nRejected = nums[i++]!;
    const rejected = g.rejects.slice(r, r + nRejected);
    r += nRejected;
    if (nums[i++] === 0) {
      yield { kind: batch, outcome: { record: undefined, rejected } };
      continue;
    }
    const identities: RecordIdentity[] = new Array(nums[i++]!);
    for (let k = 0; k < identities.length; k++, i += 3) {
      identities[k] = {
        type: strs[nums[i]!]!,
        value: strs[nums[i + 1]!]!,
        device: nums[i + 2] === 1,
      };
    }
    const attributes: AttributeWrite[] = new Array(nums[i++]!);
    for (let k = 0; k < attributes.length; k++, i += 2) {
      const v = nums[i + 1]!;
      attributes[k] = { name: strs[nums[i]!]!, value: v < 0 ? null : strs[v]! };
    }
    const attributeTime = nums[i++]!;
    const events: RecordEvent[] = new Array(nums[i++]!);
    for (let k = 0; k < events.length; k++, i += 5) {
      events[k] = {
        name: strs[nums[i]!]!,
        ts: nums[i + 1]!,
        key: nums[i + 2]!,
        flags: nums[i + 3]!,
        props: strs[nums[i + 4]!]!,
      };
    }
    const record: ImportRecord = { identities, attributes, attributeTime, events };
    yield { kind: batch, outcome: { record, rejected } };
  }
}

import { canonicalJson, NonFiniteNumberError } from './canonical-json';
import { eventShape } from './event-rules';
import { exactJsonText, exactNumberText, isBigNumber } from './exact-json';
import { hash32 } from './hash32';
import {
  DEVICE_ID_TYPES,
  deviceIdValue,
  identityValue,
  type RecordIdentity,
} from './identity-rules';
import {
  keptText,
  type AttributeWrite,
  type RecordEvent,
  type RecordOutcome,
  type RejectedPart,
} from './import-record';
import { FLAG_MESSAGE_ID_KEY } from '../cache/event-chunk-codec';

// One mParticle Events API batch -> an ImportRecord (data-import.md §1, §4, §5).

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Latest accepted time: year 275760 is where JavaScript dates end. */
const MAX_TIME = 8.64e15;

/** A time in epoch ms from a number or a digit string; undefined if absent, NaN if invalid. */
function timeValue(v: unknown): number | undefined {
  if (v === null || v === undefined) return undefined;
  let n = NaN;
  if (typeof v === 'number') n = v;
  else if (isBigNumber(v)) n = Number(v.slice(1));
  else if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > MAX_TIME) return NaN;
  return Math.floor(n);
}

function reject(source: string, reason: string, record: unknown): RejectedPart {
  return {
    source,
    reason,
    record: record === undefined ? null : keptText(exactJsonText(record)),
  };
}

function batchIdentities(batch: Obj, source: string): RecordIdentity[] | RejectedPart {
  const out: RecordIdentity[] = [];
  const mpid = identityValue('mpid', batch.mpid);
  if ('error' in mpid) return reject(source, mpid.error, batch);
  if ('value' in mpid) out.push({ type: 'mpid', value: mpid.value, device: false });
  const ui = batch.user_identities;
  if (ui !== null && ui !== undefined) {
    if (!isObject(ui)) return reject(source, 'user_identities must be an object', batch);
    for (const type of Object.keys(ui)) {
      const v = identityValue(type, ui[type]);
      if ('error' in v) return reject(source, `user_identities.${v.error}`, batch);
      if ('value' in v) out.push({ type, value: v.value, device: false });
    }
  }
  const di = batch.device_info;
  if (isObject(di)) {
    for (const type of DEVICE_ID_TYPES) {
      const v = deviceIdValue(di[type]);
      if (v !== undefined) out.push({ type, value: v, device: true });
    }
  }
  if (out.length === 0)
    return reject(source, 'the batch has no identity (mpid or user_identities)', batch);
  let onlyDevices = true;
  for (const i of out) if (!i.device) onlyDevices = false;
  if (onlyDevices) {
    return reject(
      source,
      'the batch has only device ids, which never identify a profile on their own',
      batch,
    );
  }
  return out;
}

function attributeWrites(batch: Obj, source: string, rejected: RejectedPart[]): AttributeWrite[] {
  const writes = new Map<string, string | null>();
  const ua = batch.user_attributes;
  if (ua !== null && ua !== undefined) {
    if (!isObject(ua))
      rejected.push(reject(`${source}#user_attributes`, 'user_attributes must be an object', ua));
    else {
      for (const name of Object.keys(ua)) {
        const v = ua[name];
        if (v === null) writes.set(name, null);
        else if (typeof v === 'number' && !Number.isFinite(v)) {
          rejected.push(
            reject(
              `${source}#user_attributes.${name}`,
              'the value is a number too large to store (such as 1e999)',
              v,
            ),
          );
        } else if (Array.isArray(v)) {
          const bad = v.find(
            (x) =>
              x === null || typeof x === 'object' || (typeof x === 'number' && !Number.isFinite(x)),
          );
          if (bad !== undefined) {
            rejected.push(
              reject(
                `${source}#user_attributes.${name}`,
                `a list attribute may hold only strings, numbers and booleans, not ${bad === null ? 'null' : Array.isArray(bad) ? 'a list' : typeof bad === 'number' ? 'a number too large to store' : 'an object'}`,
                v,
              ),
            );
          } else writes.set(name, exactJsonText(v));
        } else if (typeof v === 'object') {
          rejected.push(
            reject(
              `${source}#user_attributes.${name}`,
              'an attribute value cannot be an object',
              v,
            ),
          );
        } else writes.set(name, exactJsonText(v));
      }
    }
  }
  const del = batch.deleted_user_attributes;
  if (del !== null && del !== undefined) {
    if (!Array.isArray(del) || del.some((d) => typeof d !== 'string')) {
      rejected.push(
        reject(
          `${source}#deleted_user_attributes`,
          'deleted_user_attributes must be a list of attribute names',
          del,
        ),
      );
    } else for (const name of del as string[]) writes.set(name, null); // deletion wins
  }
  const out: AttributeWrite[] = [];
  for (const [name, value] of writes) out.push({ name, value });
  return out;
}

function messageId(data: Obj): string | undefined {
  const m = data.source_message_id;
  if (typeof m === 'string') return m.trim() === '' ? undefined : m;
  return exactNumberText(m);
}

const eventSource = (batchSource: string, index: number) => `${batchSource}#events[${index}]`;

function batchEvent(
  ev: unknown,
  batchTime: number | undefined,
  batchSource: string,
  index: number,
): RecordEvent | RejectedPart {
  // The source is built only for a rejection: most events never need it. (No closure here:
  // one per event costs more than the string.)
  if (!isObject(ev))
    return reject(eventSource(batchSource, index), 'an event must be an object', ev);
  const type = ev.event_type;
  if (typeof type !== 'string' || type === '')
    return reject(eventSource(batchSource, index), 'the event has no event_type', ev);
  const data = ev.data ?? {};
  if (!isObject(data))
    return reject(eventSource(batchSource, index), 'the event data must be an object', ev);
  const own = timeValue(data.timestamp_unixtime_ms);
  if (Number.isNaN(own)) {
    return reject(
      eventSource(batchSource, index),
      'data.timestamp_unixtime_ms is not a time in epoch milliseconds',
      ev,
    );
  }
  const ts = own ?? batchTime;
  if (ts === undefined) {
    return reject(
      eventSource(batchSource, index),
      'the event has no time: no data.timestamp_unixtime_ms and no batch timestamp_unixtime_ms',
      ev,
    );
  }
  try {
    const shape = eventShape(type, data);
    if (typeof shape === 'string') return reject(eventSource(batchSource, index), shape, ev);
    const msgId = messageId(data);
    if (msgId !== undefined) {
      return {
        name: shape.name,
        ts,
        key: hash32(msgId),
        flags: FLAG_MESSAGE_ID_KEY,
        props: shape.props,
      };
    }
    const content = `${type}\n${shape.name}\n${ts}\n${canonicalJson(data)}`;
    return { name: shape.name, ts, key: hash32(content), flags: 0, props: shape.props };
  } catch (e) {
    // JSON.parse reads 1e999 as Infinity, which no canonical JSON can hold: one bad value rejects
    // its event, never the whole import.
    if (!(e instanceof NonFiniteNumberError)) throw e;
    return reject(eventSource(batchSource, index), `the event ${e.message}`, ev);
  }
}

/** Validates one parsed batch; `source` is `PATH:LINE` or `PATH#N`. */
export function batchToRecord(batch: unknown, source: string, now: number): RecordOutcome {
  if (!isObject(batch)) {
    return {
      record: undefined,
      rejected: [reject(source, 'a batch must be a JSON object', batch)],
    };
  }
  const identities = batchIdentities(batch, source);
  if (!Array.isArray(identities)) return { record: undefined, rejected: [identities] };
  const batchTime = timeValue(batch.timestamp_unixtime_ms);
  if (Number.isNaN(batchTime)) {
    return {
      record: undefined,
      rejected: [
        reject(source, 'timestamp_unixtime_ms is not a time in epoch milliseconds', batch),
      ],
    };
  }
  const rawEvents = batch.events;
  if (rawEvents !== null && rawEvents !== undefined && !Array.isArray(rawEvents)) {
    return { record: undefined, rejected: [reject(source, 'events must be a list', batch)] };
  }
  const rejected: RejectedPart[] = [];
  const events: RecordEvent[] = [];
  let latest: number | undefined;
  if (rawEvents) {
    for (let i = 0; i < rawEvents.length; i++) {
      const r = batchEvent(rawEvents[i], batchTime, source, i);
      if ('reason' in r) rejected.push(r);
      else {
        events.push(r);
        if (latest === undefined || r.ts > latest) latest = r.ts;
      }
    }
  }
  const attributes = attributeWrites(batch, source, rejected);
  return {
    record: { identities, attributes, attributeTime: batchTime ?? latest ?? now, events },
    rejected,
  };
}

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ByteReader, ByteWriter } from './byte-buffers';

/** Profiles per chunk: all events of one name of profiles [block*SIZE, (block+1)*SIZE) share a chunk. */
export const PROFILE_BLOCK_SIZE = 4096;

export const blockOfProfile = (profileId: number): number =>
  Math.floor(profileId / PROFILE_BLOCK_SIZE);

/** Bit in `flags`: the event's `key` hashes its source_message_id (else its content). */
export const FLAG_MESSAGE_ID_KEY = 1;

/**
 * The events of one chunk as columns, sorted by (profile, ts, key). Row i is one event.
 * `props[i]` indexes `propsDict`, the chunk's distinct property objects as canonical JSON text
 * ("{}" for none), so the engine evaluates a filter once per distinct value, not once per event.
 */
export interface EventColumns {
  profile: Uint32Array;
  ts: Float64Array;
  key: Uint32Array;
  flags: Uint8Array;
  props: Uint32Array;
  propsDict: string[];
}

const MAGIC = 0x45430001; // "EC" v1
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/**
 * Encodes sorted columns. Profiles and times are delta-coded varints (a profile's events are
 * adjacent and close in time), keys are raw 32-bit hashes, then the whole is deflated.
 */
export function encodeChunk(c: EventColumns): Buffer {
  const n = c.profile.length;
  const w = new ByteWriter(n * 12 + 64);
  w.uint32(MAGIC);
  w.varuint(n);
  let prevProfile = 0;
  for (let i = 0; i < n; i++) {
    const p = c.profile[i]!;
    if (p < prevProfile) throw new Error('encodeChunk: profiles must be sorted');
    w.varuint(p - prevProfile);
    prevProfile = p;
  }
  let prevTs = 0;
  for (let i = 0; i < n; i++) {
    const t = c.ts[i]!;
    w.varint(t - prevTs);
    prevTs = t;
  }
  for (let i = 0; i < n; i++) w.uint32(c.key[i]!);
  for (let i = 0; i < n; i++) w.byte(c.flags[i]!);
  for (let i = 0; i < n; i++) w.varuint(c.props[i]!);
  const dict = textEncoder.encode(JSON.stringify(c.propsDict));
  w.varuint(dict.length);
  w.bytes(dict);
  return deflateRawSync(w.result(), { level: 6 });
}

export function decodeChunk(data: Uint8Array): EventColumns {
  const r = new ByteReader(inflateRawSync(data));
  if (r.uint32() !== MAGIC) throw new Error('decodeChunk: not an event chunk (bad magic)');
  const n = r.varuint();
  const profile = new Uint32Array(n);
  const ts = new Float64Array(n);
  const key = new Uint32Array(n);
  const flags = new Uint8Array(n);
  const props = new Uint32Array(n);
  let p = 0;
  for (let i = 0; i < n; i++) profile[i] = p += r.varuint();
  let t = 0;
  for (let i = 0; i < n; i++) ts[i] = t += r.varint();
  for (let i = 0; i < n; i++) key[i] = r.uint32();
  for (let i = 0; i < n; i++) flags[i] = r.byte();
  for (let i = 0; i < n; i++) props[i] = r.varuint();
  const dictLen = r.varuint();
  const propsDict = JSON.parse(textDecoder.decode(r.bytes(dictLen))) as string[];
  return { profile, ts, key, flags, props, propsDict };
}

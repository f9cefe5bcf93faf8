// 32-bit FNV-1a over UTF-16 code units: the dedup key stored per event. Cheap, stable across
// runs and platforms (nothing seeded), and good enough that a collision needs the same profile
// and event name as well to do harm.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function hash32(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

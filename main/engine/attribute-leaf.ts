// An attribute condition: the predicate runs once per distinct stored value of the attribute, and
// profiles without the attribute get the predicate's answer for a missing value.
import type { AttributeNode } from '../../shared/audience/audience-types';
import type { Bitset } from './bitset';
import type { EngineData } from './engine-data';
import { compileCondition } from './value-match';

export function evaluateAttributeLeaf(node: AttributeNode, data: EngineData, asOf: number): Bitset {
  const pred = compileCondition(node, asOf);
  const col = data.attribute(node.attribute);
  const missingMatches = pred(undefined);
  // Missing satisfies the condition: start from everyone, then decide the holders one by one.
  const out = missingMatches ? Uint32Array.from(data.population) : data.emptySet();
  if (col) {
    const ok = Uint8Array.from(col.values, (v) => (pred(v) ? 1 : 0));
    const { profiles, valueIndex } = col;
    const maxId = data.maxId;
    // Without a branch on the outcome (which follows no pattern): -1 or 0 masks the profile's bit.
    if (missingMatches) {
      for (let i = 0; i < profiles.length; i++) {
        const p = profiles[i]!;
        if (p > maxId) continue;
        const bit = 1 << (p & 31);
        const w = p >>> 5;
        out[w] = (out[w]! & ~bit) | (-ok[valueIndex[i]!]! & bit);
      }
    } else {
      for (let i = 0; i < profiles.length; i++) {
        const p = profiles[i]!;
        if (p > maxId) continue;
        out[p >>> 5]! |= -ok[valueIndex[i]!]! & (1 << (p & 31));
      }
    }
  }
  const pop = data.population;
  for (let i = 0; i < out.length; i++) out[i]! &= pop[i]!;
  return out;
}

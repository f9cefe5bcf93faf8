// An attribute condition: the predicate runs once per distinct stored value of the attribute, and
// profiles without the attribute get the predicate's answer for a missing value.
import type { AttributeNode } from '../../shared/audience/audience-types';
import { complementWithin, setBit, type Bitset } from './bitset';
import type { EngineData } from './engine-data';
import { compileCondition } from './value-match';

export function evaluateAttributeLeaf(node: AttributeNode, data: EngineData, asOf: number): Bitset {
  const pred = compileCondition(node, asOf);
  const col = data.attribute(node.attribute);
  const holders = data.emptySet();
  const matching = data.emptySet();
  if (col) {
    const ok = col.values.map((v) => pred(v));
    for (let i = 0; i < col.profiles.length; i++) {
      const p = col.profiles[i]!;
      if (p > data.maxId) continue;
      setBit(holders, p);
      if (ok[col.valueIndex[i]!]) setBit(matching, p);
    }
  }
  if (pred(undefined)) {
    // Missing satisfies the condition: everyone without the attribute matches too.
    const without = complementWithin(data.population, holders);
    for (let i = 0; i < matching.length; i++) matching[i]! |= without[i]!;
  }
  const pop = data.population;
  for (let i = 0; i < matching.length; i++) matching[i]! &= pop[i]!;
  return matching;
}

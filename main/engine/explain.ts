// Why one profile is (or is not) in an audience: every node's truth value, read from the same sets
// the preview counted, with the facts behind it in plain sentences.
import type { AttributeNode, AudienceNode, EventNode } from '../../shared/audience/audience-types';
import type { ExplainNode } from '../../shared/contract/audience-channels';
import type { EvaluateOptions, Evaluation } from './audience-engine';
import { hasBit } from './bitset';
import type { EngineData } from './engine-data';
import { profileEventFacts } from './event-leaf';

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

function conditionText(op: string, value: unknown): string {
  return value === undefined ? op.replace('_', ' ') : `${op.replace('_', ' ')} ${show(value)}`;
}

function attributeFacts(node: AttributeNode, data: EngineData, profile: number): string[] {
  const col = data.attribute(node.attribute);
  let stored: unknown;
  if (col) {
    // Profiles are ascending: a binary search finds the row.
    let lo = 0;
    let hi = col.profiles.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const p = col.profiles[mid]!;
      if (p === profile) {
        stored = col.values[col.valueIndex[mid]!];
        break;
      }
      if (p < profile) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  const has = stored !== undefined && stored !== null;
  return [
    `${node.attribute} ${has ? `is ${show(stored)}` : 'is not set'}, needs ${conditionText(node.op, node.value)}`,
  ];
}

function eventFacts(node: EventNode, ev: Evaluation, data: EngineData, profile: number): string[] {
  const { count, sum } = profileEventFacts(node, data, ev.definition.kind, ev.asOf, profile);
  const filters = (node.where ?? []).map((f) => `${f.property} ${conditionText(f.op, f.value)}`);
  const where = filters.length > 0 ? ` with ${filters.join(' and ')}` : '';
  const events = `${count} event${count === 1 ? '' : 's'}${where} in the window`;
  const facts: string[] = [];
  if (node.count)
    facts.push(`${node.event}: ${events}, needs ${node.count.op} ${node.count.value}`);
  if (node.sum)
    facts.push(
      `${node.event}: ${node.sum.property} sums to ${sum} over ${events}, needs ${node.sum.op} ${node.sum.value}`,
    );
  if (!node.count && !node.sum) facts.push(`${node.event}: ${events}, needs at least 1`);
  if (ev.definition.kind === 'realtime')
    facts.push(`only the last ${data.lookbackDays} days count (real-time audience)`);
  return facts;
}

export function explainEvaluation(
  ev: Evaluation,
  data: EngineData,
  profile: number,
  _opts: EvaluateOptions,
): ExplainNode {
  const inPopulation = hasBit(data.population, profile);
  const visit = (node: AudienceNode): ExplainNode => {
    const value = hasBit(ev.nodes.get(node.id)!, profile);
    const facts: string[] = [];
    let children: ExplainNode[] | undefined;
    switch (node.type) {
      case 'group': {
        children = node.children.map(visit);
        const inner = node.negate ? !value : value;
        const holding = children.filter((c) => c.value).length;
        facts.push(
          `${holding} of ${children.length} conditions hold, needs ${node.match === 'all' ? 'all' : 'at least one'}`,
        );
        if (node.negate)
          facts.push(
            `negated: the conditions inside are ${inner ? 'met' : 'not met'}, so this is ${value}`,
          );
        break;
      }
      case 'attribute':
        facts.push(...attributeFacts(node, data, profile));
        break;
      case 'event':
        facts.push(...eventFacts(node, ev, data, profile));
        break;
      case 'identity': {
        const has = hasBit(data.identity(node.identity), profile);
        facts.push(
          `${has ? 'has' : 'has no'} ${node.identity} identity, needs ${node.present ? 'one' : 'none'}`,
        );
        break;
      }
      case 'audience': {
        const member = node.member ? value : !value;
        facts.push(
          `${member ? 'is' : 'is not'} a member of "${node.audience}", needs ${node.member ? 'to be' : 'not to be'}`,
        );
        break;
      }
    }
    if (!inPopulation) facts.unshift(`profile ${profile} is not in this workspace`);
    return { id: node.id, type: node.type, value, facts, ...(children ? { children } : {}) };
  };
  return visit(ev.definition.root);
}

// The event block's editor: which event, how often, when, with which properties, and an optional sum.
import type { CompareOp, EventNode, PropertyFilter } from '../../../shared/audience/audience-types';
import { COMPARE_OPS } from '../../../shared/audience/audience-types';
import type { CatalogEvent, CatalogProperty } from '../../../shared/contract/workspace-channels';
import { COMPARE_WORDS } from '../model/sentence';
import { COUNT_CHOICES, withOp } from '../model/value-model';
import { useCanvas } from '../canvas/canvas-context';
import { ConditionEditor } from './ConditionEditor';
import { NumberInput, Row, Select } from './inputs';
import { useState } from 'react';
import { lookbackWarning, WindowEditor } from './WindowEditor';

function countKey(node: EventNode): string {
  if (!node.count) return 'once';
  if (node.count.op === '=' && node.count.value === 0) return 'not';
  return node.count.op;
}

export function EventEditor({ node }: { node: EventNode }) {
  const { catalog, editNode, definition, lookbackDays } = useCanvas();
  // The render time is fine for a hint about which days a window reaches.
  const [now] = useState(Date.now);
  const events = catalog?.events ?? [];
  const info: CatalogEvent | undefined = events.find((e) => e.name === node.event);
  const properties: CatalogProperty[] = info?.properties ?? [];
  const t = `edit-${node.id}`;
  const set = (change: (n: EventNode) => EventNode, tag?: string) =>
    editNode(node.id, (n) => change(n as EventNode), tag);
  const names = events.map((e) => e.name);
  if (node.event && !names.includes(node.event)) names.unshift(node.event);
  const key = countKey(node);
  return (
    <div className="block-editor">
      <Row label="Did">
        <Select
          value={node.event}
          label="Event"
          testId={`${t}-event`}
          className="wide"
          options={[
            ...(node.event ? [] : [{ value: '', label: 'Choose an event…' }]),
            ...names.map((name) => {
              const e = events.find((x) => x.name === name);
              return {
                value: name,
                label: e
                  ? `${name} · ${e.count.toLocaleString('en-US')} events`
                  : `${name} (not in the data)`,
              };
            }),
          ]}
          onChange={(event) => set((n) => ({ ...n, event }))}
        />
        <Select
          value={key}
          label="How often"
          testId={`${t}-count-op`}
          options={COUNT_CHOICES.map((c) => ({ value: c.key, label: c.label }))}
          onChange={(k) =>
            set((n) => {
              const { count: _c, ...rest } = n;
              if (k === 'once') return rest;
              if (k === 'not') return { ...rest, count: { op: '=', value: 0 } };
              const prev =
                n.count && !(n.count.op === '=' && n.count.value === 0) ? n.count.value : 3;
              return { ...rest, count: { op: k as CompareOp, value: prev } };
            })
          }
        />
        {node.count && key !== 'not' ? (
          <>
            <NumberInput
              value={Number.isFinite(node.count.value) ? node.count.value : undefined}
              label="Number of times"
              testId={`${t}-count-value`}
              min={0}
              step={1}
              onChange={(v) =>
                set(
                  (n) => ({ ...n, count: { op: n.count!.op, value: v ?? NaN } }),
                  `${t}-count-value`,
                )
              }
            />
            <span className="editor-word">{node.count.value === 1 ? 'time' : 'times'}</span>
          </>
        ) : null}
      </Row>
      <Row label="When">
        <WindowEditor
          window={node.window}
          testId={t}
          warning={lookbackWarning(node.window, definition.kind, lookbackDays, now)}
          onChange={(window, tag) => set((n) => ({ ...n, window }), tag)}
        />
      </Row>
      {(node.where ?? []).map((f, i) => (
        <FilterRow key={i} node={node} filter={f} index={i} properties={properties} set={set} />
      ))}
      {node.sum ? (
        <Row label="Total">
          <Select
            value={node.sum.property}
            label="Sum of property"
            testId={`${t}-sum-property`}
            options={propertyOptions(properties, node.sum.property)}
            onChange={(property) => set((n) => ({ ...n, sum: { ...n.sum!, property } }))}
          />
          <Select<CompareOp>
            value={node.sum.op}
            label="Sum comparison"
            testId={`${t}-sum-op`}
            options={COMPARE_OPS.map((op) => ({ value: op, label: COMPARE_WORDS[op] }))}
            onChange={(op) => set((n) => ({ ...n, sum: { ...n.sum!, op } }))}
          />
          <NumberInput
            value={Number.isFinite(node.sum.value) ? node.sum.value : undefined}
            label="Sum value"
            testId={`${t}-sum-value`}
            width="medium"
            onChange={(v) =>
              set((n) => ({ ...n, sum: { ...n.sum!, value: v ?? NaN } }), `${t}-sum-value`)
            }
          />
          <button
            type="button"
            className="link-button"
            onClick={() =>
              set((n) => {
                const { sum: _s, ...rest } = n;
                return rest;
              })
            }
          >
            Remove total
          </button>
        </Row>
      ) : null}
      <div className="editor-add">
        <button
          type="button"
          className="link-button"
          data-testid={`${t}-add-filter`}
          onClick={() => {
            const p = properties[0];
            const filter: PropertyFilter = p
              ? withOp(
                  { property: p.name, op: 'exists' },
                  p.type === 'number' ? '>' : '=',
                  p.type,
                  p.topValues,
                )
              : { property: '', op: 'exists' };
            set((n) => ({ ...n, where: [...(n.where ?? []), filter] }));
          }}
        >
          + Property filter
        </button>
        {!node.sum ? (
          <button
            type="button"
            className="link-button"
            data-testid={`${t}-add-sum`}
            onClick={() => {
              const numeric = properties.find((p) => p.type === 'number') ?? properties[0];
              set((n) => ({ ...n, sum: { property: numeric?.name ?? '', op: '>', value: 0 } }));
            }}
          >
            + Total of a property
          </button>
        ) : null}
      </div>
    </div>
  );
}

function propertyOptions(properties: CatalogProperty[], current: string) {
  const names = properties.map((p) => p.name);
  if (current && !names.includes(current)) names.unshift(current);
  return [
    ...(current ? [] : [{ value: '', label: 'Choose a property…' }]),
    ...names.map((n) => ({ value: n, label: n })),
  ];
}

function FilterRow({
  node,
  filter,
  index,
  properties,
  set,
}: {
  node: EventNode;
  filter: PropertyFilter;
  index: number;
  properties: CatalogProperty[];
  set: (change: (n: EventNode) => EventNode, tag?: string) => void;
}) {
  const prop = properties.find((p) => p.name === filter.property);
  const t = `edit-${node.id}-where-${index}`;
  const replace = (f: PropertyFilter, tag?: string) =>
    set((n) => ({ ...n, where: (n.where ?? []).map((x, i) => (i === index ? f : x)) }), tag);
  return (
    <Row label={index === 0 ? 'Where' : 'and'}>
      <Select
        value={filter.property}
        label="Property"
        testId={`${t}-property`}
        options={propertyOptions(properties, filter.property)}
        onChange={(property) => {
          const p = properties.find((x) => x.name === property);
          replace(withOp({ ...filter, property }, filter.op, p?.type ?? 'mixed', p?.topValues));
        }}
      />
      <ConditionEditor
        cond={filter}
        type={prop?.type ?? 'mixed'}
        topValues={prop?.topValues ?? []}
        subject={`Property ${filter.property}`}
        testId={t}
        onChange={replace}
      />
      <button
        type="button"
        className="icon-button"
        aria-label={`Remove filter on ${filter.property}`}
        title="Remove this filter"
        onClick={() => set((n) => ({ ...n, where: (n.where ?? []).filter((_, i) => i !== index) }))}
      >
        ✕
      </button>
    </Row>
  );
}

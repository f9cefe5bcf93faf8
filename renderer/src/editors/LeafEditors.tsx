// Editors of the attribute, identity and audience blocks.
import type {
  AttributeNode,
  AudienceRefNode,
  IdentityNode,
} from '../../../shared/audience/audience-types';
import { useCanvas } from '../canvas/canvas-context';
import { withOp } from '../model/value-model';
import { ConditionEditor } from './ConditionEditor';
import { Row, Select } from './inputs';

const TYPE_LABEL: Record<string, string> = {
  string: 'text',
  number: 'number',
  boolean: 'yes/no',
  datetime: 'date',
  list: 'list',
  mixed: 'mixed',
};

export function AttributeEditor({ node }: { node: AttributeNode }) {
  const { catalog, editNode } = useCanvas();
  const attributes = catalog?.attributes ?? [];
  const info = attributes.find((a) => a.name === node.attribute);
  const type = info?.type ?? 'mixed';
  const t = `edit-${node.id}`;
  const names = attributes.map((a) => a.name);
  if (node.attribute && !names.includes(node.attribute)) names.unshift(node.attribute);
  return (
    <div className="block-editor">
      <Row label="User's">
        <Select
          value={node.attribute}
          label="Attribute"
          testId={`${t}-attribute`}
          className="wide"
          options={[
            ...(node.attribute ? [] : [{ value: '', label: 'Choose an attribute…' }]),
            ...names.map((name) => {
              const a = attributes.find((x) => x.name === name);
              return {
                value: name,
                label: a ? `${name} · ${TYPE_LABEL[a.type]}` : `${name} (not in the data)`,
              };
            }),
          ]}
          onChange={(attribute) =>
            editNode(node.id, (n) => {
              const a = attributes.find((x) => x.name === attribute);
              const next = { ...(n as AttributeNode), attribute };
              // A new attribute may have another type: keep the operator only if it still fits.
              return withOp(next, next.op, a?.type ?? 'mixed', a?.topValues);
            })
          }
        />
        <ConditionEditor
          cond={node}
          type={type}
          topValues={info?.topValues ?? []}
          subject={`Attribute ${node.attribute}`}
          testId={t}
          onChange={(next, tag) => editNode(node.id, () => next, tag)}
        />
      </Row>
    </div>
  );
}

export function IdentityEditor({ node }: { node: IdentityNode }) {
  const { catalog, editNode } = useCanvas();
  const types = (catalog?.identities ?? []).map((i) => i.type);
  if (node.identity && !types.includes(node.identity)) types.unshift(node.identity);
  const t = `edit-${node.id}`;
  return (
    <div className="block-editor">
      <Row>
        <Select
          value={node.present ? 'has' : 'has-no'}
          label="Has or has not"
          testId={`${t}-present`}
          options={[
            { value: 'has', label: 'Has' },
            { value: 'has-no', label: 'Has no' },
          ]}
          onChange={(v) =>
            editNode(node.id, (n) => ({ ...(n as IdentityNode), present: v === 'has' }))
          }
        />
        <Select
          value={node.identity}
          label="Identity type"
          testId={`${t}-identity`}
          options={types.map((type) => {
            const i = catalog?.identities.find((x) => x.type === type);
            return {
              value: type,
              label: i ? `${type} · ${i.profiles.toLocaleString('en-US')} users` : type,
            };
          })}
          onChange={(identity) => editNode(node.id, (n) => ({ ...(n as IdentityNode), identity }))}
        />
        <span className="editor-word">identity</span>
      </Row>
    </div>
  );
}

export function AudienceRefEditor({ node }: { node: AudienceRefNode }) {
  const { catalog, editNode, definition } = useCanvas();
  const others = (catalog?.audiences ?? []).filter((a) => a.id !== definition.id);
  const options = others.map((a) => ({ value: a.id, label: a.name }));
  if (node.audience && !others.some((a) => a.id === node.audience)) {
    options.unshift({ value: node.audience, label: `${node.audience} (not found)` });
  }
  if (!node.audience) options.unshift({ value: '', label: 'Choose an audience…' });
  const t = `edit-${node.id}`;
  return (
    <div className="block-editor">
      <Row>
        <Select
          value={node.member ? 'in' : 'not-in'}
          label="In or not in"
          testId={`${t}-member`}
          options={[
            { value: 'in', label: 'Is in' },
            { value: 'not-in', label: 'Is not in' },
          ]}
          onChange={(v) =>
            editNode(node.id, (n) => ({ ...(n as AudienceRefNode), member: v === 'in' }))
          }
        />
        <Select
          value={node.audience}
          label="Audience"
          testId={`${t}-audience`}
          className="wide"
          options={options}
          onChange={(audience) =>
            editNode(node.id, (n) => ({ ...(n as AudienceRefNode), audience }))
          }
        />
      </Row>
      {others.length === 0 ? (
        <p className="editor-note">Save another audience first: this block refers to one.</p>
      ) : null}
    </div>
  );
}

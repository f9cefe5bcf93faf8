// A list of values as removable chips, with the catalog's common values as suggestions.
import { useId, useState } from 'react';
import type { CatalogValueType, ValueCount } from '../../../shared/contract/workspace-channels';
import { parseListItem } from '../model/value-model';

export function ListInput({
  values,
  onChange,
  type,
  suggestions,
  label,
  testId,
}: {
  values: Array<string | number>;
  onChange: (values: Array<string | number>) => void;
  type: CatalogValueType;
  suggestions: ValueCount[];
  label: string;
  testId?: string;
}) {
  const [draft, setDraft] = useState('');
  const listId = useId();
  const add = (text: string) => {
    const item = parseListItem(text, type);
    if (item === undefined || values.includes(item)) return;
    onChange([...values, item]);
    setDraft('');
  };
  const remaining = suggestions.filter(
    (s) => typeof s.value !== 'boolean' && !values.includes(s.value as string | number),
  );
  return (
    <div className="list-input" data-testid={testId}>
      {values.map((v) => (
        <span className="chip" key={String(v)}>
          {String(v)}
          <button
            type="button"
            className="chip-remove"
            aria-label={`Remove ${String(v)}`}
            onClick={() => onChange(values.filter((x) => x !== v))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        className="input text chip-draft"
        aria-label={`${label}: add a value`}
        placeholder={values.length ? 'add…' : 'type a value, press Enter'}
        value={draft}
        list={remaining.length ? listId : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            add(draft);
          } else if (e.key === 'Backspace' && draft === '' && values.length) {
            onChange(values.slice(0, -1));
          }
        }}
        onBlur={() => add(draft)}
      />
      {remaining.length ? (
        <datalist id={listId}>
          {remaining.map((s) => (
            <option key={String(s.value)} value={String(s.value)}>
              {`${s.count.toLocaleString('en-US')} users`}
            </option>
          ))}
        </datalist>
      ) : null}
    </div>
  );
}

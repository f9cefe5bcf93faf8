// Add, edit, test and remove connections. A secret is typed once and goes to main (the OS keychain);
// it is never shown again, and an edit that leaves it empty keeps the stored one.
import { useState } from 'react';
import type { ConnectionKind, ConnectionSummary } from '../../../shared/contract/publish-channels';
import { getStudioApi } from '../api/studio-api';
import { ConfirmDialog } from '../app/ConfirmDialog';
import {
  CONNECTION_TYPES,
  draftOf,
  draftProblems,
  draftSettings,
  emptyDraft,
  type ConnectionDraft,
} from './connection-form';

export function ConnectionsManager({
  connections,
  onChanged,
}: {
  connections: ConnectionSummary[];
  onChanged: (selectName?: string) => void;
}) {
  const [draft, setDraft] = useState<ConnectionDraft | null>(null);
  const [editing, setEditing] = useState<ConnectionSummary | undefined>(undefined);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);

  const problems = draft ? draftProblems(draft, editing) : {};
  const spec = draft ? CONNECTION_TYPES[draft.type] : null;

  async function save() {
    if (!draft) return;
    setTouched(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    const r = await getStudioApi()['connection-save']({
      name: draft.name.trim(),
      type: draft.type,
      settings: draftSettings(draft),
      ...(draft.secret ? { secret: draft.secret } : {}),
    });
    setBusy(false);
    if (!r.ok) return setNote({ ok: false, text: r.error.message });
    setNote({ ok: true, text: `Saved “${r.value.name}”.` });
    setDraft(null);
    onChanged(r.value.name);
  }

  async function test(name: string) {
    setBusy(true);
    setNote({ ok: true, text: `Testing “${name}”…` });
    const r = await getStudioApi()['connection-test']({ name });
    setBusy(false);
    setNote(
      r.ok
        ? { ok: true, text: `“${name}” answered: connection OK.` }
        : { ok: false, text: r.error.message },
    );
  }

  async function remove(name: string) {
    setRemoving(null);
    const r = await getStudioApi()['connection-delete']({ name });
    if (!r.ok) return setNote({ ok: false, text: r.error.message });
    setNote({ ok: true, text: `Removed “${name}”.` });
    onChanged();
  }

  return (
    <section className="connections" aria-label="Connections" data-testid="connections-manager">
      {connections.length === 0 && !draft && <p className="muted">No connections yet.</p>}
      <ul className="connection-list">
        {connections.map((c) => (
          <li key={c.name} data-testid={`connection-${c.name}`}>
            <span className="connection-who">
              <span className="connection-name" title={c.name}>
                {c.name}
              </span>
              <span className="connection-type" title={CONNECTION_TYPES[c.type].label}>
                {CONNECTION_TYPES[c.type].label}
              </span>
            </span>
            {c.disabled && (
              <span className="notice error connection-disabled">Disabled: {c.disabled}</span>
            )}
            <span className="connection-actions">
              <button
                type="button"
                className="button small"
                disabled={busy}
                onClick={() => void test(c.name)}
              >
                Test connection
              </button>
              <button
                type="button"
                className="button small"
                onClick={() => {
                  setEditing(c);
                  setDraft(draftOf(c));
                  setTouched(false);
                }}
              >
                Edit
              </button>
              <button type="button" className="button small" onClick={() => setRemoving(c.name)}>
                Remove
              </button>
            </span>
          </li>
        ))}
      </ul>
      {note && (
        <p
          className={note.ok ? 'notice' : 'notice error'}
          role="status"
          data-testid="connection-note"
        >
          {note.text}
        </p>
      )}
      {!draft ? (
        <button
          type="button"
          className="button"
          data-testid="add-connection"
          onClick={() => {
            setEditing(undefined);
            setDraft(emptyDraft());
            setTouched(false);
          }}
        >
          Add a connection
        </button>
      ) : (
        <form
          className="connection-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label>
            Name
            <input
              className="input text"
              value={draft.name}
              disabled={editing !== undefined}
              data-testid="connection-name"
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
            {touched && problems.name && <span className="field-problem">{problems.name}</span>}
          </label>
          <label>
            Type
            <select
              className="input select"
              value={draft.type}
              data-testid="connection-type"
              onChange={(e) =>
                setDraft({ ...emptyDraft(e.target.value as ConnectionKind), name: draft.name })
              }
            >
              {(Object.keys(CONNECTION_TYPES) as ConnectionKind[]).map((t) => (
                <option key={t} value={t}>
                  {CONNECTION_TYPES[t].label}
                </option>
              ))}
            </select>
          </label>
          {spec!.fields.map((f) => (
            <label key={f.key} className={f.kind === 'boolean' ? 'checkbox' : undefined}>
              {f.kind === 'boolean' ? (
                <input
                  type="checkbox"
                  checked={draft.values[f.key] === true}
                  onChange={(e) =>
                    setDraft({ ...draft, values: { ...draft.values, [f.key]: e.target.checked } })
                  }
                />
              ) : null}
              {f.label}
              {f.kind === 'select' ? (
                <select
                  className="input select"
                  value={String(draft.values[f.key] ?? f.options![0])}
                  onChange={(e) =>
                    setDraft({ ...draft, values: { ...draft.values, [f.key]: e.target.value } })
                  }
                >
                  {f.options!.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
              ) : f.kind !== 'boolean' ? (
                <input
                  className="input text"
                  data-testid={`connection-field-${f.key}`}
                  placeholder={f.hint}
                  value={
                    typeof draft.values[f.key] === 'string' ? (draft.values[f.key] as string) : ''
                  }
                  onChange={(e) =>
                    setDraft({ ...draft, values: { ...draft.values, [f.key]: e.target.value } })
                  }
                />
              ) : null}
              {touched && problems[f.key] && (
                <span className="field-problem">{problems[f.key]}</span>
              )}
            </label>
          ))}
          {spec!.secret && (
            <label>
              {spec!.secret}
              <input
                className="input text"
                type="password"
                autoComplete="off"
                data-testid="connection-secret"
                placeholder={
                  editing?.hasSecret ? 'stored in the system keychain; type to replace' : ''
                }
                value={draft.secret}
                onChange={(e) => setDraft({ ...draft, secret: e.target.value })}
              />
              {touched && problems.secret && (
                <span className="field-problem">{problems.secret}</span>
              )}
            </label>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
            <button
              type="submit"
              className="button primary"
              disabled={busy}
              data-testid="connection-save"
            >
              Save connection
            </button>
          </div>
        </form>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove “${removing}”?`}
          body="Its publish history and what it last received are forgotten; the partner keeps what it has."
          confirmLabel="Remove"
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        />
      )}
    </section>
  );
}

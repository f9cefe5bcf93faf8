// The workspace's audiences: search, new, duplicate, rename, delete (with confirmation), import and
// export of `.audience.json` files. Drafts not yet saved to the workspace are listed too.
import { useRef, useState } from 'react';

export interface ListedAudience {
  id: string;
  name: string;
  size: number | null;
  draft: boolean;
}

export interface AudienceListProps {
  items: ListedAudience[] | null;
  openId: string | null;
  onOpen: (id: string) => void;
  onNew: () => void;
  onDuplicate: (id: string) => void;
  onRename: (id: string, name: string) => void;
  onDelete: (id: string) => void;
  onExport: (id: string) => void;
  onImport: (file: File) => void;
  /** False until the workspace's audiences are known: a new id must not collide with one. */
  ready: boolean;
}

export function AudienceList(props: AudienceListProps) {
  const [query, setQuery] = useState('');
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const finishRename = () => {
    if (renaming && renaming.name.trim()) props.onRename(renaming.id, renaming.name.trim());
    setRenaming(null);
  };
  const fileInput = useRef<HTMLInputElement>(null);
  const q = query.trim().toLowerCase();
  // Two audiences with one name are told apart by their ids.
  const nameCounts = new Map<string, number>();
  for (const a of props.items ?? []) nameCounts.set(a.name, (nameCounts.get(a.name) ?? 0) + 1);
  const shown = (props.items ?? []).filter(
    (a) => !q || a.name.toLowerCase().includes(q) || a.id.includes(q),
  );
  return (
    <nav className="sidebar" aria-label="Audiences">
      <div className="sidebar-head">
        <h2 className="pane-title">Audiences</h2>
        <button
          type="button"
          className="button primary small"
          onClick={props.onNew}
          data-testid="new-audience"
          disabled={!props.ready}
        >
          + New
        </button>
      </div>
      <input
        className="input search"
        type="search"
        placeholder="Search audiences"
        aria-label="Search audiences"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {props.items === null ? <p className="pane-hint">Loading…</p> : null}
      {props.items?.length === 0 ? (
        <div className="sidebar-empty">
          <p>No audiences yet.</p>
          <p className="pane-hint">Create one, or import an .audience.json file.</p>
        </div>
      ) : null}
      <ul className="audience-list">
        {shown.map((a) => (
          <li
            key={a.id}
            className={`audience-item${a.id === props.openId ? ' open' : ''}`}
            data-testid={`audience-${a.id}`}
          >
            {renaming?.id === a.id ? (
              <input
                className="input rename-input"
                aria-label={`New name for ${a.name}`}
                data-testid={`rename-${a.id}`}
                autoFocus
                value={renaming.name}
                onChange={(e) => setRenaming({ id: a.id, name: e.target.value })}
                onBlur={finishRename}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') finishRename();
                  if (e.key === 'Escape') setRenaming(null);
                }}
              />
            ) : null}
            <button
              type="button"
              className="audience-open"
              hidden={renaming?.id === a.id}
              onClick={() => props.onOpen(a.id)}
              aria-current={a.id === props.openId}
            >
              <span className="audience-name">
                {a.name || a.id}
                {(nameCounts.get(a.name) ?? 0) > 1 ? (
                  <span className="audience-item-id">{a.id}</span>
                ) : null}
              </span>
              <span className="audience-size">
                {a.draft ? (
                  <span className="badge">Draft</span>
                ) : a.size === null ? (
                  '—'
                ) : (
                  a.size.toLocaleString('en-US')
                )}
              </span>
            </button>
            <button
              type="button"
              className="icon-button menu-button"
              aria-label={`More actions for ${a.name}`}
              aria-expanded={menuFor === a.id}
              data-testid={`audience-menu-${a.id}`}
              onClick={() => setMenuFor(menuFor === a.id ? null : a.id)}
            >
              ⋯
            </button>
            {menuFor === a.id ? (
              <div
                className="menu"
                role="menu"
                onKeyDown={(e) => e.key === 'Escape' && setMenuFor(null)}
              >
                {(
                  [
                    ['Rename', (id: string) => setRenaming({ id, name: a.name })],
                    ['Duplicate', props.onDuplicate],
                    ['Export file', props.onExport],
                    ['Delete…', props.onDelete],
                  ] as const
                ).map(([label, action]) => (
                  <button
                    key={label}
                    type="button"
                    role="menuitem"
                    className={label === 'Delete…' ? 'danger' : ''}
                    onClick={() => {
                      setMenuFor(null);
                      action(a.id);
                    }}
                  >
                    {label}
                  </button>
                ))}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="sidebar-foot">
        <button
          type="button"
          className="button small"
          onClick={() => fileInput.current?.click()}
          disabled={!props.ready}
          data-testid="import-audience"
        >
          Import file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="import-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) props.onImport(file);
            e.target.value = '';
          }}
        />
      </div>
    </nav>
  );
}

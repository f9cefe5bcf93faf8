// The right-hand palette: the five blocks, then the data catalog (events, attributes, identities,
// audiences). Everything here can be dragged onto the canvas, or added to the selected group with a
// click or Enter.
import { useDraggable } from '@dnd-kit/core';
import { useMemo, useState, type ReactNode } from 'react';
import type { Catalog } from '../../../shared/contract/workspace-channels';
import type { PaletteDragData } from '../canvas/CanvasDnd';
import { PALETTE_PREFIX } from '../canvas/drop-target';
import type { BlockKind } from '../model/new-node';

const BLOCKS: Array<{ kind: BlockKind; label: string; hint: string }> = [
  { kind: 'event', label: 'Event', hint: 'Did something, how often, when' },
  { kind: 'attribute', label: 'User attribute', hint: 'Country, plan, age, …' },
  { kind: 'identity', label: 'Identity', hint: 'Has an email, a customer id, …' },
  { kind: 'audience', label: 'Audience', hint: 'Is in another audience' },
  { kind: 'group', label: 'Group', hint: 'All of / Any of / None of' },
];

export interface PaletteProps {
  catalog: Catalog | null;
  catalogError: string | null;
  targetLabel: string;
  onAdd: (kind: BlockKind, name?: string) => void;
}

function PaletteItem({
  id,
  data,
  testId,
  className,
  onAdd,
  children,
  label,
  disabled = false,
}: {
  disabled?: boolean;
  id: string;
  data: PaletteDragData;
  testId?: string;
  className: string;
  onAdd: () => void;
  children: ReactNode;
  label: string;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id, data, disabled });
  return (
    <button
      type="button"
      ref={setNodeRef}
      data-testid={testId}
      className={`${className}${isDragging ? ' dragging' : ''}`}
      {...attributes}
      {...listeners}
      aria-label={label}
      disabled={disabled}
      onClick={onAdd}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          onAdd();
          return;
        }
        listeners?.onKeyDown?.(e);
      }}
    >
      {children}
    </button>
  );
}

export function Palette({ catalog, catalogError, targetLabel, onAdd }: PaletteProps) {
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const match = (name: string) => !q || name.toLowerCase().includes(q);
  const events = useMemo(
    () => [...(catalog?.events ?? [])].sort((a, b) => b.count - a.count),
    [catalog],
  );
  return (
    <aside className="palette" aria-label="Blocks and data">
      <h2 className="pane-title">Blocks</h2>
      <p className="pane-hint">
        Drag onto the canvas, or click to add to <strong>{targetLabel}</strong>.
      </p>
      <div className="palette-blocks">
        {BLOCKS.map((b) => (
          <PaletteItem
            key={b.kind}
            id={`${PALETTE_PREFIX}${b.kind}`}
            data={{ source: 'palette', kind: b.kind, label: `${b.label} block` }}
            testId={`palette-${b.kind}`}
            className={`palette-block kind-${b.kind}`}
            label={`${b.label} block: ${b.hint}. Enter adds it to ${targetLabel}; Space picks it up to drag.`}
            // New blocks are filled from the catalog, so they wait for it (or for its failure).
            disabled={!catalog && !catalogError}
            onAdd={() => onAdd(b.kind)}
          >
            <span className={`palette-swatch kind-${b.kind}`} aria-hidden="true" />
            <span className="palette-block-text">
              <span className="palette-block-label">{b.label}</span>
              <span className="palette-block-hint">{b.hint}</span>
            </span>
          </PaletteItem>
        ))}
      </div>
      <h2 className="pane-title">Data</h2>
      <input
        className="input search"
        type="search"
        placeholder="Search events and attributes"
        aria-label="Search the data catalog"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {catalogError ? <p className="pane-error">{catalogError}</p> : null}
      {!catalog && !catalogError ? <p className="pane-hint">Loading the catalog…</p> : null}
      {catalog ? (
        <div className="catalog">
          <CatalogSection title="Events" count={events.length}>
            {events
              .filter((e) => match(e.name))
              .map((e) => (
                <PaletteItem
                  key={e.name}
                  id={`${PALETTE_PREFIX}event:${e.name}`}
                  data={{ source: 'palette', kind: 'event', name: e.name, label: e.name }}
                  className="catalog-item"
                  label={`Event ${e.name}, ${e.count} events by ${e.profiles} users. Enter adds an Event block.`}
                  onAdd={() => onAdd('event', e.name)}
                >
                  <span className="catalog-name">{e.name}</span>
                  <span className="catalog-meta">{e.count.toLocaleString('en-US')}</span>
                  {e.properties.length ? (
                    <span className="catalog-sub">
                      {e.properties
                        .slice(0, 6)
                        .map((p) => p.name)
                        .join(' · ')}
                      {e.properties.length > 6 ? ` · +${e.properties.length - 6}` : ''}
                    </span>
                  ) : null}
                </PaletteItem>
              ))}
          </CatalogSection>
          <CatalogSection title="User attributes" count={catalog.attributes.length}>
            {catalog.attributes
              .filter((a) => match(a.name))
              .map((a) => (
                <PaletteItem
                  key={a.name}
                  id={`${PALETTE_PREFIX}attribute:${a.name}`}
                  data={{ source: 'palette', kind: 'attribute', name: a.name, label: a.name }}
                  className="catalog-item"
                  label={`Attribute ${a.name} (${a.type}), set for ${a.profiles} users. Enter adds a User attribute block.`}
                  onAdd={() => onAdd('attribute', a.name)}
                >
                  <span className="catalog-name">{a.name}</span>
                  <span className="catalog-meta">{a.type}</span>
                  {a.topValues.length ? (
                    <span className="catalog-sub">
                      {a.topValues
                        .slice(0, 4)
                        .map((v) => String(v.value))
                        .join(' · ')}
                    </span>
                  ) : null}
                </PaletteItem>
              ))}
          </CatalogSection>
          <CatalogSection title="Identities" count={catalog.identities.length}>
            {catalog.identities
              .filter((i) => match(i.type))
              .map((i) => (
                <PaletteItem
                  key={i.type}
                  id={`${PALETTE_PREFIX}identity:${i.type}`}
                  data={{ source: 'palette', kind: 'identity', name: i.type, label: i.type }}
                  className="catalog-item"
                  label={`Identity ${i.type}, ${i.profiles} users. Enter adds an Identity block.`}
                  onAdd={() => onAdd('identity', i.type)}
                >
                  <span className="catalog-name">{i.type}</span>
                  <span className="catalog-meta">{i.profiles.toLocaleString('en-US')} users</span>
                </PaletteItem>
              ))}
          </CatalogSection>
          <CatalogSection title="Audiences" count={catalog.audiences.length}>
            {catalog.audiences
              .filter((a) => match(a.name))
              .map((a) => (
                <PaletteItem
                  key={a.id}
                  id={`${PALETTE_PREFIX}audience:${a.id}`}
                  data={{ source: 'palette', kind: 'audience', name: a.id, label: a.name }}
                  className="catalog-item"
                  label={`Audience ${a.name}. Enter adds an Audience block.`}
                  onAdd={() => onAdd('audience', a.id)}
                >
                  <span className="catalog-name">{a.name}</span>
                </PaletteItem>
              ))}
          </CatalogSection>
        </div>
      ) : null}
    </aside>
  );
}

function CatalogSection({
  title,
  count,
  children,
}: {
  title: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <details className="catalog-section" open={count > 0 && count <= 60}>
      <summary>
        {title} <span className="catalog-count">{count}</span>
      </summary>
      <div className="catalog-items">
        {count ? children : <p className="pane-hint">None yet.</p>}
      </div>
    </details>
  );
}

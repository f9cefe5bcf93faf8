// Sample members of the audience with their identities and attributes; clicking one shows why the
// engine counts them in, block by block; the whole list exports as CSV with progress.
import { useEffect, useRef, useState } from 'react';
import type { AudienceDefinition } from '../../../shared/audience/audience-types';
import type { ExplainNode, MemberProfile } from '../../../shared/contract/audience-channels';
import { getStudioApi } from '../api/studio-api';
import { findNode } from '../model/tree-ops';
import { nodeSentence } from '../model/sentence';
import { downloadText } from '../app/download';
import { membersCsvHeader, membersCsvRows } from './members-csv';

const PAGE = 50;
// The largest page the members channel serves.
const EXPORT_PAGE = 1000;

interface Loaded {
  forDef: AudienceDefinition;
  total: number;
  members: MemberProfile[];
}

export function MembersPanel({
  definition,
  valid,
  dataVersion,
  invalidHint = 'Fix the blocks marked in red to see who is in this audience.',
}: {
  definition: AudienceDefinition;
  valid: boolean;
  dataVersion: number;
  /** What to say while the audience cannot be evaluated. */
  invalidHint?: string;
}) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [explain, setExplain] = useState<{ profile: string; tree: ExplainNode } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const cancelExport = useRef(false);
  // Identities and attributes make many columns: say when some are out of view to the right.
  const scrollRef = useRef<HTMLDivElement>(null);
  const [moreRight, setMoreRight] = useState(false);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const update = () => setMoreRight(el.scrollLeft + el.clientWidth < el.scrollWidth - 1);
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resized = new ResizeObserver(update);
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resized.disconnect();
    };
  });

  useEffect(() => {
    if (!valid) return;
    let live = true;
    const api = getStudioApi();
    void api['audience-members']({ definition, offset: 0, limit: PAGE }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setLoaded({ forDef: definition, ...r.value });
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [definition, valid, dataVersion]);

  useEffect(() => {
    if (!selected || !valid) return;
    let live = true;
    const api = getStudioApi();
    void api['audience-explain']({ definition, profile: selected }).then((r) => {
      if (!live) return;
      if (r.ok) setExplain({ profile: selected, tree: r.value });
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [selected, definition, valid]);

  if (!valid) {
    return <div className="empty-state">{invalidHint}</div>;
  }
  if (error) return <div className="empty-state error">{error}</div>;
  if (!loaded) return <div className="empty-state">Loading members…</div>;

  // The identity types most members have, so the table stays readable; the CSV has them all.
  const typeCounts = new Map<string, number>();
  for (const m of loaded.members) {
    for (const t of Object.keys(m.identities)) typeCounts.set(t, (typeCounts.get(t) ?? 0) + 1);
  }
  const identityTypes = [...typeCounts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([t]) => t);
  const attributeNames = [...new Set(loaded.members.flatMap((m) => Object.keys(m.attributes)))]
    .sort()
    .slice(0, 3);

  const exportCsv = async () => {
    cancelExport.current = false;
    setExportError(null);
    setProgress(0);
    const pages: MemberProfile[][] = [];
    for (let offset = 0; offset < loaded.total; offset += EXPORT_PAGE) {
      if (cancelExport.current) {
        setProgress(null);
        return;
      }
      const r = await getStudioApi()['audience-members']({
        definition,
        offset,
        limit: EXPORT_PAGE,
      });
      if (!r.ok) {
        setExportError(`The CSV export stopped: ${r.error.message}`);
        setProgress(null);
        return;
      }
      pages.push(r.value.members);
      setProgress(Math.min(1, (offset + EXPORT_PAGE) / Math.max(1, loaded.total)));
    }
    const all = pages.flat();
    const types = [...new Set(all.flatMap((m) => Object.keys(m.identities)))].sort();
    downloadText(
      `${definition.id}-members.csv`,
      membersCsvHeader(types) + pages.map((p) => membersCsvRows(p, types)).join(''),
      'text/csv',
    );
    setProgress(null);
  };

  return (
    <div className="members">
      <div className="members-bar">
        <span>
          <strong>{loaded.total.toLocaleString('en-US')}</strong> members
          {loaded.total > loaded.members.length
            ? ` · showing the first ${loaded.members.length}`
            : ''}
          {moreRight ? (
            <span className="scroll-hint" data-testid="members-more-columns">
              {' '}
              · more columns to the right, scroll sideways →
            </span>
          ) : null}
        </span>
        {progress === null ? (
          <button
            type="button"
            className="button"
            onClick={() => void exportCsv()}
            disabled={loaded.total === 0}
            data-testid="export-csv"
          >
            Export CSV
          </button>
        ) : (
          <span className="export-progress">
            <progress value={progress} max={1} aria-label="CSV export progress" />
            <button
              type="button"
              className="link-button"
              onClick={() => (cancelExport.current = true)}
            >
              Cancel
            </button>
          </span>
        )}
      </div>
      {exportError ? (
        <p className="pane-error" role="alert">
          {exportError}
        </p>
      ) : null}
      {loaded.total === 0 ? (
        <div className="empty-state">Nobody matches these rules right now.</div>
      ) : (
        <div className="members-split">
          <div className={`members-scroll-wrap${moreRight ? ' more-right' : ''}`}>
            <div className="members-scroll" ref={scrollRef} data-testid="members-scroll">
              <table className="members-table">
                <thead>
                  <tr>
                    <th>Profile</th>
                    {identityTypes.map((t) => (
                      <th key={t}>{t}</th>
                    ))}
                    {attributeNames.map((a) => (
                      <th key={a}>{a}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {loaded.members.map((m) => (
                    <tr
                      key={m.profile}
                      className={selected === m.profile ? 'selected' : ''}
                      tabIndex={0}
                      data-testid={`member-${m.profile}`}
                      onClick={() => setSelected(m.profile)}
                      onKeyDown={(e) => e.key === 'Enter' && setSelected(m.profile)}
                    >
                      <td>{m.profile}</td>
                      {identityTypes.map((t) => (
                        <td key={t}>{(m.identities[t] ?? []).join(', ')}</td>
                      ))}
                      {attributeNames.map((a) => (
                        <td key={a}>
                          {m.attributes[a] === undefined ? '' : JSON.stringify(m.attributes[a])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <aside className="explain" aria-label="Why this user is a member">
            {explain && explain.profile === selected ? (
              <>
                <h3>Profile {explain.profile}</h3>
                <MemberFacts member={loaded.members.find((m) => m.profile === explain.profile)} />
                <h3>Why they are in</h3>
                <ExplainTree node={explain.tree} definition={definition} />
              </>
            ) : (
              <p className="pane-hint">Click a member to see why the rules include them.</p>
            )}
          </aside>
        </div>
      )}
    </div>
  );
}

function ExplainTree({ node, definition }: { node: ExplainNode; definition: AudienceDefinition }) {
  const def = findNode(definition.root, node.id);
  return (
    <div className={`explain-node ${node.value ? 'yes' : 'no'}`} data-testid={`explain-${node.id}`}>
      <div className="explain-head">
        <span className="explain-mark" aria-label={node.value ? 'true' : 'false'}>
          {node.value ? '✓' : '✗'}
        </span>
        <span>{def ? nodeSentence(def) : node.id}</span>
      </div>
      {node.facts.length ? (
        <ul className="explain-facts">
          {node.facts.map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ul>
      ) : null}
      {node.children?.map((c) => (
        <ExplainTree key={c.id} node={c} definition={definition} />
      ))}
    </div>
  );
}

function MemberFacts({ member }: { member: MemberProfile | undefined }) {
  if (!member) return null;
  const rows: Array<[string, string]> = [
    ...Object.entries(member.identities).map(([t, v]): [string, string] => [t, v.join(', ')]),
    ...Object.entries(member.attributes).map(([k, v]): [string, string] => [
      k,
      typeof v === 'string' ? v : JSON.stringify(v),
    ]),
  ];
  return (
    <dl className="member-facts" data-testid="member-facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

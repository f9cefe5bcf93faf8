// The open audience: top bar (name, kind, live size, Publish), the canvas or the members, the palette.
import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type Ref,
} from 'react';
import type {
  AudienceDefinition,
  AudienceKind,
  GroupNode,
} from '../../../shared/audience/audience-types';
import type { Catalog, WorkspaceInfo } from '../../../shared/contract/workspace-channels';
import { CanvasDnd } from '../canvas/CanvasDnd';
import { CanvasContext, type CanvasContextValue, type DropTarget } from '../canvas/canvas-context';
import { RootCanvas } from '../canvas/RootCanvas';
import { Icon } from '../canvas/icons';
import { MembersPanel } from '../members/MembersPanel';
import { audienceIdFromName, newNode, type BlockKind } from '../model/new-node';
import { groupProblems } from '../model/problem-paths';
import { nodeSentence } from '../model/sentence';
import { findNode, insertNode, updateNode } from '../model/tree-ops';
import { Palette } from '../palette/Palette';
import { PublishButton } from '../publish/PublishButton';
import { SizeBadge } from './SizeBadge';
import { useAudienceEditor } from './use-audience-editor';
import { useLivePreview } from './use-live-preview';

export interface EditorScreenProps {
  initial: AudienceDefinition;
  unsaved: boolean;
  info: WorkspaceInfo;
  catalog: Catalog | null;
  catalogError: string | null;
  onSaved: (def: AudienceDefinition) => void;
  onExport: (def: AudienceDefinition) => void;
  /** The live size, so the audience list can show it before the workspace records it. */
  onSize: (id: string, size: number) => void;
  /** A new audience's id follows its name until it is first saved. */
  idFollowsName: boolean;
  takenIds: () => Set<string>;
  onIdChange: (id: string) => void;
  focusName: boolean;
  /** Lets the audience list rename the open audience through its undo history. */
  control: Ref<EditorControl>;
}

export interface EditorControl {
  rename: (name: string) => void;
}

export function EditorScreen(props: EditorScreenProps) {
  const { info, catalog } = props;
  const editor = useAudienceEditor(
    props.initial,
    info.path,
    info.lookbackDays,
    props.onSaved,
    props.unsaved,
  );
  const { definition, problems, edit } = editor;
  const preview = useLivePreview(definition, problems.length === 0, info.dataVersion, props.onSize);
  const [tab, setTab] = useState<'rules' | 'members'>('rules');
  // Once saved under an id, the audience keeps it: files and integrations refer to it.
  const idFollowsName = props.idFollowsName && !editor.everSaved;
  const { onIdChange } = props;
  const { takenIds } = props;
  const rename = useCallback(
    (name: string, tag: string | null = 'name') => {
      if (!idFollowsName) return edit((d) => ({ ...d, name }), tag);
      edit((d) => {
        const taken = takenIds();
        taken.delete(d.id);
        return { ...d, name, id: audienceIdFromName(name || 'untitled audience', taken) };
      }, tag);
    },
    [edit, idFollowsName, takenIds],
  );
  useImperativeHandle(props.control, () => ({ rename: (name: string) => rename(name, null) }), [
    rename,
  ]);
  const nameInput = useRef<HTMLInputElement>(null);
  const focusName = props.focusName;
  useEffect(() => {
    if (focusName) nameInput.current?.select();
  }, [focusName]);
  const shownId = useRef(definition.id);
  useEffect(() => {
    if (shownId.current === definition.id) return;
    shownId.current = definition.id;
    onIdChange(definition.id);
  }, [definition.id, onIdChange]);
  const [dropTarget, setDropTarget] = useState<DropTarget | null>(null);
  const [selectedGroup, setSelectedGroup] = useState('root');
  const [message, setMessage] = useState('');
  const liveRegion = useRef<HTMLDivElement>(null);

  // A brand-new audience starts empty: that is an invitation, not an error. Once the workspace
  // holds it (saved with blocks), emptying it is a problem to show: the saved version stays as it
  // was until the audience is valid again.
  const savedBefore = !props.idFollowsName || editor.everSaved;
  const emptyStart = definition.root.children.length === 0 && !savedBefore;
  const shownProblems = useMemo(
    () => (emptyStart ? problems.filter((p) => p.path !== 'root.children') : problems),
    [emptyStart, problems],
  );

  const { error: previewError, errorFor } = preview;
  const grouped = useMemo(() => {
    // The engine may know more than the local validator (an unknown audience, a cycle).
    const fromServer =
      previewError?.code === 'invalid-audience' && errorFor === definition
        ? (previewError.problems ?? [])
        : [];
    return groupProblems(definition, problems.length ? shownProblems : fromServer);
  }, [definition, problems, shownProblems, previewError, errorFor]);

  const firstEntry = [...grouped.byNode.entries()][0];
  const firstNode = firstEntry && findNode(definition.root, firstEntry[0]);
  const firstProblem = firstNode
    ? `"${nodeSentence(firstNode, (id) => catalog?.audiences.find((a) => a.id === id)?.name ?? id)}" — ${firstEntry[1][0]}`
    : null;

  const announce = useCallback((text: string) => {
    // Re-setting the same text would not be read again; clear it first.
    setMessage('');
    requestAnimationFrame(() => setMessage(text));
  }, []);

  const editTree = useCallback(
    (change: (root: GroupNode) => GroupNode) => edit((d) => ({ ...d, root: change(d.root) })),
    [edit],
  );

  const audienceName = useCallback(
    (id: string) => catalog?.audiences.find((a) => a.id === id)?.name ?? id,
    [catalog],
  );

  const targetGroup =
    findNode(definition.root, selectedGroup)?.type === 'group' ? selectedGroup : definition.root.id;
  const targetNode = findNode(definition.root, targetGroup) as GroupNode;
  const targetLabel =
    targetGroup === definition.root.id
      ? 'the top level'
      : `the "${nodeSentence(targetNode)}" group`;

  const onAdd = (kind: BlockKind, name?: string) => {
    const node = newNode(kind, definition.root, catalog, { name, selfId: definition.id });
    try {
      editTree((root) => insertNode(root, targetGroup, targetNode.children.length, node));
      announce(`Added ${nodeSentence(node, audienceName)} to ${targetLabel}.`);
      // Keyboard users land on the new block's first field.
      requestAnimationFrame(() => {
        const el = document.querySelector<HTMLElement>(
          `[data-node-id="${node.id}"] .block-editor select, [data-node-id="${node.id}"] .group-mode select`,
        );
        el?.focus();
      });
    } catch (err) {
      announce(err instanceof Error ? err.message : String(err));
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        editor.undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        editor.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editor]);

  const fresh = preview.resultFor === definition;
  const canvas: CanvasContextValue = {
    definition,
    catalog,
    counts: preview.result?.nodes ?? null,
    countsStale: !fresh,
    population: preview.result?.population ?? info.population,
    problems: grouped.byNode,
    dropTarget,
    selectedGroup: targetGroup,
    selectGroup: setSelectedGroup,
    // Tags make typing into one field a single undo step.
    editNode: (id, change, tag) =>
      edit((d) => ({ ...d, root: updateNode(d.root, id, change) }), tag ? `${id}:${tag}` : null),
    editTree,
    announce,
    audienceName,
    lookbackDays: info.lookbackDays,
    emptyStart,
  };

  return (
    <CanvasContext.Provider value={canvas}>
      <CanvasDnd
        root={definition.root}
        catalog={catalog}
        selfId={definition.id}
        editTree={editTree}
        announce={announce}
        setDropTarget={setDropTarget}
      >
        <div className="editor">
          <header className="topbar">
            <div className="topbar-name">
              <input
                ref={nameInput}
                className="name-input"
                aria-label="Audience name"
                data-testid="audience-name"
                value={definition.name}
                title={definition.name}
                onChange={(e) => rename(e.target.value)}
                // A long name reads from its start once the typing is over.
                onBlur={(e) => (e.currentTarget.scrollLeft = 0)}
              />
              <span className="audience-id" title="The audience's id in files and integrations">
                {definition.id}
              </span>
            </div>
            <div className="kind-toggle" role="radiogroup" aria-label="Kind">
              {(['realtime', 'standard'] as AudienceKind[]).map((k) => (
                <button
                  key={k}
                  type="button"
                  role="radio"
                  aria-checked={definition.kind === k}
                  data-testid={`kind-${k}`}
                  className={definition.kind === k ? 'active' : ''}
                  title={
                    k === 'realtime'
                      ? `Updates whenever new data arrives; sees the last ${info.lookbackDays} days of events`
                      : 'Evaluated on demand; sees all history'
                  }
                  onClick={() => edit((d) => ({ ...d, kind: k }))}
                >
                  {k === 'realtime' ? 'Real-time' : 'Standard'}
                </button>
              ))}
            </div>
            <SizeBadge
              preview={preview}
              fresh={fresh}
              problemCount={grouped.byNode.size + grouped.general.length}
              general={grouped.general}
              firstProblem={firstProblem}
              population={info.population}
              emptyStart={emptyStart}
            />
            <div className="topbar-actions">
              <button
                type="button"
                className="icon-button"
                onClick={editor.undo}
                disabled={!editor.canUndo}
                title="Undo (Ctrl+Z)"
                aria-label="Undo"
              >
                <Icon name="undo" />
              </button>
              <button
                type="button"
                className="icon-button"
                onClick={editor.redo}
                disabled={!editor.canRedo}
                title="Redo (Ctrl+Shift+Z)"
                aria-label="Redo"
              >
                <Icon name="redo" />
              </button>
              <SaveStatus save={editor.save} />
              <button
                type="button"
                className="button"
                onClick={() => props.onExport(definition)}
                data-testid="export-audience"
              >
                Export
              </button>
              <PublishButton
                definition={definition}
                disabled={problems.length > 0}
                reason={
                  emptyStart
                    ? 'Add a block first: an empty audience has nobody to publish'
                    : 'Fix the blocks marked in red before publishing'
                }
              />
            </div>
          </header>
          <div className="editor-body">
            <main className="centre">
              <div className="tabs" role="tablist">
                <button
                  type="button"
                  role="tab"
                  aria-selected={tab === 'rules'}
                  className={tab === 'rules' ? 'active' : ''}
                  onClick={() => setTab('rules')}
                  data-testid="tab-rules"
                >
                  Rules
                </button>
                <button
                  type="button"
                  role="tab"
                  aria-selected={tab === 'members'}
                  className={tab === 'members' ? 'active' : ''}
                  onClick={() => setTab('members')}
                  data-testid="tab-members"
                >
                  Members
                </button>
              </div>
              {tab === 'rules' ? (
                <RootCanvas />
              ) : (
                <MembersPanel
                  definition={definition}
                  valid={problems.length === 0}
                  dataVersion={info.dataVersion}
                  invalidHint={
                    emptyStart
                      ? 'Add a block on the Rules tab to see who is in this audience.'
                      : undefined
                  }
                />
              )}
            </main>
            <Palette
              catalog={catalog}
              catalogError={props.catalogError}
              targetLabel={targetLabel}
              onAdd={onAdd}
            />
          </div>
          <div className="sr-only" aria-live="polite" ref={liveRegion} data-testid="announcer">
            {message}
          </div>
        </div>
      </CanvasDnd>
    </CanvasContext.Provider>
  );
}

function SaveStatus({ save }: { save: ReturnType<typeof useAudienceEditor>['save'] }) {
  const text =
    save.status === 'saved'
      ? 'Saved'
      : save.status === 'pending'
        ? 'Saving…'
        : save.status === 'draft'
          ? 'Draft'
          : 'Not saved';
  const title =
    save.status === 'draft' ? save.reason : save.status === 'error' ? save.message : text;
  return (
    <span className={`save-status ${save.status}`} title={title} data-testid="save-status">
      {text}
    </span>
  );
}

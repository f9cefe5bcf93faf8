// The main screen: audiences on the left, the open audience in the centre with the palette on the
// right, and the status bar.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AudienceDefinition } from '../../../shared/audience/audience-types';
import { getStudioApi } from '../api/studio-api';
import { useJobProgress } from '../api/use-job-progress';
import { EditorScreen, type EditorControl } from '../editor/EditorScreen';
import { dropJournal, listJournal, readJournal, writeJournal } from '../editor/journal';
import { audienceIdFromName } from '../model/new-node';
import { AudienceList, type ListedAudience } from '../sidebar/AudienceList';
import { parseAudienceFile } from './audience-file';
import { ConfirmDialog } from './ConfirmDialog';
import { downloadText } from './download';
import { FirstStart, ImportStrip, jobFailed } from './JobProgressView';
import { StatusBar } from './StatusBar';
import { applyTheme, loadTheme, type Theme } from './theme';
import { useWorkspace } from './use-workspace';

interface OpenAudience {
  definition: AudienceDefinition;
  unsaved: boolean;
  notice: string | null;
  /** Bumped on every open so the editor starts fresh even for the same id. */
  generation: number;
  /** Not in the workspace yet (new, duplicated, imported): its id still follows its name. */
  isNew: boolean;
  /** The id now, which follows renames until the first save. */
  currentId: string;
  /** Put the cursor in the name field when the editor opens (New, Rename). */
  focusName: boolean;
}

interface Loaded {
  definition: AudienceDefinition;
  unsaved: boolean;
  /** When the journal held newer edits than the workspace: the time of those edits. */
  restored: number | null;
}

/** The saved definition, or the journal's newer unsaved edits of it. */
async function fetchAudience(workspace: string, id: string): Promise<Loaded | { error: string }> {
  const journal = readJournal(window.localStorage, workspace, id);
  const r = await getStudioApi()['audience-get']({ id });
  if (r.ok) {
    if (journal && JSON.stringify(journal.definition) !== JSON.stringify(r.value.definition)) {
      return { definition: journal.definition, unsaved: true, restored: journal.at };
    }
    return { definition: r.value.definition, unsaved: false, restored: null };
  }
  if (journal) return { definition: journal.definition, unsaved: true, restored: null };
  return { error: r.error.message };
}

function emptyAudience(id: string, name: string): AudienceDefinition {
  return {
    format: 'audience/v1',
    id,
    name,
    kind: 'realtime',
    root: { type: 'group', id: 'root', match: 'all', children: [] },
  };
}

export function App() {
  const ws = useWorkspace();
  const job = useJobProgress();
  // Until main reports the demo is made, the workspace is empty for a reason worth saying.
  const creatingDemo = job?.job === 'demo-workspace' && !job.done;
  const [jobNoticeSeen, setJobNoticeSeen] = useState<typeof job>(null);
  const jobNotice = jobFailed(job) && jobNoticeSeen !== job ? job : null;
  const [open, setOpen] = useState<OpenAudience | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<ListedAudience | null>(null);
  const [theme, setTheme] = useState<Theme>(loadTheme);
  const [journalVersion, setJournalVersion] = useState(0);
  const [liveSizes, setLiveSizes] = useState<Record<string, number>>({});
  const onSize = useCallback(
    (id: string, size: number) => setLiveSizes((s) => (s[id] === size ? s : { ...s, [id]: size })),
    [],
  );
  const workspace = ws.info?.path ?? null;

  useEffect(() => applyTheme(theme), [theme]);

  const items: ListedAudience[] | null = useMemo(() => {
    if (!ws.audiences || !workspace) return null;
    void journalVersion;
    const saved = ws.audiences.map((a) => ({
      id: a.id,
      name: a.name,
      size: liveSizes[a.id] ?? a.size,
      draft: false,
    }));
    const drafts = listJournal(window.localStorage, workspace)
      .filter((e) => !saved.some((s) => s.id === e.definition.id))
      .map((e) => ({ id: e.definition.id, name: e.definition.name, size: null, draft: true }));
    return [...drafts, ...saved];
  }, [ws.audiences, workspace, journalVersion, liveSizes]);

  const takenIds = useCallback(() => new Set((items ?? []).map((a) => a.id)), [items]);

  const openDefinition = useCallback(
    (
      definition: AudienceDefinition,
      unsaved: boolean,
      text: string | null = null,
      focusName = false,
    ) => {
      if (workspace && unsaved)
        writeJournal(window.localStorage, workspace, definition, Date.now());
      const isNew = !(ws.audiences ?? []).some((a) => a.id === definition.id);
      setOpen((o) => ({
        definition,
        unsaved,
        notice: text,
        generation: (o?.generation ?? 0) + 1,
        isNew,
        currentId: definition.id,
        focusName,
      }));
      setJournalVersion((v) => v + 1);
    },
    [workspace, ws.audiences],
  );

  const loadAudience = useCallback(
    (id: string) => (workspace ? fetchAudience(workspace, id) : Promise.resolve(null)),
    [workspace],
  );

  const openById = useCallback(
    async (id: string, focusName = false) => {
      const loaded = await loadAudience(id);
      if (!loaded) return;
      if ('error' in loaded) {
        setNotice({ text: loaded.error, error: true });
        return;
      }
      openDefinition(
        loaded.definition,
        loaded.unsaved,
        loaded.restored
          ? `Restored edits made ${new Date(loaded.restored).toLocaleString()} that had not been saved.`
          : null,
        focusName,
      );
    },
    [loadAudience, openDefinition],
  );

  // Open the most recent audience once the list first arrives.
  const first = items?.[0]?.id;
  useEffect(() => {
    if (open || !first) return;
    let live = true;
    void loadAudience(first).then((loaded) => {
      if (live && loaded && !('error' in loaded)) openDefinition(loaded.definition, loaded.unsaved);
    });
    return () => {
      live = false;
    };
  }, [open, first, loadAudience, openDefinition]);

  const onNew = () => {
    const id = audienceIdFromName('untitled audience', takenIds());
    openDefinition(emptyAudience(id, 'Untitled audience'), true, null, true);
  };

  const onDuplicate = async (id: string) => {
    const loaded = await loadAudience(id);
    if (!loaded || 'error' in loaded) return;
    const copyId = audienceIdFromName(`${loaded.definition.id}-copy`, takenIds());
    openDefinition(
      { ...loaded.definition, id: copyId, name: `${loaded.definition.name} (copy)` },
      true,
    );
  };

  // The open audience is renamed through its editor (one undo step); another is renamed in place.
  const editorControl = useRef<EditorControl>(null);
  const onRename = async (id: string, name: string) => {
    if (open?.currentId === id && editorControl.current) {
      editorControl.current.rename(name);
      return;
    }
    const loaded = await loadAudience(id);
    if (!loaded || 'error' in loaded || !workspace) return;
    const renamed = { ...loaded.definition, name };
    if (loaded.unsaved) {
      writeJournal(window.localStorage, workspace, renamed, Date.now());
      setJournalVersion((v) => v + 1);
      return;
    }
    const api = getStudioApi();
    const r = await api['audience-save']({ definition: renamed });
    if (!r.ok) setNotice({ text: r.error.message, error: true });
    // A preview records the size again, so the list does not show a dash for it.
    else await api['audience-preview']({ definition: renamed });
    ws.reload();
  };

  const onExport = async (id: string) => {
    const loaded = await loadAudience(id);
    if (loaded && !('error' in loaded)) exportDefinition(loaded.definition);
  };

  const exportDefinition = (def: AudienceDefinition) =>
    downloadText(
      `${def.id}.audience.json`,
      `${JSON.stringify(def, null, 2)}\n`,
      'application/json',
    );

  const onImport = async (file: File) => {
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      setNotice({ text: `Could not read ${file.name}: ${(err as Error).message}`, error: true });
      return;
    }
    const parsed = parseAudienceFile(file.name, text);
    if (!parsed.ok) {
      setNotice({ text: parsed.message, error: true });
      return;
    }
    let def = parsed.definition;
    const taken = takenIds();
    if (taken.has(def.id)) {
      const base = /^[a-z0-9][a-z0-9-]{0,63}$/.test(def.id) ? def.id : def.name;
      def = { ...def, id: audienceIdFromName(`${base}-imported`.slice(0, 60), taken) };
    }
    openDefinition(
      def,
      true,
      `Imported ${file.name}${def.id !== parsed.definition.id ? ` as "${def.id}" (that id was taken)` : ''}.`,
    );
  };

  const doDelete = async (a: ListedAudience) => {
    setConfirmDelete(null);
    if (!workspace) return;
    if (!a.draft) {
      const r = await getStudioApi()['audience-delete']({ id: a.id });
      if (!r.ok) {
        setNotice({ text: r.error.message, error: true });
        return;
      }
    }
    dropJournal(window.localStorage, workspace, a.id);
    setNotice({ text: `Deleted "${a.name}".`, error: false });
    if (open?.currentId === a.id) setOpen(null);
    setJournalVersion((v) => v + 1);
    ws.reload();
  };

  const onIdChange = useCallback((id: string) => {
    setOpen((o) => (o ? { ...o, currentId: id } : o));
    setJournalVersion((v) => v + 1);
  }, []);

  const reload = ws.reload;
  const onSaved = useCallback(() => {
    setJournalVersion((v) => v + 1);
    reload();
  }, [reload]);

  if (ws.infoError) {
    return (
      <div className="fatal">
        <h1>Audience Studio cannot reach its workspace</h1>
        <p>{ws.infoError}</p>
      </div>
    );
  }

  return (
    <div className="app">
      <AudienceList
        items={items}
        openId={open?.currentId ?? null}
        onOpen={(id) => void openById(id)}
        onNew={onNew}
        // New and Import wait for the demo: its catalog fills the pickers, its data the counts.
        ready={items !== null && !creatingDemo}
        onDuplicate={(id) => void onDuplicate(id)}
        onRename={(id, name) => void onRename(id, name)}
        onDelete={(id) => setConfirmDelete(items?.find((a) => a.id === id) ?? null)}
        onExport={(id) => void onExport(id)}
        onImport={(f) => void onImport(f)}
      />
      <div className="workarea">
        {job && !job.done && job.job !== 'demo-workspace' ? <ImportStrip progress={job} /> : null}
        {jobNotice ? (
          <div className="notice error" role="alert" data-testid="job-notice">
            <span>{jobNotice.message}</span>
            <button
              type="button"
              className="icon-button"
              aria-label="Dismiss"
              onClick={() => setJobNoticeSeen(jobNotice)}
            >
              ✕
            </button>
          </div>
        ) : null}
        {notice || open?.notice ? (
          <div
            className={`notice${notice?.error ? ' error' : ''}`}
            role={notice?.error ? 'alert' : 'status'}
            data-testid="notice"
          >
            <span>{notice?.text ?? open?.notice}</span>
            <button
              type="button"
              className="icon-button"
              aria-label="Dismiss"
              onClick={() => {
                setNotice(null);
                setOpen((o) => (o ? { ...o, notice: null } : o));
              }}
            >
              ✕
            </button>
          </div>
        ) : null}
        {creatingDemo && !open ? (
          <FirstStart progress={job} />
        ) : open && ws.info ? (
          <EditorScreen
            key={open.generation}
            initial={open.definition}
            unsaved={open.unsaved}
            info={ws.info}
            catalog={ws.catalog}
            catalogError={ws.catalogError}
            onSaved={onSaved}
            onExport={exportDefinition}
            onSize={onSize}
            idFollowsName={open.isNew}
            takenIds={takenIds}
            onIdChange={onIdChange}
            focusName={open.focusName}
            control={editorControl}
          />
        ) : items === null || (items.length > 0 && !notice) ? (
          <div className="welcome" role="status" aria-busy="true">
            <p>{items === null ? 'Opening the workspace…' : 'Opening the audience…'}</p>
          </div>
        ) : (
          <div className="welcome">
            <h1>Build an audience</h1>
            <p>
              Combine what your users did and who they are, see the exact count as you go, then
              publish it to your marketing tools.
            </p>
            <button
              type="button"
              className="button primary"
              onClick={onNew}
              disabled={items === null}
            >
              New audience
            </button>
          </div>
        )}
      </div>
      <StatusBar info={ws.info} preparing={creatingDemo} theme={theme} onTheme={setTheme} />
      {confirmDelete ? (
        <ConfirmDialog
          title={`Delete "${confirmDelete.name}"?`}
          body={
            confirmDelete.draft
              ? 'This draft was never saved; it will be gone.'
              : 'The audience is removed from this workspace. Export it first if you may need it again.'
          }
          confirmLabel="Delete"
          onConfirm={() => void doDelete(confirmDelete)}
          onCancel={() => setConfirmDelete(null)}
        />
      ) : null}
    </div>
  );
}

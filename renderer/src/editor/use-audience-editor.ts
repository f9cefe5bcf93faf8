// The open audience: its undo history, local validation, the unsaved-edits journal and autosave.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  AudienceDefinition,
  ValidationProblem,
} from '../../../shared/audience/audience-types';
import { validateAudience } from '../../../shared/audience/validate-audience';
import { getStudioApi } from '../api/studio-api';
import { commit, redo, startHistory, undo, type History } from '../model/edit-history';
import { dropJournal, settleJournal, writeJournal } from './journal';

export const AUTOSAVE_MS = 600;

export type SaveState =
  | { status: 'saved'; at: string | null }
  | { status: 'pending' }
  | { status: 'draft'; reason: string }
  | { status: 'error'; message: string };

export interface AudienceEditor {
  definition: AudienceDefinition;
  problems: ValidationProblem[];
  canUndo: boolean;
  canRedo: boolean;
  save: SaveState;
  /** True once any version of this audience reached the workspace in this session. */
  everSaved: boolean;
  edit: (change: (d: AudienceDefinition) => AudienceDefinition, tag?: string | null) => void;
  undo: () => void;
  redo: () => void;
}

/**
 * Saves, then previews the saved definition once so the workspace records its size for the
 * audience list; the journal entry goes only when this exact definition is stored.
 */
async function saveDefinition(definition: AudienceDefinition, workspace: string) {
  const api = getStudioApi();
  const answer = await api['audience-save']({ definition });
  if (answer.ok) {
    settleJournal(window.localStorage, workspace, definition);
    await api['audience-preview']({ definition });
  }
  return answer;
}

export function useAudienceEditor(
  initial: AudienceDefinition,
  workspace: string,
  lookbackDays: number,
  onSaved: (def: AudienceDefinition) => void,
  /** True when `initial` came from the journal or an import: it still has to reach the workspace. */
  unsaved = false,
): AudienceEditor {
  const [history, setHistory] = useState<History<AudienceDefinition>>(() => startHistory(initial));
  const [save, setSave] = useState<SaveState>(
    unsaved ? { status: 'pending' } : { status: 'saved', at: null },
  );
  const [everSaved, setEverSaved] = useState(false);
  const definition = history.present;
  const problems = useMemo(
    () => validateAudience(definition, { lookbackDays }),
    [definition, lookbackDays],
  );
  const onSavedRef = useRef(onSaved);
  useEffect(() => {
    onSavedRef.current = onSaved;
  }, [onSaved]);

  // A valid definition waiting for its autosave: flushed if the editor closes before the timer.
  const pendingSave = useRef<AudienceDefinition | null>(null);
  useEffect(
    () => () => {
      const def = pendingSave.current;
      if (def) void saveDefinition(def, workspace);
    },
    [workspace],
  );

  const first = useRef(!unsaved);
  const journaledId = useRef(initial.id);
  useEffect(() => {
    // The first definition is what was just opened: it is saved (or already journaled) as it is.
    if (first.current) {
      first.current = false;
      return;
    }
    writeJournal(window.localStorage, workspace, definition, Date.now());
    // A new audience renamed before its first save moved to a new id: its old entry goes.
    if (journaledId.current !== definition.id) {
      dropJournal(window.localStorage, workspace, journaledId.current);
      journaledId.current = definition.id;
    }
    if (problems.length > 0) {
      pendingSave.current = null;
      const onlyEmpty = problems.length === 1 && problems[0]!.path === 'root.children';
      const reason = onlyEmpty
        ? 'Kept as a draft on this computer until it has a block.'
        : `Kept as a draft on this computer until ${problems.length === 1 ? 'one problem is' : `${problems.length} problems are`} fixed.`;
      const timer = setTimeout(() => setSave({ status: 'draft', reason }), 0);
      return () => clearTimeout(timer);
    }
    pendingSave.current = definition;
    const timer = setTimeout(() => {
      pendingSave.current = null;
      setSave({ status: 'pending' });
      void saveDefinition(definition, workspace).then((answer) => {
        if (answer.ok) {
          setSave({ status: 'saved', at: answer.value.updatedAt });
          setEverSaved(true);
          onSavedRef.current(definition);
        } else {
          setSave({ status: 'error', message: answer.error.message });
        }
      });
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [definition, problems, workspace]);

  const edit = useCallback(
    (change: (d: AudienceDefinition) => AudienceDefinition, tag: string | null = null) =>
      setHistory((h) => commit(h, change(h.present), tag, Date.now())),
    [],
  );
  return {
    definition,
    problems,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    save,
    everSaved,
    edit,
    undo: useCallback(() => setHistory(undo), []),
    redo: useCallback(() => setHistory(redo), []),
  };
}

// The unsaved-edits journal: every edit is written to localStorage synchronously, before any save is
// attempted, so closing the app or a crash loses nothing. An entry is removed only once the same
// definition is safely in the workspace. Definitions that cannot be saved yet (an empty group, a
// half-filled block) live here as drafts until they become valid.
import type { AudienceDefinition } from '../../../shared/audience/audience-types';

export interface JournalEntry {
  definition: AudienceDefinition;
  /** When the edit was made (epoch ms). */
  at: number;
}

export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const PREFIX = 'audience-studio.unsaved.';

function journalKey(workspace: string, audienceId: string): string {
  return `${PREFIX}${workspace}::${audienceId}`;
}

export function writeJournal(
  storage: JournalStorage,
  workspace: string,
  definition: AudienceDefinition,
  at: number,
): void {
  const entry: JournalEntry = { definition, at };
  storage.setItem(journalKey(workspace, definition.id), JSON.stringify(entry));
}

function parseEntry(text: string | null): JournalEntry | null {
  if (!text) return null;
  try {
    const entry = JSON.parse(text) as JournalEntry;
    if (entry && typeof entry.at === 'number' && entry.definition?.root) return entry;
  } catch {
    // A damaged entry is ignored rather than crashing the app at start.
  }
  return null;
}

export function readJournal(
  storage: JournalStorage,
  workspace: string,
  audienceId: string,
): JournalEntry | null {
  return parseEntry(storage.getItem(journalKey(workspace, audienceId)));
}

/** Removes the entry only if it still holds `saved`: a newer edit made during the save stays. */
export function settleJournal(
  storage: JournalStorage,
  workspace: string,
  saved: AudienceDefinition,
): void {
  const entry = readJournal(storage, workspace, saved.id);
  if (entry && JSON.stringify(entry.definition) === JSON.stringify(saved)) {
    storage.removeItem(journalKey(workspace, saved.id));
  }
}

export function dropJournal(storage: JournalStorage, workspace: string, audienceId: string): void {
  storage.removeItem(journalKey(workspace, audienceId));
}

export function listJournal(storage: JournalStorage, workspace: string): JournalEntry[] {
  const prefix = `${PREFIX}${workspace}::`;
  const out: JournalEntry[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(prefix)) continue;
    const entry = parseEntry(storage.getItem(key));
    if (entry) out.push(entry);
  }
  return out.sort((a, b) => b.at - a.at);
}

import { describe, expect, it } from 'vitest';
import type { AudienceDefinition } from '../../../shared/audience/audience-types';
import {
  listJournal,
  readJournal,
  settleJournal,
  writeJournal,
  type JournalStorage,
} from './journal';

function memoryStorage(): JournalStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

const def = (id: string, name: string): AudienceDefinition => ({
  format: 'audience/v1',
  id,
  name,
  kind: 'standard',
  root: { type: 'group', id: 'root', match: 'all', children: [] },
});

describe('unsaved-edits journal', () => {
  it('keeps a newer edit when an older save settles', () => {
    const s = memoryStorage();
    writeJournal(s, 'ws', def('a', 'one'), 1);
    writeJournal(s, 'ws', def('a', 'two'), 2);
    settleJournal(s, 'ws', def('a', 'one'));
    expect(readJournal(s, 'ws', 'a')?.definition.name).toBe('two');
    settleJournal(s, 'ws', def('a', 'two'));
    expect(readJournal(s, 'ws', 'a')).toBeNull();
  });

  it('lists drafts per workspace, newest first, and skips damaged entries', () => {
    const s = memoryStorage();
    writeJournal(s, 'ws', def('a', 'A'), 1);
    writeJournal(s, 'ws', def('b', 'B'), 5);
    writeJournal(s, 'other', def('c', 'C'), 9);
    s.setItem('audience-studio.unsaved.ws::broken', '{not json');
    expect(listJournal(s, 'ws').map((e) => e.definition.id)).toEqual(['b', 'a']);
  });
});

import { describe, expect, it } from 'vitest';
import { commit, redo, startHistory, undo } from './edit-history';

describe('edit history', () => {
  it('undoes and redoes every edit, and a new edit clears redo', () => {
    let h = startHistory('a');
    h = commit(h, 'b', null, 0);
    h = commit(h, 'c', null, 10);
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe('b');
    h = commit(h, 'd', null, 20);
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(h.past).toEqual(['a', 'b']);
  });

  it('coalesces quick edits of the same field only', () => {
    let h = startHistory('');
    h = commit(h, 'h', 'name', 0);
    h = commit(h, 'he', 'name', 300);
    h = commit(h, 'hey', 'name', 600);
    expect(h.past).toEqual(['']);
    h = commit(h, 'hey!', 'name', 5000);
    expect(h.past).toEqual(['', 'hey']);
    h = commit(h, 'x', 'other', 5100);
    expect(h.past).toEqual(['', 'hey', 'hey!']);
  });
});

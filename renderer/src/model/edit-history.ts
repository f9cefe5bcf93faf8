// Undo and redo over whole definitions: trees are immutable, so a snapshot costs only the changed path.
// Typing into one field produces one undo step, not one per key (edits with the same tag coalesce).

export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  lastTag: string | null;
  lastAt: number;
}

export const HISTORY_LIMIT = 300;
export const COALESCE_MS = 1200;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastTag: null, lastAt: 0 };
}

export function commit<T>(h: History<T>, next: T, tag: string | null, now: number): History<T> {
  if (next === h.present) return h;
  const coalesce = tag !== null && tag === h.lastTag && now - h.lastAt < COALESCE_MS;
  if (coalesce) return { ...h, present: next, future: [], lastAt: now };
  const past = [...h.past, h.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], lastTag: tag, lastAt: now };
}

export function undo<T>(h: History<T>): History<T> {
  const prev = h.past[h.past.length - 1];
  if (prev === undefined) return h;
  return {
    past: h.past.slice(0, -1),
    present: prev,
    future: [h.present, ...h.future],
    lastTag: null,
    lastAt: 0,
  };
}

export function redo<T>(h: History<T>): History<T> {
  const next = h.future[0];
  if (next === undefined) return h;
  return {
    past: [...h.past, h.present],
    present: next,
    future: h.future.slice(1),
    lastTag: null,
    lastAt: 0,
  };
}

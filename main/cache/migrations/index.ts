import type { Migration } from './migration-types';
import { migration0001 } from './0001-initial';

// The explicit, ordered list of schema steps. A new step is a new file appended here; a step that
// has shipped is never edited (users' caches already ran it).
// Reserved numbers: 0002 audiences (engine/canvas), 0003 connections and publish ledger.
export const migrations: readonly Migration[] = [migration0001];

import type { Migration } from './migration-types';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-audiences';
import { migration0003 } from './0003-connections';

// The explicit, ordered list of schema steps. A new step is a new file appended here; a step that
// has shipped is never edited (users' caches already ran it).
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003];

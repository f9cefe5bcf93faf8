import type { Migration } from './migration-types';

// Saved audience definitions (filled in by the engine issue before it ships).
export const migration0002: Migration = {
  version: 2,
  name: 'audiences',
  up() {},
};

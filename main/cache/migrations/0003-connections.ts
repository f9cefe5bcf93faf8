import type { Migration } from './migration-types';

// Connections, the per-connection publish ledger and publish history (filled in by the publish issue before it ships).
export const migration0003: Migration = {
  version: 3,
  name: 'connections',
  up() {},
};

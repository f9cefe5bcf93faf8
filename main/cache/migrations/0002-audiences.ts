import type { Migration } from './migration-types';

// Saved audience definitions. The definition is the audience/v1 JSON document as the user saved it;
// name and kind are copied out for listing without parsing every definition. last_size is the size
// at the last preview or save (NULL until computed).
export const migration0002: Migration = {
  version: 2,
  name: 'audiences',
  up(db) {
    db.exec(`
      CREATE TABLE audiences (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('realtime', 'standard')),
        definition TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_size INTEGER
      ) STRICT;
    `);
  },
};

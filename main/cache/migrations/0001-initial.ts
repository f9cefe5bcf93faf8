import type { Migration } from './migration-types';

// The first schema: profiles and their identities and attributes, events in compact column chunks,
// import history and rejected records, workspace settings.
//
// Events are not one row each: 40M rows with indexes take gigabytes. They are stored per event name
// and per block of PROFILE_BLOCK_SIZE profile ids as one compressed chunk (see event-chunk-codec.ts),
// sorted by profile then time, so that all of one profile's events of one name sit in one chunk:
// deduplication and profile merges touch a single chunk, and the engine loads columns with a read.
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE profiles (
        id INTEGER PRIMARY KEY,
        created_at INTEGER NOT NULL
      ) STRICT;

      -- Device ids never merge profiles, so one device id may belong to several profiles: the
      -- profile is part of the key. For every other type the importer keeps (type, value) unique.
      CREATE TABLE identities (
        type TEXT NOT NULL,
        value TEXT NOT NULL,
        profile_id INTEGER NOT NULL,
        is_device INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (type, value, profile_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX identities_by_profile ON identities (profile_id);

      -- value is the JSON text of the current value. A NULL value is a deletion, kept with its
      -- time so that an older write imported later cannot bring the attribute back.
      -- write_order breaks ties between writes of the same time: a later import, file or record wins.
      CREATE TABLE attributes (
        profile_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        value TEXT,
        written_at INTEGER NOT NULL,
        write_order INTEGER NOT NULL,
        PRIMARY KEY (profile_id, name)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE event_names (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      ) STRICT;

      -- One chunk per (event name, profile block). A rowid table: chunks are large BLOBs.
      CREATE TABLE event_chunks (
        id INTEGER PRIMARY KEY,
        name_id INTEGER NOT NULL REFERENCES event_names (id),
        block INTEGER NOT NULL,
        event_count INTEGER NOT NULL,
        min_ts INTEGER NOT NULL,
        max_ts INTEGER NOT NULL,
        data BLOB NOT NULL,
        UNIQUE (name_id, block)
      ) STRICT;

      CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        sources TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'partial', 'failed')),
        batches INTEGER NOT NULL DEFAULT 0,
        rows INTEGER NOT NULL DEFAULT 0,
        events INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE rejected_records (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports (id),
        source TEXT NOT NULL,
        reason TEXT NOT NULL,
        record TEXT
      ) STRICT;
      CREATE INDEX rejected_records_by_import ON rejected_records (import_id);
    `);
  },
};

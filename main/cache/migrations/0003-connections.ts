import type { Migration } from './migration-types';

// Connections to partners, what each connection has delivered per audience (the ledger), and the
// history of publish runs with their planned batches.
//
// Secrets never live here: a connection holds only a reference (an environment variable's name in
// the CLI, a keychain entry in the app). The ledger keeps the identifier values that were sent, so a
// member who leaves is removed with the same value that was added even if their email changed since.
// A run's batches are planned once and stored, so a publish killed at any moment resumes with exactly
// the batches that were not acknowledged (same composition, same webhook message ids).
export const migration0003: Migration = {
  version: 3,
  name: 'connections',
  up(db) {
    db.exec(`
      CREATE TABLE connections (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL CHECK (type IN ('meta', 'mailchimp', 'klaviyo', 'webhook', 'file')),
        config TEXT NOT NULL,
        secret_ref TEXT,
        disabled_reason TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Partner-side objects made for an audience (Meta custom audience id, Mailchimp segment id).
      CREATE TABLE connection_audiences (
        connection_id INTEGER NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        audience_id TEXT NOT NULL,
        remote_id TEXT,
        in_step_at INTEGER,
        PRIMARY KEY (connection_id, audience_id)
      ) STRICT, WITHOUT ROWID;

      -- sent is the JSON object of identifier values delivered for the member.
      CREATE TABLE publish_ledger (
        connection_id INTEGER NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        audience_id TEXT NOT NULL,
        profile_id INTEGER NOT NULL,
        sent TEXT NOT NULL,
        PRIMARY KEY (connection_id, audience_id, profile_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE publish_runs (
        id INTEGER PRIMARY KEY,
        connection_id INTEGER NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        audience_id TEXT NOT NULL,
        audience_name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'pending', 'partial', 'done', 'failed')),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        joined INTEGER NOT NULL,
        left_count INTEGER NOT NULL,
        unchanged INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        batches INTEGER NOT NULL,
        acked INTEGER NOT NULL DEFAULT 0,
        ms INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        -- The process sending it: a second publisher must not send the same batches alongside.
        owner_host TEXT,
        owner_pid INTEGER
      ) STRICT;
      CREATE INDEX publish_runs_by_target ON publish_runs (connection_id, audience_id, id);

      -- profile_ids is a little-endian Uint32Array of the batch's members, in send order.
      CREATE TABLE publish_batches (
        run_id INTEGER NOT NULL REFERENCES publish_runs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('add', 'remove')),
        size INTEGER NOT NULL,
        profile_ids BLOB NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'acked', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        acked_at INTEGER,
        PRIMARY KEY (run_id, seq)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};

/**
 * The SQLite schema as numbered migrations, and the function that applies them.
 */
import type Database from 'better-sqlite3';
import { ADMIN_MIGRATION_NAME, ADMIN_MIGRATION_SQLITE, CONSOLE_INDEXES_MIGRATION, CONSULTATION_SERVICE_MIGRATION } from '../sql/admin.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Numbered migrations. Append new ones; never edit an applied one. Enumerations that will grow
 * (submission kinds, statuses) are checked in code, not with CHECK constraints, because SQLite
 * cannot alter a constraint without rebuilding the table.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'services, submissions, feedback',
    sql: `
      CREATE TABLE services (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        categories TEXT NOT NULL,            -- JSON array of category ids
        registered_origin TEXT,              -- the site whose first feedback registered it
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE submissions (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,                  -- 'feedback' (later: comments, votes)
        idempotency_key TEXT NOT NULL UNIQUE, -- kept as long as the submission
        request_hash TEXT NOT NULL,
        tracking_code TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL DEFAULT 'received',
        answer TEXT,
        answered_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE feedback (
        submission_id INTEGER PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
        service_id TEXT NOT NULL REFERENCES services(id),
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
        categories TEXT NOT NULL DEFAULT '[]', -- JSON array
        text TEXT,
        contact_kind TEXT,                   -- 'mobile' | 'email' | NULL; private
        contact_value TEXT,                  -- private
        locale TEXT
      ) STRICT;

      CREATE INDEX feedback_service_rating ON feedback (service_id, rating);
    `,
  },
  {
    version: 2,
    name: 'consultations, clauses, window extensions, comments',
    sql: `
      CREATE TABLE consultations (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        kind TEXT NOT NULL,                  -- 'regulation' | 'bill'
        issuing_body TEXT NOT NULL,
        opens_at TEXT NOT NULL,              -- ISO instants (toISOString): compare as text
        closes_at TEXT NOT NULL,
        moderation TEXT NOT NULL DEFAULT 'pre', -- 'pre' | 'post'
        created_at TEXT NOT NULL,
        withdrawn_at TEXT,
        withdrawal_reason TEXT,
        issued_at TEXT,
        outcome_summary TEXT
      ) STRICT;

      -- Version 1 is the draft, version 2 the final text; a clause keeps its id across versions.
      CREATE TABLE clauses (
        consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        clause_id TEXT NOT NULL,
        number INTEGER NOT NULL,
        heading TEXT,
        text TEXT NOT NULL,
        PRIMARY KEY (consultation_id, version, clause_id),
        UNIQUE (consultation_id, version, number)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE window_extensions (
        id INTEGER PRIMARY KEY,
        consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        previous_closes_at TEXT NOT NULL,
        closes_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX window_extensions_consultation ON window_extensions (consultation_id, id);

      CREATE TABLE comments (
        submission_id INTEGER PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
        public_id TEXT NOT NULL UNIQUE,      -- shown in lists; not the tracking code
        consultation_id INTEGER NOT NULL REFERENCES consultations(id),
        clause_id TEXT,                      -- a draft clause id; NULL: the whole draft
        stance TEXT NOT NULL,                -- 'support' | 'oppose' | 'amend'
        text TEXT NOT NULL,
        proposed_text TEXT,
        display_name TEXT,
        contact_kind TEXT,                   -- private
        contact_value TEXT,                  -- private
        locale TEXT,
        moderation TEXT NOT NULL,            -- the consultation's mode when the comment arrived
        status TEXT NOT NULL,                -- 'pending' | 'published' | 'rejected'
        rejection_reason TEXT,
        reply_text TEXT,
        reply_at TEXT,
        disposition_outcome TEXT,            -- 'accepted' | 'partly-accepted' | 'not-accepted'
        disposition_reason TEXT,
        created_at TEXT NOT NULL             -- = submissions.created_at, here for the indexes
      ) STRICT;
      -- Paging newest first (keyset on created_at and the rowid, which every index ends with).
      CREATE INDEX comments_by_status ON comments (consultation_id, status, created_at);
      CREATE INDEX comments_by_clause ON comments (consultation_id, clause_id, status, created_at);
      -- Counts per stance and clause: a covering index, in GROUP BY order, for the aggregate.
      -- (stance before clause_id, so that it never competes with comments_by_clause for paging.)
      CREATE INDEX comments_counts ON comments (consultation_id, status, stance, clause_id);
    `,
  },
  {
    version: 3,
    name: 'polls, options with vote counters, votes',
    sql: `
      CREATE TABLE polls (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        question TEXT NOT NULL,
        description TEXT,
        mode TEXT NOT NULL,                  -- 'single' | 'multiple'
        max_choices INTEGER NOT NULL,
        opens_at TEXT NOT NULL,              -- ISO instants (toISOString)
        closes_at TEXT NOT NULL,             -- as scheduled
        results_visibility TEXT NOT NULL,    -- 'always' | 'after-vote' | 'after-close'
        created_at TEXT NOT NULL,
        closed_at TEXT,                      -- an official's early close
        total_voters INTEGER NOT NULL DEFAULT 0 -- counter: bumped in the vote's transaction
      ) STRICT;

      CREATE TABLE poll_options (
        poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,           -- 1, 2, … display order
        option_id TEXT NOT NULL,             -- 'o1', 'o2', … stable
        label TEXT NOT NULL,
        votes INTEGER NOT NULL DEFAULT 0,    -- counter: bumped in the vote's transaction
        PRIMARY KEY (poll_id, position),
        UNIQUE (poll_id, option_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE votes (
        submission_id INTEGER PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
        poll_id INTEGER NOT NULL REFERENCES polls(id),
        voter_hash TEXT NOT NULL,            -- SHA-256 of the poll and the voter's key; never the key
        voter_tier TEXT NOT NULL,            -- 'device' (later: 'signed')
        option_ids TEXT NOT NULL,            -- JSON array, in the poll's option order
        created_at TEXT NOT NULL
      ) STRICT;
      -- One vote per voter and poll; also the lookup behind "has this voter voted?".
      CREATE UNIQUE INDEX votes_voter ON votes (poll_id, voter_hash);
    `,
  },
  {
    version: 4,
    name: ADMIN_MIGRATION_NAME,
    sql: ADMIN_MIGRATION_SQLITE,
  },
  {
    version: 5,
    name: CONSULTATION_SERVICE_MIGRATION.name,
    sql: CONSULTATION_SERVICE_MIGRATION.sql,
  },
  {
    version: 6,
    name: CONSOLE_INDEXES_MIGRATION.name,
    sql: CONSOLE_INDEXES_MIGRATION.sql,
  },
];

/** Applies pending migrations, each in its own IMMEDIATE transaction (safe if two processes race). */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const current = db.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    db.transaction(() => {
      if ((current.get()?.v ?? 0) >= m.version) return;
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
  return current.get()?.v ?? 0;
}

/**
 * The SQLite store (better-sqlite3): one file, WAL, synchronous=FULL so an accepted submission
 * survives a power cut. better-sqlite3 is synchronous, so each store method runs its checks and
 * writes inside one transaction with nothing else interleaving in this process; BEGIN IMMEDIATE
 * plus busy_timeout serialise writers across processes.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { FEEDBACK_CATEGORIES, generateTrackingCode as defaultGenerateTrackingCode } from '@nazar/protocol';
import type { FeedbackCategory, FeedbackStatus } from '@nazar/protocol';
import {
  TRACKING_CODE_ATTEMPTS,
  summarize,
  type ContactKind,
  type CreateSubmissionResult,
  type FeedbackRecord,
  type Locale,
  type NewService,
  type Service,
  type Store,
  type StoreOptions,
  type StoredSubmission,
  type Submission,
  type SubmissionKind,
  type TrackedSubmission,
} from './store.js';

export const DEFAULT_SQLITE_PATH = './data/nazar.db';

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
];

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  /** The underlying connection (for tests and operator tooling). */
  readonly db: Database.Database;
  readonly path: string;
  /** The schema version after migrations. */
  schemaVersion(): number;
}

interface ServiceRow {
  id: string;
  title: string;
  categories: string;
  registered_origin: string | null;
  created_at: string;
}

interface SubmissionRow {
  id: number;
  kind: string;
  idempotency_key: string;
  request_hash: string;
  tracking_code: string;
  status: string;
  answer: string | null;
  answered_at: string | null;
  created_at: string;
  updated_at: string;
}

interface FeedbackRow extends SubmissionRow {
  service_id: string;
  rating: number;
  categories: string;
  text: string | null;
  contact_kind: string | null;
  contact_value: string | null;
  locale: string | null;
}

function toService(row: ServiceRow): Service {
  return {
    id: row.id,
    title: row.title,
    categories: JSON.parse(row.categories) as FeedbackCategory[],
    registeredOrigin: row.registered_origin,
    createdAt: row.created_at,
  };
}

function toSubmission(row: SubmissionRow): Submission {
  return {
    id: row.id,
    kind: row.kind as SubmissionKind,
    trackingCode: row.tracking_code,
    status: row.status as FeedbackStatus,
    answer: row.answer,
    answeredAt: row.answered_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toStored(row: SubmissionRow): StoredSubmission {
  return { ...toSubmission(row), idempotencyKey: row.idempotency_key, requestHash: row.request_hash };
}

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

/**
 * Opens (creating it and its directory if needed) the SQLite database at `path` and brings its
 * schema up to date.
 */
export function createSqliteStore(path: string = DEFAULT_SQLITE_PATH, options: StoreOptions = {}): SqliteStore {
  const now = options.now ?? (() => new Date());
  const makeCode = options.generateTrackingCode ?? (() => defaultGenerateTrackingCode());
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = migrate(db);

  const q = {
    getService: db.prepare<[string], ServiceRow>('SELECT * FROM services WHERE id = ?'),
    insertService: db.prepare(
      `INSERT INTO services (id, title, categories, registered_origin, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    ),
    listServices: db.prepare<[], ServiceRow>('SELECT * FROM services ORDER BY created_at, id'),
    countServices: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM services'),
    byKey: db.prepare<[string], SubmissionRow>('SELECT * FROM submissions WHERE idempotency_key = ?'),
    codeExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM submissions WHERE tracking_code = ?'),
    insertSubmission: db.prepare(
      `INSERT INTO submissions (kind, idempotency_key, request_hash, tracking_code, status, created_at, updated_at)
       VALUES ('feedback', ?, ?, ?, 'received', ?, ?)`,
    ),
    insertFeedback: db.prepare(
      `INSERT INTO feedback (submission_id, service_id, rating, categories, text, contact_kind, contact_value, locale)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    bySubmissionId: db.prepare<[number | bigint], SubmissionRow>('SELECT * FROM submissions WHERE id = ?'),
    ratings: db.prepare<[string], { rating: number; n: number }>(
      'SELECT rating, COUNT(*) AS n FROM feedback WHERE service_id = ? GROUP BY rating',
    ),
    tracked: db.prepare<[string], SubmissionRow & { service_id: string; service_title: string | null }>(
      `SELECT s.*, f.service_id, sv.title AS service_title
       FROM submissions s JOIN feedback f ON f.submission_id = s.id LEFT JOIN services sv ON sv.id = f.service_id
       WHERE s.tracking_code = ?`,
    ),
    record: db.prepare<[string], FeedbackRow>(
      `SELECT s.*, f.service_id, f.rating, f.categories, f.text, f.contact_kind, f.contact_value, f.locale
       FROM submissions s JOIN feedback f ON f.submission_id = s.id WHERE s.tracking_code = ?`,
    ),
    updateStatus: db.prepare('UPDATE submissions SET status = ?, updated_at = ? WHERE tracking_code = ?'),
    updateAnswer: db.prepare('UPDATE submissions SET answer = ?, answered_at = ? WHERE tracking_code = ?'),
    byCode: db.prepare<[string], SubmissionRow>('SELECT * FROM submissions WHERE tracking_code = ?'),
    countSubmissions: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM submissions'),
  };

  const ensureService = db.transaction((input: NewService): { service: Service; created: boolean } => {
    const info = q.insertService.run(
      input.id,
      input.title,
      JSON.stringify([...(input.categories ?? FEEDBACK_CATEGORIES)]),
      input.registeredOrigin ?? null,
      now().toISOString(),
    );
    return { service: toService(q.getService.get(input.id)!), created: info.changes === 1 };
  });

  // Key check, tracking code choice and both inserts in one transaction: atomic.
  const createFeedback = db.transaction(
    (key: string, requestHash: string, f: Parameters<Store['createFeedback']>[1]): CreateSubmissionResult => {
      const existing = q.byKey.get(key);
      if (existing) {
        const submission = toStored(existing);
        return existing.request_hash === requestHash ? { outcome: 'replayed', submission } : { outcome: 'conflict', submission };
      }
      let code: string | null = null;
      for (let i = 0; i < TRACKING_CODE_ATTEMPTS && code === null; i++) {
        const candidate = makeCode();
        if (!q.codeExists.get(candidate)) code = candidate;
      }
      if (code === null) throw new Error('could not generate a unique tracking code');
      const at = now().toISOString();
      const { lastInsertRowid } = q.insertSubmission.run(key, requestHash, code, at, at);
      q.insertFeedback.run(
        lastInsertRowid,
        f.serviceId,
        f.rating,
        JSON.stringify(f.categories),
        f.text,
        f.contact?.kind ?? null,
        f.contact?.value ?? null,
        f.locale,
      );
      return { outcome: 'created', submission: toStored(q.bySubmissionId.get(lastInsertRowid)!) };
    },
  );

  const updateStatus = db.transaction((code: string, status: FeedbackStatus, answer: string | null | undefined) => {
    const at = now().toISOString();
    const { changes } = q.updateStatus.run(status, at, code);
    if (changes === 0) return null;
    if (answer !== undefined) q.updateAnswer.run(answer, answer === null ? null : at, code);
    return toSubmission(q.byCode.get(code)!);
  });

  let closed = false;

  const store: SqliteStore = {
    kind: 'sqlite',
    db,
    path,
    schemaVersion: () => version,

    async getService(id) {
      const row = q.getService.get(id);
      return row ? toService(row) : null;
    },

    async ensureService(input) {
      return ensureService.immediate(input);
    },

    async listServices() {
      return q.listServices.all().map(toService);
    },

    async countServices() {
      return q.countServices.get()!.n;
    },

    async findByIdempotencyKey(key) {
      const row = q.byKey.get(key);
      return row ? toStored(row) : null;
    },

    async createFeedback(idempotency, feedback) {
      return createFeedback.immediate(idempotency.key, idempotency.requestHash, feedback);
    },

    async ratingSummary(serviceId) {
      const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
      for (const { rating, n } of q.ratings.all(serviceId)) distribution[rating - 1] = n;
      return summarize(distribution);
    },

    async findByTrackingCode(code): Promise<TrackedSubmission | null> {
      const row = q.tracked.get(code);
      if (!row) return null;
      return { ...toSubmission(row), subject: { type: 'service', id: row.service_id, title: row.service_title ?? row.service_id } };
    },

    async getFeedbackRecord(code): Promise<FeedbackRecord | null> {
      const row = q.record.get(code);
      if (!row) return null;
      return {
        ...toStored(row),
        feedback: {
          serviceId: row.service_id,
          rating: row.rating,
          categories: JSON.parse(row.categories) as FeedbackCategory[],
          text: row.text,
          contact:
            row.contact_kind !== null && row.contact_value !== null
              ? { kind: row.contact_kind as ContactKind, value: row.contact_value }
              : null,
          locale: row.locale as Locale | null,
        },
      };
    },

    async updateSubmissionStatus(code, update) {
      return updateStatus.immediate(code, update.status, update.answer);
    },

    async countSubmissions() {
      return q.countSubmissions.get()!.n;
    },

    async close() {
      if (closed) return;
      closed = true;
      if (!db.open) return;
      // Fold the WAL back into the database file so the file alone is a complete copy.
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.pragma('optimize');
      } finally {
        db.close();
      }
    },
  };
  return store;
}

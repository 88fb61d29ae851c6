/**
 * The SQLite store (better-sqlite3): one file, WAL, synchronous=FULL so an accepted submission
 * survives a power cut. better-sqlite3 is synchronous, so each store method runs its checks and
 * writes inside one transaction with nothing else interleaving in this process; BEGIN IMMEDIATE
 * plus busy_timeout serialise writers across processes.
 *
 * The schema is in `sqlite-migrations.ts`; submissions shared by every kind in
 * `sqlite-submissions.ts`; consultations and comments in `sqlite-consultations.ts`.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { FEEDBACK_CATEGORIES, generateTrackingCode as defaultGenerateTrackingCode } from '@nazar/protocol';
import type { FeedbackCategory, FeedbackStatus } from '@nazar/protocol';
import { consultationMethods } from './consultations.js';
import { migrate } from './migrations.js';
import { sqlAdminMethods } from '../sql/admin.js';
import { groupCommit, type GroupCommit } from './group-commit.js';
import { pollMethods } from './polls.js';
import { submissionsTable } from './submissions.js';
import { toService, toStored, toSubmission, type ServiceRow, type SubmissionRow } from '../sql/rows.js';
import {
  generateCommentId,
  summarize,
  type CommentQuery,
  type ContactKind,
  type CreateSubmissionResult,
  type FeedbackRecord,
  type Locale,
  type NewFeedback,
  type NewService,
  type Service,
  type Store,
  type StoreOptions,
  type TrackedSubmission,
} from '../store.js';

export { MIGRATIONS, migrate, type Migration } from './migrations.js';

export const DEFAULT_SQLITE_PATH = './data/nazar.db';

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  /** The underlying connection (for tests and operator tooling). */
  readonly db: Database.Database;
  readonly path: string;
  /** The schema version after migrations. */
  schemaVersion(): number;
  /** The SQL of a comment listing (tests check its query plan). */
  commentListSql(query: CommentQuery): string;
  /** The group commit of submissions (its statistics: tests and benchmarks). */
  readonly groupCommit: GroupCommit;
  /** The SQL behind a poll's results and the has-voted lookup (tests check their query plans). */
  pollResultsSql(): string[];
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
  const submissions = submissionsTable(db, makeCode);
  const consultations = consultationMethods(db, submissions, options.generateCommentId ?? generateCommentId);
  const { resultsSql, ...pollStoreMethods } = pollMethods(db, submissions);

  const q = {
    getService: db.prepare<[string], ServiceRow>('SELECT * FROM services WHERE id = ?'),
    insertService: db.prepare(
      `INSERT INTO services (id, title, categories, registered_origin, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    ),
    listServices: db.prepare<[], ServiceRow>('SELECT * FROM services ORDER BY created_at, id'),
    countServices: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM services'),
    insertFeedback: db.prepare(
      `INSERT INTO feedback (submission_id, service_id, rating, categories, text, contact_kind, contact_value, locale)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    ratings: db.prepare<[string], { rating: number; n: number }>(
      'SELECT rating, COUNT(*) AS n FROM feedback WHERE service_id = ? GROUP BY rating',
    ),
    trackedFeedback: db.prepare<[string], SubmissionRow & { service_id: string; service_title: string | null }>(
      `SELECT s.*, f.service_id, sv.title AS service_title
       FROM submissions s JOIN feedback f ON f.submission_id = s.id LEFT JOIN services sv ON sv.id = f.service_id
       WHERE s.tracking_code = ?`,
    ),
    record: db.prepare<[string], FeedbackRow>(
      `SELECT s.*, f.service_id, f.rating, f.categories, f.text, f.contact_kind, f.contact_value, f.locale
       FROM submissions s JOIN feedback f ON f.submission_id = s.id WHERE s.tracking_code = ?`,
    ),
    updateStatus: db.prepare(`UPDATE submissions SET status = ?, updated_at = ? WHERE tracking_code = ? AND kind = 'feedback'`),
    updateAnswer: db.prepare('UPDATE submissions SET answer = ?, answered_at = ? WHERE tracking_code = ?'),
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
  const createFeedback = db.transaction((key: string, requestHash: string, f: NewFeedback, at: string): CreateSubmissionResult => {
    const submission = submissions.insert('feedback', key, requestHash, 'received', at, f.origin);
    if (!submission) return submissions.existingFor(key, requestHash)!;
    q.insertFeedback.run(
      submission.id,
      f.serviceId,
      f.rating,
      JSON.stringify(f.categories),
      f.text,
      f.contact?.kind ?? null,
      f.contact?.value ?? null,
      f.locale,
    );
    return { outcome: 'created', submission };
  });

  const updateStatus = db.transaction((code: string, status: FeedbackStatus, answer: string | null | undefined) => {
    const at = now().toISOString();
    const { changes } = q.updateStatus.run(status, at, code);
    if (changes === 0) return null;
    if (answer !== undefined) q.updateAnswer.run(answer, answer === null ? null : at, code);
    return toSubmission(submissions.byCode(code)!);
  });

  let closed = false;

  // Every feedback POST reads its service; services change only through this process (ensureService
  // and the admin API, both of which clear this), so known services are kept in memory. Only found
  // services are kept, and at most SERVICE_CACHE_SIZE: unknown ids a client invents cannot grow it.
  const services = new Map<string, Service>();
  const SERVICE_CACHE_SIZE = 1000;

  const { trackedComment, listSql, ...consultationStoreMethods } = consultations;
  // Citizens' submissions (feedback, comments, votes) go through group commit: see
  // sqlite-group-commit.ts. Officials' changes are rare and keep their own transactions.
  const group = groupCommit(db);

  // The admin part, shared with PostgreSQL (sql-admin.ts); statements prepared once per text.
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  };
  const admin = sqlAdminMethods({
    all: async <R>(sql: string, params: unknown[] = []) => prepared(sql).all(...params) as R[],
    run: async (sql, params = []) => {
      const changes = prepared(sql).run(...params).changes;
      // An official's change may touch a service (title, categories, sites): read them afresh.
      if (changes > 0) services.clear();
      return changes;
    },
  });

  const store: SqliteStore = {
    kind: 'sqlite',
    db,
    path,
    schemaVersion: () => version,
    commentListSql: listSql,
    pollResultsSql: resultsSql,

    async getService(id) {
      const known = services.get(id);
      if (known) return known;
      const row = q.getService.get(id);
      if (!row) return null;
      const service = toService(row);
      // Shared between requests: frozen, so no caller can change it for the next one.
      Object.freeze(service.categories);
      Object.freeze(service);
      if (services.size >= SERVICE_CACHE_SIZE) services.clear();
      services.set(id, service);
      return service;
    },

    async ensureService(input) {
      services.delete(input.id);
      return ensureService.immediate(input);
    },

    async listServices() {
      return q.listServices.all().map(toService);
    },

    async countServices() {
      return q.countServices.get()!.n;
    },

    async findByIdempotencyKey(key) {
      return submissions.byKey(key);
    },

    createFeedback(idempotency, feedback, at) {
      const when = at ?? now().toISOString();
      return group.run(async () => createFeedback(idempotency.key, idempotency.requestHash, feedback, when));
    },

    async ratingSummary(serviceId) {
      const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
      for (const { rating, n } of q.ratings.all(serviceId)) distribution[rating - 1] = n;
      return summarize(distribution);
    },

    async findByTrackingCode(code): Promise<TrackedSubmission | null> {
      const row = q.trackedFeedback.get(code);
      if (row) {
        return {
          ...toSubmission(row),
          kind: 'feedback',
          status: row.status as FeedbackStatus,
          subject: { type: 'service', id: row.service_id, title: row.service_title ?? row.service_id },
        };
      }
      return trackedComment(code);
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

    ...consultationStoreMethods,
    ...pollStoreMethods,
    ...admin,
    createComment: (idempotency, comment) => group.run(() => consultationStoreMethods.createComment(idempotency, comment)),
    createVote: (idempotency, vote) => group.run(() => pollStoreMethods.createVote(idempotency, vote)),
    groupCommit: group,

    async close() {
      if (closed) return;
      closed = true;
      if (!db.open) return;
      // Submissions still queued for group commit are written first.
      group.flush();
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

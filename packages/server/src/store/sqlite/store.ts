/**
 * The SQLite store (better-sqlite3): one file, WAL, synchronous=FULL so an accepted submission
 * survives a power cut. better-sqlite3 is synchronous, so each store method runs its checks and
 * writes inside one transaction with nothing else interleaving in this process; BEGIN IMMEDIATE
 * plus busy_timeout serialise writers across processes.
 *
 * The schema is in `migrations.ts`; submissions shared by every kind in `submissions.ts`; services
 * and feedback in `feedback.ts`, consultations and comments in `consultations.ts`, polls and votes
 * in `polls.ts`; citizens' writes are batched by `group-commit.ts`.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { generateTrackingCode as defaultGenerateTrackingCode } from '@nazar/protocol';
import { sqlAdminMethods } from '../sql/admin.js';
import { generateCommentId, type CommentQuery, type Store, type StoreOptions } from '../store.js';
import { consultationMethods } from './consultations.js';
import { feedbackMethods } from './feedback.js';
import { groupCommit, submissionsThroughGroupCommit, type GroupCommit } from './group-commit.js';
import { migrate } from './migrations.js';
import { pollMethods } from './polls.js';
import { submissionsTable } from './submissions.js';

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

  const feedback = feedbackMethods(db, submissions, now);

  let closed = false;

  const { trackedComment, listSql, ...consultationStoreMethods } = consultations;
  const { trackedFeedback, forgetServices, ...feedbackStoreMethods } = feedback;
  // Citizens' submissions (feedback, comments, votes) go through group commit: see
  // group-commit.ts. Officials' changes are rare and keep their own transactions.
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
      if (changes > 0) forgetServices();
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

    ...feedbackStoreMethods,
    async findByTrackingCode(code) {
      return trackedFeedback(code) ?? trackedComment(code);
    },
    ...consultationStoreMethods,
    ...pollStoreMethods,
    ...admin,
    ...submissionsThroughGroupCommit(group, now, {
      createFeedback: feedbackStoreMethods.createFeedback,
      createComment: consultationStoreMethods.createComment,
      createVote: pollStoreMethods.createVote,
    }),
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

/**
 * The PostgreSQL store (node-postgres): the same interface, tables and behaviour as the SQLite
 * store, for running several adapter processes behind a load balancer on one database.
 *
 * Atomicity: every state-changing method runs in one transaction on one pooled connection;
 * citizens' submissions that arrive together share one (group commit: `group-commit.ts`).
 * Idempotency and uniqueness rely on the database's UNIQUE constraints (`INSERT … ON CONFLICT DO
 * NOTHING`), not on a check-then-insert, so racing requests in different processes still create
 * one row per key. Lifecycle changes lock the consultation row (`SELECT … FOR UPDATE`).
 *
 * `createPgStore` returns at once; the pool connects and migrations run on first use (every
 * method awaits `ready`), so callers that need a synchronous factory (tests) can have one.
 *
 * The parts, split by resource like the SQLite store: submissions shared by every kind in
 * `submissions.ts`; services and feedback in `feedback.ts`, consultations and comments in
 * `consultations.ts`, polls and votes in `polls.ts`; the pool's statements and transactions in
 * `db.ts`; the batching of submissions in `group-commit.ts`; the schema in `migrations.ts`. Rows and their records are the SQL stores' (`../sql`).
 */
import pg from 'pg';
import type { QueryResultRow } from 'pg';
import { generateTrackingCode as defaultGenerateTrackingCode } from '@nazar/protocol';
import { numberPlaceholders, sqlAdminMethods } from '../sql/admin.js';
import { toTrackedFeedback } from '../sql/feedback-rows.js';
import { generateCommentId, type Store, type StoreOptions } from '../store.js';
import { consultationMethods } from './consultations.js';
import { pgDb } from './db.js';
import { sumStats, type BatcherOptions, type BatchStats } from './group-commit.js';
import { feedbackMethods } from './feedback.js';
import { migratePg, PG_MIGRATIONS, type PgMigration } from './migrations.js';
import { pollMethods } from './polls.js';
import { pgSubmissions } from './submissions.js';

export { PG_MIGRATIONS, migratePg, type PgMigration } from './migrations.js';

export interface PgStoreOptions extends StoreOptions {
  /**
   * A schema of its own (created if missing) instead of `public`: tests give each store fresh,
   * isolated storage in one database.
   */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
  /** Migrations to apply (tests of upgrades); defaults to all. */
  migrations?: readonly PgMigration[];
  /** Group commit of submissions: batches in flight at once and their size (see group-commit.ts). */
  batching?: BatcherOptions;
}

export interface PgStore extends Store {
  readonly kind: 'postgres';
  readonly pool: pg.Pool;
  /** Resolves once connected and migrated (with the schema version); rejects if that failed. */
  readonly ready: Promise<number>;
  /** Is the database reachable? (`SELECT 1`.) */
  ping(): Promise<boolean>;
  /** Drops the store's own schema (tests) and closes the pool. */
  dropSchema(): Promise<void>;
  /** The group commit of submissions: its statistics, all kinds together (tests, benchmarks). */
  readonly groupCommit: { stats(): BatchStats };
}

/** Is this a `postgres://` or `postgresql://` URL? */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url.trim());
}

/** The URL with any password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** `url` may be a promise (tests: the server is still starting). */
export function createPgStore(url: string | Promise<string>, options: PgStoreOptions = {}): PgStore {
  const now = options.now ?? (() => new Date());
  const makeCode = options.generateTrackingCode ?? (() => defaultGenerateTrackingCode());
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${schema}`);
  let pool!: pg.Pool;
  const ready: Promise<number> = (async () => {
    pool = new pg.Pool({
      connectionString: await url,
      max: options.max ?? 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
      // Fail fast when the server is down (readiness, the CLI) instead of hanging.
      connectionTimeoutMillis: 5000,
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const client = await pool.connect();
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      return await migratePg(client, options.migrations ?? PG_MIGRATIONS);
    } finally {
      client.release();
    }
  })();
  // Callers see the failure when they use the store; avoid an unhandled rejection meanwhile.
  ready.catch(() => {});

  const db = pgDb(() => pool, ready);
  const submissions = pgSubmissions(makeCode);
  // Citizens' submissions (feedback, comments, votes) go through group commit: see
  // group-commit.ts. Officials' changes are rare and keep their own transactions.
  const batching = options.batching ?? {};
  const { trackingRow, batch: feedbackBatch, ...feedbackStoreMethods } = feedbackMethods(db, submissions, now, makeCode, batching);
  const {
    trackedComment,
    batch: commentBatch,
    ...consultationStoreMethods
  } = consultationMethods(db, submissions, options.generateCommentId ?? generateCommentId, batching);
  const { batch: voteBatch, ...pollStoreMethods } = pollMethods(db, submissions, batching);
  const batches = [feedbackBatch, commentBatch, voteBatch];

  const admin = sqlAdminMethods({
    all: <R>(sql: string, params: unknown[] = []) => db.query<R & QueryResultRow>(numberPlaceholders(sql), params) as Promise<R[]>,
    run: async (sql, params = []) => {
      await ready;
      return (await pool.query(numberPlaceholders(sql), params)).rowCount ?? 0;
    },
  });

  let closed: Promise<void> | null = null;

  const store: PgStore = {
    kind: 'postgres',
    get pool() {
      return pool;
    },
    ready,

    ...admin,

    async ping() {
      try {
        await ready;
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },

    ...feedbackStoreMethods,
    async findByTrackingCode(code) {
      const row = await trackingRow(code);
      if (!row) return null;
      if (row.kind === 'feedback' && row.service_id !== null) return toTrackedFeedback({ ...row, service_id: row.service_id });
      return row.kind === 'comment' ? trackedComment(row) : null;
    },
    ...consultationStoreMethods,
    ...pollStoreMethods,

    groupCommit: { stats: () => sumStats(batches.map((b) => b.stats())) },

    close() {
      closed ??= ready.then(
        // Submissions still queued or in flight are written first.
        async () => {
          await Promise.all(batches.map((b) => b.drain()));
          await pool.end().catch(() => {});
        },
        () => pool?.end().catch(() => {}),
      );
      return closed;
    },

    async dropSchema() {
      if (schema) {
        try {
          await ready;
          await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        } catch {
          // The database may be gone already; nothing to clean.
        }
      }
      await store.close();
    },
  };
  return store;
}

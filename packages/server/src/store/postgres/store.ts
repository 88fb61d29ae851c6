/**
 * The PostgreSQL store (node-postgres): the same interface, tables and behaviour as the SQLite
 * store, for running several adapter processes behind a load balancer on one database.
 *
 * Atomicity: every state-changing method runs in one transaction on one pooled connection.
 * Idempotency and uniqueness rely on the database's UNIQUE constraints (`INSERT … ON CONFLICT DO
 * NOTHING`), not on a check-then-insert, so racing requests in different processes still create
 * one row per key. Lifecycle changes lock the consultation row (`SELECT … FOR UPDATE`).
 *
 * `createPgStore` returns at once; the pool connects and migrations run on first use (every
 * method awaits `ready`), so callers that need a synchronous factory (tests) can have one.
 */
import pg from 'pg';
import type { PoolClient, QueryResultRow } from 'pg';
import { FEEDBACK_CATEGORIES, generateTrackingCode as defaultGenerateTrackingCode, type CommentStatus, type PollResults } from '@nazar/protocol';
import { migratePg, PG_MIGRATIONS, type PgMigration } from './migrations.js';
import { numberPlaceholders, sqlAdminMethods } from '../sql/admin.js';
import { toExisting, toService, toStored, toSubmission, type CountRow, type ServiceRow, type SubmissionRow } from '../sql/rows.js';
import { toFeedbackRecord, toRatingSummary, toTrackedFeedback, type FeedbackRow, type RatingCountRow } from '../sql/feedback-rows.js';
import {
  COMMENT_COLUMNS,
  COMMENT_FROM,
  matchDispositions,
  toComment,
  toCommentStats,
  toConsultation,
  toTrackedComment,
  type ClauseRow,
  type CommentRow,
  type ConsultationRow,
  type DispositionCountRow,
  type ExtensionRow,
  type PublishedCommentRow,
  type StanceCountRow,
} from '../sql/consultation-rows.js';
import { VOTE_COLUMNS, VOTE_FROM, orderedChoice, toPoll, toRecount, toVote, type OptionCountRow, type PollOptionRow, type PollRow, type VoteRow } from '../sql/poll-rows.js';
import {
  TRACKING_CODE_ATTEMPTS,
  generateCommentId,
  type ConsultationChange,
  type ConsultationRecord,
  type CreateSubmissionResult,
  type CreateVoteResult,
  type IdempotencyInput,
  type NewComment,
  type NewService,
  type NewVote,
  type PollRecord,
  type Store,
  type StoreOptions,
  type SubmissionKind,
  type TrackedSubmission,
} from '../store.js';

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

type Q = <R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;

/** `url` may be a promise (tests: the server is still starting). */
export function createPgStore(url: string | Promise<string>, options: PgStoreOptions = {}): PgStore {
  const now = options.now ?? (() => new Date());
  const makeCode = options.generateTrackingCode ?? (() => defaultGenerateTrackingCode());
  const makeCommentId = options.generateCommentId ?? generateCommentId;
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

  const query: Q = async (text, values) => {
    await ready;
    return (await pool.query(text, values)).rows;
  };

  /** Runs `fn` in one transaction on one connection. */
  async function tx<T>(fn: (q: Q, client: PoolClient) => Promise<T>): Promise<T> {
    await ready;
    const client = await pool.connect();
    const q: Q = async (text, values) => (await client.query(text, values)).rows;
    try {
      await client.query('BEGIN');
      const result = await fn(q, client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  // -------------------------------------------------------------------------------------------
  // Submissions shared by every kind

  async function byKey(q: Q, key: string): Promise<SubmissionRow | undefined> {
    return (await q<SubmissionRow>('SELECT * FROM submissions WHERE idempotency_key = $1', [key]))[0];
  }

  /**
   * Inserts the submission row unless the key is used (then the replay or conflict). A tracking
   * code that collides is retried with a fresh one. Inside a transaction: a SAVEPOINT keeps a
   * failed insert from aborting it.
   */
  async function insertSubmission(
    q: Q,
    kind: SubmissionKind,
    idempotency: IdempotencyInput,
    status: string,
    at: string,
    origin: string | null | undefined,
  ): Promise<{ created: SubmissionRow } | { existing: CreateSubmissionResult }> {
    for (let i = 0; i < TRACKING_CODE_ATTEMPTS; i++) {
      const code = makeCode();
      const inserted = await q<SubmissionRow>(
        `INSERT INTO submissions (kind, idempotency_key, request_hash, tracking_code, status, created_at, updated_at, origin)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7) ON CONFLICT DO NOTHING RETURNING *`,
        [kind, idempotency.key, idempotency.requestHash, code, status, at, origin ?? null],
      );
      if (inserted[0]) return { created: inserted[0] };
      // Either the key is taken (by a committed row: ON CONFLICT waited for it) or the code.
      const existing = await byKey(q, idempotency.key);
      if (existing) return { existing: toExisting(existing, idempotency.requestHash) };
    }
    throw new Error('could not generate a unique tracking code');
  }

  async function touch(q: Q, id: number, status: string, at: string): Promise<void> {
    await q('UPDATE submissions SET status = $1, updated_at = $2 WHERE id = $3', [status, at, id]);
  }

  // -------------------------------------------------------------------------------------------
  // Consultations

  async function toRecord(q: Q, row: ConsultationRow): Promise<ConsultationRecord> {
    const clauses = await q<ClauseRow & { version: number }>(
      'SELECT version, clause_id, number, heading, text FROM clauses WHERE consultation_id = $1 ORDER BY version, number',
      [row.id],
    );
    const extensions = await q<ExtensionRow>(
      'SELECT previous_closes_at, closes_at, reason, at FROM window_extensions WHERE consultation_id = $1 ORDER BY id',
      [row.id],
    );
    const final = row.issued_at !== null ? clauses.filter((c) => c.version === 2) : null;
    return toConsultation(row, { draft: clauses.filter((c) => c.version === 1), final }, extensions);
  }

  const bySlug = async (q: Q, slug: string, lock = false) =>
    (await q<ConsultationRow>(`SELECT * FROM consultations WHERE slug = $1${lock ? ' FOR UPDATE' : ''}`, [slug]))[0];

  /** Locks the consultation; refuses unknown and finished (issued, withdrawn) ones. */
  function change(
    slug: string,
    apply: (q: Q, row: ConsultationRow) => Promise<ConsultationChange | null>,
  ): Promise<ConsultationChange> {
    return tx(async (q) => {
      const row = await bySlug(q, slug, true);
      if (!row) return { outcome: 'not-found' };
      if (row.issued_at !== null || row.withdrawn_at !== null) return { outcome: 'invalid-state', consultation: await toRecord(q, row) };
      return (await apply(q, row)) ?? { outcome: 'ok', consultation: await toRecord(q, (await bySlug(q, slug))!) };
    });
  }

  async function commentBy(q: Q, where: string, value: string): Promise<CommentRow | undefined> {
    return (await q<CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM ${COMMENT_FROM} WHERE ${where} = $1`, [value]))[0];
  }

  async function createCommentIn(q: Q, idempotency: IdempotencyInput, c: NewComment): Promise<CreateSubmissionResult> {
    const consultation = await bySlug(q, c.consultationSlug);
    const status: CommentStatus = c.moderation === 'post' ? 'published' : 'pending';
    const existing = await byKey(q, idempotency.key);
    if (existing) return toExisting(existing, idempotency.requestHash);
    if (!consultation) throw new Error(`unknown consultation ${c.consultationSlug}`);
    const inserted = await insertSubmission(q, 'comment', idempotency, status, c.at, c.origin);
    if ('existing' in inserted) return inserted.existing;
    const id = inserted.created.id;
    let publicId: string | null = null;
    for (let i = 0; i < TRACKING_CODE_ATTEMPTS && publicId === null; i++) {
      const candidate = makeCommentId();
      if ((await q('SELECT 1 FROM comments WHERE public_id = $1', [candidate])).length === 0) publicId = candidate;
    }
    if (publicId === null) throw new Error('could not generate a unique comment id');
    await q(
      `INSERT INTO comments (submission_id, public_id, consultation_id, clause_id, stance, text, proposed_text, display_name,
         contact_kind, contact_value, locale, moderation, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        id,
        publicId,
        consultation.id,
        c.clauseId,
        c.stance,
        c.text,
        c.proposedText,
        c.displayName,
        c.contact?.kind ?? null,
        c.contact?.value ?? null,
        c.locale,
        c.moderation,
        status,
        c.at,
      ],
    );
    return { outcome: 'created', submission: toStored(inserted.created) };
  }

  // -------------------------------------------------------------------------------------------
  // Polls

  async function pollRecord(q: Q, row: PollRow): Promise<PollRecord> {
    return toPoll(row, await q<PollOptionRow>('SELECT option_id, label FROM poll_options WHERE poll_id = $1 ORDER BY position', [row.id]));
  }

  const pollBySlug = async (q: Q, slug: string, lock = false) =>
    (await q<PollRow>(`SELECT * FROM polls WHERE slug = $1${lock ? ' FOR UPDATE' : ''}`, [slug]))[0];

  /**
   * One vote, in the caller's transaction. The poll row is locked first, so votes in one poll are
   * serialised: the key check, the one-vote-per-voter check and the counters cannot race (and
   * the UNIQUE indexes back them up).
   */
  async function createVoteIn(q: Q, idempotency: IdempotencyInput, vote: NewVote): Promise<CreateVoteResult> {
    const poll = await pollBySlug(q, vote.pollSlug, true);
    const existing = await byKey(q, idempotency.key);
    if (existing) return toExisting(existing, idempotency.requestHash);
    if (!poll) throw new Error(`unknown poll ${vote.pollSlug}`);
    if ((await q('SELECT 1 FROM votes WHERE poll_id = $1 AND voter_hash = $2', [poll.id, vote.voter.hash])).length > 0) return { outcome: 'already-voted' };
    const order = (await q<{ option_id: string }>('SELECT option_id FROM poll_options WHERE poll_id = $1 ORDER BY position', [poll.id])).map((o) => o.option_id);
    const optionIds = orderedChoice(order, vote);
    const inserted = await insertSubmission(q, 'vote', idempotency, 'received', vote.at, vote.origin);
    if ('existing' in inserted) return inserted.existing;
    await q('INSERT INTO votes (submission_id, poll_id, voter_hash, voter_tier, option_ids, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      inserted.created.id,
      poll.id,
      vote.voter.hash,
      vote.voter.tier,
      JSON.stringify(optionIds),
      vote.at,
    ]);
    await q('UPDATE poll_options SET votes = votes + 1 WHERE poll_id = $1 AND option_id = ANY($2::text[])', [poll.id, optionIds]);
    await q('UPDATE polls SET total_voters = total_voters + 1 WHERE id = $1', [poll.id]);
    return { outcome: 'created', submission: toStored(inserted.created) };
  }

  const admin = sqlAdminMethods({
    all: <R>(sql: string, params: unknown[] = []) => query<R & QueryResultRow>(numberPlaceholders(sql), params) as Promise<R[]>,
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

    async getService(id) {
      const row = (await query<ServiceRow>('SELECT * FROM services WHERE id = $1', [id]))[0];
      return row ? toService(row) : null;
    },

    async ensureService(input: NewService) {
      const inserted = await query<ServiceRow>(
        `INSERT INTO services (id, title, categories, registered_origin, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING RETURNING *`,
        [input.id, input.title, JSON.stringify([...(input.categories ?? FEEDBACK_CATEGORIES)]), input.registeredOrigin ?? null, now().toISOString()],
      );
      if (inserted[0]) return { service: toService(inserted[0]), created: true };
      const row = (await query<ServiceRow>('SELECT * FROM services WHERE id = $1', [input.id]))[0]!;
      return { service: toService(row), created: false };
    },

    async listServices() {
      return (await query<ServiceRow>('SELECT * FROM services ORDER BY created_at, id')).map(toService);
    },

    async countServices() {
      return (await query<CountRow>('SELECT COUNT(*)::int AS n FROM services'))[0]!.n;
    },

    async findByIdempotencyKey(key) {
      const row = (await query<SubmissionRow>('SELECT * FROM submissions WHERE idempotency_key = $1', [key]))[0];
      return row ? toStored(row) : null;
    },

    async createFeedback(idempotency, f, at) {
      const when = at ?? now().toISOString();
      // One statement (so one round trip and one implicit transaction): the submission row unless
      // the key or the code is taken, and its feedback row with it. No row back: a used key
      // (replay or conflict) or, rarely, a tracking code that collided (tried again).
      for (let i = 0; i < TRACKING_CODE_ATTEMPTS; i++) {
        const rows = await query<SubmissionRow>(
          `WITH s AS (
             INSERT INTO submissions (kind, idempotency_key, request_hash, tracking_code, status, created_at, updated_at, origin)
             VALUES ('feedback', $1, $2, $3, 'received', $4, $4, $5) ON CONFLICT DO NOTHING RETURNING *
           ), f AS (
             INSERT INTO feedback (submission_id, service_id, rating, categories, text, contact_kind, contact_value, locale)
             SELECT id, $6, $7, $8, $9, $10, $11, $12 FROM s
           )
           SELECT * FROM s`,
          [
            idempotency.key,
            idempotency.requestHash,
            makeCode(),
            when,
            f.origin ?? null,
            f.serviceId,
            f.rating,
            JSON.stringify(f.categories),
            f.text,
            f.contact?.kind ?? null,
            f.contact?.value ?? null,
            f.locale,
          ],
        );
        if (rows[0]) return { outcome: 'created', submission: toStored(rows[0]) };
        const existing = await byKey(query, idempotency.key);
        if (existing) return toExisting(existing, idempotency.requestHash);
      }
      throw new Error('could not generate a unique tracking code');
    },

    async ratingSummary(serviceId) {
      const rows = await query<RatingCountRow>('SELECT rating, COUNT(*)::int AS n FROM feedback WHERE service_id = $1 GROUP BY rating', [serviceId]);
      return toRatingSummary(rows);
    },

    async findByTrackingCode(code): Promise<TrackedSubmission | null> {
      const row = (
        await query<SubmissionRow & { service_id: string | null; service_title: string | null }>(
          `SELECT s.*, f.service_id, sv.title AS service_title
           FROM submissions s LEFT JOIN feedback f ON f.submission_id = s.id LEFT JOIN services sv ON sv.id = f.service_id
           WHERE s.tracking_code = $1`,
          [code],
        )
      )[0];
      if (!row) return null;
      if (row.kind === 'feedback' && row.service_id !== null) return toTrackedFeedback({ ...row, service_id: row.service_id });
      if (row.kind !== 'comment') return null;
      const comment = await commentBy(query, 's.tracking_code', code);
      return comment ? toTrackedComment(row, comment) : null;
    },

    async getFeedbackRecord(code) {
      const row = (
        await query<FeedbackRow>(
          `SELECT s.*, f.service_id, f.rating, f.categories, f.text, f.contact_kind, f.contact_value, f.locale
           FROM submissions s JOIN feedback f ON f.submission_id = s.id WHERE s.tracking_code = $1`,
          [code],
        )
      )[0];
      return row ? toFeedbackRecord(row) : null;
    },

    async updateSubmissionStatus(code, update) {
      const at = now().toISOString();
      return tx(async (q) => {
        const rows = await q<SubmissionRow>(
          `UPDATE submissions SET status = $1, updated_at = $2 WHERE tracking_code = $3 AND kind = 'feedback' RETURNING *`,
          [update.status, at, code],
        );
        if (!rows[0]) return null;
        if (update.answer === undefined) return toSubmission(rows[0]);
        const answered = await q<SubmissionRow>('UPDATE submissions SET answer = $1, answered_at = $2 WHERE tracking_code = $3 RETURNING *', [
          update.answer,
          update.answer === null ? null : at,
          code,
        ]);
        return toSubmission(answered[0]!);
      });
    },

    async countSubmissions() {
      return (await query<CountRow>('SELECT COUNT(*)::int AS n FROM submissions'))[0]!.n;
    },

    // -----------------------------------------------------------------------------------------
    // Consultations

    async createConsultation(input) {
      return tx(async (q) => {
        const inserted = await q<ConsultationRow>(
          `INSERT INTO consultations (slug, title, summary, kind, issuing_body, opens_at, closes_at, moderation, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (slug) DO NOTHING RETURNING *`,
          [input.slug, input.title, input.summary, input.kind, input.issuingBody, input.opensAt, input.closesAt, input.moderation, input.at],
        );
        const row = inserted[0];
        if (!row) return { created: false, consultation: await toRecord(q, (await bySlug(q, input.slug))!) };
        for (const [i, c] of input.clauses.entries()) {
          await q('INSERT INTO clauses (consultation_id, version, clause_id, number, heading, text) VALUES ($1, 1, $2, $3, $4, $5)', [
            row.id,
            c.id,
            i + 1,
            c.heading,
            c.text,
          ]);
        }
        return { created: true, consultation: await toRecord(q, row) };
      });
    },

    async getConsultation(slug) {
      const row = await bySlug(query, slug);
      return row ? toRecord(query, row) : null;
    },

    async countConsultations() {
      return (await query<CountRow>('SELECT COUNT(*)::int AS n FROM consultations'))[0]!.n;
    },

    extendConsultation(slug, input) {
      return change(slug, async (q, row) => {
        if (Date.parse(input.closesAt) <= Date.parse(row.closes_at)) return { outcome: 'not-forward', consultation: await toRecord(q, row) };
        await q('INSERT INTO window_extensions (consultation_id, previous_closes_at, closes_at, reason, at) VALUES ($1, $2, $3, $4, $5)', [
          row.id,
          row.closes_at,
          input.closesAt,
          input.reason,
          input.at,
        ]);
        await q('UPDATE consultations SET closes_at = $1 WHERE id = $2', [input.closesAt, row.id]);
        return null;
      });
    },

    withdrawConsultation(slug, input) {
      return change(slug, async (q, row) => {
        await q('UPDATE consultations SET withdrawn_at = $1, withdrawal_reason = $2 WHERE id = $3', [input.at, input.reason, row.id]);
        return null;
      });
    },

    issueConsultation(slug, input) {
      return change(slug, async (q, row) => {
        if (Date.parse(row.closes_at) > Date.parse(input.at)) return { outcome: 'invalid-state', consultation: await toRecord(q, row) };
        const published = await q<PublishedCommentRow>(
          `SELECT submission_id, public_id FROM comments WHERE consultation_id = $1 AND status = 'published'`,
          [row.id],
        );
        const dispositions = matchDispositions(published, input.dispositions);
        if ('refused' in dispositions) return dispositions.refused;
        for (const d of dispositions.matched) {
          await q('UPDATE comments SET disposition_outcome = $1, disposition_reason = $2 WHERE submission_id = $3', [d.outcome, d.reason, d.submissionId]);
          await touch(q, d.submissionId, 'published', input.at);
        }
        for (const c of input.clauses) {
          await q('INSERT INTO clauses (consultation_id, version, clause_id, number, heading, text) VALUES ($1, 2, $2, $3, $4, $5)', [
            row.id,
            c.id,
            c.number,
            c.heading,
            c.text,
          ]);
        }
        await q('UPDATE consultations SET issued_at = $1, outcome_summary = $2 WHERE id = $3', [input.at, input.summary, row.id]);
        return null;
      });
    },

    // -----------------------------------------------------------------------------------------
    // Comments

    createComment(idempotency, comment) {
      return tx((q) => createCommentIn(q, idempotency, comment));
    },

    createComments(items) {
      return tx(async (q) => {
        const out: CreateSubmissionResult[] = [];
        for (const item of items) out.push(await createCommentIn(q, item.idempotency, item.comment));
        return out;
      });
    },

    async getComment(id) {
      const row = await commentBy(query, 'c.public_id', id);
      return row ? toComment(row) : null;
    },

    async getCommentByTrackingCode(code) {
      const row = await commentBy(query, 's.tracking_code', code);
      return row ? toComment(row) : null;
    },

    async listComments(slug, q) {
      const consultation = (await query<{ id: number }>('SELECT id FROM consultations WHERE slug = $1', [slug]))[0];
      if (!consultation) return null;
      const params: unknown[] = [slug, consultation.id];
      const where = ['c.consultation_id = $2'];
      if (q.status !== undefined) where.push(`c.status = $${params.push(q.status)}`);
      if (q.clauseId !== undefined) where.push(`c.clause_id IS NOT DISTINCT FROM $${params.push(q.clauseId)}`);
      if (q.before != null) where.push(`(c.created_at, c.submission_id) < ($${params.push(q.before.createdAt)}, $${params.push(q.before.seq)})`);
      const limit = params.push(q.limit);
      const rows = await query<CommentRow>(
        `SELECT ${COMMENT_COLUMNS.replace('k.slug', '$1::text AS slug')} FROM comments c JOIN submissions s ON s.id = c.submission_id
         WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.submission_id DESC LIMIT $${limit}`,
        params,
      );
      return rows.map(toComment);
    },

    async commentStats(slug) {
      const consultation = await bySlug(query, slug);
      if (!consultation) return toCommentStats([], []);
      const byClause = await query<StanceCountRow>(
        `SELECT clause_id, stance, COUNT(*)::int AS n FROM comments WHERE consultation_id = $1 AND status = 'published'
         GROUP BY stance, clause_id`,
        [consultation.id],
      );
      const dispositions =
        consultation.issued_at === null
          ? []
          : await query<DispositionCountRow>(
              `SELECT disposition_outcome AS outcome, COUNT(*)::int AS n FROM comments
               WHERE consultation_id = $1 AND status = 'published' AND disposition_outcome IS NOT NULL GROUP BY disposition_outcome`,
              [consultation.id],
            );
      return toCommentStats(byClause, dispositions);
    },

    moderateComment(id, input) {
      return tx(async (q) => {
        const found = (await q<{ submission_id: number; issued_at: string | null }>(
          `SELECT c.submission_id, k.issued_at FROM comments c JOIN consultations k ON k.id = c.consultation_id
           WHERE c.public_id = $1 FOR UPDATE OF k`,
          [id],
        ))[0];
        if (!found) return { outcome: 'not-found' as const };
        if (found.issued_at !== null) return { outcome: 'invalid-state' as const, comment: toComment((await commentBy(q, 'c.public_id', id))!) };
        await q('UPDATE comments SET status = $1, rejection_reason = $2 WHERE submission_id = $3', [
          input.status,
          input.status === 'rejected' ? input.reason : null,
          found.submission_id,
        ]);
        await touch(q, found.submission_id, input.status, input.at);
        return { outcome: 'ok' as const, comment: toComment((await commentBy(q, 'c.public_id', id))!) };
      });
    },

    replyToComment(id, input) {
      return tx(async (q) => {
        const row = await commentBy(q, 'c.public_id', id);
        if (!row) return null;
        await q('UPDATE comments SET reply_text = $1, reply_at = $2 WHERE submission_id = $3', [input.text, input.at, row.submission_id]);
        await touch(q, row.submission_id, row.status, input.at);
        return toComment((await commentBy(q, 'c.public_id', id))!);
      });
    },

    // -----------------------------------------------------------------------------------------
    // Polls

    createPoll(input) {
      return tx(async (q) => {
        const inserted = await q<PollRow>(
          `INSERT INTO polls (slug, question, description, mode, max_choices, opens_at, closes_at, results_visibility, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (slug) DO NOTHING RETURNING *`,
          [input.slug, input.question, input.description, input.mode, input.maxChoices, input.opensAt, input.closesAt, input.resultsVisibility, input.at],
        );
        const row = inserted[0];
        if (!row) return { created: false, poll: await pollRecord(q, (await pollBySlug(q, input.slug))!) };
        for (const [i, o] of input.options.entries()) {
          await q('INSERT INTO poll_options (poll_id, position, option_id, label) VALUES ($1, $2, $3, $4)', [row.id, i + 1, o.id, o.label]);
        }
        return { created: true, poll: await pollRecord(q, row) };
      });
    },

    async getPoll(slug) {
      const row = await pollBySlug(query, slug);
      return row ? pollRecord(query, row) : null;
    },

    async countPolls() {
      return (await query<CountRow>('SELECT COUNT(*)::int AS n FROM polls'))[0]!.n;
    },

    closePoll(slug, at) {
      return tx(async (q) => {
        const row = await pollBySlug(q, slug, true);
        if (!row) return { outcome: 'not-found' as const };
        if (row.closed_at !== null) return { outcome: 'invalid-state' as const, poll: await pollRecord(q, row) };
        await q('UPDATE polls SET closed_at = $1 WHERE id = $2', [at, row.id]);
        return { outcome: 'ok' as const, poll: await pollRecord(q, (await pollBySlug(q, slug))!) };
      });
    },

    async pollResults(slug): Promise<PollResults | null> {
      // One statement: the voters and the option counters are of the same snapshot.
      const rows = await query<{ total_voters: number; option_id: string | null; votes: number | null }>(
        `SELECT p.total_voters, o.option_id, o.votes FROM polls p LEFT JOIN poll_options o ON o.poll_id = p.id
         WHERE p.slug = $1 ORDER BY o.position`,
        [slug],
      );
      if (rows.length === 0) return null;
      const counts: Record<string, number> = {};
      for (const r of rows) if (r.option_id !== null) counts[r.option_id] = r.votes ?? 0;
      return { totalVoters: rows[0]!.total_voters, counts };
    },

    async recountPoll(slug): Promise<PollResults | null> {
      return tx(async (q) => {
        const row = await pollBySlug(q, slug);
        if (!row) return null;
        const optionIds = (await pollRecord(q, row)).options.map((o) => o.id);
        const byOption = await q<OptionCountRow>(
          `SELECT j.value AS option_id, COUNT(*)::int AS n FROM votes v, json_array_elements_text(v.option_ids::json) j(value)
           WHERE v.poll_id = $1 GROUP BY j.value`,
          [row.id],
        );
        const voters = (await q<CountRow>('SELECT COUNT(*)::int AS n FROM votes WHERE poll_id = $1', [row.id]))[0]!.n;
        return toRecount(optionIds, byOption, voters);
      });
    },

    async hasVoted(slug, voterHash) {
      const rows = await query('SELECT 1 FROM votes WHERE poll_id = (SELECT id FROM polls WHERE slug = $1) AND voter_hash = $2', [slug, voterHash]);
      return rows.length > 0;
    },

    createVote(idempotency, vote) {
      return tx((q) => createVoteIn(q, idempotency, vote));
    },

    createVotes(items) {
      return tx(async (q) => {
        const out: CreateVoteResult[] = [];
        for (const item of items) out.push(await createVoteIn(q, item.idempotency, item.vote));
        return out;
      });
    },

    async getVoteByTrackingCode(code) {
      const row = (await query<VoteRow>(`SELECT ${VOTE_COLUMNS} FROM ${VOTE_FROM} WHERE s.tracking_code = $1`, [code]))[0];
      return row ? toVote(row) : null;
    },

    close() {
      closed ??= ready.then(
        () => pool.end().catch(() => {}),
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

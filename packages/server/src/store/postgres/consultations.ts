/**
 * The PostgreSQL store's consultations and comments. Lifecycle changes lock the consultation row
 * (`SELECT … FOR UPDATE`) inside their transaction, so racing officials in different processes
 * change it one at a time.
 */
import type { CommentStatus } from '@nazar/protocol';
import { toExisting, toStored, type CountRow, type SubmissionRow } from '../sql/rows.js';
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
import {
  TRACKING_CODE_ATTEMPTS,
  type ConsultationChange,
  type ConsultationRecord,
  type CreateSubmissionResult,
  type IdempotencyInput,
  type NewComment,
  type Store,
  type TrackedComment,
} from '../store.js';
import type { PgDb, Q } from './db.js';
import { batcher, type Batcher, type BatcherOptions } from './group-commit.js';
import type { PgSubmissions } from './submissions.js';

export type PgConsultationMethods = Pick<
  Store,
  | 'createConsultation'
  | 'getConsultation'
  | 'countConsultations'
  | 'extendConsultation'
  | 'withdrawConsultation'
  | 'issueConsultation'
  | 'createComment'
  | 'createComments'
  | 'getComment'
  | 'getCommentByTrackingCode'
  | 'listComments'
  | 'commentStats'
  | 'moderateComment'
  | 'replyToComment'
> & {
  /** The tracking lookup's answer for a comment submission (null if it has no comment row). */
  trackedComment(submission: SubmissionRow): Promise<TrackedComment | null>;
  /** The group commit of comments. */
  batch: Batcher<CommentItem, CreateSubmissionResult>;
};

interface CommentItem {
  idempotency: IdempotencyInput;
  comment: NewComment;
}

export function consultationMethods(
  db: PgDb,
  submissions: PgSubmissions,
  makeCommentId: () => string,
  batching: BatcherOptions = {},
): PgConsultationMethods {
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
  function change(slug: string, apply: (q: Q, row: ConsultationRow) => Promise<ConsultationChange | null>): Promise<ConsultationChange> {
    return db.tx(async (q) => {
      const row = await bySlug(q, slug, true);
      if (!row) return { outcome: 'not-found' };
      if (row.issued_at !== null || row.withdrawn_at !== null) return { outcome: 'invalid-state', consultation: await toRecord(q, row) };
      return (await apply(q, row)) ?? { outcome: 'ok', consultation: await toRecord(q, await bySlug(q, slug)) };
    });
  }

  async function commentBy(q: Q, where: string, value: string): Promise<CommentRow | undefined> {
    return (await q<CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM ${COMMENT_FROM} WHERE ${where} = $1`, [value]))[0];
  }

  async function createCommentIn(q: Q, idempotency: IdempotencyInput, c: NewComment): Promise<CreateSubmissionResult> {
    const consultation = await bySlug(q, c.consultationSlug);
    const status: CommentStatus = c.moderation === 'post' ? 'published' : 'pending';
    const existing = await submissions.byKey(q, idempotency.key);
    if (existing) return toExisting(existing, idempotency.requestHash);
    if (!consultation) throw new Error(`unknown consultation ${c.consultationSlug}`);
    const inserted = await submissions.insert(q, 'comment', idempotency, status, c.at, c.origin);
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

  // Comments that arrive together are written in one transaction, each in a savepoint of its own
  // (see group-commit.ts and PgDb.eachInTx).
  const batch = batcher<CommentItem, CreateSubmissionResult>(
    (items, stats) => db.eachInTx(items, (q, item) => createCommentIn(q, item.idempotency, item.comment), stats),
    batching,
  );

  return {
    batch,

    async createConsultation(input) {
      return db.tx(async (q) => {
        const inserted = await q<ConsultationRow>(
          `INSERT INTO consultations (slug, title, summary, kind, issuing_body, opens_at, closes_at, moderation, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (slug) DO NOTHING RETURNING *`,
          [
            input.slug,
            input.title,
            input.summary,
            input.kind,
            input.issuingBody,
            input.opensAt,
            input.closesAt,
            input.moderation,
            input.at,
          ],
        );
        const row = inserted[0];
        if (!row) return { created: false, consultation: await toRecord(q, await bySlug(q, input.slug)) };
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
      const row = await bySlug(db.query, slug);
      return row ? toRecord(db.query, row) : null;
    },

    async countConsultations() {
      return (await db.query<CountRow>('SELECT COUNT(*)::int AS n FROM consultations'))[0].n;
    },

    extendConsultation(slug, input) {
      return change(slug, async (q, row) => {
        if (Date.parse(input.closesAt) <= Date.parse(row.closes_at))
          return { outcome: 'not-forward', consultation: await toRecord(q, row) };
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
          await q('UPDATE comments SET disposition_outcome = $1, disposition_reason = $2 WHERE submission_id = $3', [
            d.outcome,
            d.reason,
            d.submissionId,
          ]);
          await submissions.touch(q, d.submissionId, 'published', input.at);
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

    // Comments

    createComment(idempotency, comment) {
      return batch.run({ idempotency, comment });
    },

    createComments(items) {
      return db.tx(async (q) => {
        const out: CreateSubmissionResult[] = [];
        for (const item of items) out.push(await createCommentIn(q, item.idempotency, item.comment));
        return out;
      });
    },

    async getComment(id) {
      const row = await commentBy(db.query, 'c.public_id', id);
      return row ? toComment(row) : null;
    },

    async getCommentByTrackingCode(code) {
      const row = await commentBy(db.query, 's.tracking_code', code);
      return row ? toComment(row) : null;
    },

    async listComments(slug, q) {
      const consultation = (await db.query<{ id: number }>('SELECT id FROM consultations WHERE slug = $1', [slug]))[0];
      if (!consultation) return null;
      const params: unknown[] = [slug, consultation.id];
      const where = ['c.consultation_id = $2'];
      if (q.status !== undefined) where.push(`c.status = $${params.push(q.status)}`);
      if (q.clauseId !== undefined) where.push(`c.clause_id IS NOT DISTINCT FROM $${params.push(q.clauseId)}`);
      if (q.before != null)
        where.push(`(c.created_at, c.submission_id) < ($${params.push(q.before.createdAt)}, $${params.push(q.before.seq)})`);
      const limit = params.push(q.limit);
      const rows = await db.query<CommentRow>(
        `SELECT ${COMMENT_COLUMNS.replace('k.slug', '$1::text AS slug')} FROM comments c JOIN submissions s ON s.id = c.submission_id
         WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.submission_id DESC LIMIT $${limit}`,
        params,
      );
      return rows.map(toComment);
    },

    async commentStats(slug) {
      const consultation = await bySlug(db.query, slug);
      if (!consultation) return toCommentStats([], []);
      const byClause = await db.query<StanceCountRow>(
        `SELECT clause_id, stance, COUNT(*)::int AS n FROM comments WHERE consultation_id = $1 AND status = 'published'
         GROUP BY stance, clause_id`,
        [consultation.id],
      );
      const dispositions =
        consultation.issued_at === null
          ? []
          : await db.query<DispositionCountRow>(
              `SELECT disposition_outcome AS outcome, COUNT(*)::int AS n FROM comments
               WHERE consultation_id = $1 AND status = 'published' AND disposition_outcome IS NOT NULL GROUP BY disposition_outcome`,
              [consultation.id],
            );
      return toCommentStats(byClause, dispositions);
    },

    moderateComment(id, input) {
      return db.tx(async (q) => {
        const found = (
          await q<{ submission_id: number; issued_at: string | null }>(
            `SELECT c.submission_id, k.issued_at FROM comments c JOIN consultations k ON k.id = c.consultation_id
           WHERE c.public_id = $1 FOR UPDATE OF k`,
            [id],
          )
        )[0];
        if (!found) return { outcome: 'not-found' as const };
        if (found.issued_at !== null)
          return { outcome: 'invalid-state' as const, comment: toComment((await commentBy(q, 'c.public_id', id))!) };
        await q('UPDATE comments SET status = $1, rejection_reason = $2 WHERE submission_id = $3', [
          input.status,
          input.status === 'rejected' ? input.reason : null,
          found.submission_id,
        ]);
        await submissions.touch(q, found.submission_id, input.status, input.at);
        return { outcome: 'ok' as const, comment: toComment((await commentBy(q, 'c.public_id', id))!) };
      });
    },

    replyToComment(id, input) {
      return db.tx(async (q) => {
        const row = await commentBy(q, 'c.public_id', id);
        if (!row) return null;
        await q('UPDATE comments SET reply_text = $1, reply_at = $2 WHERE submission_id = $3', [input.text, input.at, row.submission_id]);
        await submissions.touch(q, row.submission_id, row.status, input.at);
        return toComment((await commentBy(q, 'c.public_id', id))!);
      });
    },

    // -----------------------------------------------------------------------------------------

    async trackedComment(submission) {
      const comment = await commentBy(db.query, 's.tracking_code', submission.tracking_code);
      return comment ? toTrackedComment(submission, comment) : null;
    },
  };
}

/**
 * The SQLite store's consultations and comments (tables from migration 2). Each state-changing
 * method runs its checks and writes in one IMMEDIATE transaction.
 */
import type Database from 'better-sqlite3';
import type { CommentStatus } from '@nazar/protocol';
import {
  TRACKING_CODE_ATTEMPTS,
  type CommentQuery,
  type ConsultationChange,
  type ConsultationRecord,
  type CreateSubmissionResult,
  type IdempotencyInput,
  type NewComment,
  type Store,
  type TrackedComment,
} from '../store.js';
import { type Submissions } from './submissions.js';
import type { CountRow } from '../sql/rows.js';
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

/**
 * Lists know their consultation: no join with `consultations` (which would let the planner put it
 * in the outer loop and sort instead of walking the paging index in order).
 */
const LIST_COLUMNS = COMMENT_COLUMNS.replace('k.slug', '? AS slug');
const LIST_FROM = `comments c JOIN submissions s ON s.id = c.submission_id`;

export type ConsultationMethods = Pick<
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
  /** The public part of a comment submission for the tracking lookup (never the contact). */
  trackedComment(trackingCode: string): TrackedComment | null;
  /** The SQL a listComments query runs (for the query-plan tests). */
  listSql(query: CommentQuery): string;
};

export function consultationMethods(db: Database.Database, submissions: Submissions, makeCommentId: () => string): ConsultationMethods {
  const q = {
    insert: db.prepare(
      `INSERT INTO consultations (slug, title, summary, kind, issuing_body, opens_at, closes_at, moderation, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO NOTHING`,
    ),
    bySlug: db.prepare<[string], ConsultationRow>('SELECT * FROM consultations WHERE slug = ?'),
    idBySlug: db.prepare<[string], { id: number }>('SELECT id FROM consultations WHERE slug = ?'),
    count: db.prepare<[], CountRow>('SELECT COUNT(*) AS n FROM consultations'),
    insertClause: db.prepare('INSERT INTO clauses (consultation_id, version, clause_id, number, heading, text) VALUES (?, ?, ?, ?, ?, ?)'),
    clauses: db.prepare<[number, number], ClauseRow>(
      'SELECT clause_id, number, heading, text FROM clauses WHERE consultation_id = ? AND version = ? ORDER BY number',
    ),
    extensions: db.prepare<[number], ExtensionRow>(
      'SELECT previous_closes_at, closes_at, reason, at FROM window_extensions WHERE consultation_id = ? ORDER BY id',
    ),
    insertExtension: db.prepare(
      'INSERT INTO window_extensions (consultation_id, previous_closes_at, closes_at, reason, at) VALUES (?, ?, ?, ?, ?)',
    ),
    setClosesAt: db.prepare('UPDATE consultations SET closes_at = ? WHERE id = ?'),
    withdraw: db.prepare('UPDATE consultations SET withdrawn_at = ?, withdrawal_reason = ? WHERE id = ?'),
    issue: db.prepare('UPDATE consultations SET issued_at = ?, outcome_summary = ? WHERE id = ?'),
    publishedIds: db.prepare<[number], PublishedCommentRow>(
      `SELECT submission_id, public_id FROM comments WHERE consultation_id = ? AND status = 'published'`,
    ),
    setDisposition: db.prepare('UPDATE comments SET disposition_outcome = ?, disposition_reason = ? WHERE submission_id = ?'),
    publicIdExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM comments WHERE public_id = ?'),
    insertComment: db.prepare(
      `INSERT INTO comments (submission_id, public_id, consultation_id, clause_id, stance, text, proposed_text, display_name,
         contact_kind, contact_value, locale, moderation, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    commentById: db.prepare<[string], CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM ${COMMENT_FROM} WHERE c.public_id = ?`),
    commentByCode: db.prepare<[string], CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM ${COMMENT_FROM} WHERE s.tracking_code = ?`),
    stats: db.prepare<[number], StanceCountRow>(
      `SELECT clause_id, stance, COUNT(*) AS n FROM comments WHERE consultation_id = ? AND status = 'published'
       GROUP BY stance, clause_id`,
    ),
    dispositionStats: db.prepare<[number], DispositionCountRow>(
      `SELECT disposition_outcome AS outcome, COUNT(*) AS n FROM comments
       WHERE consultation_id = ? AND status = 'published' AND disposition_outcome IS NOT NULL GROUP BY disposition_outcome`,
    ),
    issuedOf: db.prepare<[number], { issued_at: string | null }>(
      'SELECT k.issued_at FROM comments c JOIN consultations k ON k.id = c.consultation_id WHERE c.submission_id = ?',
    ),
    moderate: db.prepare('UPDATE comments SET status = ?, rejection_reason = ? WHERE submission_id = ?'),
    reply: db.prepare('UPDATE comments SET reply_text = ?, reply_at = ? WHERE submission_id = ?'),
  };

  function toRecord(row: ConsultationRow): ConsultationRecord {
    const final = row.issued_at !== null ? q.clauses.all(row.id, 2) : null;
    return toConsultation(row, { draft: q.clauses.all(row.id, 1), final }, q.extensions.all(row.id));
  }

  const create = db.transaction((input: Parameters<Store['createConsultation']>[0]) => {
    const info = q.insert.run(
      input.slug,
      input.title,
      input.summary,
      input.kind,
      input.issuingBody,
      input.opensAt,
      input.closesAt,
      input.moderation,
      input.at,
    );
    const row = q.bySlug.get(input.slug)!;
    if (info.changes === 1) input.clauses.forEach((c, i) => q.insertClause.run(row.id, 1, c.id, i + 1, c.heading, c.text));
    return { created: info.changes === 1, consultation: toRecord(row) };
  });

  /** Loads the consultation for a change; refuses unknown and finished (issued, withdrawn) ones. */
  function changeable(slug: string, apply: (row: ConsultationRow) => ConsultationChange | null): ConsultationChange {
    const row = q.bySlug.get(slug);
    if (!row) return { outcome: 'not-found' };
    if (row.issued_at !== null || row.withdrawn_at !== null) return { outcome: 'invalid-state', consultation: toRecord(row) };
    return apply(row) ?? { outcome: 'ok', consultation: toRecord(q.bySlug.get(slug)!) };
  }

  const extend = db.transaction((slug: string, input: Parameters<Store['extendConsultation']>[1]) =>
    changeable(slug, (row) => {
      if (Date.parse(input.closesAt) <= Date.parse(row.closes_at)) return { outcome: 'not-forward', consultation: toRecord(row) };
      q.insertExtension.run(row.id, row.closes_at, input.closesAt, input.reason, input.at);
      q.setClosesAt.run(input.closesAt, row.id);
      return null;
    }),
  );

  const withdraw = db.transaction((slug: string, input: { reason: string; at: string }) =>
    changeable(slug, (row) => {
      q.withdraw.run(input.at, input.reason, row.id);
      return null;
    }),
  );

  const issue = db.transaction((slug: string, input: Parameters<Store['issueConsultation']>[1]) =>
    changeable(slug, (row) => {
      if (Date.parse(row.closes_at) > Date.parse(input.at)) return { outcome: 'invalid-state', consultation: toRecord(row) };
      const dispositions = matchDispositions(q.publishedIds.all(row.id), input.dispositions);
      if ('refused' in dispositions) return dispositions.refused;
      for (const d of dispositions.matched) {
        q.setDisposition.run(d.outcome, d.reason, d.submissionId);
        submissions.touch(d.submissionId, 'published', input.at);
      }
      input.clauses.forEach((c) => q.insertClause.run(row.id, 2, c.id, c.number, c.heading, c.text));
      q.issue.run(input.at, input.summary, row.id);
      return null;
    }),
  );

  function freshPublicId(): string {
    for (let i = 0; i < TRACKING_CODE_ATTEMPTS; i++) {
      const candidate = makeCommentId();
      if (!q.publicIdExists.get(candidate)) return candidate;
    }
    throw new Error('could not generate a unique comment id');
  }

  function createCommentIn(idempotency: IdempotencyInput, c: NewComment): CreateSubmissionResult {
    const consultation = q.bySlug.get(c.consultationSlug);
    if (!consultation) throw new Error(`unknown consultation ${c.consultationSlug}`);
    const status: CommentStatus = c.moderation === 'post' ? 'published' : 'pending';
    const submission = submissions.insert('comment', idempotency.key, idempotency.requestHash, status, c.at, c.origin);
    if (!submission) return submissions.existingFor(idempotency.key, idempotency.requestHash)!;
    q.insertComment.run(
      submission.id,
      freshPublicId(),
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
    );
    return { outcome: 'created', submission };
  }

  const createComment = db.transaction(createCommentIn);
  const createComments = db.transaction((items: Parameters<Store['createComments']>[0]) =>
    items.map((item) => createCommentIn(item.idempotency, item.comment)),
  );

  const moderate = db.transaction((id: string, input: Parameters<Store['moderateComment']>[1]) => {
    const row = q.commentById.get(id);
    if (!row) return { outcome: 'not-found' as const };
    if (q.issuedOf.get(row.submission_id)?.issued_at != null) return { outcome: 'invalid-state' as const, comment: toComment(row) };
    q.moderate.run(input.status, input.status === 'rejected' ? input.reason : null, row.submission_id);
    submissions.touch(row.submission_id, input.status, input.at);
    return { outcome: 'ok' as const, comment: toComment(q.commentById.get(id)!) };
  });

  const reply = db.transaction((id: string, input: { text: string; at: string }) => {
    const row = q.commentById.get(id);
    if (!row) return null;
    q.reply.run(input.text, input.at, row.submission_id);
    submissions.touch(row.submission_id, row.status, input.at);
    return toComment(q.commentById.get(id)!);
  });

  // Listing: one prepared statement per filter shape, made on first use. (Exported plans are
  // checked by the store tests: each shape walks an index in order, with no sort.)
  const listStatements = new Map<string, Database.Statement<unknown[], CommentRow>>();
  function listStatement(query: CommentQuery): Database.Statement<unknown[], CommentRow> {
    const shape = `${query.status !== undefined}|${query.clauseId === undefined ? 'any' : 'one'}|${query.before != null}`;
    let stmt = listStatements.get(shape);
    if (!stmt) {
      const where = ['c.consultation_id = ?'];
      if (query.status !== undefined) where.push('c.status = ?');
      // `IS ?` matches NULL (the whole draft) as well as a clause id, and uses the index.
      if (query.clauseId !== undefined) where.push('c.clause_id IS ?');
      if (query.before != null) where.push('(c.created_at, c.submission_id) < (?, ?)');
      stmt = db.prepare<unknown[], CommentRow>(
        `SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} WHERE ${where.join(' AND ')}
         ORDER BY c.created_at DESC, c.submission_id DESC LIMIT ?`,
      );
      listStatements.set(shape, stmt);
    }
    return stmt;
  }

  return {
    async createConsultation(input) {
      return create.immediate(input);
    },
    async getConsultation(slug) {
      const row = q.bySlug.get(slug);
      return row ? toRecord(row) : null;
    },
    async countConsultations() {
      return q.count.get()!.n;
    },
    async extendConsultation(slug, input) {
      return extend.immediate(slug, input);
    },
    async withdrawConsultation(slug, input) {
      return withdraw.immediate(slug, input);
    },
    async issueConsultation(slug, input) {
      return issue.immediate(slug, input);
    },
    async createComment(idempotency, comment) {
      return createComment.immediate(idempotency, comment);
    },
    async createComments(items) {
      return createComments.immediate(items);
    },
    async getComment(id) {
      const row = q.commentById.get(id);
      return row ? toComment(row) : null;
    },
    async getCommentByTrackingCode(code) {
      const row = q.commentByCode.get(code);
      return row ? toComment(row) : null;
    },
    async listComments(slug, query) {
      const consultation = q.idBySlug.get(slug);
      if (!consultation) return null;
      const params: unknown[] = [slug, consultation.id];
      if (query.status !== undefined) params.push(query.status);
      if (query.clauseId !== undefined) params.push(query.clauseId);
      if (query.before != null) params.push(query.before.createdAt, query.before.seq);
      params.push(query.limit);
      return listStatement(query)
        .all(...params)
        .map(toComment);
    },
    async commentStats(slug) {
      const consultation = q.bySlug.get(slug);
      if (!consultation) return toCommentStats([], []);
      const byClause = q.stats.all(consultation.id);
      return toCommentStats(byClause, consultation.issued_at !== null ? q.dispositionStats.all(consultation.id) : []);
    },
    async moderateComment(id, input) {
      return moderate.immediate(id, input);
    },
    async replyToComment(id, input) {
      return reply.immediate(id, input);
    },
    listSql(query) {
      return listStatement(query).source;
    },
    trackedComment(code) {
      const row = q.commentByCode.get(code);
      const submission = submissions.byCode(code);
      return row && submission ? toTrackedComment(submission, row) : null;
    },
  };
}

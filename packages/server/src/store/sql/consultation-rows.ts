/** Consultation and comment rows of both SQL stores and their records (see `rows.ts`). */
import type { Clause, CommentStatus, ConsultationKind, DispositionOutcome, ModerationMode, Stance } from '@nazar/protocol';
import {
  EMPTY_DISPOSITION_COUNTS,
  type CommentRecord,
  type CommentStats,
  type ConsultationChange,
  type ConsultationRecord,
  type IssueInput,
  type Locale,
  type TrackedComment,
} from '../store.js';
import { contactOf, toSubmission, type SubmissionRow } from './rows.js';

export interface ConsultationRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  kind: string;
  issuing_body: string;
  opens_at: string;
  closes_at: string;
  moderation: string;
  created_at: string;
  withdrawn_at: string | null;
  withdrawal_reason: string | null;
  issued_at: string | null;
  outcome_summary: string | null;
}

export interface ClauseRow {
  clause_id: string;
  number: number;
  heading: string | null;
  text: string;
}

export const toClause = (row: ClauseRow): Clause => ({ id: row.clause_id, number: row.number, heading: row.heading, text: row.text });

export interface ExtensionRow {
  previous_closes_at: string;
  closes_at: string;
  reason: string;
  at: string;
}

/**
 * `draft` is clause version 1, `final` version 2 (read only once issued: null before). Both by
 * number; extensions oldest first.
 */
export function toConsultation(
  row: ConsultationRow,
  clauses: { draft: readonly ClauseRow[]; final: readonly ClauseRow[] | null },
  extensions: readonly ExtensionRow[],
): ConsultationRecord {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    kind: row.kind as ConsultationKind,
    issuingBody: row.issuing_body,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    moderation: row.moderation as ModerationMode,
    createdAt: row.created_at,
    withdrawnAt: row.withdrawn_at,
    withdrawalReason: row.withdrawal_reason,
    issuedAt: row.issued_at,
    outcomeSummary: row.outcome_summary,
    clauses: clauses.draft.map(toClause),
    finalClauses: clauses.final?.map(toClause) ?? null,
    extensions: extensions.map((e) => ({ previousClosesAt: e.previous_closes_at, closesAt: e.closes_at, reason: e.reason, at: e.at })),
  };
}

export interface CommentRow {
  submission_id: number;
  public_id: string;
  slug: string;
  tracking_code: string;
  updated_at: string;
  clause_id: string | null;
  stance: string;
  text: string;
  proposed_text: string | null;
  display_name: string | null;
  contact_kind: string | null;
  contact_value: string | null;
  locale: string | null;
  moderation: string;
  status: string;
  rejection_reason: string | null;
  reply_text: string | null;
  reply_at: string | null;
  disposition_outcome: string | null;
  disposition_reason: string | null;
  created_at: string;
}

/** The columns `toComment` reads (`c` comments, `s` submissions, `k` consultations). */
export const COMMENT_COLUMNS = `c.submission_id, c.public_id, k.slug, s.tracking_code, s.updated_at, c.clause_id, c.stance, c.text,
  c.proposed_text, c.display_name, c.contact_kind, c.contact_value, c.locale, c.moderation, c.status,
  c.rejection_reason, c.reply_text, c.reply_at, c.disposition_outcome, c.disposition_reason, c.created_at`;
export const COMMENT_FROM = 'comments c JOIN submissions s ON s.id = c.submission_id JOIN consultations k ON k.id = c.consultation_id';

export function toComment(row: CommentRow): CommentRecord {
  return {
    id: row.public_id,
    seq: row.submission_id,
    trackingCode: row.tracking_code,
    consultationSlug: row.slug,
    clauseId: row.clause_id,
    stance: row.stance as Stance,
    text: row.text,
    proposedText: row.proposed_text,
    displayName: row.display_name,
    contact: contactOf(row.contact_kind, row.contact_value),
    locale: row.locale as Locale | null,
    moderation: row.moderation as ModerationMode,
    status: row.status as CommentStatus,
    rejectionReason: row.rejection_reason,
    reply: row.reply_text !== null && row.reply_at !== null ? { text: row.reply_text, at: row.reply_at } : null,
    disposition:
      row.disposition_outcome !== null
        ? { outcome: row.disposition_outcome as DispositionOutcome, reason: row.disposition_reason ?? '' }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The public part of a comment submission for the tracking lookup (never the contact). */
export function toTrackedComment(submission: SubmissionRow, row: CommentRow): TrackedComment {
  const c = toComment(row);
  return {
    ...toSubmission(submission),
    kind: 'comment',
    status: c.status,
    subject: { type: 'consultation', slug: c.consultationSlug, clauseId: c.clauseId },
    rejectionReason: c.rejectionReason,
    reply: c.reply,
    disposition: c.disposition,
  };
}

/** Published comments per (clause, stance). */
export interface StanceCountRow {
  clause_id: string | null;
  stance: string;
  n: number;
}

/** Published comments per disposition outcome (read once the consultation is issued). */
export interface DispositionCountRow {
  outcome: string;
  n: number;
}

export function toCommentStats(byClause: readonly StanceCountRow[], dispositions: readonly DispositionCountRow[]): CommentStats {
  const counts = { ...EMPTY_DISPOSITION_COUNTS };
  for (const r of dispositions) counts[r.outcome as DispositionOutcome] = r.n;
  return { byClause: byClause.map((r) => ({ clauseId: r.clause_id, stance: r.stance as Stance, count: r.n })), dispositions: counts };
}

/** A published comment of the consultation being issued. */
export interface PublishedCommentRow {
  submission_id: number;
  public_id: string;
}

/**
 * Matches an issue's dispositions to the published comments: the refusal when one is for an
 * unknown (or unpublished) comment or a published comment has none, else each disposition with
 * its comment's submission id.
 */
export function matchDispositions(
  published: readonly PublishedCommentRow[],
  dispositions: IssueInput['dispositions'],
): { refused: ConsultationChange } | { matched: { submissionId: number; outcome: DispositionOutcome; reason: string }[] } {
  const byPublicId = new Map(published.map((p) => [p.public_id, p.submission_id]));
  const given = new Map(dispositions.map((d) => [d.commentId, d]));
  const unknown = [...given.keys()].filter((id) => !byPublicId.has(id));
  if (unknown.length > 0) return { refused: { outcome: 'unknown-comments', commentIds: unknown } };
  const missing = published.filter((p) => !given.has(p.public_id)).map((p) => p.public_id);
  if (missing.length > 0) return { refused: { outcome: 'missing-dispositions', commentIds: missing } };
  return {
    matched: [...given].map(([publicId, d]) => ({ submissionId: byPublicId.get(publicId)!, outcome: d.outcome, reason: d.reason })),
  };
}

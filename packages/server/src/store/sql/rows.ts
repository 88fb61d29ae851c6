/**
 * Rows as both SQL stores (SQLite and PostgreSQL) read them, and their mapping to store records:
 * one definition, so the two stores cannot drift apart on what a column means.
 */
import type { Clause, CommentStatus, DispositionOutcome, FeedbackCategory, ModerationMode, Stance } from '@nazar/protocol';
import type { CommentRecord, ContactKind, Locale, Service, StoredSubmission, Submission, SubmissionKind } from '../store.js';

export interface SubmissionRow {
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

export function toSubmission(row: SubmissionRow): Submission {
  return {
    id: row.id,
    kind: row.kind as SubmissionKind,
    trackingCode: row.tracking_code,
    status: row.status as Submission['status'],
    answer: row.answer,
    answeredAt: row.answered_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toStored(row: SubmissionRow): StoredSubmission {
  return { ...toSubmission(row), idempotencyKey: row.idempotency_key, requestHash: row.request_hash };
}

export interface ServiceRow {
  id: string;
  title: string;
  categories: string;
  registered_origin: string | null;
  created_at: string;
}

export function toService(row: ServiceRow): Service {
  return {
    id: row.id,
    title: row.title,
    categories: JSON.parse(row.categories) as FeedbackCategory[],
    registeredOrigin: row.registered_origin,
    createdAt: row.created_at,
  };
}

export function contactOf(kind: string | null, value: string | null): { kind: ContactKind; value: string } | null {
  return kind !== null && value !== null ? { kind: kind as ContactKind, value } : null;
}

export interface ClauseRow {
  clause_id: string;
  number: number;
  heading: string | null;
  text: string;
}

export const toClause = (row: ClauseRow): Clause => ({ id: row.clause_id, number: row.number, heading: row.heading, text: row.text });

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
      row.disposition_outcome !== null ? { outcome: row.disposition_outcome as DispositionOutcome, reason: row.disposition_reason ?? '' } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

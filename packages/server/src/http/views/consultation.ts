/**
 * Stored consultations and comments → the wire shapes (`Consultation`, `PublishedComment`,
 * `CommentTracking`, `AdminComment`), and the opaque paging cursor. Public views never include
 * the contact or the tracking code. No Node built-ins.
 */
import type { AdminComment, CommentTracking, Consultation, PublishedComment, StanceCounts } from '@nazar/protocol';
import {
  consultationStatus,
  type CommentQuery,
  type CommentRecord,
  type CommentStats,
  type ConsultationRecord,
  type Store,
  type TrackedComment,
} from '../../store/store.js';

const zeroCounts = (): StanceCounts => ({ total: 0, support: 0, oppose: 0, amend: 0 });

export function consultationView(c: ConsultationRecord, stats: CommentStats, now: Date): Consultation {
  const total = zeroCounts();
  const whole = zeroCounts();
  const byClause: Record<string, StanceCounts> = {};
  for (const { clauseId, stance, count } of stats.byClause) {
    const target = clauseId === null ? whole : (byClause[clauseId] ??= zeroCounts());
    for (const counts of [target, total]) {
      counts[stance] += count;
      counts.total += count;
    }
  }
  return {
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    kind: c.kind,
    issuingBody: c.issuingBody,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    status: consultationStatus(c, now),
    extensions: c.extensions,
    clauses: c.clauses,
    counts: { total, whole, byClause },
    outcome:
      c.issuedAt !== null
        ? { issuedAt: c.issuedAt, summary: c.outcomeSummary ?? '', clauses: c.finalClauses ?? [], dispositions: stats.dispositions }
        : null,
    withdrawal: c.withdrawnAt !== null ? { at: c.withdrawnAt, reason: c.withdrawalReason ?? '' } : null,
  };
}

export async function loadConsultationView(store: Store, slug: string, now: Date): Promise<Consultation | null> {
  const record = await store.getConsultation(slug);
  if (!record) return null;
  return consultationView(record, await store.commentStats(slug), now);
}

/** What everyone may see of a published comment: never the contact or the tracking code. */
export function publishedComment(c: CommentRecord): PublishedComment {
  return {
    id: c.id,
    clauseId: c.clauseId,
    stance: c.stance,
    text: c.text,
    proposedText: c.proposedText,
    displayName: c.displayName,
    createdAt: c.createdAt,
    reply: c.reply,
    disposition: c.disposition,
  };
}

/** Officials' view: everything, contact included. Admin routes only. */
export function adminComment(c: CommentRecord): AdminComment {
  return {
    ...publishedComment(c),
    consultation: c.consultationSlug,
    trackingCode: c.trackingCode,
    status: c.status,
    moderation: c.moderation,
    rejectionReason: c.rejectionReason,
    contact: c.contact,
    locale: c.locale,
    updatedAt: c.updatedAt,
  };
}

export function commentTracking(t: TrackedComment, commentId: string, consultation: ConsultationRecord, now: Date): CommentTracking {
  const clause = t.subject.clauseId === null ? null : consultation.clauses.find((c) => c.id === t.subject.clauseId);
  return {
    trackingCode: t.trackingCode,
    kind: 'comment',
    commentId,
    status: t.status,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    subject: {
      type: 'consultation',
      slug: consultation.slug,
      title: consultation.title,
      status: consultationStatus(consultation, now),
      clauseId: t.subject.clauseId,
      clauseNumber: clause?.number ?? null,
    },
    rejectionReason: t.status === 'rejected' ? t.rejectionReason : null,
    reply: t.reply,
    disposition: t.disposition,
  };
}

// ---------------------------------------------------------------------------------------------
// Paging: an opaque keyset cursor (createdAt and seq of the last comment on the page).

export const COMMENT_PAGE_SIZE = 20;
const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function encodeCursor(position: { createdAt: string; seq: number }): string {
  return base64url(`${position.createdAt}|${position.seq}`);
}

/** The position in a cursor, or null when it is not one of ours. */
export function decodeCursor(cursor: string): { createdAt: string; seq: number } | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) return null;
  let text: string;
  try {
    text = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  const m = /^([^|]+)\|([1-9]\d{0,14})$/.exec(text);
  if (!m || !CURSOR_INSTANT.test(m[1]) || Number.isNaN(Date.parse(m[1]))) return null;
  return { createdAt: m[1], seq: Number(m[2]) };
}

/**
 * One page, newest first, and the cursor of the next one (null on the last page); null when there
 * is no such consultation.
 */
export async function commentPage<T>(
  store: Store,
  slug: string,
  query: Omit<CommentQuery, 'limit'>,
  view: (c: CommentRecord) => T,
  size = COMMENT_PAGE_SIZE,
): Promise<{ comments: T[]; nextCursor: string | null } | null> {
  const rows = await store.listComments(slug, { ...query, limit: size + 1 });
  if (rows === null) return null;
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    comments: page.map(view),
    nextCursor: rows.length > size && last ? encodeCursor({ createdAt: last.createdAt, seq: last.seq }) : null,
  };
}

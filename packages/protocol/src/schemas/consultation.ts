import * as z from 'zod/mini';
import {
  CONSULTATION_KINDS,
  CONSULTATION_LIMITS,
  CONSULTATION_STATUSES,
  COMMENT_STATUSES,
  DISPOSITIONS,
  ISO_DATE_TIME_PATTERN,
  ITEM_ID_PATTERN,
  LIMITS,
  LOCALES,
  SLUG_PATTERN,
  STANCES,
} from '../vocabulary.js';
import { TrackingCode } from './common.js';

export {
  CONSULTATION_KINDS,
  MIN_WINDOW_DAYS,
  CONSULTATION_STATUSES,
  STANCES,
  MODERATION_MODES,
  COMMENT_STATUSES,
  DISPOSITIONS,
  CONSULTATION_LIMITS,
} from '../vocabulary.js';

export const ConsultationKind = z.enum(CONSULTATION_KINDS);
export type ConsultationKind = z.infer<typeof ConsultationKind>;

export const ConsultationStatus = z.enum(CONSULTATION_STATUSES);
export type ConsultationStatus = z.infer<typeof ConsultationStatus>;

export const Stance = z.enum(STANCES);
export type Stance = z.infer<typeof Stance>;

export const CommentStatus = z.enum(COMMENT_STATUSES);
export type CommentStatus = z.infer<typeof CommentStatus>;

export const DispositionOutcome = z.enum(DISPOSITIONS);
export type DispositionOutcome = z.infer<typeof DispositionOutcome>;

const Iso = z.string().check(z.regex(ISO_DATE_TIME_PATTERN));

export const ConsultationSlug = z.string().check(z.regex(SLUG_PATTERN));
export const ClauseId = z.string().check(z.regex(ITEM_ID_PATTERN));

export const Clause = z.object({
  /** Stable across versions: a clause kept in the final text keeps its id. */
  id: ClauseId,
  number: z.int().check(z.gte(1)),
  heading: z.nullable(z.string()),
  text: z.string(),
});
export type Clause = z.infer<typeof Clause>;

export const WindowExtension = z.object({ previousClosesAt: Iso, closesAt: Iso, reason: z.string(), at: Iso });
export type WindowExtension = z.infer<typeof WindowExtension>;

export const StanceCounts = z.object({ total: z.int(), support: z.int(), oppose: z.int(), amend: z.int() });
export type StanceCounts = z.infer<typeof StanceCounts>;

export const Disposition = z.object({ outcome: DispositionOutcome, reason: z.string() });
export type Disposition = z.infer<typeof Disposition>;

export const OfficialReply = z.object({ text: z.string(), at: Iso });
export type OfficialReply = z.infer<typeof OfficialReply>;

/** `GET /v1/consultations/:slug`. Counts are of published comments only. */
export const Consultation = z.object({
  slug: ConsultationSlug,
  title: z.string(),
  summary: z.string(),
  kind: ConsultationKind,
  issuingBody: z.string(),
  opensAt: Iso,
  closesAt: Iso,
  status: ConsultationStatus,
  /** Every extension of the window, oldest first; shown to citizens. */
  extensions: z.array(WindowExtension),
  /** The draft as put before the public (version 1). */
  clauses: z.array(Clause),
  counts: z.object({
    total: StanceCounts,
    /** Comments on the whole draft. */
    whole: StanceCounts,
    /** Per clause id; clauses without comments may be absent. */
    byClause: z.record(z.string(), StanceCounts),
  }),
  /** Once issued: the final text (version 2) and the summary of how comments were answered. */
  outcome: z.nullable(
    z.object({
      issuedAt: Iso,
      summary: z.string(),
      clauses: z.array(Clause),
      dispositions: z.object({ accepted: z.int(), 'partly-accepted': z.int(), 'not-accepted': z.int(), 'out-of-scope': z.int() }),
    }),
  ),
  /** Once withdrawn. */
  withdrawal: z.nullable(z.object({ at: Iso, reason: z.string() })),
});
export type Consultation = z.infer<typeof Consultation>;

/** `POST /v1/consultations/:slug/comments`. */
export const CommentSubmission = z.strictObject({
  /** The clause commented on; absent or null for the whole draft. */
  clauseId: z.optional(z.nullable(ClauseId)),
  stance: Stance,
  text: z.string().check(z.maxLength(CONSULTATION_LIMITS.commentText * 4)),
  /** Proposed wording: required with `amend`, refused otherwise. */
  proposedText: z.optional(z.string().check(z.maxLength(CONSULTATION_LIMITS.proposedText * 4))),
  displayName: z.optional(z.string().check(z.maxLength(CONSULTATION_LIMITS.displayName * 4))),
  /** Private: an Iranian mobile or an email address. */
  contact: z.optional(z.string().check(z.maxLength(LIMITS.contact))),
  locale: z.optional(z.enum(LOCALES)),
});
export type CommentSubmission = z.infer<typeof CommentSubmission>;

/** The 201 answer (and the idempotent replay). */
export const CommentAccepted = z.object({
  trackingCode: TrackingCode,
  /** `pending` under pre-moderation, `published` under post-moderation. */
  status: CommentStatus,
  consultation: ConsultationSlug,
  clauseId: z.nullable(ClauseId),
  createdAt: Iso,
});
export type CommentAccepted = z.infer<typeof CommentAccepted>;

/** A published comment as everyone sees it. Never the contact, never the tracking code. */
export const PublishedComment = z.object({
  id: z.string(),
  clauseId: z.nullable(ClauseId),
  stance: Stance,
  text: z.string(),
  proposedText: z.nullable(z.string()),
  displayName: z.nullable(z.string()),
  createdAt: Iso,
  reply: z.nullable(OfficialReply),
  disposition: z.nullable(Disposition),
});
export type PublishedComment = z.infer<typeof PublishedComment>;

/** `GET /v1/consultations/:slug/comments?clause=&cursor=`: newest first. */
export const CommentPage = z.object({
  comments: z.array(PublishedComment),
  nextCursor: z.nullable(z.string()),
});
export type CommentPage = z.infer<typeof CommentPage>;

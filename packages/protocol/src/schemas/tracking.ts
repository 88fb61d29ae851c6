import * as z from 'zod/mini';
import { COMMENT_STATUSES, CONSULTATION_STATUSES } from '../vocabulary.js';
import { IsoDateTime, TrackingCode } from './common.js';
import { FeedbackStatus } from './feedback.js';
import { DispositionOutcome } from './consultation.js';

export { SUBMISSION_KINDS } from '../vocabulary.js';

// A module of its own: only the tracking view needs these schemas, so bundles that never open it
// do not carry them.

/** What `GET /v1/tracking/:code` says about feedback on a service. */
export const FeedbackTracking = z.object({
  trackingCode: TrackingCode,
  kind: z.literal('feedback'),
  status: FeedbackStatus,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  subject: z.object({ type: z.literal('service'), id: z.string(), title: z.string() }),
  answer: z.nullable(z.object({ text: z.string(), answeredAt: IsoDateTime })),
});
export type FeedbackTracking = z.infer<typeof FeedbackTracking>;

/** What `GET /v1/tracking/:code` says about a comment on a draft. */
export const CommentTracking = z.object({
  trackingCode: TrackingCode,
  kind: z.literal('comment'),
  /** The comment's public id: its anchor (`#comment-<id>`) in the public report, which never shows tracking codes. */
  commentId: z.string(),
  /** Moderation: pending, published or rejected. */
  status: z.enum(COMMENT_STATUSES),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  subject: z.object({
    type: z.literal('consultation'),
    slug: z.string(),
    title: z.string(),
    /** The consultation's own status (open, review, issued …). */
    status: z.enum(CONSULTATION_STATUSES),
    clauseId: z.nullable(z.string()),
    clauseNumber: z.nullable(z.int()),
  }),
  /** Why a moderator did not publish it. */
  rejectionReason: z.nullable(z.string()),
  reply: z.nullable(z.object({ text: z.string(), at: IsoDateTime })),
  /** How the issued text answered it. */
  disposition: z.nullable(z.object({ outcome: DispositionOutcome, reason: z.string() })),
});
export type CommentTracking = z.infer<typeof CommentTracking>;

/**
 * What `GET /v1/tracking/:code` says about a vote: that it was counted, in which poll. Not the
 * choice: a code read over someone's shoulder must not reveal how they voted.
 */
export const VoteTracking = z.object({
  trackingCode: TrackingCode,
  kind: z.literal('vote'),
  status: z.literal('counted'),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  subject: z.object({ type: z.literal('poll'), slug: z.string(), title: z.string() }),
});
export type VoteTracking = z.infer<typeof VoteTracking>;

/** `GET /v1/tracking/:code`. Never includes contact details. */
export const TrackingLookup = z.discriminatedUnion('kind', [FeedbackTracking, CommentTracking, VoteTracking]);
export type TrackingLookup = z.infer<typeof TrackingLookup>;

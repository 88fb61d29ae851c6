/**
 * The browser's copies of the zod schemas it needs: the answers a widget reads and the bodies it
 * sends. Each has the name of its zod schema; `equivalence.test.ts` proves each pair accepts and
 * refuses the same JSON, returns the same value and gives the same field errors, and the types
 * below are checked equal to zod's at compile time. Built from `../vocabulary.ts`, as the schemas are.
 */
import type { Infer } from './shape.js';
import type { COMMENT_STATUSES, CONSULTATION_KINDS, DISPOSITIONS, FEEDBACK_CATEGORIES, FEEDBACK_STATUSES, STANCES } from '../vocabulary.js';
// A module per resource, so a widget's chunk holds only the shapes it uses.
import { FieldError, Problem } from './shapes/common.js';
import { FeedbackAccepted, FeedbackSubmission, ServiceSummary } from './shapes/feedback.js';
import {
  Clause,
  Clauses,
  CommentAccepted,
  CommentPage,
  CommentSubmission,
  Consultation,
  CountsByClause,
  StanceCounts,
} from './shapes/consultation.js';
import { Poll, PollResults, VoteAccepted, VoteSubmission } from './shapes/poll.js';
import { TrackingLookup } from './shapes/tracking.js';

export {
  FieldError,
  Problem,
  FeedbackAccepted,
  FeedbackSubmission,
  ServiceSummary,
  Clause,
  Clauses,
  CommentAccepted,
  CommentPage,
  CommentSubmission,
  Consultation,
  CountsByClause,
  StanceCounts,
  Poll,
  PollResults,
  VoteAccepted,
  VoteSubmission,
  TrackingLookup,
};

// ——— the types, equal to zod's (checked in equivalence.test.ts) ———

export type FieldError = Infer<typeof FieldError>;
export type Problem = Infer<typeof Problem>;
export type ServiceSummary = Infer<typeof ServiceSummary>;
export type FeedbackSubmission = Infer<typeof FeedbackSubmission>;
export type FeedbackAccepted = Infer<typeof FeedbackAccepted>;
export type Clause = Infer<typeof Clause>;
export type StanceCounts = Infer<typeof StanceCounts>;
export type Clauses = Infer<typeof Clauses>;
export type CountsByClause = Infer<typeof CountsByClause>;
export type Consultation = Infer<typeof Consultation>;
export type CommentSubmission = Infer<typeof CommentSubmission>;
export type CommentAccepted = Infer<typeof CommentAccepted>;
export type CommentPage = Infer<typeof CommentPage>;
export type PollResults = Infer<typeof PollResults>;
export type Poll = Infer<typeof Poll>;
export type VoteSubmission = Infer<typeof VoteSubmission>;
export type VoteAccepted = Infer<typeof VoteAccepted>;
export type TrackingLookup = Infer<typeof TrackingLookup>;
export type PublishedComment = CommentPage['comments'][number];
export type Disposition = NonNullable<PublishedComment['disposition']>;
export type Stance = (typeof STANCES)[number];
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export type DispositionOutcome = (typeof DISPOSITIONS)[number];
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/**
 * The browser's copies of the zod schemas it needs: the answers a widget reads and the bodies it
 * sends. Each has the name of its zod schema; `equivalence.test.ts` proves each pair accepts and
 * refuses the same JSON, returns the same value and gives the same field errors, and the types
 * (next to each shape) are checked equal to zod's at compile time. Built from `../vocabulary.ts`, as the schemas are.
 */
// A module per resource, so a widget's chunk holds only the shapes it uses. Each name is a shape and its type.
export { FieldError, Problem } from './shapes/common.js';
export { FeedbackAccepted, FeedbackSubmission, ServiceSummary, type FeedbackCategory, type FeedbackStatus } from './shapes/feedback.js';
export {
  Clause,
  Clauses,
  CommentAccepted,
  CommentPage,
  CommentSubmission,
  Consultation,
  CountsByClause,
  StanceCounts,
  type CommentStatus,
  type ConsultationKind,
  type Disposition,
  type DispositionOutcome,
  type PublishedComment,
  type Stance,
} from './shapes/consultation.js';
export { Poll, PollResults, VoteAccepted, VoteSubmission } from './shapes/poll.js';
export { TrackingLookup } from './shapes/tracking.js';

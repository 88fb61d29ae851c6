/**
 * The records Nazar keeps and the inputs that make them: services, submissions (feedback,
 * comments, votes share one row each for idempotency and tracking), consultations and their
 * clauses, comments, polls and votes. Types only: the Store interface (`store/store.ts`) speaks
 * them, the stores and the HTTP routes read them.
 */
import type {
  Clause,
  CommentStatus,
  ConsultationKind,
  Disposition,
  DispositionOutcome,
  FeedbackCategory,
  FeedbackStatus,
  ModerationMode,
  OfficialReply,
  PollMode,
  PollOption,
  ResultsVisibility,
  Stance,
  WindowExtension,
} from '@nazar/protocol';

export type SubmissionKind = 'feedback' | 'comment' | 'vote';
export type Locale = 'fa' | 'en' | 'bal';
export type ContactKind = 'mobile' | 'email';

export interface Service {
  id: string;
  title: string;
  /** Categories citizens may pick for this service, in display order. */
  categories: FeedbackCategory[];
  /** The site whose first feedback registered the service; null when created by an operator. */
  registeredOrigin: string | null;
  createdAt: string;
}

export interface NewService {
  id: string;
  title: string;
  /** Defaults to every category in FEEDBACK_CATEGORIES. */
  categories?: readonly FeedbackCategory[];
  registeredOrigin?: string | null;
}

/** A submission as its citizen may see it (via its tracking code). No contact, no key. */
export interface Submission {
  id: number;
  kind: SubmissionKind;
  trackingCode: string;
  /** Feedback: its handling status. Comments: their moderation status. */
  status: FeedbackStatus | CommentStatus;
  /** The official answer to feedback (comments keep their reply in the comment). */
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A submission with what the idempotency check needs. */
export interface StoredSubmission extends Submission {
  idempotencyKey: string;
  /** SHA-256 (hex) of the route and the canonical body of the request that created it. */
  requestHash: string;
}

/** A tracked feedback with what it is about (for `GET /v1/tracking/:code`). */
export interface TrackedFeedback extends Submission {
  kind: 'feedback';
  status: FeedbackStatus;
  subject: { type: 'service'; id: string; title: string };
}

/** A tracked comment: the public part of the comment (never its contact). */
export interface TrackedComment extends Submission {
  kind: 'comment';
  status: CommentStatus;
  subject: { type: 'consultation'; slug: string; clauseId: string | null };
  rejectionReason: string | null;
  reply: OfficialReply | null;
  disposition: Disposition | null;
}

export type TrackedSubmission = TrackedFeedback | TrackedComment;

export interface NewFeedback {
  serviceId: string;
  rating: number;
  categories: FeedbackCategory[];
  /** Cleaned text, or null when the citizen wrote none. */
  text: string | null;
  /** Normalised private contact, or null. */
  contact: { kind: ContactKind; value: string } | null;
  locale: Locale | null;
  /** The page origin (an allowed site's) it was sent from; null or absent when unknown. */
  origin?: string | null;
}

/** Everything stored about one feedback, private contact included: never for public routes. */
export interface FeedbackRecord extends StoredSubmission {
  feedback: NewFeedback;
}

export interface IdempotencyInput {
  key: string;
  requestHash: string;
}

/**
 * What `createFeedback` did. The check "is this key already used?" and the insert happen
 * atomically inside the store, so however many requests race with one key, one row results.
 */
export type CreateSubmissionResult =
  | { outcome: 'created'; submission: StoredSubmission }
  /** The key was already used with the same request hash: here is the first submission. */
  | { outcome: 'replayed'; submission: StoredSubmission }
  /** The key was already used with another request hash. */
  | { outcome: 'conflict'; submission: StoredSubmission };

export interface RatingSummary {
  count: number;
  /** Mean rating rounded to 2 decimals; null when there is no feedback. */
  mean: number | null;
  /** Counts of ratings 1..5. */
  distribution: [number, number, number, number, number];
}

// ---------------------------------------------------------------------------------------------
// Consultations

export interface NewClause {
  id: string;
  heading: string | null;
  text: string;
}

export interface NewConsultation {
  slug: string;
  title: string;
  summary: string;
  kind: ConsultationKind;
  issuingBody: string;
  opensAt: string;
  closesAt: string;
  moderation: ModerationMode;
  /** The draft (version 1), numbered 1, 2, … in this order. */
  clauses: readonly NewClause[];
  /** When it was created (the app's clock). */
  at: string;
}

/** Everything stored about a consultation. Status is derived: see `consultationStatus`. */
export interface ConsultationRecord {
  id: number;
  slug: string;
  title: string;
  summary: string;
  kind: ConsultationKind;
  issuingBody: string;
  opensAt: string;
  closesAt: string;
  moderation: ModerationMode;
  createdAt: string;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  issuedAt: string | null;
  outcomeSummary: string | null;
  /** The draft (version 1), by number. */
  clauses: Clause[];
  /** The final text (version 2) once issued, by number. */
  finalClauses: Clause[] | null;
  /** Oldest first. */
  extensions: WindowExtension[];
}

/**
 * What a state-changing consultation method did. The checks that guard a change are made inside
 * the store, atomically with the write, so two officials racing cannot break the lifecycle.
 */
export type ConsultationChange =
  | { outcome: 'ok'; consultation: ConsultationRecord }
  | { outcome: 'not-found' }
  /** Issued or withdrawn already (or, for issue: still scheduled or open). */
  | { outcome: 'invalid-state'; consultation: ConsultationRecord }
  /** extend: the new closesAt is not later than the current one. */
  | { outcome: 'not-forward'; consultation: ConsultationRecord }
  /** issue: published comments without a disposition. */
  | { outcome: 'missing-dispositions'; commentIds: string[] }
  /** issue: dispositions for comments that are not published comments of this consultation. */
  | { outcome: 'unknown-comments'; commentIds: string[] };

export interface WindowExtensionInput {
  closesAt: string;
  reason: string;
  at: string;
}

export interface IssueInput {
  summary: string;
  /** The final text (version 2), numbered by the caller; ids of draft clauses are kept. */
  clauses: readonly Clause[];
  dispositions: readonly ({ commentId: string } & Disposition)[];
  at: string;
}

export type ContactInfo = { kind: ContactKind; value: string };

export interface NewComment {
  consultationSlug: string;
  /** A draft clause id, or null for the whole draft. */
  clauseId: string | null;
  stance: Stance;
  text: string;
  proposedText: string | null;
  displayName: string | null;
  contact: ContactInfo | null;
  locale: Locale | null;
  /** The consultation's moderation mode on arrival: `pre` starts `pending`, `post` `published`. */
  moderation: ModerationMode;
  /** Arrival at the server (the app's clock). */
  at: string;
  /** The page origin (an allowed site's) it was sent from; null or absent when unknown. */
  origin?: string | null;
}

/** Everything stored about one comment, private contact included: never for public routes. */
export interface CommentRecord {
  /** Public id (in lists and admin routes); not the tracking code. */
  id: string;
  /** The submission's row id: the tie-breaker of the keyset order (createdAt, seq). */
  seq: number;
  trackingCode: string;
  consultationSlug: string;
  clauseId: string | null;
  stance: Stance;
  text: string;
  proposedText: string | null;
  displayName: string | null;
  contact: ContactInfo | null;
  locale: Locale | null;
  moderation: ModerationMode;
  status: CommentStatus;
  rejectionReason: string | null;
  reply: OfficialReply | null;
  disposition: Disposition | null;
  createdAt: string;
  updatedAt: string;
}

export interface CommentQuery {
  /** Absent: every status. */
  status?: CommentStatus;
  /** Absent: every clause; null: comments on the whole draft; else one clause id. */
  clauseId?: string | null;
  /** Keyset: only comments strictly older than this position (newest first). */
  before?: { createdAt: string; seq: number } | null;
  limit: number;
}

export interface CommentStats {
  /** Published comments per (clause, stance); clauseId null for the whole draft. */
  byClause: { clauseId: string | null; stance: Stance; count: number }[];
  /** Published comments per disposition outcome. */
  dispositions: Record<DispositionOutcome, number>;
}

export type ModerationResult =
  | { outcome: 'ok'; comment: CommentRecord }
  | { outcome: 'not-found' }
  /** The consultation is issued: its dispositions are final. */
  | { outcome: 'invalid-state'; comment: CommentRecord };

export interface ModerationInput {
  status: 'published' | 'rejected';
  /** For `rejected`: why (shown via tracking). Cleared on publish. */
  reason: string | null;
  at: string;
}

export interface StatusUpdate {
  status: FeedbackStatus;
  /** The official answer; when given, `answeredAt` is set to now. */
  answer?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Polls

export interface NewPoll {
  slug: string;
  question: string;
  description: string | null;
  /** Ids (`o1`, `o2`, …) are given by the caller; kept in this order. */
  options: readonly PollOption[];
  mode: PollMode;
  maxChoices: number;
  opensAt: string;
  closesAt: string;
  resultsVisibility: ResultsVisibility;
  /** When it was created (the app's clock). */
  at: string;
}

/** Everything stored about a poll but its votes. Status is derived: see `pollStatus`. */
export interface PollRecord {
  id: number;
  slug: string;
  question: string;
  description: string | null;
  options: PollOption[];
  mode: PollMode;
  maxChoices: number;
  opensAt: string;
  /** As scheduled (an early close is `closedAt`). */
  closesAt: string;
  resultsVisibility: ResultsVisibility;
  createdAt: string;
  /** When an official closed it (early); null otherwise. */
  closedAt: string | null;
}

/** Who voted, as the store keeps it: never the voter's key, only what `VoterIdentifier` made. */
export interface VoterRef {
  /** Opaque and unique per voter and poll (the device tier: SHA-256 of the poll and the key). */
  hash: string;
  /** How the voter was identified (`device` today; a signed token later). */
  tier: string;
}

export interface NewVote {
  pollSlug: string;
  /** Option ids of this poll, checked by the caller (the store refuses unknown ones by throwing). */
  optionIds: readonly string[];
  voter: VoterRef;
  /** Arrival at the server (the app's clock). */
  at: string;
  /** The page origin (an allowed site's) it was sent from; null or absent when unknown. */
  origin?: string | null;
}

export interface VoteRecord {
  trackingCode: string;
  pollSlug: string;
  /** In the poll's option order. */
  optionIds: string[];
  createdAt: string;
}

/**
 * What `createVote` did: like `CreateSubmissionResult` (the idempotency key is checked first), or
 * `already-voted` when this voter already has a vote in this poll (under another key).
 */
export type CreateVoteResult = CreateSubmissionResult | { outcome: 'already-voted' };

export type PollClose =
  | { outcome: 'ok'; poll: PollRecord }
  | { outcome: 'not-found' }
  /** Closed already by an official. */
  | { outcome: 'invalid-state'; poll: PollRecord };

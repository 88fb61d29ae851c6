/**
 * The storage interface the HTTP app talks to. Every method is async so that a PostgreSQL store
 * can sit behind the same interface; the memory and SQLite stores resolve at once.
 *
 * Data model (the SQLite store spells it out as tables; the memory store keeps the same shape):
 * - `services`: id, title, categories, registered_origin, created_at.
 * - `submissions`: one row per citizen submission of any kind (only `feedback` so far; draft
 *   comments and poll votes will add kinds). It carries what every kind shares: the idempotency
 *   key (UNIQUE, kept as long as the submission — not a cache), the hash of the request that
 *   created it, the tracking code (UNIQUE), the status and the official answer.
 * - `feedback`: the kind-specific part, keyed by submission id: service, rating, categories, text,
 *   the private contact and the citizen's locale. Summaries are an aggregate over
 *   (service_id, rating).
 * - `consultations`: a draft put before the public (slug UNIQUE, kind, window, moderation mode,
 *   withdrawal, issue and its summary). Status is not stored: it follows the clock (see
 *   `consultationStatus`).
 * - `clauses`: (consultation, version, clause id): version 1 is the draft, version 2 the final
 *   text; a clause keeps its id across versions.
 * - `window_extensions`: every extension of a consultation's window (previous and new closes_at,
 *   reason, when).
 * - `comments`: the kind-specific part of a `comment` submission (so idempotency keys and
 *   tracking codes are shared with feedback): consultation, clause (null: the whole draft), stance,
 *   text, proposed wording, display name, private contact, moderation status, rejection reason,
 *   official reply, disposition, and a public id distinct from the tracking code. The
 *   submission's own `status` mirrors the comment's moderation status.
 *
 * No Node built-ins here: this module is imported by the app, which also runs in a browser.
 */
import type { DispositionOutcome, PollResults } from '@nazar/protocol';
import type { AdminStore } from './admin-store.js';
import type {
  Service,
  NewService,
  Submission,
  StoredSubmission,
  TrackedSubmission,
  NewFeedback,
  FeedbackRecord,
  IdempotencyInput,
  CreateSubmissionResult,
  RatingSummary,
  NewConsultation,
  ConsultationRecord,
  ConsultationChange,
  WindowExtensionInput,
  IssueInput,
  NewComment,
  CommentRecord,
  CommentQuery,
  CommentStats,
  ModerationResult,
  ModerationInput,
  StatusUpdate,
  NewPoll,
  PollRecord,
  NewVote,
  VoteRecord,
  CreateVoteResult,
  PollClose,
} from '../domain/records.js';

// The records and the rules are the domain's; re-exported so the store's users need one import.
export type * from '../domain/records.js';
export { consultationStatus } from '../domain/consultation-rules.js';
export { pollStatus } from '../domain/poll-rules.js';
export { summarize } from '../domain/feedback-rules.js';

export interface Store extends AdminStore {
  readonly kind: string;
  getService(id: string): Promise<Service | null>;
  /**
   * Creates the service unless one with that id exists (atomic insert-or-ignore); returns the
   * stored service either way and whether this call created it.
   */
  ensureService(input: NewService): Promise<{ service: Service; created: boolean }>;
  listServices(): Promise<Service[]>;
  countServices(): Promise<number>;

  /** The submission that used this idempotency key, if any. */
  findByIdempotencyKey(key: string): Promise<StoredSubmission | null>;
  /**
   * Stores a feedback unless its idempotency key is already used (see CreateSubmissionResult).
   * Generates a unique tracking code. The service must exist. `at` (ISO) is its creation time;
   * defaults to the store's clock.
   */
  createFeedback(idempotency: IdempotencyInput, feedback: NewFeedback, at?: string): Promise<CreateSubmissionResult>;
  /** Aggregate of the ratings of one service (zero counts when it has none). */
  ratingSummary(serviceId: string): Promise<RatingSummary>;
  /** Feedback and comments; null for votes (the tracking lookup does not cover them yet). */
  findByTrackingCode(code: string): Promise<TrackedSubmission | null>;
  /** Private: the full record, contact included (for officials and tests, never public routes). */
  getFeedbackRecord(trackingCode: string): Promise<FeedbackRecord | null>;
  /**
   * Sets a feedback's status and, optionally, the official answer. Returns the updated submission,
   * or null when there is no feedback with that code.
   */
  updateSubmissionStatus(trackingCode: string, update: StatusUpdate): Promise<Submission | null>;
  countSubmissions(): Promise<number>;

  // Consultations
  /** Creates it unless the slug is taken (atomic); returns the stored one either way. */
  createConsultation(input: NewConsultation): Promise<{ created: boolean; consultation: ConsultationRecord }>;
  getConsultation(slug: string): Promise<ConsultationRecord | null>;
  countConsultations(): Promise<number>;
  /** Moves closesAt forward and records the extension; refused once issued or withdrawn. */
  extendConsultation(slug: string, input: WindowExtensionInput): Promise<ConsultationChange>;
  /** Refused once issued or withdrawn. */
  withdrawConsultation(slug: string, input: { reason: string; at: string }): Promise<ConsultationChange>;
  /**
   * Stores the final text, the summary and one disposition per published comment. Only in review
   * (closesAt ≤ at, not issued, not withdrawn); every published comment needs a disposition.
   */
  issueConsultation(slug: string, input: IssueInput): Promise<ConsultationChange>;

  // Comments (submissions of kind `comment`)
  /** Like createFeedback: atomic idempotency check and insert. The consultation must exist. */
  createComment(idempotency: IdempotencyInput, comment: NewComment): Promise<CreateSubmissionResult>;
  /** Many comments in one transaction (demo and benchmark data). */
  createComments(items: readonly { idempotency: IdempotencyInput; comment: NewComment }[]): Promise<CreateSubmissionResult[]>;
  /** Private (contact included). By public id. */
  getComment(id: string): Promise<CommentRecord | null>;
  getCommentByTrackingCode(trackingCode: string): Promise<CommentRecord | null>;
  /**
   * Newest first (createdAt, then seq, descending); at most `limit`. Private records. Null when
   * there is no such consultation.
   */
  listComments(slug: string, query: CommentQuery): Promise<CommentRecord[] | null>;
  /** Aggregates over the published comments of a consultation. */
  commentStats(slug: string): Promise<CommentStats>;
  /** Publish or reject; refused once the consultation is issued. */
  moderateComment(id: string, input: ModerationInput): Promise<ModerationResult>;
  /** Sets (or replaces) the official reply. Returns null for an unknown id. */
  replyToComment(id: string, input: { text: string; at: string }): Promise<CommentRecord | null>;

  // Polls
  /** Creates it unless the slug is taken (atomic); returns the stored one either way. */
  createPoll(input: NewPoll): Promise<{ created: boolean; poll: PollRecord }>;
  getPoll(slug: string): Promise<PollRecord | null>;
  countPolls(): Promise<number>;
  /** Sets closedAt (an official's early close); refused once closed by an official. */
  closePoll(slug: string, at: string): Promise<PollClose>;
  /**
   * The results from the counters kept with every vote: O(options), never a scan of the votes.
   * Null for an unknown poll.
   */
  pollResults(slug: string): Promise<PollResults | null>;
  /** The same figures counted from the votes themselves (a full scan: for checks and repair). */
  recountPoll(slug: string): Promise<PollResults | null>;
  /** Whether this voter has a vote in this poll (an indexed lookup). */
  hasVoted(slug: string, voterHash: string): Promise<boolean>;
  /**
   * Stores a vote (a submission of kind `vote`) and bumps the poll's counters, atomically: the
   * idempotency key first (replay, conflict), then one vote per voter (`already-voted`). The poll
   * must exist; the window is the caller's business (judged on arrival).
   */
  createVote(idempotency: IdempotencyInput, vote: NewVote): Promise<CreateVoteResult>;
  /** Many votes in one transaction (demo and benchmark data). */
  createVotes(items: readonly { idempotency: IdempotencyInput; vote: NewVote }[]): Promise<CreateVoteResult[]>;
  getVoteByTrackingCode(trackingCode: string): Promise<VoteRecord | null>;

  /** Releases resources (the SQLite store checkpoints its WAL and closes the file). */
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Clock, for tests. */
  now?: () => Date;
  /** Tracking code generator, for tests (collisions are retried). Defaults to the protocol's. */
  generateTrackingCode?: () => string;
  /** Comment public id generator, for tests (collisions are retried). */
  generateCommentId?: () => string;
}

/** A comment's public id: 12 characters of [a-z2-7] (60 random bits), from Web Crypto. */
export function generateCommentId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let id = '';
  for (const b of bytes) id += alphabet[b & 31];
  return id;
}

export const EMPTY_DISPOSITION_COUNTS: Readonly<Record<DispositionOutcome, number>> = {
  accepted: 0,
  'partly-accepted': 0,
  'out-of-scope': 0,
  'not-accepted': 0,
};

/** How many times a store tries a fresh tracking code when it collides (1e9 codes: very rare). */
export const TRACKING_CODE_ATTEMPTS = 20;

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
import type {
  Clause,
  CommentStatus,
  ConsultationKind,
  ConsultationStatus,
  Disposition,
  DispositionOutcome,
  FeedbackCategory,
  FeedbackStatus,
  ModerationMode,
  OfficialReply,
  PollMode,
  PollOption,
  PollResults,
  PollStatus,
  ResultsVisibility,
  Stance,
  WindowExtension,
} from '@nazar/protocol';
import type { AdminStore } from './admin-store.js';

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
 * A consultation's status at `now`: withdrawn and issued are an official's acts; otherwise the
 * window decides (`open` from opensAt until, not including, closesAt).
 */
export function consultationStatus(c: Pick<ConsultationRecord, 'opensAt' | 'closesAt' | 'withdrawnAt' | 'issuedAt'>, now: Date): ConsultationStatus {
  if (c.withdrawnAt !== null) return 'withdrawn';
  if (c.issuedAt !== null) return 'issued';
  const t = now.getTime();
  if (t < Date.parse(c.opensAt)) return 'scheduled';
  if (t < Date.parse(c.closesAt)) return 'open';
  return 'review';
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

/**
 * A poll's status at `now`: `closed` once an official closed it; otherwise the window decides
 * (`open` from opensAt until, not including, closesAt).
 */
export function pollStatus(p: Pick<PollRecord, 'opensAt' | 'closesAt' | 'closedAt'>, now: Date): PollStatus {
  if (p.closedAt !== null) return 'closed';
  const t = now.getTime();
  if (t < Date.parse(p.opensAt)) return 'scheduled';
  if (t < Date.parse(p.closesAt)) return 'open';
  return 'closed';
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

/** Turns counts of ratings 1..5 into a summary. Shared by the stores. */
export function summarize(distribution: [number, number, number, number, number]): RatingSummary {
  let count = 0;
  let sum = 0;
  distribution.forEach((n, i) => {
    count += n;
    sum += n * (i + 1);
  });
  return { count, mean: count === 0 ? null : Math.round((sum / count) * 100) / 100, distribution };
}

/** A comment's public id: 12 characters of [a-z2-7] (60 random bits), from Web Crypto. */
export function generateCommentId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let id = '';
  for (const b of bytes) id += alphabet[b & 31];
  return id;
}

export const EMPTY_DISPOSITION_COUNTS: Readonly<Record<DispositionOutcome, number>> = { accepted: 0, 'partly-accepted': 0, 'not-accepted': 0 };

/** How many times a store tries a fresh tracking code when it collides (1e9 codes: very rare). */
export const TRACKING_CODE_ATTEMPTS = 20;

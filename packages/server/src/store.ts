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
 *
 * No Node built-ins here: this module is imported by the app, which also runs in a browser.
 */
import type { FeedbackCategory, FeedbackStatus } from '@nazar/protocol';

export type SubmissionKind = 'feedback';
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
  status: FeedbackStatus;
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

/** A tracked submission with what it is about (for `GET /v1/tracking/:code`). */
export interface TrackedSubmission extends Submission {
  subject: { type: 'service'; id: string; title: string };
}

export interface NewFeedback {
  serviceId: string;
  rating: number;
  categories: FeedbackCategory[];
  /** Cleaned text, or null when the citizen wrote none. */
  text: string | null;
  /** Normalised private contact, or null. */
  contact: { kind: ContactKind; value: string } | null;
  locale: Locale | null;
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

export interface StatusUpdate {
  status: FeedbackStatus;
  /** The official answer; when given, `answeredAt` is set to now. */
  answer?: string | null;
}

export interface Store {
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
   * Generates a unique tracking code. The service must exist.
   */
  createFeedback(idempotency: IdempotencyInput, feedback: NewFeedback): Promise<CreateSubmissionResult>;
  /** Aggregate of the ratings of one service (zero counts when it has none). */
  ratingSummary(serviceId: string): Promise<RatingSummary>;
  findByTrackingCode(code: string): Promise<TrackedSubmission | null>;
  /** Private: the full record, contact included (for officials and tests, never public routes). */
  getFeedbackRecord(trackingCode: string): Promise<FeedbackRecord | null>;
  /** Sets status and, optionally, the official answer. Returns the updated submission or null. */
  updateSubmissionStatus(trackingCode: string, update: StatusUpdate): Promise<Submission | null>;
  countSubmissions(): Promise<number>;

  /** Releases resources (the SQLite store checkpoints its WAL and closes the file). */
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Clock, for tests. */
  now?: () => Date;
  /** Tracking code generator, for tests (collisions are retried). Defaults to the protocol's. */
  generateTrackingCode?: () => string;
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

/** How many times a store tries a fresh tracking code when it collides (1e9 codes: very rare). */
export const TRACKING_CODE_ATTEMPTS = 20;

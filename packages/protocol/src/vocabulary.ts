/**
 * The contract's words and numbers: every enumeration, limit and pattern the wire contract uses,
 * with no zod, so the browser's checks (`check/`) and the server's zod schemas (`schemas/`) are
 * built from the same tables. Change a value here and both sides change.
 */
import { TRACKING_CODE_LENGTH } from './tracking-code.js';

/** Limits shared by the server's validation and the widgets' own checks. */
export const LIMITS = {
  feedbackText: 2000,
  contact: 254,
  serviceLabel: 200,
  serviceTitle: 200,
  /** Request bodies over this many bytes are refused with `payload-too-large`. */
  bodyBytes: 64 * 1024,
} as const;

/**
 * Draft consultations: a regulation (2 weeks) or a bill (1 month) put before the public clause by
 * clause, amended, issued, and answered (the seed's commitments).
 */
export const CONSULTATION_KINDS = ['regulation', 'bill'] as const;

/** Minimum (and default) comment window per kind, in days. The server refuses shorter windows. */
export const MIN_WINDOW_DAYS: Record<(typeof CONSULTATION_KINDS)[number], number> = { regulation: 14, bill: 30 };

/** `scheduled` → `open` (from opensAt) → `review` (after closesAt) → `issued` | `withdrawn`. */
export const CONSULTATION_STATUSES = ['scheduled', 'open', 'review', 'issued', 'withdrawn'] as const;

export const STANCES = ['support', 'oppose', 'amend'] as const;

export const MODERATION_MODES = ['pre', 'post'] as const;

export const COMMENT_STATUSES = ['pending', 'published', 'rejected'] as const;

/** What was done with a comment in the final text; `out-of-scope`: it was about something the draft does not govern. */
export const DISPOSITIONS = ['accepted', 'partly-accepted', 'not-accepted', 'out-of-scope'] as const;

export const CONSULTATION_LIMITS = {
  commentText: 5000,
  proposedText: 5000,
  displayName: 80,
  commentsPerPage: 20,
} as const;

/** Feedback categories: stable ids that the widgets translate. */
export const FEEDBACK_CATEGORIES = ['speed', 'clarity', 'staff', 'online', 'documents', 'cost', 'other'] as const;

export const FEEDBACK_STATUSES = ['received', 'in-progress', 'answered', 'closed'] as const;

/** The voting forum: one question, 2–20 options, one vote per voter. */
export const POLL_MODES = ['single', 'multiple'] as const;

/** Who may see the results: everyone at any time, voters once they voted, or everyone after close. */
export const RESULTS_VISIBILITY = ['always', 'after-vote', 'after-close'] as const;

/** `scheduled` before opensAt, `open` until closesAt (or an official closes it), then `closed`. */
export const POLL_STATUSES = ['scheduled', 'open', 'closed'] as const;

export const POLL_LIMITS = { minOptions: 2, maxOptions: 20, question: 500, option: 200, voterKey: 128 } as const;

export const SUBMISSION_KINDS = ['feedback', 'comment', 'vote'] as const;

/**
 * Stable problem codes (RFC 9457 `code` extension). Widgets translate these; they never show the
 * server's `title` or `detail` text to citizens. Add codes, never rename them.
 */
export const PROBLEM_CODES = [
  'validation', // the body or a parameter is wrong; `errors` names the fields
  'malformed-json', // the body is not JSON
  'unsupported-media-type', // POST without application/json
  'payload-too-large', // body over the limit
  'idempotency-key-required', // POST without Idempotency-Key
  'idempotency-conflict', // the key was used with another body
  'idempotency-in-progress', // the key's first request is still being processed: retry later
  'not-found', // no such route or resource
  'unknown-service', // a service the store does not know, from a site that may not register it
  'origin-not-allowed', // the request's Origin is not an allowed site
  'method-not-allowed',
  'rate-limited',
  'closed', // the consultation or poll is not open
  'unauthorized', // admin route without a valid token
  'forbidden', // the token's role may not do this
  'invalid-state', // e.g. issuing a consultation that is still open
  'already-voted',
  'unavailable', // the server is shutting down or its store is unreachable
  'internal', // a bug: logged on the server, shown as a generic failure
  // Made by the client, never sent by the server:
  'network', // no answer (offline, DNS, connection reset)
  'timeout', // no answer in time
  'bad-response', // an answer that does not match the contract
  'storage-unavailable', // this browser cannot keep the item (no IndexedDB, quota)
] as const;

/** Per-field error codes inside a `validation` problem; also used by the widgets' own checks. */
export const FIELD_ERROR_CODES = [
  'required',
  'invalid', // wrong type or shape
  'too-long',
  'too-short',
  'out-of-range',
  'invalid-contact', // neither an Iranian mobile nor an email address
  'unknown-category',
  'duplicate',
  'unknown-field',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** The interface languages a submission may name (`locale`). */
export const LOCALES = ['fa', 'en', 'bal'] as const;

// Patterns of ids and instants, as the server writes and accepts them.
/** Service ids, as a webmaster writes them in `service="…"`. */
export const SERVICE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
/**
 * An RFC 3339 instant as the server writes it (`Date#toISOString()`). A plain pattern rather than
 * `z.iso.datetime()`, which costs the widget bundle 0.6 KB gzip for the same answer.
 */
export const ISO_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
export const TRACKING_CODE_PATTERN = /^[0-9]+$/;
export { TRACKING_CODE_LENGTH };
/** Consultation and poll slugs. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;
/** Clause and poll option ids. */
export const ITEM_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
export const VOTER_KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

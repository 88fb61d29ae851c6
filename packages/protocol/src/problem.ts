import * as z from 'zod/mini';

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
export type ProblemCode = (typeof PROBLEM_CODES)[number];

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
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export const FieldError = z.object({
  /** JSON-pointer-like path of the field, e.g. `rating` or `categories.2`. */
  field: z.string(),
  code: z.enum(FIELD_ERROR_CODES),
  /** Limit involved, e.g. the maximum length, so the widget can say "at most 2,000 characters". */
  limit: z.optional(z.number()),
});
export type FieldError = z.infer<typeof FieldError>;

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int().check(z.gte(400), z.lte(599)),
  code: z.enum(PROBLEM_CODES),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(FieldError)),
  /** Seconds to wait before retrying (mirrors Retry-After). */
  retryAfter: z.optional(z.number()),
});
export type Problem = z.infer<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<ProblemCode, string> = {
  validation: 'The request has invalid fields',
  'malformed-json': 'The body is not valid JSON',
  'unsupported-media-type': 'The body must be application/json',
  'payload-too-large': 'The body is too large',
  'idempotency-key-required': 'An Idempotency-Key header is required',
  'idempotency-conflict': 'This Idempotency-Key was already used with a different body',
  'idempotency-in-progress': 'A request with this Idempotency-Key is still being processed',
  'not-found': 'Not found',
  'unknown-service': 'This service is not registered',
  'origin-not-allowed': 'This site may not register services',
  'method-not-allowed': 'Method not allowed',
  'rate-limited': 'Too many requests',
  closed: 'This is not open for submissions',
  unauthorized: 'A valid token is required',
  forbidden: 'This token may not do that',
  'invalid-state': 'Not possible in the current state',
  'already-voted': 'This device has already voted',
  unavailable: 'The service is temporarily unavailable',
  internal: 'Internal error',
  network: 'No connection to the server',
  timeout: 'The server did not answer in time',
  'bad-response': 'The server sent an unexpected answer',
  'storage-unavailable': 'This browser cannot store the submission',
};

/** Builds a problem object with the standard type URI (`urn:nazar:problem:<code>`) and title. */
export function problem(code: ProblemCode, status: number, extra: Partial<Omit<Problem, 'code' | 'status'>> = {}): Problem {
  return { type: `urn:nazar:problem:${code}`, title: TITLES[code], status, code, ...extra };
}

/** True when a 4xx problem means "do not send this again as it is" (the Outbox's needs-attention). */
export function isPermanentRefusal(status: number, code?: string): boolean {
  if (status === 408 || status === 425 || status === 429) return false;
  if (code === 'idempotency-in-progress') return false;
  return status >= 400 && status < 500;
}

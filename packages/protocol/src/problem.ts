import type { Problem } from './check/shapes.js';
import type { ProblemCode } from './vocabulary.js';

export { PROBLEM_CODES, FIELD_ERROR_CODES, type ProblemCode, type FieldErrorCode } from './vocabulary.js';

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

/**
 * The HTTP API as a Hono app: routes, validation, idempotency, tracking, CORS.
 *
 * This module imports no Node built-ins and no store implementation: it receives the store. It
 * runs on Node behind @hono/node-server and, with the memory store, inside a browser behind msw.
 * Hashing uses Web Crypto (`crypto.subtle`), available in both.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  FEEDBACK_CATEGORIES,
  FeedbackSubmission,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  IDEMPOTENCY_REPLAYED_HEADER,
  LIMITS,
  PROBLEM_CONTENT_TYPE,
  ROUTES,
  ServiceId,
  cleanSubmittedText,
  normalizeContact,
  parseTrackingCode,
  problem,
  textLength,
  type FeedbackAccepted,
  type FeedbackCategory,
  type FieldError,
  type Health,
  type Problem,
  type ProblemCode,
  type ServiceSummary,
  type TrackingLookup,
} from '@nazar/protocol';
import type { NewFeedback, Store, StoredSubmission } from './store.js';

export type LogRecord = Record<string, unknown>;

export interface Logger {
  info(record: LogRecord): void;
  error(record: LogRecord): void;
}

/** One JSON object per line: info to stdout, errors to stderr. */
export const consoleLogger: Logger = {
  info: (record) => console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', ...record })),
  error: (record) => console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', ...record })),
};

export interface AppOptions {
  /**
   * Exact origins (`https://county.example`) of the sites that may embed the widgets: they get
   * CORS answers and may register a service on its first feedback.
   */
  allowedOrigins: readonly string[];
  /** Where genuine bugs (500s) are logged. Defaults to `consoleLogger`. */
  logger?: Logger;
  /** Reported by `/healthz`. */
  version?: string;
  /** True while the server drains before shutdown: `/healthz` then answers 503 `draining`. */
  isDraining?: () => boolean;
}

export const SERVER_VERSION = '0.1.0';

const ALLOW_METHODS = 'GET, POST, OPTIONS';
const ALLOW_HEADERS = `Content-Type, ${IDEMPOTENCY_KEY_HEADER}`;
const EXPOSE_HEADERS = `${IDEMPOTENCY_REPLAYED_HEADER}, Retry-After`;
const PREFLIGHT_MAX_AGE = '600';

/** A problem+json response. */
export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...headers },
  });
}

function validationProblem(errors: FieldError[]): Response {
  return problemResponse(problem('validation', 400, { errors }));
}

function simpleProblem(code: ProblemCode, status: number, detail?: string, headers?: Record<string, string>): Response {
  return problemResponse(problem(code, status, detail === undefined ? {} : { detail }), headers);
}

// ---------------------------------------------------------------------------------------------
// Validation: zod issues → `errors: [{ field, code, limit? }]`

interface IssueLike {
  code: string;
  path: PropertyKey[];
  origin?: string;
  maximum?: unknown;
  minimum?: unknown;
  keys?: string[];
}

/** Fields are dotted paths (`categories.2`); the body itself is `''` (JSON-pointer root). */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

const NUMERIC_ORIGINS = new Set(['number', 'int', 'bigint']);

/** Text limits are user-perceived characters; the schema only bounds the raw string. */
const FIELD_LIMITS: Record<string, number> = { text: LIMITS.feedbackText };

export function issuesToFieldErrors(issues: readonly IssueLike[], input: unknown): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const push = (e: FieldError) => {
    const id = `${e.field}\u0000${e.code}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(e);
    }
  };
  for (const issue of issues) {
    const field = fieldName(issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys ?? []) push({ field: fieldName([...issue.path, key]), code: 'unknown-field' });
        break;
      case 'invalid_type':
        push({ field, code: issue.path.length > 0 && valueAt(input, issue.path) === undefined ? 'required' : 'invalid' });
        break;
      case 'too_big': {
        const numeric = NUMERIC_ORIGINS.has(issue.origin ?? '');
        const limit = FIELD_LIMITS[field] ?? (typeof issue.maximum === 'number' ? issue.maximum : undefined);
        push({ field, code: numeric ? 'out-of-range' : 'too-long', ...(limit === undefined ? {} : { limit }) });
        break;
      }
      case 'too_small': {
        const numeric = NUMERIC_ORIGINS.has(issue.origin ?? '');
        const limit = typeof issue.minimum === 'number' ? issue.minimum : undefined;
        push({ field, code: numeric ? 'out-of-range' : 'too-short', ...(limit === undefined ? {} : { limit }) });
        break;
      }
      case 'invalid_value':
        push({ field, code: issue.path[0] === 'categories' && issue.path.length === 2 ? 'unknown-category' : 'invalid' });
        break;
      default:
        push({ field, code: 'invalid' });
    }
  }
  return out;
}

/** A feedback body after schema validation and normalisation, before any store lookup. */
interface CheckedFeedback {
  feedback: Omit<NewFeedback, 'serviceId'>;
  /** Cleaned label, or null when absent or blank. */
  serviceLabel: string | null;
}

/**
 * Store-independent checks of a feedback body: the schema, then what the schema cannot say
 * (text length in graphemes after cleaning, contact format, duplicate categories).
 */
function checkFeedbackBody(body: unknown): { ok: true; value: CheckedFeedback } | { ok: false; errors: FieldError[] } {
  const parsed = FeedbackSubmission.safeParse(body);
  if (!parsed.success) return { ok: false, errors: issuesToFieldErrors(parsed.error.issues as IssueLike[], body) };
  const data = parsed.data;
  const errors: FieldError[] = [];

  const categories: FeedbackCategory[] = [];
  (data.categories ?? []).forEach((category, i) => {
    if (categories.includes(category)) errors.push({ field: `categories.${i}`, code: 'duplicate' });
    else categories.push(category);
  });

  let text: string | null = null;
  if (data.text !== undefined) {
    const cleaned = cleanSubmittedText(data.text);
    if (textLength(cleaned) > LIMITS.feedbackText) errors.push({ field: 'text', code: 'too-long', limit: LIMITS.feedbackText });
    else if (cleaned !== '') text = cleaned;
  }

  // A blank contact (an empty form field) counts as none; anything else must be a contact.
  let contact: NewFeedback['contact'] = null;
  if (data.contact !== undefined && data.contact.trim() !== '') {
    contact = normalizeContact(data.contact);
    if (contact === null) errors.push({ field: 'contact', code: 'invalid-contact' });
  }

  let serviceLabel: string | null = null;
  if (data.serviceLabel !== undefined) {
    const cleaned = cleanSubmittedText(data.serviceLabel).replace(/\s+/g, ' ');
    if (cleaned !== '') serviceLabel = cleaned;
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { feedback: { rating: data.rating, categories, text, contact, locale: data.locale ?? null }, serviceLabel },
  };
}

// ---------------------------------------------------------------------------------------------
// Bodies and hashing

const JSON_MEDIA_TYPE = 'application/json';

/** `application/json`, optionally with `charset=utf-8`; any other charset is refused. */
function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';');
  if (type!.trim().toLowerCase() !== JSON_MEDIA_TYPE) return false;
  for (const param of params) {
    const [name, value] = param.split('=').map((s) => s.trim().toLowerCase());
    if (name === 'charset' && value?.replace(/"/g, '') !== 'utf-8') return false;
  }
  return true;
}

/**
 * Reads at most `limit` bytes of the body. A declared Content-Length over the limit is refused
 * without reading; otherwise the stream is read chunk by chunk and cancelled as soon as it
 * exceeds the limit, so an unbounded body is never buffered.
 */
async function readBodyLimited(request: Request, limit: number): Promise<Uint8Array | 'too-large' | 'unreadable'> {
  try {
    return await readBody(request, limit);
  } catch {
    // The client went away mid-body (or sent a broken chunked encoding): its fault, not a bug.
    return 'unreadable';
  }
}

async function readBody(request: Request, limit: number): Promise<Uint8Array | 'too-large'> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) return 'too-large';
  if (request.body === undefined) {
    // Firefox has no Request.body stream (the app runs there behind msw): read it whole.
    const whole = new Uint8Array(await request.arrayBuffer());
    return whole.byteLength > limit ? 'too-large' : whole;
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** JSON with object keys sorted at every level: the same data always gives the same string. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 (hex) of the route and the canonical form of the parsed body. */
export async function requestHash(route: string, body: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(`${route}\n${canonicalJson(body)}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

// ---------------------------------------------------------------------------------------------
// Method-not-allowed detection: the route table's patterns as regular expressions.

const ROUTE_MATCHERS = Object.values(ROUTES).map((route) => ({
  method: route.method as string,
  regex: new RegExp(`^${route.pattern.replace(/:[A-Za-z]+/g, '[^/]+')}$`),
}));

function allowedMethodsFor(path: string): string[] {
  const methods = new Set<string>();
  for (const m of ROUTE_MATCHERS) {
    if (m.regex.test(path)) {
      methods.add(m.method);
      if (m.method === 'GET') methods.add('HEAD');
    }
  }
  if (methods.size > 0) methods.add('OPTIONS');
  return [...methods];
}

// ---------------------------------------------------------------------------------------------

/**
 * The answer to an accepted feedback, rebuilt from the stored submission. It describes the
 * submission as it was created (status `received`), so a replay is byte-identical to the first
 * answer even after an official has since answered; the tracking route shows the current state.
 */
function acceptedBody(submission: StoredSubmission, serviceId: string): FeedbackAccepted {
  return { trackingCode: submission.trackingCode, status: 'received', serviceId, createdAt: submission.createdAt };
}

function acceptedResponse(c: Context, submission: StoredSubmission, serviceId: string, replayed: boolean): Response {
  const headers: Record<string, string> = { Location: ROUTES.tracking.path(submission.trackingCode) };
  if (replayed) headers[IDEMPOTENCY_REPLAYED_HEADER] = 'true';
  return c.json(acceptedBody(submission, serviceId), 201, headers);
}

export function createApp(store: Store, options: AppOptions): Hono {
  const allowed = new Set(options.allowedOrigins);
  const logger = options.logger ?? consoleLogger;
  const version = options.version ?? SERVER_VERSION;
  const app = new Hono();

  // CORS and security headers. Own middleware (rather than hono/cors) so that error responses
  // from onError/notFound get the same headers and a disallowed origin gets no CORS header at all.
  app.use('*', async (c, next) => {
    const origin = c.req.header('origin');
    const allowedOrigin = origin !== undefined && allowed.has(origin) ? origin : null;
    if (c.req.method === 'OPTIONS') {
      const headers = new Headers({
        Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
      const allow = allowedMethodsFor(c.req.path);
      if (allow.length > 0) headers.set('Allow', allow.join(', '));
      if (allowedOrigin !== null && c.req.header('access-control-request-method')) {
        headers.set('Access-Control-Allow-Origin', allowedOrigin);
        headers.set('Access-Control-Allow-Methods', ALLOW_METHODS);
        headers.set('Access-Control-Allow-Headers', ALLOW_HEADERS);
        headers.set('Access-Control-Max-Age', PREFLIGHT_MAX_AGE);
      }
      return new Response(null, { status: 204, headers });
    }
    await next();
    const h = c.res.headers;
    h.append('Vary', 'Origin');
    if (allowedOrigin !== null) {
      h.set('Access-Control-Allow-Origin', allowedOrigin);
      h.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    // Every API answer is per-request state (and POST answers and tracking lookups must never be
    // stored by a cache), so nothing is cacheable.
    h.set('Cache-Control', 'no-store');
  });

  app.get(ROUTES.health.pattern, (c) => {
    const draining = options.isDraining?.() ?? false;
    const body: Health = { status: draining ? 'draining' : 'ok', version };
    return c.json(body, draining ? 503 : 200);
  });

  app.get(ROUTES.service.pattern, async (c) => {
    const id = c.req.param('id');
    if (!ServiceId.safeParse(id).success) return validationProblem([{ field: 'id', code: 'invalid' }]);
    const service = await store.getService(id);
    if (!service) return simpleProblem('unknown-service', 404);
    const summary = await store.ratingSummary(id);
    const body: ServiceSummary = {
      id: service.id,
      title: service.title,
      categories: service.categories,
      count: summary.count,
      mean: summary.mean,
      distribution: summary.distribution,
    };
    return c.json(body);
  });

  app.post(ROUTES.feedback.pattern, async (c) => {
    const serviceId = c.req.param('id');

    if (!isJsonContentType(c.req.header('content-type'))) return simpleProblem('unsupported-media-type', 415);

    const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
    if (key === undefined || key.trim() === '') return simpleProblem('idempotency-key-required', 400);
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) return validationProblem([{ field: IDEMPOTENCY_KEY_HEADER, code: 'invalid' }]);

    const bytes = await readBodyLimited(c.req.raw, LIMITS.bodyBytes);
    if (bytes === 'too-large') return simpleProblem('payload-too-large', 413);
    if (bytes === 'unreadable') return simpleProblem('malformed-json', 400, 'The body could not be read');
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      return simpleProblem('malformed-json', 400);
    }

    // Validation comes before the idempotency lookup, in two steps:
    // 1. Checks that depend only on the request (path id, schema, text length, contact) run first.
    //    A request that fails them never created a row, so there is nothing to replay, and the
    //    same bytes fail the same way every time: answering 400 is already idempotent. It also
    //    means only well-formed bodies are hashed and compared.
    // 2. Checks that depend on stored state (does the service exist, are the categories the
    //    service's) run AFTER the lookup, so that a retry of an accepted request replays its
    //    first answer even if that state has changed since (e.g. an official edited categories).
    const errors: FieldError[] = [];
    if (!ServiceId.safeParse(serviceId).success) errors.push({ field: 'id', code: 'invalid' });
    const checked = checkFeedbackBody(body);
    if (!checked.ok) errors.push(...checked.errors);
    if (errors.length > 0 || !checked.ok) return validationProblem(errors);

    const route = `POST ${ROUTES.feedback.path(serviceId)}`;
    const hash = await requestHash(route, body);
    const previous = await store.findByIdempotencyKey(key);
    if (previous) {
      if (previous.requestHash !== hash) return simpleProblem('idempotency-conflict', 422);
      return acceptedResponse(c, previous, serviceId, true);
    }

    let service = await store.getService(serviceId);
    if (!service) {
      // Registration on first feedback. Only a browser on an allowed site may register: it sends
      // an allowed Origin. A request with an Origin that is not allowed gets 403
      // `origin-not-allowed` (it says what to fix: add the site to NAZAR_ALLOWED_ORIGINS); a
      // request with no Origin (not from a browser page) gets 404 `unknown-service`, as there is
      // no site to register the service for.
      const origin = c.req.header('origin');
      if (origin === undefined) return simpleProblem('unknown-service', 404);
      if (!allowed.has(origin)) return simpleProblem('origin-not-allowed', 403);
      if (checked.value.serviceLabel === null) return validationProblem([{ field: 'serviceLabel', code: 'required' }]);
      const title = checked.value.serviceLabel;
      service = (await store.ensureService({ id: serviceId, title, categories: FEEDBACK_CATEGORIES, registeredOrigin: origin }))
        .service;
    }

    const stateErrors: FieldError[] = [];
    checked.value.feedback.categories.forEach((category, i) => {
      if (!service.categories.includes(category)) stateErrors.push({ field: `categories.${i}`, code: 'unknown-category' });
    });
    if (stateErrors.length > 0) return validationProblem(stateErrors);

    // The store re-checks the key atomically with the insert: of many racing requests with one
    // key, exactly one creates the row and the others replay it (or conflict).
    const result = await store.createFeedback({ key, requestHash: hash }, { serviceId, ...checked.value.feedback });
    if (result.outcome === 'conflict') return simpleProblem('idempotency-conflict', 422);
    return acceptedResponse(c, result.submission, serviceId, result.outcome === 'replayed');
  });

  app.get(ROUTES.tracking.pattern, async (c) => {
    const code = parseTrackingCode(c.req.param('code'));
    if (code === null) return validationProblem([{ field: 'code', code: 'invalid' }]);
    const found = await store.findByTrackingCode(code);
    if (!found) return simpleProblem('not-found', 404);
    const body: TrackingLookup = {
      trackingCode: found.trackingCode,
      kind: found.kind,
      status: found.status,
      createdAt: found.createdAt,
      updatedAt: found.updatedAt,
      subject: found.subject,
      answer: found.answer !== null && found.answeredAt !== null ? { text: found.answer, answeredAt: found.answeredAt } : null,
    };
    return c.json(body);
  });

  app.notFound((c) => {
    const allow = allowedMethodsFor(c.req.path);
    if (allow.length > 0) return simpleProblem('method-not-allowed', 405, undefined, { Allow: allow.join(', ') });
    return simpleProblem('not-found', 404);
  });

  app.onError((err, c) => {
    // Hono's own HTTP errors (e.g. a malformed URL) are the client's fault: pass their status on.
    const status = err instanceof HTTPException ? err.status : 500;
    if (status >= 400 && status < 500) {
      const code: ProblemCode = status === 413 ? 'payload-too-large' : status === 404 ? 'not-found' : 'validation';
      return simpleProblem(code, status);
    }
    logger.error({
      msg: 'unhandled error',
      method: c.req.method,
      route: c.req.routePath,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    return simpleProblem('internal', 500);
  });

  return app;
}

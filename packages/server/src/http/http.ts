/**
 * What every route group shares: problem responses, zod issues → field errors, reading a JSON
 * body within the size limit, the Idempotency-Key header, request hashing. No Node built-ins
 * (Web Crypto for hashing): the app also runs in browsers.
 */
import type { Context } from 'hono';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  LIMITS,
  PROBLEM_CONTENT_TYPE,
  issuesToFieldErrors,
  type IssueLike,
  problem,
  type FieldError,
  type Problem,
  type ProblemCode,
} from '@nazar/protocol';
import type { Store, StoredSubmission } from '../store/store.js';

/** A problem+json response; `p` may carry extension members (RFC 9457 §3.2). */
export function problemResponse(p: Problem & Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...headers },
  });
}

/**
 * A whole-number query parameter from 1 to `max` (`fallback` when absent): not digits is
 * `invalid`, out of bounds `out-of-range` with the limit, both pushed onto `errors`.
 */
export function countParam(c: Context, name: string, fallback: number, max: number, errors: FieldError[]): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,6}$/.test(raw)) {
    errors.push({ field: name, code: 'invalid' });
    return fallback;
  }
  const n = Number(raw);
  if (n < 1 || n > max) errors.push({ field: name, code: 'out-of-range', limit: max });
  return n;
}

export function validationProblem(errors: FieldError[], extra: Record<string, unknown> = {}): Response {
  return problemResponse({ ...problem('validation', 400, { errors }), ...extra });
}

export function simpleProblem(code: ProblemCode, status: number, detail?: string, headers?: Record<string, string>): Response {
  return problemResponse(problem(code, status, detail === undefined ? {} : { detail }), headers);
}

// ---------------------------------------------------------------------------------------------
// Validation: zod issues → `errors: [{ field, code, limit? }]` (the mapping is the protocol's,
// shared with the browser's zod-free checks)

/** A schema with zod's safeParse (full zod or zod/mini). */
export interface SafeParser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly unknown[] } };
}

export function parseWith<T>(
  schema: SafeParser<T>,
  body: unknown,
  limits?: Record<string, number>,
): { ok: true; value: T } | { ok: false; errors: FieldError[] } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: issuesToFieldErrors(parsed.error.issues as IssueLike[], body, limits) };
}

// ---------------------------------------------------------------------------------------------
// Bodies

const JSON_MEDIA_TYPE = 'application/json';
/** Strict UTF-8, shared: a decode without `stream` starts afresh, even after one that threw. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** `application/json`, optionally with `charset=utf-8`; any other charset is refused. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';');
  if (type.trim().toLowerCase() !== JSON_MEDIA_TYPE) return false;
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
export async function readBodyLimited(request: Request, limit: number): Promise<Uint8Array | 'too-large' | 'unreadable'> {
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

/** What the Node adapter passes as `env.incoming` (an http.IncomingMessage), typed without Node. */
interface NodeLikeIncoming extends AsyncIterable<Uint8Array> {
  readableDidRead?: boolean;
  /** True once the whole message (the body's last byte) has been parsed. */
  complete?: boolean;
  /** Bytes of the body buffered and not yet read. */
  readableLength?: number;
  /** Everything buffered so far, in one chunk (null when nothing is). */
  read?(): Uint8Array | null;
}

/** Is all of the body in the stream's buffer (the message complete, or Content-Length bytes there)? */
function wholeBodyBuffered(incoming: NodeLikeIncoming, length: number | null): boolean {
  return incoming.complete === true || (length !== null && incoming.readableLength === length);
}

/**
 * On Node, the body straight from the socket's stream (no Web stream in between: a measurable
 * share of a POST's cost), with the same limit rules as `readBodyLimited`.
 */
async function readIncomingLimited(
  incoming: NodeLikeIncoming,
  declared: string | undefined,
  limit: number,
): Promise<Uint8Array | 'too-large' | 'unreadable'> {
  const length = declared !== undefined && /^\d+$/.test(declared.trim()) ? Number(declared) : null;
  if (length !== null && length > limit) return 'too-large';
  // The usual small body arrives in the same packet as its headers. Handlers start while the
  // parser is still on the headers, and it buffers the rest of the packet before any promise
  // settles: after one microtask, the whole body (exactly Content-Length bytes, or all of a
  // complete message) is in the buffer and is taken in one synchronous read, without the
  // async iterator's machinery.
  if (typeof incoming.read === 'function') {
    if (!wholeBodyBuffered(incoming, length)) await Promise.resolve();
    if (wholeBodyBuffered(incoming, length)) {
      const bytes = (incoming.readableLength === 0 ? null : incoming.read()) ?? new Uint8Array(0);
      return bytes.byteLength > limit ? 'too-large' : bytes;
    }
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  // A manual iterator: on 'too-large' we stop reading without destroying the stream, so the 413
  // still reaches the client and the adapter deals with the rest as for any unread body.
  const iterator = incoming[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const value = next.value;
      size += value.byteLength;
      if (size > limit) return 'too-large';
      chunks.push(value);
    }
  } catch {
    return 'unreadable';
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** 415 `unsupported-media-type` unless the request says `application/json` (UTF-8); else null. */
export function mediaTypeProblem(c: Context): Response | null {
  return isJsonContentType(c.req.header('content-type')) ? null : simpleProblem('unsupported-media-type', 415);
}

/**
 * The request's JSON body (check its media type first with `mediaTypeProblem`): at most `limit`
 * bytes, strict UTF-8. Either the parsed value or the problem response to send.
 */
export async function readJsonBody(
  c: Context,
  limit: number = LIMITS.bodyBytes,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const incoming = (c.env as { incoming?: NodeLikeIncoming } | undefined)?.incoming;
  const bytes =
    incoming && typeof incoming[Symbol.asyncIterator] === 'function' && !incoming.readableDidRead
      ? await readIncomingLimited(incoming, c.req.header('content-length'), limit)
      : await readBodyLimited(c.req.raw, limit);
  if (bytes === 'too-large') return { ok: false, response: simpleProblem('payload-too-large', 413) };
  if (bytes === 'unreadable') return { ok: false, response: simpleProblem('malformed-json', 400, 'The body could not be read') };
  try {
    return { ok: true, body: JSON.parse(UTF8.decode(bytes)) };
  } catch {
    return { ok: false, response: simpleProblem('malformed-json', 400) };
  }
}

// ---------------------------------------------------------------------------------------------
// Idempotency

/** The Idempotency-Key header, or the problem to answer when it is missing or malformed. */
export function idempotencyKey(c: Context): { ok: true; key: string } | { ok: false; response: Response } {
  const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
  if (key === undefined || key.trim() === '') return { ok: false, response: simpleProblem('idempotency-key-required', 400) };
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    return { ok: false, response: validationProblem([{ field: IDEMPOTENCY_KEY_HEADER, code: 'invalid' }]) };
  }
  return { ok: true, key };
}

/** JSON with object keys sorted at every level: the same data always gives the same string. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Plain loops: this runs on every submission, and closures per key cost more than the work.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    out += `${i > 0 ? ',' : ''}${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`;
  }
  return `${out}}`;
}

let syncSha256Hex: ((text: string) => string) | null = null;

/**
 * Lets the Node entry point hash synchronously (node:crypto): Web Crypto's digest runs on the
 * thread pool and costs a round trip per request, several times the work itself. The app stays
 * free of Node built-ins; without this, Web Crypto is used (browsers).
 */
export function useSyncSha256Hex(fn: ((text: string) => string) | null): void {
  syncSha256Hex = fn;
}

/** SHA-256 of `text` (UTF-8), in lower-case hex. */
export async function sha256Hex(text: string): Promise<string> {
  if (syncSha256Hex !== null) return syncSha256Hex(text);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** SHA-256 (hex) of the route and the canonical form of the parsed body. */
export function requestHash(route: string, body: unknown): Promise<string> {
  return sha256Hex(`${route}\n${canonicalJson(body)}`);
}

/** `requestHash`, without a promise when the hash is synchronous (Node). */
function requestHashNow(route: string, body: unknown): string | Promise<string> {
  const text = `${route}\n${canonicalJson(body)}`;
  return syncSha256Hex !== null ? syncSha256Hex(text) : sha256Hex(text);
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * The shared front of every public POST: media type, Idempotency-Key, the body, and the checks
 * that depend only on the request (the path parameter and the body). Request-only checks come
 * first: a request that fails them never made a row, so answering 400 is already idempotent, and
 * only well-formed bodies are hashed.
 *
 * Idempotency without a lookup on the way in: the store checks the key atomically with the insert
 * (a used key replays the first answer, or conflicts). Checks that depend on stored state (the
 * service, the consultation's window, the poll) belong to the caller, and every refusal they make
 * goes through `refuse`, which looks the key up first: a retry of an accepted request replays its
 * first answer even if that state has changed since (the window closed, the poll ended). The
 * answer is the same as with a lookup before everything, one read cheaper for every new request.
 */
export async function receiveSubmission<T>(
  c: Context,
  store: Store,
  request: {
    route: string;
    param: { field: string; valid: boolean };
    check: (body: unknown) => Checked<T>;
    /** The first answer again, for a retry of an accepted request. */
    replay: (submission: StoredSubmission) => Promise<Response>;
  },
): Promise<
  | { kind: 'answered'; response: Response }
  | { kind: 'new'; key: string; hash: string; value: T; refuse: (response: Response) => Promise<Response> }
> {
  const unsupported = mediaTypeProblem(c);
  if (unsupported) return { kind: 'answered', response: unsupported };
  const keyed = idempotencyKey(c);
  if (!keyed.ok) return { kind: 'answered', response: keyed.response };
  const read = await readJsonBody(c);
  if (!read.ok) return { kind: 'answered', response: read.response };

  const errors: FieldError[] = [];
  if (!request.param.valid) errors.push({ field: request.param.field, code: 'invalid' });
  const checked = request.check(read.body);
  if (!checked.ok) errors.push(...checked.errors);
  if (errors.length > 0 || !checked.ok) return { kind: 'answered', response: validationProblem(errors) };

  const key = keyed.key;
  const hashed = requestHashNow(`POST ${request.route}`, read.body);
  const hash = typeof hashed === 'string' ? hashed : await hashed;
  // (A method, not an arrow: run through tsx (tests, the bench), a per-request arrow costs a
  // name-keeping __name() wrapper each time.)
  return {
    kind: 'new',
    key,
    hash,
    value: checked.value,
    async refuse(response: Response): Promise<Response> {
      const previous = await store.findByIdempotencyKey(key);
      if (!previous) return response;
      return previous.requestHash === hash ? request.replay(previous) : simpleProblem('idempotency-conflict', 422);
    },
  };
}

import { ROUTES, ServiceSummary, TrackingLookup, safeParse, type Problem, type Shape } from '@nazar/protocol/browser';
import { clientProblem, exchange, joinUrl, problemFromAnswer } from './http.js';
import { takePrefetched } from './prefetch.js';

export interface ClientOptions {
  /** Base URL of the backend adapter, e.g. `https://nazar.example/`. */
  api: string;
  /** Per-request timeout; default 10 000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The outcome of a read. `status` is 0 when there was no HTTP answer; client-made problem codes
 * are `network`, `timeout` and `bad-response`.
 */
export type Result<T> = { ok: true; data: T } | { ok: false; status: number; problem: Problem };

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Any object with zod's `safeParse` (a zod schema in the console; `parser(shape)`). */
export interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

/** What a read's answer is checked against: a protocol shape (widgets: no zod), or a zod-like schema. */
export type AnswerCheck<T> = Shape<T> | Schema<T>;

const checkAnswer = <T>(schema: AnswerCheck<T>, data: unknown) =>
  'safeParse' in schema ? schema.safeParse(data) : safeParse(schema, data);

/**
 * One typed read: GET `path` from the adapter and check the answer against `schema`. Never throws.
 * A standalone function (not only a method of `createClient`) so that a bundle contains only the
 * schemas its widget really reads.
 */
export async function getJson<T>(
  opts: ClientOptions,
  path: string,
  schema: AnswerCheck<T>,
  headers: Record<string, string> = {},
): Promise<Result<T>> {
  const url = joinUrl(opts.api, path);
  const early = takePrefetched(url, headers);
  const fetchFn = early ? () => early : (opts.fetch ?? globalThis.fetch.bind(globalThis));
  const ex = await exchange(fetchFn, url, { headers: { Accept: 'application/json', ...headers } }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  if (ex.kind === 'none') return { ok: false, status: 0, problem: ex.problem };
  if (ex.status >= 200 && ex.status < 300) {
    const parsed = ex.json ? checkAnswer(schema, ex.body) : undefined;
    if (parsed?.success) return { ok: true, data: parsed.data };
    return { ok: false, status: ex.status, problem: clientProblem('bad-response', ex.status) };
  }
  return { ok: false, status: ex.status, problem: problemFromAnswer(ex.status, ex.body) };
}

/** Typed reads from the adapter. Every answer is checked against the protocol; never throws. */
export function createClient(opts: ClientOptions) {
  return {
    getService: (id: string) => getJson(opts, ROUTES.service.path(id), ServiceSummary),
    /** `code` must already be canonical ASCII (see `parseTrackingCode`). */
    lookupTracking: (code: string) => getJson(opts, ROUTES.tracking.path(code), TrackingLookup),
  };
}

export type Client = ReturnType<typeof createClient>;

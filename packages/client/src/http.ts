import { Problem, type ProblemCode, safeParse } from '@nazar/protocol/browser';

/** What came back from one HTTP exchange: an answer (any status) or no answer at all. */
export type Exchange =
  { kind: 'answer'; status: number; headers: Headers; body: unknown; json: boolean } | { kind: 'none'; problem: Problem };

/** Joins the adapter's base URL and a route path without doubling or dropping the slash. */
export function joinUrl(api: string, path: string): string {
  return api.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

/**
 * A problem made by the client (no HTTP answer, an answer outside the contract, or a bare error
 * status). Same `type` URI as the protocol's `problem()`, but the title is the code: widgets show
 * translated codes, never titles, and this keeps the protocol's title table out of the bundle.
 */
export function clientProblem(code: ProblemCode, status = 0, detail?: string): Problem {
  const p: Problem = { type: `urn:nazar:problem:${code}`, title: code, status, code };
  if (detail) p.detail = detail;
  return p;
}

/** The timer functions the client uses (tests inject a fake clock's). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * One fetch with a timeout; never throws. The body is read as JSON when it is JSON; otherwise
 * `json` is false and `body` is undefined.
 */
export async function exchange(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  timers: Timers = realTimers,
): Promise<Exchange> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = timers.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const res = await fetchFn(url, { ...init, signal: controller.signal });
    let body: unknown;
    let json = false;
    try {
      const text = await res.text();
      if (text) {
        body = JSON.parse(text);
        json = true;
      }
    } catch {
      if (timedOut) return { kind: 'none', problem: clientProblem('timeout') };
      // not JSON: json stays false
    }
    return { kind: 'answer', status: res.status, headers: res.headers, body, json };
  } catch (err) {
    return {
      kind: 'none',
      problem: timedOut ? clientProblem('timeout') : clientProblem('network', 0, errorText(err)),
    };
  } finally {
    timers.clearTimeout(timer);
  }
}

function errorText(err: unknown): string | undefined {
  return err instanceof Error ? `${err.name}: ${err.message}` : undefined;
}

const STATUS_CODES: Record<number, ProblemCode> = {
  400: 'validation',
  404: 'not-found',
  405: 'method-not-allowed',
  408: 'timeout',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  503: 'unavailable',
};

/**
 * The problem an error answer stands for: its own body when that is a valid problem document,
 * otherwise one made from the status. The HTTP status always wins over the body's `status`.
 */
export function problemFromAnswer(status: number, body: unknown): Problem {
  const parsed = safeParse(Problem, body);
  if (parsed.success) return parsed.data.status === status ? parsed.data : { ...parsed.data, status };
  const code: ProblemCode = STATUS_CODES[status] ?? (status >= 500 ? 'internal' : 'bad-response');
  return clientProblem(code, status);
}

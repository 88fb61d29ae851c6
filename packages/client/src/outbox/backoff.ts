/** Default first retry window and the ceiling of every retry window (5 minutes). */
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 5 * 60 * 1000;

/**
 * "Full jitter" exponential backoff: a uniformly random delay in [0, min(cap, base · 2^attempt)).
 * Spreads retries from many phones that lost the network at the same moment.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  options: { baseMs?: number; capMs?: number } = {},
): number {
  const { baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS } = options;
  const exp = Math.max(0, Math.min(Math.floor(attempt) || 0, 40));
  const window = Math.min(capMs, baseMs * 2 ** exp);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * window);
}

/**
 * Reads an HTTP `Retry-After` value (delay-seconds or an HTTP-date) as a delay in milliseconds
 * from `now`. A date in the past gives 0; a missing or unreadable value gives null.
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value == null) return null;
  const v = value.trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // An HTTP-date always names a weekday or a month in letters; refuse bare numbers like "-1" or "1.5".
  if (!/[A-Za-z]/.test(v)) return null;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** A server's Retry-After is obeyed up to this long. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;
/**
 * For a minute after the page hears `online`, a request that still finds no network is retried
 * within 5 s (full jitter) instead of after its full backoff: phones often report the network
 * a moment before it carries anything.
 */
const ONLINE_GRACE_MS = 60_000;
const ONLINE_RETRY_CAP_MS = 5000;

/**
 * The wait before retrying an item after its `attempts`-th attempt. The server's Retry-After is
 * the wait when it gave one (it knows; and attempts piled up offline must not stretch it to
 * minutes); otherwise full-jitter backoff, within `capMs` if given.
 */
export function retryDelay(attempts: number, random: () => number, retryAfterMs: number | null, capMs?: number): number {
  return retryAfterMs ? Math.min(retryAfterMs, MAX_RETRY_AFTER_MS) : backoffDelay(attempts, random, { capMs });
}

/** The backoff cap for a request that found no network `sinceOnlineMs` after the page heard `online`. */
export function onlineRetryCap(sinceOnlineMs: number): number | undefined {
  return sinceOnlineMs < ONLINE_GRACE_MS ? ONLINE_RETRY_CAP_MS : undefined;
}

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

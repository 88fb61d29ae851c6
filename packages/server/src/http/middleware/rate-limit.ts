/**
 * A token bucket per client address, in memory: `burst` requests at once, refilled at
 * `perMinute` a minute. Used for votes. No Node built-ins (the app also runs in browsers, where
 * there is no address and so no limit).
 *
 * Memory is bounded: past `maxAddresses` tracked addresses, buckets that have refilled (and so
 * carry no information) are dropped, then the least recently used.
 */

export interface RateLimitOptions {
  /** Tokens added per minute (the sustained rate). */
  perMinute: number;
  /** Bucket size: how many requests may come at once. */
  burst: number;
  /** Addresses tracked at most (default 100,000). */
  maxAddresses?: number;
}

/** Votes per client address. */
export const DEFAULT_VOTE_RATE_LIMIT: Readonly<RateLimitOptions> = { perMinute: 20, burst: 10 };
/** Feedback and comments per client address: generous, for a county office behind one NAT. */
export const DEFAULT_SUBMIT_RATE_LIMIT: Readonly<RateLimitOptions> = { perMinute: 120, burst: 60 };
/** Votes per voter key, across polls. */
export const DEFAULT_VOTER_RATE_LIMIT: Readonly<RateLimitOptions> = { perMinute: 30, burst: 60 };

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes one token for `key` at `nowMs`. */
  take(key: string, nowMs: number): RateDecision;
  /** Addresses currently tracked (tests). */
  size(): number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { perMinute, burst } = options;
  if (!(perMinute > 0) || !(burst >= 1)) throw new Error('rate limit: perMinute must be > 0 and burst ≥ 1');
  const max = options.maxAddresses ?? 100_000;
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();

  const refill = (b: Bucket, nowMs: number) => {
    const elapsed = Math.max(0, nowMs - b.at);
    b.tokens = Math.min(burst, b.tokens + elapsed * perMs);
    b.at = Math.max(b.at, nowMs);
  };

  function prune(nowMs: number): void {
    for (const [key, b] of buckets) {
      refill(b, nowMs);
      if (b.tokens >= burst) buckets.delete(key);
    }
    // Still too many (a flood from many addresses): forget the least recently used.
    for (const key of buckets.keys()) {
      if (buckets.size <= max * 0.9) break;
      buckets.delete(key);
    }
  }

  return {
    take(key, nowMs) {
      let b = buckets.get(key);
      if (b) {
        buckets.delete(key); // re-inserted below: Map order is least recently used first
        refill(b, nowMs);
      } else {
        if (buckets.size >= max) prune(nowMs);
        b = { tokens: burst, at: nowMs };
      }
      buckets.set(key, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      // (The epsilon keeps float error from turning an exact 1 s into 2.)
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000 - 1e-9)) };
    },
    size: () => buckets.size,
  };
}

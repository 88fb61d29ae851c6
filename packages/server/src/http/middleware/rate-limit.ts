/**
 * The rate limits: the one middleware that turns a flood away before any work, keyed by the
 * protocol's route table (`RATE_LIMITS`), its 429 answer, and the token bucket behind it. No Node
 * built-ins (the app also runs in browsers, where there is no address and so no limit).
 *
 * The bucket: `burst` requests at once, refilled at `perMinute` a minute, per key. Memory is
 * bounded: past `maxAddresses` tracked keys, buckets that have refilled (and so carry no
 * information) are dropped, then the least recently used.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { problem, ROUTES, type RouteName } from '@nazar/protocol';
import { problemResponse } from '../http.js';

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

// ---------------------------------------------------------------------------------------------
// The middleware

/**
 * Which budget a limited route draws on, and by which clock. Feedback and comments share one
 * budget per address; votes have their own. Votes are judged at the app's clock, as their poll
 * window is (tests move it); submissions at the wall clock.
 */
export interface RateLimitRule {
  budget: 'submit' | 'vote';
  clock: 'app' | 'wall';
}

/** The public routes limited per client address, by their name in `ROUTES`. */
export const RATE_LIMITS = {
  feedback: { budget: 'submit', clock: 'wall' },
  comment: { budget: 'submit', clock: 'wall' },
  vote: { budget: 'vote', clock: 'app' },
} as const satisfies Partial<Record<RouteName, RateLimitRule>>;

export type LimitedRoute = keyof typeof RATE_LIMITS;

/** The limited routes with their method and pattern from the protocol's route table. */
export const LIMITED_ROUTES = (Object.keys(RATE_LIMITS) as LimitedRoute[]).map((name) => ({
  name,
  method: ROUTES[name].method,
  pattern: ROUTES[name].pattern,
  ...RATE_LIMITS[name],
}));

/** The 429 answer: it says when to retry, nothing about the limit. */
export function rateLimitedResponse(retryAfterSeconds: number): Response {
  return problemResponse(problem('rate-limited', 429, { retryAfter: retryAfterSeconds }), { 'Retry-After': String(retryAfterSeconds) });
}

export interface RateLimitSetup {
  /** One bucket per budget; null: that budget is not limited. */
  budgets: Record<RateLimitRule['budget'], RateLimiter | null>;
  /** The client's address; absent, or null/empty for a request: no limit (as behind msw). */
  clientAddress: ((c: Context) => string | null) | undefined;
  /** The app's clock. */
  now: () => Date;
}

const passThrough: MiddlewareHandler = async (_c, next) => {
  await next();
};

/**
 * The middleware of one limited route, to put before its handler: takes a token for the client
 * address before any work (so refused and replayed requests count too).
 */
export function rateLimiter({ budgets, clientAddress, now }: RateLimitSetup): (route: LimitedRoute) => MiddlewareHandler {
  return (route) => {
    const rule: RateLimitRule = RATE_LIMITS[route];
    const limiter = budgets[rule.budget];
    if (limiter === null || clientAddress === undefined) return passThrough;
    return async (c, next) => {
      const address = clientAddress(c);
      if (address) {
        const decision = limiter.take(address, rule.clock === 'app' ? now().getTime() : Date.now());
        if (!decision.ok) return rateLimitedResponse(decision.retryAfterSeconds);
      }
      await next();
    };
  };
}

/**
 * The environment for votes: the rate limit per client address and whether a reverse proxy's
 * `X-Forwarded-For` may be trusted. Pure, like `config.ts` (errors are ConfigErrors).
 */
import { ConfigError } from './config.js';
import { DEFAULT_VOTE_RATE_LIMIT, type RateLimitOptions } from '../http/middleware/rate-limit.js';

export interface VoteConfig {
  /** false: no limit (NAZAR_VOTES_PER_MINUTE=0). */
  voteRateLimit: RateLimitOptions | false;
  trustProxy: boolean;
}

function positiveInt(name: string, value: string, min: number): number {
  const trimmed = value.trim();
  const n = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || n < min || n > 1_000_000)
    throw new ConfigError(`${name} must be a whole number from ${min} to 1000000, not "${value}"`);
  return n;
}

/**
 * NAZAR_VOTES_PER_MINUTE (default 20; 0 turns the limit off), NAZAR_VOTE_BURST (default 10),
 * NAZAR_TRUST_PROXY (`true`/`1`: the client is the last address in X-Forwarded-For; default off).
 */
export function readVoteConfig(env: Record<string, string | undefined>): VoteConfig {
  const perMinute = env.NAZAR_VOTES_PER_MINUTE?.trim()
    ? positiveInt('NAZAR_VOTES_PER_MINUTE', env.NAZAR_VOTES_PER_MINUTE, 0)
    : DEFAULT_VOTE_RATE_LIMIT.perMinute;
  const burst = env.NAZAR_VOTE_BURST?.trim() ? positiveInt('NAZAR_VOTE_BURST', env.NAZAR_VOTE_BURST, 1) : DEFAULT_VOTE_RATE_LIMIT.burst;
  const proxy = (env.NAZAR_TRUST_PROXY ?? '').trim().toLowerCase();
  if (!['', '0', '1', 'true', 'false', 'yes', 'no'].includes(proxy)) {
    throw new ConfigError(`NAZAR_TRUST_PROXY must be true or false, not "${env.NAZAR_TRUST_PROXY}"`);
  }
  return {
    voteRateLimit: perMinute === 0 ? false : { perMinute, burst },
    trustProxy: proxy === '1' || proxy === 'true' || proxy === 'yes',
  };
}

/**
 * The environment for the operations limits: submissions per client address and votes per voter
 * key. Pure, like `config.ts` (errors are ConfigErrors).
 */
import { ConfigError } from './config.js';
import { DEFAULT_SUBMIT_RATE_LIMIT, DEFAULT_VOTER_RATE_LIMIT, type RateLimitOptions } from '../http/middleware/rate-limit.js';

export interface OpsConfig {
  /** Feedback and comment POSTs per client address; false: no limit. */
  submitRateLimit: RateLimitOptions | false;
  /** Votes per voter key; false: no limit. */
  voterRateLimit: RateLimitOptions | false;
}

function wholeNumber(name: string, value: string, min: number): number {
  const trimmed = value.trim();
  const n = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || n < min || n > 1_000_000)
    throw new ConfigError(`${name} must be a whole number from ${min} to 1000000, not "${value}"`);
  return n;
}

function bucket(
  env: Record<string, string | undefined>,
  rateName: string,
  burstName: string,
  defaults: Readonly<RateLimitOptions>,
): RateLimitOptions | false {
  const perMinute = env[rateName]?.trim() ? wholeNumber(rateName, env[rateName], 0) : defaults.perMinute;
  const burst = env[burstName]?.trim() ? wholeNumber(burstName, env[burstName], 1) : defaults.burst;
  return perMinute === 0 ? false : { perMinute, burst };
}

/**
 * NAZAR_SUBMITS_PER_MINUTE (default 120; 0 turns the limit off) and NAZAR_SUBMIT_BURST (default
 * 60): feedback and comments per client address. NAZAR_VOTER_VOTES_PER_MINUTE (default 30; 0 off)
 * and NAZAR_VOTER_BURST (default 60): votes per voter key.
 */
export function readOpsConfig(env: Record<string, string | undefined>): OpsConfig {
  return {
    submitRateLimit: bucket(env, 'NAZAR_SUBMITS_PER_MINUTE', 'NAZAR_SUBMIT_BURST', DEFAULT_SUBMIT_RATE_LIMIT),
    voterRateLimit: bucket(env, 'NAZAR_VOTER_VOTES_PER_MINUTE', 'NAZAR_VOTER_BURST', DEFAULT_VOTER_RATE_LIMIT),
  };
}

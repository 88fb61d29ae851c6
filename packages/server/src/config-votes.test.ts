import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from './config.js';
import { readVoteConfig } from './config-votes.js';

describe('vote config from the environment', () => {
  it('defaults to 20 votes a minute per address, burst 10, X-Forwarded-For not trusted', () => {
    assert.deepEqual(readVoteConfig({}), { voteRateLimit: { perMinute: 20, burst: 10 }, trustProxy: false });
  });

  it('reads the rate, the burst and the proxy switch; 0 a minute turns the limit off', () => {
    assert.deepEqual(readVoteConfig({ NAZAR_VOTES_PER_MINUTE: ' 120 ', NAZAR_VOTE_BURST: '30', NAZAR_TRUST_PROXY: 'true' }), {
      voteRateLimit: { perMinute: 120, burst: 30 },
      trustProxy: true,
    });
    assert.equal(readVoteConfig({ NAZAR_VOTES_PER_MINUTE: '0' }).voteRateLimit, false);
    assert.equal(readVoteConfig({ NAZAR_TRUST_PROXY: '0' }).trustProxy, false);
  });

  it('refuses bad values', () => {
    for (const env of [{ NAZAR_VOTES_PER_MINUTE: '-1' }, { NAZAR_VOTES_PER_MINUTE: '2.5' }, { NAZAR_VOTE_BURST: '0' }, { NAZAR_TRUST_PROXY: 'maybe' }]) {
      assert.throws(() => readVoteConfig(env), ConfigError, JSON.stringify(env));
    }
  });
});

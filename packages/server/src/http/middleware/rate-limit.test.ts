/**
 * The vote rate limit: its configuration from the environment, the token bucket itself, then
 * through the app (per address, 429 with Retry-After and a generic body, none without an address
 * as behind msw), then on the real Node server (the socket's address; X-Forwarded-For only behind
 * a trusted proxy) and main.ts (the demo polls, the limit from the environment).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, beforeEach, describe, it } from 'node:test';
import { Poll, Problem, ROUTES, VOTER_KEY_HEADER, VoteAccepted } from '@nazar/protocol';
import type { Hono } from 'hono';
import { createApp } from '../app.js';
import { createMemoryStore, type MemoryStore } from '../../store/memory/store.js';
import { createNodeServer, type NodeServer } from '../../node/server.js';
import { ConfigError } from '../../config/config.js';
import { readVoteConfig } from '../../config/votes.js';
import { createRateLimiter } from './rate-limit.js';
import { DEMO_MULTIPLE_POLL_SLUG, DEMO_POLL_SLUG } from '../../demo/seed.js';

const T0 = Date.parse('2026-03-01T08:00:00.000Z');
const DAY = 86_400_000;

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
    for (const env of [
      { NAZAR_VOTES_PER_MINUTE: '-1' },
      { NAZAR_VOTES_PER_MINUTE: '2.5' },
      { NAZAR_VOTE_BURST: '0' },
      { NAZAR_TRUST_PROXY: 'maybe' },
    ]) {
      assert.throws(() => readVoteConfig(env), ConfigError, JSON.stringify(env));
    }
  });
});

describe('token bucket', () => {
  it('lets a burst through, then one per refill interval, with the wait in whole seconds', () => {
    const limiter = createRateLimiter({ perMinute: 20, burst: 10 });
    for (let i = 0; i < 10; i++) assert.deepEqual(limiter.take('a', T0), { ok: true }, `burst ${i}`);
    assert.deepEqual(limiter.take('a', T0), { ok: false, retryAfterSeconds: 3 });
    // 20 a minute: a token every 3 s.
    assert.deepEqual(limiter.take('a', T0 + 2_000), { ok: false, retryAfterSeconds: 1 });
    assert.deepEqual(limiter.take('a', T0 + 3_000), { ok: true });
    assert.equal(limiter.take('a', T0 + 3_000).ok, false);
    // Other addresses have their own buckets.
    assert.equal(limiter.take('b', T0).ok, true);
    // A long pause refills up to the burst, not beyond.
    for (let i = 0; i < 10; i++) assert.equal(limiter.take('a', T0 + 3_600_000).ok, true);
    assert.equal(limiter.take('a', T0 + 3_600_000).ok, false);
  });

  it('a clock going backwards never adds tokens', () => {
    const limiter = createRateLimiter({ perMinute: 60, burst: 1 });
    assert.equal(limiter.take('a', T0).ok, true);
    assert.equal(limiter.take('a', T0 - 60_000).ok, false);
    assert.equal(limiter.take('a', T0 + 500).ok, false);
    assert.equal(limiter.take('a', T0 + 1_000).ok, true);
  });

  it('keeps memory bounded: refilled buckets are dropped first, then the least recently used', () => {
    const limiter = createRateLimiter({ perMinute: 60, burst: 2, maxAddresses: 100 });
    for (let i = 0; i < 100; i++) limiter.take(`idle-${i}`, T0);
    limiter.take('busy', T0 + 10_000);
    limiter.take('busy', T0 + 10_000);
    assert.ok(limiter.size() <= 100, String(limiter.size()));
    // The busy address is still limited: its state survived the pruning.
    assert.equal(limiter.take('busy', T0 + 10_000).ok, false);
    for (let i = 0; i < 1000; i++) limiter.take(`flood-${i}`, T0 + 10_000);
    assert.ok(limiter.size() <= 100, String(limiter.size()));
  });

  it('refuses nonsense options', () => {
    assert.throws(() => createRateLimiter({ perMinute: 0, burst: 1 }));
    assert.throws(() => createRateLimiter({ perMinute: 1, burst: 0 }));
  });
});

let serial = 0;
async function seedPoll(store: MemoryStore): Promise<void> {
  await store.createPoll({
    slug: 'bus',
    question: 'کدام؟',
    description: null,
    options: [
      { id: 'o1', label: 'الف' },
      { id: 'o2', label: 'ب' },
    ],
    mode: 'single',
    maxChoices: 1,
    opensAt: new Date(T0 - DAY).toISOString(),
    closesAt: new Date(T0 + 30 * DAY).toISOString(),
    resultsVisibility: 'always',
    at: new Date(T0 - DAY).toISOString(),
  });
}

function voteInit(extra: Record<string, string> = {}): RequestInit {
  const n = ++serial;
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `rate-key-${n}-abcdef`, ...extra },
    body: JSON.stringify({ optionIds: ['o1'], voter: { type: 'device', key: `rate-voter-${n}-0123456789` } }),
  };
}

describe('vote rate limit in the app', () => {
  let store: MemoryStore;
  let clock: number;
  let app: Hono;

  beforeEach(async () => {
    store = createMemoryStore();
    await seedPoll(store);
    clock = T0;
    app = createApp(store, {
      allowedOrigins: ['https://county.example'],
      logger: { info() {}, error: (r) => assert.fail(JSON.stringify(r)) },
      now: () => new Date(clock),
      clientAddress: (c) => c.req.header('x-test-address') ?? null,
    });
  });

  it('by default: a burst of 10 per address, then 429 rate-limited with Retry-After; refilled with time', async () => {
    const from = (address: string) =>
      app.request(ROUTES.vote.path('bus'), voteInit({ 'x-test-address': address, Origin: 'https://county.example' }));
    for (let i = 0; i < 10; i++) assert.equal((await from('203.0.113.7')).status, 201, `vote ${i}`);
    const limited = await from('203.0.113.7');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '3');
    assert.equal(limited.headers.get('access-control-allow-origin'), 'https://county.example');
    assert.match(limited.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    const body = Problem.parse(await limited.json());
    assert.equal(body.code, 'rate-limited');
    assert.equal(body.retryAfter, 3);
    assert.equal(body.detail, undefined, 'a generic body');
    // Another address is not affected; the first one gets a vote again after the wait.
    assert.equal((await from('198.51.100.1')).status, 201);
    clock += 3_000;
    assert.equal((await from('203.0.113.7')).status, 201);
    assert.equal((await from('203.0.113.7')).status, 429);
    assert.equal((await store.pollResults('bus'))?.totalVoters, 12);
  });

  it('counts refused and replayed requests too (the limit comes before any work)', async () => {
    const init = voteInit({ 'x-test-address': '203.0.113.9' });
    for (let i = 0; i < 10; i++) assert.equal((await app.request(ROUTES.vote.path('bus'), init)).status, 201);
    assert.equal((await app.request(ROUTES.vote.path('bus'), init)).status, 429);
  });

  it('does not limit reads, nor requests without an address (as behind msw)', async () => {
    for (let i = 0; i < 30; i++) assert.equal((await app.request(ROUTES.vote.path('bus'), voteInit())).status, 201);
    for (let i = 0; i < 30; i++)
      assert.equal((await app.request(ROUTES.poll.path('bus'), { headers: { 'x-test-address': '203.0.113.7' } })).status, 200);
    const open = createApp(store, { allowedOrigins: [], now: () => new Date(clock) });
    for (let i = 0; i < 30; i++)
      assert.equal((await open.request(ROUTES.vote.path('bus'), voteInit({ 'x-test-address': '203.0.113.7' }))).status, 201);
  });

  it('takes its rate from the options, and can be turned off', async () => {
    const strict = createApp(store, {
      allowedOrigins: [],
      now: () => new Date(clock),
      clientAddress: () => '203.0.113.1',
      voteRateLimit: { perMinute: 1, burst: 1 },
    });
    assert.equal((await strict.request(ROUTES.vote.path('bus'), voteInit())).status, 201);
    const limited = await strict.request(ROUTES.vote.path('bus'), voteInit());
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '60');
    const off = createApp(store, {
      allowedOrigins: [],
      now: () => new Date(clock),
      clientAddress: () => '203.0.113.1',
      voteRateLimit: false,
    });
    for (let i = 0; i < 30; i++) assert.equal((await off.request(ROUTES.vote.path('bus'), voteInit())).status, 201);
  });
});

describe('vote rate limit on the Node server', () => {
  const servers: NodeServer[] = [];
  const start = async (trustProxy: boolean) => {
    const store = createMemoryStore();
    await seedPoll(store);
    const server = await createNodeServer({
      store,
      allowedOrigins: [],
      elementsDir: null,
      demoDir: null,
      logger: { info() {}, error: (r) => assert.fail(JSON.stringify(r)) },
      now: () => new Date(T0),
      voteRateLimit: { perMinute: 1, burst: 2 },
      trustProxy,
    });
    servers.push(server);
    return server;
  };
  after(async () => {
    for (const s of servers) await s.close();
  });

  it('limits by the socket address and ignores X-Forwarded-For by default', async () => {
    const server = await start(false);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${server.url}${ROUTES.vote.path('bus')}`, voteInit({ 'X-Forwarded-For': `198.51.100.${i}` }));
      statuses.push(res.status);
      if (res.status === 201) VoteAccepted.parse(await res.json());
      else await res.body?.cancel();
    }
    assert.deepEqual(statuses, [201, 201, 429, 429]);
  });

  it('behind a trusted proxy, limits by the last X-Forwarded-For address', async () => {
    const server = await start(true);
    const send = async (forwarded: string) => {
      const res = await fetch(`${server.url}${ROUTES.vote.path('bus')}`, voteInit({ 'X-Forwarded-For': forwarded }));
      await res.body?.cancel();
      return res.status;
    };
    assert.deepEqual(
      [await send('10.0.0.1, 203.0.113.5'), await send('203.0.113.5'), await send('10.9.9.9, 203.0.113.5')],
      [201, 201, 429],
    );
    // A client cannot escape by prepending addresses: the proxy's entry is the last one.
    assert.equal(await send('198.51.100.77, 203.0.113.5'), 429);
    assert.equal(await send('203.0.113.6'), 201);
  });
});

describe('main.ts: the demo polls and the vote limit from the environment', () => {
  const PACKAGE_DIR = fileURLToPath(new URL('../../..', import.meta.url));

  it('serves the seeded polls and limits votes as NAZAR_VOTE_BURST says', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/node/main.ts'], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, NAZAR_PORT: String(port), NAZAR_DATABASE_URL: 'memory:', NAZAR_VOTE_BURST: '2', NAZAR_VOTES_PER_MINUTE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error('no listening line')), 15_000);
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('nazar listening')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const base = `http://127.0.0.1:${port}`;
      const bus = Poll.parse(await (await fetch(`${base}${ROUTES.poll.path(DEMO_POLL_SLUG)}`)).json());
      assert.equal(bus.status, 'open');
      assert.equal(bus.mode, 'single');
      assert.equal(bus.resultsVisibility, 'after-vote');
      assert.equal(bus.results, null, 'after-vote: nothing before voting');
      assert.ok(bus.options.length >= 4 && bus.options.length <= 5);
      const multiple = Poll.parse(await (await fetch(`${base}${ROUTES.poll.path(DEMO_MULTIPLE_POLL_SLUG)}`)).json());
      assert.equal(multiple.maxChoices, 3);
      assert.ok((multiple.results?.totalVoters ?? 0) >= 100, 'seeded votes');
      const statuses: number[] = [];
      let accepted: VoteAccepted | null = null;
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${base}${ROUTES.vote.path(DEMO_POLL_SLUG)}`, voteInit());
        statuses.push(res.status);
        if (res.status === 201 && !accepted) accepted = VoteAccepted.parse(await res.json());
        else await res.body?.cancel();
      }
      assert.deepEqual(statuses, [201, 201, 429]);
      assert.ok(accepted?.results && accepted.results.totalVoters > 100, 'after-vote: results in the answer');
      // The voter's own read shows the results too.
      const key = `rate-voter-${serial - 2}-0123456789`;
      const mine = Poll.parse(
        await (await fetch(`${base}${ROUTES.poll.path(DEMO_POLL_SLUG)}`, { headers: { [VOTER_KEY_HEADER]: key } })).json(),
      );
      assert.equal(mine.voted, true);
      assert.ok(mine.results);
    } finally {
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });
});

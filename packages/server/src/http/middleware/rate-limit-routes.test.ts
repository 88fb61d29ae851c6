/**
 * The rate-limit middleware against the route table: every route `RATE_LIMITS` names is limited
 * (429, Retry-After, a generic problem+json body), the budgets are shared as the table says, and
 * no other public route is limited. Asserted from the tables, so a route added to one is covered.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROBLEM_CONTENT_TYPE, Problem, ROUTES, type RouteName } from '@nazar/protocol';
import { createApp, type AppOptions } from '../app.js';
import { createMemoryStore } from '../../store/memory/store.js';
import { LIMITED_ROUTES, RATE_LIMITS } from './rate-limit.js';

const ONE_A_MINUTE = { perMinute: 1, burst: 1 };
const quiet = { info() {}, error: (r: unknown) => assert.fail(JSON.stringify(r)) };

function strictApp(extra: Partial<AppOptions> = {}) {
  return createApp(createMemoryStore(), {
    allowedOrigins: [],
    logger: quiet,
    clientAddress: () => '203.0.113.7',
    voteRateLimit: ONE_A_MINUTE,
    submitRateLimit: ONE_A_MINUTE,
    voterRateLimit: false,
    ...extra,
  });
}

/** A request to a route of the table: its method, its path for `x`, and no usable body. */
function requestTo(name: RouteName): [string, RequestInit] {
  const route = ROUTES[name];
  const path = route.path('x');
  return [
    path,
    {
      method: route.method,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'rate-table-0001' },
      ...(route.method === 'POST' ? { body: '{}' } : {}),
    },
  ];
}

describe('rate limits from the route table', () => {
  it('names only routes of ROUTES, with their method and pattern', () => {
    assert.ok(LIMITED_ROUTES.length > 0);
    for (const r of LIMITED_ROUTES) {
      assert.ok(r.name in ROUTES, r.name);
      assert.equal(r.method, ROUTES[r.name].method);
      assert.equal(r.pattern, ROUTES[r.name].pattern);
    }
  });

  for (const { name, method, pattern } of LIMITED_ROUTES) {
    it(`limits ${method} ${pattern} (${name}): 429 with Retry-After and a generic problem`, async () => {
      const app = strictApp();
      const first = await app.request(...requestTo(name));
      assert.notEqual(first.status, 429, 'the first request is within the budget');
      const limited = await app.request(...requestTo(name));
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '60');
      assert.equal(limited.headers.get('content-type'), PROBLEM_CONTENT_TYPE);
      const body = Problem.parse(await limited.json());
      assert.equal(body.code, 'rate-limited');
      assert.equal(body.status, 429);
      assert.equal(body.retryAfter, 60);
      assert.equal(body.detail, undefined);
    });
  }

  it('routes of one budget share it; another budget is untouched', async () => {
    for (const { name, budget } of LIMITED_ROUTES) {
      for (const other of LIMITED_ROUTES.filter((r) => r.name !== name)) {
        const app = strictApp();
        assert.notEqual((await app.request(...requestTo(name))).status, 429);
        const status = (await app.request(...requestTo(other.name))).status;
        if (other.budget === budget) assert.equal(status, 429, `${other.name} after ${name}`);
        else assert.notEqual(status, 429, `${other.name} after ${name}`);
      }
    }
  });

  it('limits no other route of the table', async () => {
    const app = strictApp();
    const unlimited = (Object.keys(ROUTES) as RouteName[]).filter((name) => !(name in RATE_LIMITS));
    assert.ok(unlimited.length > 0);
    for (const name of unlimited) {
      for (let i = 0; i < 3; i++) assert.notEqual((await app.request(...requestTo(name))).status, 429, `${name} #${i}`);
    }
  });

  it('limits nothing without a client address, or with a budget turned off', async () => {
    const noAddress = strictApp({ clientAddress: () => null });
    const off = strictApp({ voteRateLimit: false, submitRateLimit: false });
    for (const app of [noAddress, off]) {
      for (const { name } of LIMITED_ROUTES) {
        for (let i = 0; i < 3; i++) assert.notEqual((await app.request(...requestTo(name))).status, 429, `${name} #${i}`);
      }
    }
  });
});

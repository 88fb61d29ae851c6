/**
 * Polls through the HTTP app (`app.request()`), against every store, with an injected clock:
 * the vote rules, one vote per voter, idempotent replays, the results visibility rules (results
 * never leak before they may), the window, early close, admin auth and validation, CORS.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  ADMIN_ROUTES,
  AdminPoll,
  Poll,
  Problem,
  ROUTES,
  VOTER_KEY_HEADER,
  VoteAccepted,
  type FieldError,
  type ResultsVisibility,
} from '@nazar/protocol';
import type { Hono } from 'hono';
import { createApp, type AppOptions, type LogRecord } from '../app.js';
import { DAY_MS } from '../../domain/consultation-rules.js';
import { STORE_FACTORIES, type StoreUnderTest } from '../../../test/support.js';

const ORIGIN = 'https://county.example';
const TOKEN = 'test-admin-token-0123456789';
const T0 = Date.parse('2026-03-01T08:00:00.000Z');
const OPTIONS = ['مسیر بندر — دانشگاه', 'مسیر کنارک — مرکز شهر', 'مسیر فرودگاه — بازار', 'مسیر تیس — پارک ساحلی'];

let serial = 0;
const newKey = () => `v-key-${process.pid}-${++serial}-${Math.random().toString(36).slice(2)}`;
/** A device voter key as the element makes them (a UUID). */
const voterKey = (name: string) => `voter-${name}-0123456789abcdef`;

export interface Ctx {
  app: Hono;
  sut: StoreUnderTest;
  clock: { t: number };
  logged: LogRecord[];
  /** Submission rows made by this test. */
  rows: () => Promise<number>;
  /** Polls before this test. */
  polls0: number;
}

/** This test's poll slug: the store is shared by the tests of a suite (fresh PostgreSQL schemas are slow). */
let S = 'bus';

export function makeApp(ctx: Ctx, extra: Partial<AppOptions> = {}): Hono {
  return createApp(ctx.sut.store, {
    allowedOrigins: [ORIGIN],
    logger: { info: (r) => ctx.logged.push(r), error: (r) => ctx.logged.push(r) },
    now: () => new Date(ctx.clock.t),
    adminToken: TOKEN,
    ...extra,
  });
}

async function expectProblem(
  res: Response,
  status: number,
  code: string,
  errors?: Partial<FieldError>[],
): Promise<Problem & Record<string, unknown>> {
  const text = await res.text();
  assert.equal(res.status, status, `status for ${text}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text) as Problem & Record<string, unknown>;
  Problem.parse(body);
  assert.equal(body.code, code, text);
  for (const expected of errors ?? []) {
    assert.ok(
      body.errors?.some((e) => Object.entries(expected).every(([k, v]) => (e as Record<string, unknown>)[k] === v)),
      `expected error ${JSON.stringify(expected)} in ${text}`,
    );
  }
  return body;
}

export function admin(
  ctx: Ctx,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = TOKEN,
  headers: Record<string, string> = {},
): Promise<Response> {
  const h: Record<string, string> = { ...headers };
  if (token !== null) h['Authorization'] = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  return Promise.resolve(ctx.app.request(path, { method, headers: h, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
}

export function pollBody(overrides: Record<string, unknown> = {}) {
  return {
    slug: S,
    question: 'کدام مسیر اتوبوس زودتر راه‌اندازی شود؟',
    options: OPTIONS.map((label) => ({ label })),
    mode: 'single',
    opensAt: new Date(T0 - DAY_MS).toISOString(),
    closesAt: new Date(T0 + 30 * DAY_MS).toISOString(),
    resultsVisibility: 'always',
    ...overrides,
  };
}

export async function createPoll(ctx: Ctx, overrides: Record<string, unknown> = {}): Promise<AdminPoll> {
  const res = await admin(ctx, 'POST', ADMIN_ROUTES.createPoll.path(), pollBody(overrides));
  const text = await res.text();
  assert.equal(res.status, 201, text);
  return AdminPoll.parse(JSON.parse(text));
}

export function vote(
  ctx: Ctx,
  slug: string,
  optionIds: unknown,
  opts: { voter?: string; key?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...opts.headers };
  const key = opts.key === undefined ? newKey() : opts.key;
  if (key !== null) headers['Idempotency-Key'] = key;
  const body = opts.body ?? { optionIds, voter: { type: 'device', key: voterKey(opts.voter ?? 'a') } };
  return Promise.resolve(ctx.app.request(ROUTES.vote.path(slug), { method: 'POST', headers, body: JSON.stringify(body) }));
}

async function accepted(res: Response): Promise<VoteAccepted> {
  const text = await res.text();
  assert.equal(res.status, 201, text);
  return VoteAccepted.parse(JSON.parse(text));
}

/** The raw answer text too, for the leak scans. */
async function getPoll(ctx: Ctx, slug: string, voter?: string | null): Promise<{ poll: Poll; text: string }> {
  const headers: Record<string, string> = voter ? { [VOTER_KEY_HEADER]: voterKey(voter) } : {};
  const res = await ctx.app.request(ROUTES.poll.path(slug), { headers });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return { poll: Poll.parse(JSON.parse(text)), text };
}

async function adminPoll(ctx: Ctx, slug: string): Promise<AdminPoll> {
  const res = await admin(ctx, 'GET', ADMIN_ROUTES.poll.path(slug));
  assert.equal(res.status, 200);
  return AdminPoll.parse(await res.json());
}

/** A public answer that must not carry results: no figures in any form. */
function assertNoResults(text: string, what: string): void {
  const body = JSON.parse(text) as Record<string, unknown>;
  assert.equal(body.results ?? null, null, `${what}: results ${text}`);
  assert.ok(!text.includes('totalVoters') && !text.includes('counts'), `${what}: figures leak in ${text}`);
}

for (const factory of STORE_FACTORIES) {
  describe(`polls on the ${factory.name} store`, { skip: factory.skip }, () => {
    const ctx = {} as Ctx;

    before(() => {
      ctx.sut = factory.open();
    });
    after(async () => {
      await ctx.sut.dispose();
    });
    beforeEach(async () => {
      S = `bus-${++serial}`;
      ctx.clock = { t: T0 };
      ctx.logged = [];
      ctx.app = makeApp(ctx);
      const rows0 = await ctx.sut.countRows();
      ctx.rows = async () => (await ctx.sut.countRows()) - rows0;
      ctx.polls0 = await ctx.sut.store.countPolls();
    });
    afterEach(() => {
      assert.deepEqual(ctx.logged, [], 'no errors logged');
    });

    describe('reading', () => {
      it('answers the poll: question, options with ids o1…, rules, status, voted false without the header', async () => {
        const created = await createPoll(ctx, { description: '  توضیح  ' });
        assert.deepEqual(
          created.options.map((o) => o.id),
          ['o1', 'o2', 'o3', 'o4'],
        );
        const { poll } = await getPoll(ctx, S);
        assert.equal(poll.question, 'کدام مسیر اتوبوس زودتر راه‌اندازی شود؟');
        assert.equal(poll.description, 'توضیح');
        assert.deepEqual(
          poll.options,
          OPTIONS.map((label, i) => ({ id: `o${i + 1}`, label })),
        );
        assert.equal(poll.mode, 'single');
        assert.equal(poll.maxChoices, 1);
        assert.equal(poll.status, 'open');
        assert.equal(poll.voted, false);
        assert.deepEqual(poll.results, { totalVoters: 0, counts: { o1: 0, o2: 0, o3: 0, o4: 0 } });
        assert.equal(poll.closesAt, new Date(T0 + 30 * DAY_MS).toISOString());
      });

      it('404 for an unknown poll, 400 for a malformed slug; a malformed voter header counts as none', async () => {
        await expectProblem(await ctx.app.request(ROUTES.poll.path('nope')), 404, 'not-found');
        await expectProblem(await ctx.app.request(ROUTES.poll.path('Bad_Slug')), 400, 'validation', [{ field: 'slug' }]);
        await createPoll(ctx);
        const res = await ctx.app.request(ROUTES.poll.path(S), { headers: { [VOTER_KEY_HEADER]: 'short' } });
        assert.equal(res.status, 200);
        assert.equal(Poll.parse(await res.json()).voted, false);
      });

      it('status follows the clock: scheduled, open, closed at closesAt', async () => {
        await createPoll(ctx, { opensAt: new Date(T0 + DAY_MS).toISOString(), closesAt: new Date(T0 + 2 * DAY_MS).toISOString() });
        assert.equal((await getPoll(ctx, S)).poll.status, 'scheduled');
        ctx.clock.t = T0 + DAY_MS;
        assert.equal((await getPoll(ctx, S)).poll.status, 'open');
        ctx.clock.t = T0 + 2 * DAY_MS - 1;
        assert.equal((await getPoll(ctx, S)).poll.status, 'open');
        ctx.clock.t = T0 + 2 * DAY_MS;
        assert.equal((await getPoll(ctx, S)).poll.status, 'closed');
      });
    });

    describe('voting rules', () => {
      it('single choice: exactly one known option', async () => {
        await createPoll(ctx);
        await expectProblem(await vote(ctx, S, []), 400, 'validation', [{ field: 'optionIds', code: 'too-short' }]);
        await expectProblem(await vote(ctx, S, ['o1', 'o2']), 400, 'validation', [{ field: 'optionIds', code: 'too-long', limit: 1 }]);
        await expectProblem(await vote(ctx, S, ['o9']), 400, 'validation', [{ field: 'optionIds.0', code: 'invalid' }]);
        await expectProblem(await vote(ctx, S, ['o1', 'o1']), 400, 'validation', [{ field: 'optionIds.1', code: 'duplicate' }]);
        await expectProblem(await vote(ctx, S, ['not an id']), 400, 'validation', [{ field: 'optionIds.0' }]);
        await expectProblem(await vote(ctx, S, 'o1'), 400, 'validation', [{ field: 'optionIds', code: 'invalid' }]);
        assert.equal(await ctx.rows(), 0);
        const ok = await accepted(await vote(ctx, S, ['o2']));
        assert.deepEqual(ok.optionIds, ['o2']);
        assert.equal(ok.poll, S);
        assert.equal(ok.createdAt, new Date(T0).toISOString());
        assert.deepEqual(ok.results, { totalVoters: 1, counts: { o1: 0, o2: 1, o3: 0, o4: 0 } });
      });

      it('multiple choice: 1..maxChoices distinct known options; more is too-long with the limit', async () => {
        await createPoll(ctx, { mode: 'multiple', maxChoices: 2 });
        await expectProblem(await vote(ctx, S, ['o1', 'o2', 'o3']), 400, 'validation', [
          { field: 'optionIds', code: 'too-long', limit: 2 },
        ]);
        await expectProblem(await vote(ctx, S, ['o1', 'o1']), 400, 'validation', [{ field: 'optionIds.1', code: 'duplicate' }]);
        await expectProblem(await vote(ctx, S, ['o1', 'o5']), 400, 'validation', [{ field: 'optionIds.1', code: 'invalid' }]);
        // Stored (and answered) in the poll's option order.
        const two = await accepted(await vote(ctx, S, ['o4', 'o1'], { voter: 'a' }));
        assert.deepEqual(two.optionIds, ['o1', 'o4']);
        await accepted(await vote(ctx, S, ['o4'], { voter: 'b' }));
        const results = (await adminPoll(ctx, S)).results;
        assert.deepEqual(results, { totalVoters: 2, counts: { o1: 1, o2: 0, o3: 0, o4: 2 } });
      });

      it('refuses bodies that are not a vote: unknown fields, another voter type, a bad key; checks the slug', async () => {
        await createPoll(ctx);
        await expectProblem(
          await vote(ctx, S, null, { body: { optionIds: ['o1'], voter: { type: 'device', key: voterKey('a') }, extra: 1 } }),
          400,
          'validation',
          [{ field: 'extra', code: 'unknown-field' }],
        );
        await expectProblem(
          await vote(ctx, S, null, { body: { optionIds: ['o1'], voter: { type: 'signed', token: 'x' } } }),
          400,
          'validation',
          [{ field: 'voter.type' }],
        );
        await expectProblem(
          await vote(ctx, S, null, { body: { optionIds: ['o1'], voter: { type: 'device', key: 'short' } } }),
          400,
          'validation',
          [{ field: 'voter.key' }],
        );
        await expectProblem(await vote(ctx, S, null, { body: { optionIds: ['o1'] } }), 400, 'validation', [
          { field: 'voter', code: 'required' },
        ]);
        await expectProblem(await vote(ctx, 'BAD SLUG', ['o1']), 400, 'validation', [{ field: 'slug' }]);
        await expectProblem(await vote(ctx, 'nope', ['o1']), 404, 'not-found');
        const res = await ctx.app.request(ROUTES.vote.path(S), { method: 'POST', headers: { 'Idempotency-Key': newKey() }, body: '{}' });
        await expectProblem(res, 415, 'unsupported-media-type');
      });

      it('one vote per voter: a second vote with a new key is already-voted, whatever it chooses', async () => {
        await createPoll(ctx);
        await accepted(await vote(ctx, S, ['o1'], { voter: 'a' }));
        const second = await expectProblem(await vote(ctx, S, ['o2'], { voter: 'a' }), 409, 'already-voted');
        assert.equal(second.results, undefined);
        await expectProblem(await vote(ctx, S, ['o1'], { voter: 'a' }), 409, 'already-voted');
        await accepted(await vote(ctx, S, ['o2'], { voter: 'b' }));
        assert.equal(await ctx.rows(), 2);
        assert.deepEqual((await adminPoll(ctx, S)).results, { totalVoters: 2, counts: { o1: 1, o2: 1, o3: 0, o4: 0 } });
        // The same device may vote in another poll.
        await createPoll(ctx, { slug: `${S}-other` });
        await accepted(await vote(ctx, `${S}-other`, ['o3'], { voter: 'a' }));
      });

      it('the window is judged on arrival: scheduled and closed polls refuse with closed and their status', async () => {
        await createPoll(ctx, { opensAt: new Date(T0 + DAY_MS).toISOString(), closesAt: new Date(T0 + 2 * DAY_MS).toISOString() });
        const early = await expectProblem(await vote(ctx, S, ['o1']), 409, 'closed');
        assert.equal(early.detail, 'scheduled');
        assert.equal(early.pollStatus, 'scheduled');
        ctx.clock.t = T0 + DAY_MS;
        await accepted(await vote(ctx, S, ['o1'], { voter: 'a' }));
        ctx.clock.t = T0 + 2 * DAY_MS;
        const late = await expectProblem(await vote(ctx, S, ['o1'], { voter: 'b' }), 409, 'closed');
        assert.equal(late.pollStatus, 'closed');
        assert.equal(await ctx.rows(), 1);
      });

      it('a vote of a device key never stores the key', async () => {
        await createPoll(ctx);
        await accepted(await vote(ctx, S, ['o1'], { voter: 'secret' }));
        if (factory.name === 'sqlite') {
          const db = (ctx.sut.store as unknown as { db: { prepare(sql: string): { all(): unknown[] } } }).db;
          const dump =
            JSON.stringify(db.prepare('SELECT * FROM votes').all()) + JSON.stringify(db.prepare('SELECT * FROM submissions').all());
          assert.ok(!dump.includes(voterKey('secret')), dump);
          assert.match(dump, /"voter_hash":"[0-9a-f]{64}"/);
        }
      });

      it('tracking: a vote code says the vote was counted, in which poll, and never the choice', async () => {
        await createPoll(ctx);
        const ok = await accepted(await vote(ctx, S, ['o3']));
        const res = await ctx.app.request(ROUTES.tracking.path(ok.trackingCode));
        assert.equal(res.status, 200);
        const body = await res.json();
        assert.equal(body.kind, 'vote');
        assert.equal(body.status, 'counted');
        assert.equal(body.subject.slug, S);
        assert.doesNotMatch(JSON.stringify(body), /o3/);
      });
    });

    describe('idempotency', () => {
      it('requires an Idempotency-Key', async () => {
        await createPoll(ctx);
        await expectProblem(await vote(ctx, S, ['o1'], { key: null }), 400, 'idempotency-key-required');
      });

      it('the same key and body replay the first answer (one row), even after close; another body is a conflict', async () => {
        await createPoll(ctx, { closesAt: new Date(T0 + DAY_MS).toISOString() });
        const key = newKey();
        const first = await vote(ctx, S, ['o3'], { key });
        assert.equal(first.headers.get('idempotency-replayed'), null);
        const a = await accepted(first);
        const again = await vote(ctx, S, ['o3'], { key });
        assert.equal(again.headers.get('idempotency-replayed'), 'true');
        assert.deepEqual(await accepted(again), a);
        assert.equal(await ctx.rows(), 1);
        await expectProblem(await vote(ctx, S, ['o2'], { key }), 422, 'idempotency-conflict');
        await expectProblem(await vote(ctx, S, ['o3'], { key, voter: 'other' }), 422, 'idempotency-conflict');
        ctx.clock.t = T0 + 2 * DAY_MS;
        const late = await accepted(await vote(ctx, S, ['o3'], { key }));
        assert.equal(late.trackingCode, a.trackingCode);
        assert.equal(late.createdAt, a.createdAt);
        assert.equal(await ctx.rows(), 1);
        assert.equal((await adminPoll(ctx, S)).results.totalVoters, 1);
      });

      it('50 concurrent requests with one key make one vote, and all get its answer', async () => {
        await createPoll(ctx);
        const key = newKey();
        const answers = await Promise.all(Array.from({ length: 50 }, () => vote(ctx, S, ['o2'], { key })));
        const bodies = await Promise.all(answers.map(accepted));
        assert.equal(new Set(bodies.map((b) => b.trackingCode)).size, 1);
        assert.equal(await ctx.rows(), 1);
        assert.equal((await adminPoll(ctx, S)).results.totalVoters, 1);
      });

      it('concurrent votes of one voter with different keys: one counted, the rest already-voted', async () => {
        await createPoll(ctx);
        const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => vote(ctx, S, [`o${(i % 4) + 1}`], { voter: 'racer' })));
        assert.equal(answers.filter((r) => r.status === 201).length, 1);
        assert.equal(answers.filter((r) => r.status === 409).length, 19);
        assert.equal((await adminPoll(ctx, S)).results.totalVoters, 1);
      });
    });

    describe('results visibility (enforced by the server)', () => {
      const cases: { visibility: ResultsVisibility; beforeVote: boolean; toVoter: boolean }[] = [
        { visibility: 'always', beforeVote: true, toVoter: true },
        { visibility: 'after-vote', beforeVote: false, toVoter: true },
        { visibility: 'after-close', beforeVote: false, toVoter: false },
      ];
      for (const { visibility, beforeVote, toVoter } of cases) {
        it(`${visibility}: before a vote, to the voter, to others, in the vote answer and its replay, after close`, async () => {
          await createPoll(ctx, { resultsVisibility: visibility, mode: 'multiple', maxChoices: 2 });
          const check = (text: string, visible: boolean, what: string) => {
            if (visible) assert.ok((JSON.parse(text) as Poll).results, `${what}: results expected in ${text}`);
            else assertNoResults(text, what);
          };
          // Before anyone votes.
          check((await getPoll(ctx, S)).text, beforeVote, 'no header');
          check((await getPoll(ctx, S, 'a')).text, beforeVote, 'voter a before voting');
          // Voter a votes.
          const key = newKey();
          const res = await vote(ctx, S, ['o1', 'o2'], { voter: 'a', key });
          const text = await res.text();
          assert.equal(res.status, 201, text);
          check(text, toVoter, 'vote answer');
          if (toVoter)
            assert.deepEqual(VoteAccepted.parse(JSON.parse(text)).results, { totalVoters: 1, counts: { o1: 1, o2: 1, o3: 0, o4: 0 } });
          check(await (await vote(ctx, S, ['o1', 'o2'], { voter: 'a', key })).text(), toVoter, 'replayed vote answer');
          // The voter, another voter, nobody.
          const mine = await getPoll(ctx, S, 'a');
          assert.equal(mine.poll.voted, true);
          check(mine.text, toVoter, 'voter a after voting');
          const other = await getPoll(ctx, S, 'b');
          assert.equal(other.poll.voted, false);
          check(other.text, beforeVote, 'voter b (has not voted)');
          check((await getPoll(ctx, S)).text, beforeVote, 'no header after a vote');
          // A refused second vote says nothing about the figures.
          assertNoResults(await (await vote(ctx, S, ['o3'], { voter: 'a' })).text(), 'already-voted answer');
          // Officials always see them.
          assert.equal((await adminPoll(ctx, S)).results.totalVoters, 1);
          // After close: everyone.
          ctx.clock.t = T0 + 31 * DAY_MS;
          for (const who of [null, 'a', 'b']) {
            const { poll } = await getPoll(ctx, S, who);
            assert.equal(poll.status, 'closed');
            assert.deepEqual(poll.results, { totalVoters: 1, counts: { o1: 1, o2: 1, o3: 0, o4: 0 } }, `after close, ${who}`);
          }
          const replay = await accepted(await vote(ctx, S, ['o1', 'o2'], { voter: 'a', key }));
          assert.equal(replay.results?.totalVoters, 1, 'replay after close');
          assertNoResults(await (await vote(ctx, S, ['o1'], { voter: 'c' })).text(), 'closed answer');
        });
      }

      it('after-vote on a scheduled poll: no results to anyone', async () => {
        await createPoll(ctx, { resultsVisibility: 'after-vote', opensAt: new Date(T0 + DAY_MS).toISOString() });
        assertNoResults((await getPoll(ctx, S, 'a')).text, 'scheduled');
      });
    });

    describe('closing early', () => {
      it('an official closes an open poll: status closed, closesAt is the close, votes refused, results shown', async () => {
        await createPoll(ctx, { resultsVisibility: 'after-close' });
        await accepted(await vote(ctx, S, ['o2'], { voter: 'a' }));
        ctx.clock.t = T0 + DAY_MS;
        const res = await admin(ctx, 'POST', ADMIN_ROUTES.closePoll.path(S));
        assert.equal(res.status, 200);
        const closed = AdminPoll.parse(await res.json());
        assert.equal(closed.status, 'closed');
        assert.equal(closed.closedAt, new Date(T0 + DAY_MS).toISOString());
        assert.equal(closed.closesAt, new Date(T0 + 30 * DAY_MS).toISOString(), 'admin: as scheduled');
        const { poll } = await getPoll(ctx, S);
        assert.equal(poll.status, 'closed');
        assert.equal(poll.closesAt, new Date(T0 + DAY_MS).toISOString(), 'public: when voting ended');
        assert.equal(poll.results?.totalVoters, 1);
        const refused = await expectProblem(await vote(ctx, S, ['o1'], { voter: 'b' }), 409, 'closed');
        assert.equal(refused.pollStatus, 'closed');
        await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.closePoll.path(S)), 409, 'invalid-state');
        await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.closePoll.path('nope')), 404, 'not-found');
      });

      it('a poll closed by the clock cannot be closed again', async () => {
        await createPoll(ctx, { closesAt: new Date(T0 + DAY_MS).toISOString() });
        ctx.clock.t = T0 + DAY_MS;
        await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.closePoll.path(S)), 409, 'invalid-state');
      });
    });

    describe('admin', () => {
      it('every poll route needs the token (401 without or with another), and answers without CORS', async () => {
        await createPoll(ctx);
        const routes: [string, string, unknown][] = [
          ['POST', ADMIN_ROUTES.createPoll.path(), pollBody({ slug: `${S}-x` })],
          ['GET', ADMIN_ROUTES.poll.path(S), undefined],
          ['POST', ADMIN_ROUTES.closePoll.path(S), undefined],
        ];
        for (const [method, path, body] of routes) {
          for (const token of [null, 'wrong-token-0123456789abcdef']) {
            const res = await admin(ctx, method, path, body, token, { Origin: ORIGIN });
            await expectProblem(res, 401, 'unauthorized');
            assert.equal(res.headers.get('access-control-allow-origin'), null);
          }
        }
        const ok = await admin(ctx, 'GET', ADMIN_ROUTES.poll.path(S), undefined, TOKEN, { Origin: ORIGIN });
        assert.equal(ok.status, 200);
        assert.equal(ok.headers.get('access-control-allow-origin'), null);
        assert.equal((await getPoll(ctx, S)).poll.status, 'open', 'not closed by the refused calls');
        assert.equal(await ctx.sut.store.getPoll(`${S}-x`), null, 'not created by the refused calls');
      });

      it('creates a poll: options as labels or { label }, defaults, Location, a taken slug refused', async () => {
        const res = await admin(
          ctx,
          'POST',
          ADMIN_ROUTES.createPoll.path(),
          pollBody({ options: ['الف', { label: 'ب' }, '  ج  '], mode: 'multiple' }),
        );
        assert.equal(res.status, 201);
        assert.equal(res.headers.get('location'), ROUTES.poll.path(S));
        const created = AdminPoll.parse(await res.json());
        assert.deepEqual(created.options, [
          { id: 'o1', label: 'الف' },
          { id: 'o2', label: 'ب' },
          { id: 'o3', label: 'ج' },
        ]);
        assert.equal(created.maxChoices, 3, 'multiple defaults to all options');
        assert.equal(created.description, null);
        assert.equal(created.closedAt, null);
        assert.equal(created.createdAt, new Date(T0).toISOString());
        assert.deepEqual(created.results, { totalVoters: 0, counts: { o1: 0, o2: 0, o3: 0 } });
        await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.createPoll.path(), pollBody()), 400, 'validation', [
          { field: 'slug', code: 'duplicate' },
        ]);
        await expectProblem(await admin(ctx, 'GET', ADMIN_ROUTES.poll.path('nope')), 404, 'not-found');
      });

      it('validates a new poll: 2–20 options, labels, maxChoices range, the window', async () => {
        const bad = async (overrides: Record<string, unknown>, errors: Partial<FieldError>[]) => {
          await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.createPoll.path(), pollBody(overrides)), 400, 'validation', errors);
        };
        await bad({ options: ['تنها'] }, [{ field: 'options', code: 'too-short', limit: 2 }]);
        await bad({ options: Array.from({ length: 21 }, (_, i) => `گزینه ${i + 1}`) }, [{ field: 'options', code: 'too-long', limit: 20 }]);
        await bad({ options: ['الف', ' '] }, [{ field: 'options.1', code: 'required' }]);
        await bad({ options: ['الف', { label: '' }] }, [{ field: 'options.1.label', code: 'required' }]);
        await bad({ options: ['الف', 'الف'] }, [{ field: 'options.1', code: 'duplicate' }]);
        await bad({ options: ['الف', 'x'.repeat(201)] }, [{ field: 'options.1', code: 'too-long', limit: 200 }]);
        await bad({ options: ['الف', 'x'.repeat(900)] }, [{ field: 'options.1', code: 'too-long', limit: 200 }]);
        await bad({ question: ' ' }, [{ field: 'question', code: 'required' }]);
        await bad({ question: 'x'.repeat(501) }, [{ field: 'question', code: 'too-long', limit: 500 }]);
        await bad({ mode: 'single', maxChoices: 2 }, [{ field: 'maxChoices', code: 'out-of-range', limit: 1 }]);
        await bad({ mode: 'multiple', maxChoices: 5 }, [{ field: 'maxChoices', code: 'out-of-range', limit: 4 }]);
        await bad({ mode: 'multiple', maxChoices: 0 }, [{ field: 'maxChoices', code: 'out-of-range' }]);
        await bad({ mode: 'multiple', maxChoices: 1.5 }, [{ field: 'maxChoices' }]);
        await bad({ mode: 'ranked' }, [{ field: 'mode' }]);
        await bad({ resultsVisibility: 'never' }, [{ field: 'resultsVisibility' }]);
        await bad({ closesAt: new Date(T0 - 2 * DAY_MS).toISOString() }, [{ field: 'closesAt', code: 'out-of-range' }]);
        await bad({ opensAt: new Date(T0 - 3 * DAY_MS).toISOString(), closesAt: new Date(T0 - DAY_MS).toISOString() }, [
          { field: 'closesAt', code: 'out-of-range' },
        ]);
        await bad({ opensAt: 'tomorrow' }, [{ field: 'opensAt' }]);
        await bad({ slug: 'Not A Slug' }, [{ field: 'slug' }]);
        await bad({ extra: true }, [{ field: 'extra', code: 'unknown-field' }]);
        assert.equal(await ctx.sut.store.countPolls(), ctx.polls0);
        // The edges are fine.
        await createPoll(ctx, { slug: `${S}-two`, options: ['الف', 'ب'], mode: 'multiple', maxChoices: 1 });
        await createPoll(ctx, {
          slug: `${S}-twenty`,
          options: Array.from({ length: 20 }, (_, i) => `گزینه ${i + 1}`),
          mode: 'multiple',
          maxChoices: 20,
        });
        await createPoll(ctx, { slug: `${S}-offset`, opensAt: '2026-03-01T11:30:00+03:30', mode: 'single', maxChoices: 1 });
        assert.equal((await adminPoll(ctx, `${S}-offset`)).opensAt, '2026-03-01T08:00:00.000Z', 'stored in UTC');
      });
    });

    describe('CORS', () => {
      it('a preflight for a poll read with the Nazar-Voter header is allowed; answers expose Retry-After', async () => {
        await createPoll(ctx);
        const pre = await ctx.app.request(ROUTES.poll.path(S), {
          method: 'OPTIONS',
          headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'nazar-voter' },
        });
        assert.equal(pre.status, 204);
        assert.equal(pre.headers.get('access-control-allow-origin'), ORIGIN);
        const allowed = (pre.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
        assert.ok(allowed.includes('nazar-voter'), allowed.join());
        const votePre = await ctx.app.request(ROUTES.vote.path(S), {
          method: 'OPTIONS',
          headers: {
            Origin: ORIGIN,
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'content-type, idempotency-key',
          },
        });
        assert.equal(votePre.headers.get('access-control-allow-methods'), 'GET, POST, OPTIONS');
        const res = await ctx.app.request(ROUTES.poll.path(S), { headers: { Origin: ORIGIN, [VOTER_KEY_HEADER]: voterKey('a') } });
        assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
        assert.match(res.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
        assert.equal(res.headers.get('cache-control'), 'no-store');
        const stranger = await ctx.app.request(ROUTES.poll.path(S), {
          method: 'OPTIONS',
          headers: {
            Origin: 'https://evil.example',
            'Access-Control-Request-Method': 'GET',
            'Access-Control-Request-Headers': 'nazar-voter',
          },
        });
        assert.equal(stranger.headers.get('access-control-allow-origin'), null);
      });
    });
  });
}

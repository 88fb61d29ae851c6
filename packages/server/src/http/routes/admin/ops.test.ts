/**
 * The operations admin API: the authorisation matrix over every admin route, and each operations
 * route's successes and validation errors, on every store.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ADMIN_GROUP_ROUTES, ADMIN_OPS_ROUTES, ADMIN_ROUTES, IDEMPOTENCY_KEY_HEADER, ROUTES, type Problem } from '@nazar/protocol';
import { createApp } from '../../app.js';
import { requiredRole, roleAllows } from '../../admin-auth.js';
import type { Role } from '../../../store/admin-store.js';
import { createMemoryStore } from '../../../store/memory/store.js';
import { csvCell } from './ops.js';
import type { Store } from '../../../store/store.js';
import { STORE_FACTORIES, type StoreUnderTest } from '../../../../test/support.js';

const ENV_TOKEN = 'ops-test-admin-token-0123456789';
const SITE_ORIGIN = 'https://chabahar.example';
const ENV_ORIGIN = 'https://portal.example';
const T0 = Date.parse('2026-03-01T08:00:00.000Z');

type App = ReturnType<typeof createApp>;

async function call(app: App, method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { ...headers };
  if (token !== null) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  return app.request(path, { method, headers: h, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return JSON.parse(text) as T;
}

async function problemOf(res: Response, status: number, code: string): Promise<Problem> {
  const p = await json<Problem>(res, status);
  assert.equal(p.code, code);
  return p;
}

/** A concrete path for every admin route pattern. */
function samplePath(pattern: string): string {
  return pattern.replace(':slug', 'some-slug').replace(':id', 'someid').replace(':code', '1234567897').replace(':kind', 'feedback');
}

/** Makes one token per role through the API (as the env admin). */
async function tokensByRole(app: App): Promise<Record<Role, string>> {
  const out = {} as Record<Role, string>;
  for (const role of ['admin', 'moderator', 'viewer'] as const) {
    const created = await json<{ token: string; role: string }>(
      await call(app, 'POST', ADMIN_OPS_ROUTES.createToken.path(), ENV_TOKEN, { name: `${role} token`, role }),
      201,
    );
    assert.equal(created.role, role);
    out[role] = created.token;
  }
  return out;
}

describe('admin authorisation matrix (every admin route × each role × no token × a wrong token)', () => {
  it('gives zero unauthorised successes', async () => {
    const store = createMemoryStore();
    const app = createApp(store, { allowedOrigins: [], adminToken: ENV_TOKEN, logger: { info() {}, error() {} } });
    const tokens = await tokensByRole(app);
    const revoked = await json<{ id: string; token: string }>(
      await call(app, 'POST', ADMIN_OPS_ROUTES.createToken.path(), ENV_TOKEN, { name: 'gone', role: 'admin' }),
      201,
    );
    await json(await call(app, 'POST', ADMIN_OPS_ROUTES.revokeToken.path(revoked.id), ENV_TOKEN), 200);

    const routes = Object.entries({ ...ADMIN_ROUTES, ...ADMIN_OPS_ROUTES, ...ADMIN_GROUP_ROUTES });
    const callers: { name: string; token: string | null; role: Role | null }[] = [
      { name: 'no token', token: null, role: null },
      { name: 'wrong token', token: 'nzr_aaaaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', role: null },
      { name: 'revoked token', token: revoked.token, role: null },
      { name: 'env token with a typo', token: `${ENV_TOKEN}x`, role: null },
      ...(['admin', 'moderator', 'viewer'] as const).map((role) => ({ name: role, token: tokens[role], role })),
    ];
    let checked = 0;
    const unauthorisedSuccesses: string[] = [];
    for (const [name, route] of routes) {
      const path = samplePath(route.pattern);
      const needed = requiredRole(route.method, path);
      for (const caller of callers) {
        const res = await call(app, route.method, path, caller.token, route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
        checked++;
        const allowed = caller.role !== null && roleAllows(caller.role, needed);
        if (!allowed && res.status < 400) unauthorisedSuccesses.push(`${caller.name} ${route.method} ${path} → ${res.status}`);
        if (caller.role === null) assert.equal(res.status, 401, `${caller.name} ${name}`);
        else if (!allowed) assert.equal(res.status, 403, `${caller.name} ${name}`);
        else assert.ok(res.status !== 401 && res.status !== 403, `${caller.name} ${name} → ${res.status}`);
        assert.equal(res.headers.get('access-control-allow-origin'), null);
      }
    }
    assert.deepEqual(unauthorisedSuccesses, []);
    assert.equal(checked, routes.length * callers.length);
    // The matrix as the docs state it.
    assert.equal(requiredRole('GET', '/v1/admin/feedback'), 'viewer');
    assert.equal(requiredRole('POST', '/v1/admin/comments/x/reject'), 'moderator');
    assert.equal(requiredRole('POST', '/v1/admin/feedback/1234567897/status'), 'moderator');
    assert.equal(requiredRole('POST', '/v1/admin/polls'), 'admin');
    assert.equal(requiredRole('GET', '/v1/admin/audit'), 'admin');
    assert.equal(requiredRole('GET', '/v1/admin/tokens'), 'admin');
    // Every list's export is a read for every role, but the audit log's is an admin's.
    for (const kind of ['comments', 'feedback', 'votes', 'consultations', 'polls'])
      assert.equal(requiredRole('GET', `/v1/admin/exports/${kind}`), 'viewer', kind);
    assert.equal(requiredRole('GET', '/v1/admin/exports/audit'), 'admin');
    assert.equal((await call(app, 'GET', '/v1/admin/exports/audit', tokens.moderator)).status, 403);
    assert.equal((await call(app, 'GET', '/v1/admin/exports/audit', tokens.admin)).status, 200);
    assert.equal(requiredRole('PUT', '/v1/admin/sites/x'), 'admin');
    for (const action of ['approve', 'reject', 'reply'])
      assert.equal(requiredRole('POST', `/v1/admin/consultations/x/groups/y/${action}`), 'moderator', action);
    assert.equal(requiredRole('GET', '/v1/admin/consultations/x/groups'), 'viewer');
    // The console's reads are in the tables the matrix walks, and every role may make them.
    const walked = new Set(routes.map(([name]) => name));
    for (const name of ['me', 'consultations', 'consultation', 'polls', 'overview', 'serviceStats']) assert.ok(walked.has(name), name);
    for (const path of ['/v1/admin/me', '/v1/admin/consultations', '/v1/admin/polls', '/v1/admin/overview']) {
      assert.equal(requiredRole('GET', path), 'viewer', path);
      assert.equal((await call(app, 'GET', path, tokens.viewer)).status, 200, path);
    }
    assert.equal(requiredRole('GET', '/v1/admin/services/x/stats'), 'viewer');
    assert.equal(requiredRole('GET', '/v1/admin/consultations/x'), 'viewer');
    // Unknown admin paths: 401 without a token, never a hint that they do not exist.
    assert.equal((await call(app, 'GET', '/v1/admin/nothing-here', null)).status, 401);
    assert.equal((await call(app, 'GET', '/v1/admin/nothing-here', tokens.viewer)).status, 404);
  });
});

for (const factory of STORE_FACTORIES) {
  describe(`operations admin API on the ${factory.name} store`, { skip: factory.skip }, () => {
    let sut: StoreUnderTest;
    let store: Store;
    let app: App;
    let clock: number;
    let tokens: Record<Role, string>;
    const errors: unknown[] = [];

    const submitFeedback = async (service: string, origin: string | null, rating = 4, text = 'صف طولانی بود') => {
      const headers: Record<string, string> = { [IDEMPOTENCY_KEY_HEADER]: crypto.randomUUID() };
      if (origin) headers.Origin = origin;
      const res = await call(
        app,
        'POST',
        ROUTES.feedback.path(service),
        null,
        { rating, text, contact: '09151234567', categories: ['speed'], serviceLabel: 'خدمت' },
        headers,
      );
      return json<{ trackingCode: string }>(res, 201);
    };

    beforeEach(async () => {
      clock = T0;
      sut = factory.open({ now: () => new Date(clock) });
      store = sut.store;
      errors.length = 0;
      app = createApp(store, {
        allowedOrigins: [ENV_ORIGIN],
        adminToken: ENV_TOKEN,
        now: () => new Date(clock),
        logger: { info() {}, error: (r) => errors.push(r) },
      });
      await store.ensureService({ id: 'birth-certificate', title: 'صدور شناسنامه', categories: ['speed', 'staff', 'other'] });
      tokens = await tokensByRole(app);
    });
    afterEach(async () => {
      assert.deepEqual(errors, []);
      await sut.dispose();
    });

    it('tokens: created once (the token shown only then), listed without secrets, revoked for good', async () => {
      const created = await json<{ id: string; token: string; name: string; createdBy: string }>(
        await call(app, 'POST', ADMIN_OPS_ROUTES.createToken.path(), tokens.admin, {
          name: '  Moderator  of Chabahar ',
          role: 'moderator',
        }),
        201,
      );
      assert.match(created.token, /^nzr_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
      assert.equal(created.name, 'Moderator of Chabahar');
      const list = await json<{ tokens: { id: string; revokedAt: string | null }[] }>(
        await call(app, 'GET', ADMIN_OPS_ROUTES.tokens.path(), tokens.admin),
        200,
      );
      assert.equal(list.tokens.length, 4);
      assert.ok(!JSON.stringify(list).includes(created.token.slice(-43)), 'no secret in the list');
      const stored = await store.getTokenWithHash(created.id);
      assert.ok(stored && stored.hash.length === 64 && !stored.hash.includes(created.token.slice(-43)), 'stored hashed');
      assert.equal((await call(app, 'GET', ADMIN_OPS_ROUTES.feedback.path(), created.token)).status, 200);
      await json(await call(app, 'POST', ADMIN_OPS_ROUTES.revokeToken.path(created.id), tokens.admin), 200);
      assert.equal((await call(app, 'GET', ADMIN_OPS_ROUTES.feedback.path(), created.token)).status, 401);
      await problemOf(await call(app, 'POST', ADMIN_OPS_ROUTES.revokeToken.path('zzzzzzzzzzzz'), tokens.admin), 404, 'not-found');
      // Validation.
      const bad = await problemOf(
        await call(app, 'POST', ADMIN_OPS_ROUTES.createToken.path(), tokens.admin, { name: ' ', role: 'root' }),
        400,
        'validation',
      );
      assert.deepEqual(
        bad.errors?.map((e) => e.field),
        ['role'],
      );
      const blank = await problemOf(
        await call(app, 'POST', ADMIN_OPS_ROUTES.createToken.path(), tokens.admin, { name: ' ', role: 'viewer' }),
        400,
        'validation',
      );
      assert.deepEqual(blank.errors, [{ field: 'name', code: 'required' }]);
      await problemOf(
        await call(app, 'POST', ADMIN_OPS_ROUTES.createToken.path(), tokens.admin, { name: 'x', role: 'viewer', extra: 1 }),
        400,
        'validation',
      );
    });

    it('sites: their origins may embed (CORS) and register services; removed, they may not', async () => {
      const before = await call(app, 'GET', ROUTES.service.path('birth-certificate'), null, undefined, { Origin: SITE_ORIGIN });
      assert.equal(before.headers.get('access-control-allow-origin'), null);
      const put = await json<{ id: string; origins: string[] }>(
        await call(app, 'PUT', ADMIN_OPS_ROUTES.putSite.path('chabahar'), tokens.admin, {
          name: 'فرمانداری چابهار',
          origins: [`${SITE_ORIGIN}/`],
        }),
        201,
      );
      assert.deepEqual(put.origins, [SITE_ORIGIN]);
      const after = await call(app, 'GET', ROUTES.service.path('birth-certificate'), null, undefined, { Origin: SITE_ORIGIN });
      assert.equal(after.headers.get('access-control-allow-origin'), SITE_ORIGIN);
      // Env origins keep working.
      assert.equal(
        (await call(app, 'GET', ROUTES.service.path('birth-certificate'), null, undefined, { Origin: ENV_ORIGIN })).headers.get(
          'access-control-allow-origin',
        ),
        ENV_ORIGIN,
      );
      // The site may register a new service on its first feedback.
      await submitFeedback('new-service', SITE_ORIGIN);
      assert.ok(await store.getService('new-service'), "await store.getService('new-service')");
      // Updating (200) and listing.
      await json(
        await call(app, 'PUT', ADMIN_OPS_ROUTES.putSite.path('chabahar'), tokens.admin, {
          name: 'چابهار',
          origins: [SITE_ORIGIN, 'https://www.chabahar.example'],
        }),
        200,
      );
      const sites = await json<{ sites: { id: string; name: string }[] }>(
        await call(app, 'GET', ADMIN_OPS_ROUTES.sites.path(), tokens.viewer),
        200,
      );
      assert.deepEqual(
        sites.sites.map((s) => [s.id, s.name]),
        [['chabahar', 'چابهار']],
      );
      // Validation.
      const bad = await problemOf(
        await call(app, 'PUT', ADMIN_OPS_ROUTES.putSite.path('Bad_Id'), tokens.admin, {
          name: 'x',
          origins: ['https://a.example/path', 'ftp://b.example', 'https://c.example', 'https://c.example'],
        }),
        400,
        'validation',
      );
      assert.deepEqual(bad.errors, [
        { field: 'id', code: 'invalid' },
        { field: 'origins.0', code: 'invalid' },
        { field: 'origins.1', code: 'invalid' },
        { field: 'origins.3', code: 'duplicate' },
      ]);
      // Delete: the origin no longer gets CORS.
      assert.equal((await call(app, 'DELETE', ADMIN_OPS_ROUTES.deleteSite.path('chabahar'), tokens.admin)).status, 204);
      assert.equal(
        (await call(app, 'GET', ROUTES.service.path('birth-certificate'), null, undefined, { Origin: SITE_ORIGIN })).headers.get(
          'access-control-allow-origin',
        ),
        null,
      );
      await problemOf(await call(app, 'DELETE', ADMIN_OPS_ROUTES.deleteSite.path('chabahar'), tokens.admin), 404, 'not-found');
    });

    it('services: created and changed (title, categories, sites), listed with counts', async () => {
      await json(
        await call(app, 'PUT', ADMIN_OPS_ROUTES.putSite.path('chabahar'), tokens.admin, { name: 'چابهار', origins: [SITE_ORIGIN] }),
        201,
      );
      const created = await json<{ id: string; sites: string[]; categories: string[] }>(
        await call(app, 'PUT', ADMIN_OPS_ROUTES.putService.path('land-permit'), tokens.admin, {
          title: 'پروانه زمین',
          categories: ['speed', 'cost'],
          sites: ['chabahar'],
        }),
        201,
      );
      assert.deepEqual(created.sites, ['chabahar']);
      assert.deepEqual(created.categories, ['speed', 'cost']);
      const changed = await json<{ title: string; categories: string[] }>(
        await call(app, 'PUT', ADMIN_OPS_ROUTES.putService.path('birth-certificate'), tokens.admin, { title: 'شناسنامه' }),
        200,
      );
      assert.equal(changed.title, 'شناسنامه');
      assert.deepEqual(changed.categories, ['speed', 'staff', 'other']);
      await submitFeedback('birth-certificate', null, 5);
      const list = await json<{ services: { id: string; count: number; mean: number | null; sites: string[] }[] }>(
        await call(app, 'GET', ADMIN_OPS_ROUTES.services.path(), tokens.viewer),
        200,
      );
      const byId = new Map(list.services.map((s) => [s.id, s]));
      assert.equal(byId.get('birth-certificate')?.count, 1);
      assert.equal(byId.get('birth-certificate')?.mean, 5);
      assert.deepEqual(byId.get('land-permit')?.sites, ['chabahar']);
      const bad = await problemOf(
        await call(app, 'PUT', ADMIN_OPS_ROUTES.putService.path('new-one'), tokens.admin, {
          categories: ['speed', 'speed'],
          sites: ['nowhere'],
        }),
        400,
        'validation',
      );
      // A service's new categories take effect for the very next feedback (the store may keep
      // services in memory: an official's change must not be hidden by it) — but a retry of a
      // feedback accepted before the change still gets its first answer.
      const retried = { [IDEMPOTENCY_KEY_HEADER]: crypto.randomUUID() };
      const before = await call(
        app,
        'POST',
        ROUTES.feedback.path('birth-certificate'),
        null,
        { rating: 2, categories: ['speed'] },
        retried,
      );
      assert.equal(before.status, 201);
      await json(
        await call(app, 'PUT', ADMIN_OPS_ROUTES.putService.path('birth-certificate'), tokens.admin, { categories: ['cost', 'other'] }),
        200,
      );
      const retry = await call(app, 'POST', ROUTES.feedback.path('birth-certificate'), null, { rating: 2, categories: ['speed'] }, retried);
      assert.equal(retry.status, 201);
      assert.equal(retry.headers.get('idempotency-replayed'), 'true');
      assert.deepEqual(await retry.json(), await before.json());
      const withOld = await call(
        app,
        'POST',
        ROUTES.feedback.path('birth-certificate'),
        null,
        { rating: 3, categories: ['speed'] },
        { [IDEMPOTENCY_KEY_HEADER]: crypto.randomUUID() },
      );
      assert.deepEqual((await problemOf(withOld, 400, 'validation')).errors, [{ field: 'categories.0', code: 'unknown-category' }]);
      const withNew = await call(
        app,
        'POST',
        ROUTES.feedback.path('birth-certificate'),
        null,
        { rating: 3, categories: ['cost'] },
        { [IDEMPOTENCY_KEY_HEADER]: crypto.randomUUID() },
      );
      assert.equal(withNew.status, 201);
      assert.deepEqual(bad.errors, [
        { field: 'categories.1', code: 'duplicate' },
        { field: 'sites.0', code: 'invalid' },
        { field: 'title', code: 'required' },
      ]);
      await problemOf(
        await call(app, 'PUT', ADMIN_OPS_ROUTES.putService.path('x'), tokens.admin, { categories: ['nope'] }),
        400,
        'validation',
      );
    });

    it('feedback inbox: by service and site, status moves with an answer the citizen sees', async () => {
      await json(
        await call(app, 'PUT', ADMIN_OPS_ROUTES.putSite.path('chabahar'), tokens.admin, { name: 'چابهار', origins: [SITE_ORIGIN] }),
        201,
      );
      const fromSite = await submitFeedback('birth-certificate', SITE_ORIGIN, 2);
      clock += 1000;
      const direct = await submitFeedback('birth-certificate', null, 5);
      const all = await json<{ feedback: { trackingCode: string; contact: unknown; origin: string | null }[] }>(
        await call(app, 'GET', ADMIN_OPS_ROUTES.feedback.path(), tokens.viewer),
        200,
      );
      assert.deepEqual(
        all.feedback.map((f) => f.trackingCode),
        [direct.trackingCode, fromSite.trackingCode],
      );
      assert.deepEqual(all.feedback[0].contact, { kind: 'mobile', value: '09151234567' });
      const bySite = await json<{ feedback: { trackingCode: string; origin: string }[] }>(
        await call(app, 'GET', ADMIN_OPS_ROUTES.feedback.path('?site=chabahar&service=birth-certificate'), tokens.viewer),
        200,
      );
      assert.deepEqual(
        bySite.feedback.map((f) => [f.trackingCode, f.origin]),
        [[fromSite.trackingCode, SITE_ORIGIN]],
      );
      const bad = await problemOf(
        await call(app, 'GET', ADMIN_OPS_ROUTES.feedback.path('?site=nowhere&status=lost&from=yesterday&stance=support'), tokens.viewer),
        400,
        'validation',
      );
      assert.deepEqual(bad.errors?.map((e) => e.field).sort(), ['from', 'site', 'stance', 'status']);

      const statusPath = ADMIN_OPS_ROUTES.feedbackStatus.path(fromSite.trackingCode);
      await json(await call(app, 'POST', statusPath, tokens.moderator, { status: 'in-progress' }), 200);
      const noAnswer = await problemOf(await call(app, 'POST', statusPath, tokens.moderator, { status: 'answered' }), 400, 'validation');
      assert.deepEqual(noAnswer.errors, [{ field: 'answer', code: 'required' }]);
      clock += 60_000;
      const answered = await json<{ status: string; answer: string }>(
        await call(app, 'POST', statusPath, tokens.moderator, { status: 'answered', answer: 'به اداره ثبت ارجاع شد.' }),
        200,
      );
      assert.equal(answered.status, 'answered');
      const tracked = await json<{ status: string; answer: { text: string; answeredAt: string } }>(
        await call(app, 'GET', ROUTES.tracking.path(fromSite.trackingCode), null),
        200,
      );
      assert.equal(tracked.status, 'answered');
      assert.deepEqual(tracked.answer, { text: 'به اداره ثبت ارجاع شد.', answeredAt: new Date(clock).toISOString() });
      await json(await call(app, 'POST', statusPath, tokens.moderator, { status: 'closed' }), 200);
      await problemOf(await call(app, 'POST', statusPath, tokens.moderator, { status: 'in-progress' }), 409, 'invalid-state');
      const inbox = await json<{ feedback: unknown[] }>(
        await call(app, 'GET', ADMIN_OPS_ROUTES.feedback.path('?status=closed'), tokens.viewer),
        200,
      );
      assert.equal(inbox.feedback.length, 1);
      await problemOf(
        await call(app, 'POST', ADMIN_OPS_ROUTES.feedbackStatus.path('1234567897'), tokens.moderator, { status: 'closed' }),
        404,
        'not-found',
      );
      await problemOf(await call(app, 'POST', statusPath, tokens.moderator, { status: 'lost' }), 400, 'validation');
    });

    it('moderation queue across consultations with filters; exports in CSV (BOM) and JSON; audit log of it all', async () => {
      await json(
        await call(app, 'PUT', ADMIN_OPS_ROUTES.putSite.path('chabahar'), tokens.admin, { name: 'چابهار', origins: [SITE_ORIGIN] }),
        201,
      );
      const draft = {
        slug: 'vendors',
        title: 'دستورالعمل',
        summary: 'خلاصه',
        kind: 'regulation',
        issuingBody: 'فرمانداری',
        opensAt: new Date(T0).toISOString(),
        moderation: 'pre',
        clauses: [{ text: 'ماده یک' }, { text: 'ماده دو' }],
      };
      await json(await call(app, 'POST', ADMIN_ROUTES.createConsultation.path(), tokens.admin, draft), 201);
      await json(
        await call(app, 'POST', ADMIN_ROUTES.createConsultation.path(), tokens.admin, {
          ...draft,
          slug: 'other',
          service: 'birth-certificate',
        }),
        201,
      );
      const unknownService = await problemOf(
        await call(app, 'POST', ADMIN_ROUTES.createConsultation.path(), tokens.admin, { ...draft, slug: 'third', service: 'nope' }),
        400,
        'validation',
      );
      assert.deepEqual(unknownService.errors, [{ field: 'service', code: 'invalid' }]);
      clock += 1000;
      const comment = async (slug: string, body: Record<string, unknown>, origin: string | null) => {
        const headers: Record<string, string> = { [IDEMPOTENCY_KEY_HEADER]: crypto.randomUUID() };
        if (origin) headers.Origin = origin;
        clock += 1000;
        return json<{ trackingCode: string }>(await call(app, 'POST', ROUTES.comment.path(slug), null, body, headers), 201);
      };
      await comment('vendors', { clauseId: 'c1', stance: 'oppose', text: '=HYPERLINK("x") مخالفم', contact: 'a@example.org' }, SITE_ORIGIN);
      await comment('vendors', { stance: 'support', text: 'موافقم، "خوب" است' }, null);
      await comment('other', { clauseId: 'c2', stance: 'amend', text: 'اصلاح', proposedText: 'متن' }, SITE_ORIGIN);

      const q = (query: string) => call(app, 'GET', ADMIN_OPS_ROUTES.moderation.path(query), tokens.viewer);
      type Page = {
        comments: { id: string; consultation: string; stance: string; origin: string | null; status: string }[];
        nextCursor: string | null;
      };
      assert.equal((await json<Page>(await q(''), 200)).comments.length, 3);
      assert.deepEqual(
        (await json<Page>(await q('?site=chabahar'), 200)).comments.map((c) => c.consultation),
        ['other', 'vendors'],
      );
      assert.deepEqual(
        (await json<Page>(await q('?consultation=vendors&clause=whole'), 200)).comments.map((c) => c.stance),
        ['support'],
      );
      assert.deepEqual(
        (await json<Page>(await q('?stance=oppose&status=pending'), 200)).comments.map((c) => c.stance),
        ['oppose'],
      );
      assert.equal((await json<Page>(await q(`?from=${new Date(clock - 500).toISOString()}`), 200)).comments.length, 1);
      assert.equal((await json<Page>(await q(`?to=${new Date(T0).toISOString()}`), 200)).comments.length, 0);
      assert.deepEqual(
        (await json<Page>(await q('?service=birth-certificate'), 200)).comments.map((c) => c.consultation),
        ['other'],
      );
      const badQ = await problemOf(await q('?status=hidden&clause=a%20b&cursor=zz!&poll=x'), 400, 'validation');
      assert.deepEqual(badQ.errors?.map((e) => e.field).sort(), ['clause', 'cursor', 'poll', 'status']);
      // Reject with a reason (moderator), as the queue shows it.
      const first = (await json<Page>(await q('?stance=oppose'), 200)).comments[0];
      await json(await call(app, 'POST', ADMIN_ROUTES.reject.path(first.id), tokens.moderator, { reason: 'توهین‌آمیز' }), 200);
      assert.equal((await json<Page>(await q('?status=rejected'), 200)).comments[0]?.id, first.id);

      // Exports.
      const csv = await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('comments', '?format=csv&consultation=vendors'), tokens.viewer);
      assert.equal(csv.status, 200);
      assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(csv.headers.get('content-disposition') ?? '', /^attachment; filename="nazar-comments-\d{4}-\d{2}-\d{2}\.csv"$/);
      const bytes = new Uint8Array(await csv.arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
      const text = new TextDecoder().decode(bytes.slice(3));
      const lines = text.trimEnd().split('\r\n');
      assert.equal(lines.length, 3);
      assert.ok(lines[0].startsWith('id,trackingCode,consultation,clauseId,stance,status,text'), 'CSV header');
      assert.ok(text.includes(`"'=HYPERLINK(""x"") مخالفم"`), 'formula neutralised and quotes doubled');
      assert.ok(text.includes('"موافقم، ""خوب"" است"'), 'text.includes(\'"موافقم، ""خوب"" است"\')');
      assert.ok(text.includes('a@example.org'), "text.includes('a@example.org')");
      const fb = await submitFeedback('birth-certificate', SITE_ORIGIN);
      const jsonExport = await json<{ kind: string; count: number; items: { trackingCode: string; contact: unknown }[] }>(
        await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('feedback', '?format=json&site=chabahar'), tokens.viewer),
        200,
      );
      assert.equal(jsonExport.kind, 'feedback');
      assert.deepEqual(
        jsonExport.items.map((i) => i.trackingCode),
        [fb.trackingCode],
      );
      const votes = await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('votes'), tokens.viewer);
      assert.equal(votes.status, 200);
      const voteBytes = new Uint8Array(await votes.arrayBuffer());
      assert.equal(
        new TextDecoder('utf-8', { ignoreBOM: true }).decode(voteBytes),
        '\uFEFFtrackingCode,poll,optionIds,voterTier,origin,createdAt\r\n',
      );
      await problemOf(await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('feedback', '?format=xlsx'), tokens.viewer), 400, 'validation');
      await problemOf(await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('secrets'), tokens.viewer), 404, 'not-found');

      // The audit log: who did what, when; exports included; readable by admins only.
      const audit = await json<{
        entries: { action: string; actor: { id: string; name: string; role: string }; target: string | null; at: string }[];
      }>(await call(app, 'GET', ADMIN_OPS_ROUTES.audit.path(), tokens.admin), 200);
      const actions = audit.entries.map((e) => `${e.actor.role}:${e.action}:${e.target}`);
      assert.ok(actions.includes('moderator:reject:' + first.id), actions.join('\n'));
      assert.ok(
        actions.includes('admin:createConsultation:null') || actions.some((a) => a.startsWith('admin:createConsultation')),
        actions.join('\n'),
      );
      assert.ok(actions.includes('admin:putSite:chabahar'), "actions.includes('admin:putSite:chabahar')");
      assert.ok(actions.includes('viewer:export:comments'), "actions.includes('viewer:export:comments')");
      assert.ok(
        actions.some((a) => a.startsWith('admin:createToken:')),
        'token creation audited',
      );
      assert.ok(
        !JSON.stringify(audit).includes('a@example.org') && !JSON.stringify(audit).includes('09151234567'),
        'no contact in the audit log',
      );
      assert.ok(!JSON.stringify(audit).includes(tokens.viewer.slice(-43)), 'no token in the audit log');
      assert.equal((await call(app, 'GET', ADMIN_OPS_ROUTES.audit.path(), tokens.moderator)).status, 403);
      await problemOf(await call(app, 'GET', ADMIN_OPS_ROUTES.audit.path('?cursor=abc'), tokens.admin), 400, 'validation');
    });

    it("exports the console's lists with their filters: consultations by status, polls, the audit log", async () => {
      const draft = {
        title: 'دستورالعمل "بازارچه"',
        summary: 'خلاصه',
        kind: 'regulation',
        issuingBody: 'فرمانداری',
        moderation: 'pre',
        clauses: [{ text: 'ماده یک' }],
      };
      await json(
        await call(app, 'POST', ADMIN_ROUTES.createConsultation.path(), tokens.admin, {
          ...draft,
          slug: 'open-now',
          opensAt: new Date(T0).toISOString(),
        }),
        201,
      );
      await json(
        await call(app, 'POST', ADMIN_ROUTES.createConsultation.path(), tokens.admin, {
          ...draft,
          slug: 'later',
          title: '=cmd|x',
          opensAt: new Date(T0 + 5 * 86_400_000).toISOString(),
        }),
        201,
      );
      await json(
        await call(app, 'POST', ADMIN_ROUTES.createPoll.path(), tokens.admin, {
          slug: 'park-hours',
          question: 'پارک تا چه ساعتی باز باشد؟',
          options: ['۲۲', 'نیمه‌شب'],
          mode: 'single',
          opensAt: new Date(T0).toISOString(),
          closesAt: new Date(T0 + 7 * 86_400_000).toISOString(),
          resultsVisibility: 'after-close',
        }),
        201,
      );
      const csvOf = async (res: Response) => {
        assert.equal(res.status, 200, await res.clone().text());
        const bytes = new Uint8Array(await res.arrayBuffer());
        assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
        return new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
      };
      const all = await csvOf(await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('consultations'), tokens.viewer));
      assert.equal(
        all[0],
        'slug,title,kind,status,opensAt,closesAt,issuedAt,withdrawnAt,service,moderation,createdAt,pending,published,rejected',
      );
      assert.equal(all.length, 3, all.join('\n'));
      assert.ok(
        all.some((l) => l.startsWith(`later,'=cmd|x,regulation,scheduled,`)),
        'a formula title is guarded',
      );
      const scheduled = await json<{ kind: string; filters: Record<string, unknown>; items: { slug: string; status: string }[] }>(
        await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('consultations', '?status=scheduled&format=json'), tokens.viewer),
        200,
      );
      assert.equal(scheduled.kind, 'consultations');
      assert.deepEqual(scheduled.filters, { status: 'scheduled' });
      assert.deepEqual(
        scheduled.items.map((i) => [i.slug, i.status]),
        [['later', 'scheduled']],
      );
      const badStatus = await problemOf(
        await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('consultations', '?status=gone'), tokens.viewer),
        400,
        'validation',
      );
      assert.deepEqual(badStatus.errors, [{ field: 'status', code: 'invalid' }]);
      const polls = await csvOf(await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('polls'), tokens.viewer));
      assert.equal(polls[0], 'slug,question,mode,status,resultsVisibility,opensAt,closesAt,closedAt,createdAt,totalVoters');
      assert.ok(polls[1].startsWith('park-hours,پارک تا چه ساعتی باز باشد؟,single,open,after-close,'), polls[1]);
      assert.equal(
        (await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('audit'), tokens.moderator)).status,
        403,
        'the audit log is for admins',
      );
      const audit = await csvOf(await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('audit'), tokens.admin));
      assert.equal(audit[0], 'id,at,actor,actorRole,action,target,detail');
      assert.ok(
        audit.some((l) => l.includes(',admin,createPoll,')),
        audit.join('\n'),
      );
      assert.ok(
        audit.some((l) => l.includes(',viewer,export,consultations,')),
        'the exports themselves are audited',
      );
      assert.ok(!audit.join('\n').includes(tokens.viewer.slice(-43)), 'no token in the export');
    });

    it('/readyz answers 200 when the store is reachable; API answers carry the security headers', async () => {
      const ready = await call(app, 'GET', '/readyz', null);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready', store: store.kind });
      for (const res of [
        ready,
        await call(app, 'GET', ROUTES.service.path('nope'), null),
        await call(app, 'GET', ADMIN_OPS_ROUTES.feedback.path(), null),
      ]) {
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(res.headers.get('x-frame-options'), 'DENY');
        assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'; frame-ancestors 'none'/);
        assert.equal(res.headers.get('cross-origin-resource-policy'), 'same-origin');
        assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      }
    });
  });
}

describe('readiness and limits', () => {
  it('/readyz answers 503 when the store does not answer', async () => {
    const store = createMemoryStore();
    const broken = Object.assign(Object.create(store) as Store, { countServices: () => Promise.reject(new Error('down')) });
    const app = createApp(broken, { allowedOrigins: [], logger: { info() {}, error() {} } });
    const res = await app.request('/readyz');
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { status: 'unavailable', store: 'memory' });
  });

  it('limits feedback and comments per client address: 429, Retry-After and a generic body', async () => {
    const store = createMemoryStore({ services: [{ id: 'svc', title: 'S' }] });
    let address = '203.0.113.7';
    const app = createApp(store, {
      allowedOrigins: [],
      clientAddress: () => address,
      submitRateLimit: { perMinute: 6, burst: 3 },
      logger: { info() {}, error() {} },
    });
    const post = () =>
      app.request(ROUTES.feedback.path('svc'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: crypto.randomUUID() },
        body: JSON.stringify({ rating: 3 }),
      });
    for (let i = 0; i < 3; i++) assert.equal((await post()).status, 201);
    const limited = await post();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '10');
    const body = (await limited.json()) as Problem;
    assert.deepEqual(Object.keys(body).sort(), ['code', 'retryAfter', 'status', 'title', 'type']);
    assert.equal(body.code, 'rate-limited');
    address = '203.0.113.8'; // another address has its own bucket
    assert.equal((await post()).status, 201);
  });

  it('CSV cells: quoting, line breaks, formulas', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('-2'), "'-2");
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(['speed', 'cost']), 'speed cost');
  });
});

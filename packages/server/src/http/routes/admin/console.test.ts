/**
 * The console's admin reads over HTTP (memory store; what the stores do is the contract suite's):
 * who the token is, consultations and polls newest first, one consultation as officials see it,
 * the overview, a service's statistics, and the inbox's text and rating filters.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  ADMIN_OPS_ROUTES,
  ADMIN_ROUTES,
  AdminConsultation,
  AdminConsultationPage,
  AdminMe,
  AdminOverview,
  AdminPollPage,
  IDEMPOTENCY_KEY_HEADER,
  ServiceStats,
  ROUTES,
  type Problem,
} from '@nazar/protocol';
import { createApp } from '../../app.js';
import { createMemoryStore } from '../../../store/memory/store.js';
import type { Store } from '../../../store/store.js';

const ENV_TOKEN = 'console-test-admin-token-0123456789';
const T0 = Date.parse('2026-03-04T08:00:00.000Z'); // a Wednesday
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

type App = ReturnType<typeof createApp>;

async function call(app: App, method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { ...headers };
  if (token !== null) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  return app.request(path, { method, headers: h, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}

async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return JSON.parse(text) as T;
}

async function problemOf(res: Response, status: number, code: string): Promise<Problem> {
  const p = await json<Problem>(res, status);
  assert.equal(p.code, code);
  return p;
}

describe('console admin reads', () => {
  let store: Store;
  let app: App;
  let clock: number;
  const get = <T>(path: string, token = ENV_TOKEN) => call(app, 'GET', path, token).then((r) => json<T>(r));

  const createConsultation = (slug: string, extra: Record<string, unknown> = {}) =>
    call(app, 'POST', ADMIN_ROUTES.createConsultation.path(), ENV_TOKEN, {
      slug,
      title: `پیش‌نویس ${slug}`,
      summary: 'خلاصه',
      kind: 'regulation',
      issuingBody: 'فرمانداری',
      opensAt: iso(clock),
      clauses: [{ heading: 'هدف', text: 'یک' }, { text: 'دو' }, { text: 'سه' }],
      ...extra,
    }).then((r) => json(r, 201));

  const postComment = (slug: string, body: Record<string, unknown>) =>
    call(app, 'POST', ROUTES.comment.path(slug), null, body, { [IDEMPOTENCY_KEY_HEADER]: crypto.randomUUID() }).then((r) =>
      json<{ trackingCode: string }>(r, 201),
    );

  beforeEach(() => {
    clock = T0;
    store = createMemoryStore({ now: () => new Date(clock) });
    app = createApp(store, { allowedOrigins: [], adminToken: ENV_TOKEN, now: () => new Date(clock), logger: { info() {}, error() {} } });
  });

  it('me: the calling token’s id, name and role, the env token included', async () => {
    const env = AdminMe.parse(await get(ADMIN_OPS_ROUTES.me.path()));
    assert.deepEqual(env, { id: 'env', name: 'NAZAR_ADMIN_TOKEN', role: 'admin' });
    for (const role of ['viewer', 'moderator', 'admin'] as const) {
      const made = await json<{ id: string; token: string }>(
        await call(app, 'POST', ADMIN_OPS_ROUTES.createToken.path(), ENV_TOKEN, { name: `${role} of Chabahar`, role }),
        201,
      );
      assert.deepEqual(await get(ADMIN_OPS_ROUTES.me.path(), made.token), { id: made.id, name: `${role} of Chabahar`, role });
    }
    await problemOf(await call(app, 'GET', ADMIN_OPS_ROUTES.me.path(), null), 401, 'unauthorized');
  });

  it('lists consultations newest first, 50 a page, with status, service and comment counts', async () => {
    await call(app, 'PUT', ADMIN_OPS_ROUTES.putService.path('birth-certificate'), ENV_TOKEN, { title: 'صدور شناسنامه' });
    for (let i = 0; i < 53; i++) {
      clock = T0 + i * 1000;
      await createConsultation(`k${i}`, i === 1 ? { service: 'birth-certificate', moderation: 'post' } : {});
    }
    await postComment('k1', { stance: 'support', text: 'موافقم', clauseId: 'c1' });
    await postComment('k1', { stance: 'oppose', text: 'مخالفم' });
    clock = T0 + DAY;
    await call(app, 'POST', ADMIN_ROUTES.withdraw.path('k52'), ENV_TOKEN, { reason: 'پس گرفته شد' }).then((r) => json(r));

    const first = AdminConsultationPage.parse(await get(ADMIN_ROUTES.consultations.path()));
    assert.equal(first.consultations.length, 50);
    assert.equal(first.consultations[0].slug, 'k52');
    assert.equal(first.consultations[0].status, 'withdrawn');
    assert.equal(first.consultations[0].withdrawnAt, iso(T0 + DAY));
    assert.ok(first.nextCursor);
    const second = AdminConsultationPage.parse(await get(ADMIN_ROUTES.consultations.path({ cursor: first.nextCursor })));
    assert.deepEqual(
      second.consultations.map((k) => k.slug),
      ['k2', 'k1', 'k0'],
    );
    assert.equal(second.nextCursor, null);
    const k1 = second.consultations[1];
    assert.deepEqual(k1, {
      slug: 'k1',
      title: 'پیش‌نویس k1',
      kind: 'regulation',
      status: 'open',
      opensAt: iso(T0 + 1000),
      closesAt: iso(T0 + 1000 + 14 * DAY),
      issuedAt: null,
      withdrawnAt: null,
      service: 'birth-certificate',
      moderation: 'post',
      createdAt: iso(T0 + 1000),
      counts: { pending: 0, published: 2, rejected: 0 },
    });

    const withdrawn = AdminConsultationPage.parse(await get(ADMIN_ROUTES.consultations.path({ status: 'withdrawn' })));
    assert.deepEqual(
      withdrawn.consultations.map((k) => k.slug),
      ['k52'],
    );
    clock = T0 + 15 * DAY;
    const review = AdminConsultationPage.parse(await get(ADMIN_ROUTES.consultations.path({ status: 'review' })));
    assert.equal(review.consultations.length, 50, 'the clock moved them into review');
    assert.ok(review.consultations.every((k) => k.status === 'review'));

    const bad = await problemOf(await call(app, 'GET', '/v1/admin/consultations?status=closed&cursor=nope!', ENV_TOKEN), 400, 'validation');
    assert.deepEqual(
      bad.errors?.map((e) => `${e.field}:${e.code}`),
      ['status:invalid', 'cursor:invalid'],
    );
    // Creating is still a POST on the same path.
    clock = T0;
    await createConsultation('created-after');
  });

  it('shows one consultation as officials see it: the public view, moderation, service, stats by clause', async () => {
    await createConsultation('draft');
    await postComment('draft', { stance: 'support', text: 'موافقم', clauseId: 'c1' });
    await postComment('draft', { stance: 'amend', text: 'اصلاح', proposedText: 'متن', clauseId: 'c1' });
    await postComment('draft', { stance: 'oppose', text: 'مخالفم' });
    const pending = (await store.listComments('draft', { limit: 10 })) ?? [];
    assert.equal(pending.length, 3);
    // Publish two (c1 support, whole oppose), reject the amendment.
    for (const c of pending) {
      if (c.stance === 'amend') await call(app, 'POST', ADMIN_ROUTES.reject.path(c.id), ENV_TOKEN, { reason: 'نامربوط' });
      else await call(app, 'POST', ADMIN_ROUTES.approve.path(c.id), ENV_TOKEN);
    }
    await postComment('draft', { stance: 'oppose', text: 'هنوز مخالفم', clauseId: 'c3' });

    const got = AdminConsultation.parse(await get(ADMIN_ROUTES.consultation.path('draft')));
    const publicView = await json<Record<string, unknown>>(await app.request(ROUTES.consultation.path('draft')));
    for (const [key, value] of Object.entries(publicView)) assert.deepEqual((got as Record<string, unknown>)[key], value, key);
    assert.equal(got.moderation, 'pre');
    assert.equal(got.service, null);
    assert.equal(got.createdAt, iso(T0));
    assert.deepEqual(got.comments, { pending: 1, published: 2, rejected: 1 });
    const zero = { support: 0, oppose: 0, amend: 0, pending: 0, rejected: 0 };
    assert.deepEqual(got.stats, {
      whole: { ...zero, oppose: 1 },
      byClause: { c1: { ...zero, support: 1, rejected: 1 }, c2: zero, c3: { ...zero, pending: 1 } },
    });
    await problemOf(await call(app, 'GET', ADMIN_ROUTES.consultation.path('ghost'), ENV_TOKEN), 404, 'not-found');
    await problemOf(await call(app, 'GET', ADMIN_ROUTES.consultation.path('Not A Slug'), ENV_TOKEN), 404, 'not-found');
  });

  it('lists polls newest first, 50 a page, with status and voter count', async () => {
    for (let i = 0; i < 51; i++) {
      clock = T0 + i * 1000;
      await json(
        await call(app, 'POST', ADMIN_ROUTES.createPoll.path(), ENV_TOKEN, {
          slug: `poll-${i}`,
          question: `کدام مسیر؟ ${i}`,
          options: ['الف', 'ب'],
          mode: 'single',
          opensAt: iso(clock),
          closesAt: iso(T0 + 7 * DAY),
          resultsVisibility: 'after-close',
        }),
        201,
      );
    }
    const vote = (slug: string) =>
      call(
        app,
        'POST',
        ROUTES.vote.path(slug),
        null,
        { optionIds: ['o1'], voter: { type: 'device', key: crypto.randomUUID() } },
        {
          [IDEMPOTENCY_KEY_HEADER]: crypto.randomUUID(),
        },
      ).then((r) => json(r, 201));
    await vote('poll-0');
    await vote('poll-0');
    await json(await call(app, 'POST', ADMIN_ROUTES.closePoll.path('poll-50'), ENV_TOKEN));
    const first = AdminPollPage.parse(await get(ADMIN_ROUTES.polls.path()));
    assert.equal(first.polls.length, 50);
    assert.deepEqual(first.polls[0], {
      slug: 'poll-50',
      question: 'کدام مسیر؟ 50',
      mode: 'single',
      status: 'closed',
      resultsVisibility: 'after-close',
      opensAt: iso(T0 + 50_000),
      closesAt: iso(T0 + 7 * DAY),
      closedAt: iso(T0 + 50_000),
      createdAt: iso(T0 + 50_000),
      totalVoters: 0,
    });
    assert.equal(first.polls[1].status, 'open');
    const second = AdminPollPage.parse(await get(ADMIN_ROUTES.polls.path({ cursor: first.nextCursor })));
    assert.deepEqual(
      second.polls.map((p) => [p.slug, p.totalVoters]),
      [['poll-0', 2]],
    );
    assert.equal(second.nextCursor, null);
    await problemOf(await call(app, 'GET', ADMIN_ROUTES.polls.path({ cursor: 'x' }), ENV_TOKEN), 400, 'validation');
  });

  it('overview: open consultations, what waits, and participation per ISO week', async () => {
    clock = T0 - 10 * DAY;
    await createConsultation('early', { closesAt: iso(T0 + 10 * DAY) });
    await createConsultation('soon');
    clock = T0;
    await createConsultation('now', { closesAt: iso(T0 + 30 * DAY), moderation: 'post' });
    await store.ensureService({ id: 'svc', title: 'خدمت' });
    const fb = (at: string) =>
      store.createFeedback(
        { key: crypto.randomUUID(), requestHash: 'h' },
        { serviceId: 'svc', rating: 4, categories: [], text: null, contact: null, locale: null },
        at,
      );
    await fb('2026-02-16T00:00:00.000Z'); // Monday of the first of 3 weeks
    await fb('2026-02-15T23:59:59.999Z'); // the Sunday before: outside
    await fb('2026-03-04T07:00:00.000Z'); // this week
    await postComment('now', { stance: 'support', text: 'موافقم' }); // this week, published
    await postComment('early', { stance: 'oppose', text: 'مخالفم' }); // pending
    const first = (await store.listComments('early', { limit: 1 }))![0];
    await store.moderateComment(first.id, { status: 'published', reason: null, at: iso(T0) });
    await postComment('soon', { stance: 'oppose', text: 'مخالفم' }); // pending

    const got = AdminOverview.parse(await get(ADMIN_OPS_ROUTES.overview.path({ weeks: 3 })));
    assert.deepEqual(got, {
      at: iso(T0),
      openConsultations: [
        { slug: 'soon', title: 'پیش‌نویس soon', closesAt: iso(T0 + 4 * DAY) },
        { slug: 'early', title: 'پیش‌نویس early', closesAt: iso(T0 + 10 * DAY) },
        { slug: 'now', title: 'پیش‌نویس now', closesAt: iso(T0 + 30 * DAY) },
      ],
      counts: { pendingComments: 1, feedbackWaiting: 3, activePolls: 0 },
      weeks: [
        { weekStart: '2026-02-16', feedback: 1, comments: 0, votes: 0 },
        { weekStart: '2026-02-23', feedback: 0, comments: 0, votes: 0 },
        { weekStart: '2026-03-02', feedback: 1, comments: 3, votes: 0 },
      ],
    });
    const twelve = AdminOverview.parse(await get(ADMIN_OPS_ROUTES.overview.path()));
    assert.equal(twelve.weeks.length, 12);
    assert.equal(twelve.weeks.at(-1)?.weekStart, '2026-03-02');
    for (const [weeks, code] of [
      ['0', 'out-of-range'],
      ['105', 'out-of-range'],
      ['two', 'invalid'],
      ['-1', 'invalid'],
    ] as const) {
      const p = await problemOf(await call(app, 'GET', `/v1/admin/overview?weeks=${weeks}`, ENV_TOKEN), 400, 'validation');
      assert.deepEqual(
        p.errors?.map((e) => `${e.field}:${e.code}`),
        [`weeks:${code}`],
      );
    }
  });

  it('inbox and moderation queue: rating, category and q filters, the same on their exports', async () => {
    await store.ensureService({ id: 'svc', title: 'خدمت', categories: ['speed', 'staff', 'other'] });
    const send = (rating: number, categories: string[], text: string) =>
      call(
        app,
        'POST',
        ROUTES.feedback.path('svc'),
        null,
        { rating, categories, text },
        { [IDEMPOTENCY_KEY_HEADER]: crypto.randomUUID() },
      ).then((r) => json<{ trackingCode: string }>(r, 201));
    const slow = await send(1, ['speed'], 'صف خيلي طولاني بود');
    await send(1, ['staff'], 'Staff were rude');
    const happy = await send(5, ['speed', 'other'], 'سریع بود');
    const codes = (page: { feedback: { trackingCode: string }[] }) => page.feedback.map((f) => f.trackingCode);
    const inbox = (query: string) => get<{ feedback: { trackingCode: string }[] }>(ADMIN_OPS_ROUTES.feedback.path(query));
    assert.deepEqual(codes(await inbox('?rating=1&category=speed')), [slow.trackingCode]);
    assert.deepEqual(codes(await inbox('?q=%D8%AE%DB%8C%D9%84%DB%8C')), [slow.trackingCode], 'q=خیلی (Persian ی) finds خيلي');
    assert.deepEqual(codes(await inbox('?category=speed')), [happy.trackingCode, slow.trackingCode]);
    assert.deepEqual(codes(await inbox('?q=++')), codes(await inbox('')), 'a blank q is no filter');
    const exported = await json<{ items: { trackingCode: string }[]; filters: Record<string, unknown> }>(
      await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('feedback', '?format=json&rating=5&q=%D8%B3%D8%B1%DB%8C%D8%B9'), ENV_TOKEN),
    );
    assert.deepEqual(
      exported.items.map((f) => f.trackingCode),
      [happy.trackingCode],
    );
    const csv = await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('feedback', '?q=STAFF'), ENV_TOKEN).then((r) => r.text());
    assert.equal(csv.trim().split('\r\n').length, 2, 'the header and the one match');

    const bad = await problemOf(
      await call(app, 'GET', ADMIN_OPS_ROUTES.feedback.path(`?rating=6&category=weather&q=${'x'.repeat(201)}`), ENV_TOKEN),
      400,
      'validation',
    );
    assert.deepEqual(bad.errors, [
      { field: 'rating', code: 'invalid' },
      { field: 'category', code: 'invalid' },
      { field: 'q', code: 'too-long', limit: 200 },
    ]);
    const badExport = await problemOf(
      await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('feedback', '?rating=1.5'), ENV_TOKEN),
      400,
      'validation',
    );
    assert.deepEqual(badExport.errors, [{ field: 'rating', code: 'invalid' }]);
    // Comments take q, not the feedback-only filters.
    await createConsultation('draft');
    await postComment('draft', { stance: 'amend', text: 'اصلاح', proposedText: 'Fee: 50%' });
    await postComment('draft', { stance: 'support', text: 'موافقم' });
    const queue = await get<{ comments: { text: string }[] }>(ADMIN_OPS_ROUTES.moderation.path('?q=fee'));
    assert.deepEqual(
      queue.comments.map((c) => c.text),
      ['اصلاح'],
    );
    const comments = await json<{ items: { text: string }[] }>(
      await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('comments', '?format=json&q=%D9%85%D9%88%D8%A7%D9%81%D9%82'), ENV_TOKEN),
    );
    assert.deepEqual(
      comments.items.map((c) => c.text),
      ['موافقم'],
    );
    const unknown = await problemOf(
      await call(app, 'GET', ADMIN_OPS_ROUTES.moderation.path('?rating=1&category=speed'), ENV_TOKEN),
      400,
      'validation',
    );
    assert.deepEqual(unknown.errors, [
      { field: 'rating', code: 'unknown-field' },
      { field: 'category', code: 'unknown-field' },
    ]);
    await problemOf(await call(app, 'GET', ADMIN_OPS_ROUTES.export.path('votes', '?q=x'), ENV_TOKEN), 400, 'validation');
  });

  it('service stats: the rating distribution and count and mean per ISO week', async () => {
    await store.ensureService({ id: 'birth-certificate', title: 'صدور شناسنامه' });
    await store.ensureService({ id: 'passport', title: 'گذرنامه' });
    const fb = (serviceId: string, rating: number, at: string) =>
      store.createFeedback(
        { key: crypto.randomUUID(), requestHash: 'h' },
        { serviceId, rating, categories: [], text: null, contact: null, locale: null },
        at,
      );
    await fb('birth-certificate', 5, '2026-02-16T09:00:00.000Z');
    await fb('birth-certificate', 4, '2026-02-22T23:59:59.999Z'); // the same week's Sunday
    await fb('birth-certificate', 1, '2026-03-02T00:00:00.000Z');
    await fb('birth-certificate', 2, '2026-01-05T00:00:00.000Z'); // long ago: in the distribution only
    await fb('passport', 3, '2026-03-03T00:00:00.000Z');
    const got = ServiceStats.parse(await get(ADMIN_OPS_ROUTES.serviceStats.path('birth-certificate', { weeks: 3 })));
    assert.deepEqual(got, {
      serviceId: 'birth-certificate',
      title: 'صدور شناسنامه',
      count: 4,
      mean: 3,
      distribution: [1, 1, 0, 1, 1],
      weeks: [
        { weekStart: '2026-02-16', count: 2, mean: 4.5 },
        { weekStart: '2026-02-23', count: 0, mean: null },
        { weekStart: '2026-03-02', count: 1, mean: 1 },
      ],
    });
    const empty = ServiceStats.parse(await get(ADMIN_OPS_ROUTES.serviceStats.path('passport', { weeks: 1 })));
    assert.deepEqual(empty.weeks, [{ weekStart: '2026-03-02', count: 1, mean: 3 }]);
    assert.equal(ServiceStats.parse(await get(ADMIN_OPS_ROUTES.serviceStats.path('passport'))).weeks.length, 12);
    await problemOf(await call(app, 'GET', ADMIN_OPS_ROUTES.serviceStats.path('ghost'), ENV_TOKEN), 404, 'not-found');
    const bad = await problemOf(await call(app, 'GET', '/v1/admin/services/passport/stats?weeks=200', ENV_TOKEN), 400, 'validation');
    assert.deepEqual(bad.errors, [{ field: 'weeks', code: 'out-of-range', limit: 104 }]);
  });
});

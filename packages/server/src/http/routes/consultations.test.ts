/**
 * Draft consultations through the HTTP app (`app.request()`), against every store, with an
 * injected clock: windows, lifecycle, comments, moderation, paging, issue, privacy, admin auth.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  ADMIN_ROUTES,
  AdminComment,
  AdminCommentPage,
  CommentAccepted,
  CommentPage,
  Consultation,
  Problem,
  ROUTES,
  TrackingLookup,
  type CommentTracking,
  type FieldError,
} from '@nazar/protocol';
import type { Hono } from 'hono';
import { createApp, type LogRecord } from '../app.js';
import { DAY_MS } from '../../domain/consultation-rules.js';
import { STORE_FACTORIES, type StoreUnderTest } from '../../../test/support.js';

const ORIGIN = 'https://county.example';
const TOKEN = 'test-admin-token-0123456789';
const T0 = Date.parse('2026-03-01T08:00:00.000Z');
const HOUR = 3_600_000;
const CONTACT = '09151234567';
const EMAIL = 'private.person@example.ir';

let keyCounter = 0;
const newKey = () => `c-key-${process.pid}-${++keyCounter}-${Math.random().toString(36).slice(2)}`;

interface Ctx {
  app: Hono;
  sut: StoreUnderTest;
  clock: { t: number };
  logged: LogRecord[];
  /** Every public JSON answer, for the privacy scan. */
  publicBodies: string[];
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

/** A public request; its body is kept for the privacy scan. */
async function pub(ctx: Ctx, path: string, init: RequestInit = {}): Promise<Response> {
  const res = await ctx.app.request(path, init);
  ctx.publicBodies.push(await res.clone().text());
  return res;
}

async function comment(ctx: Ctx, slug: string, body: unknown, opts: { key?: string | null; origin?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const key = opts.key === undefined ? newKey() : opts.key;
  if (key !== null) headers['Idempotency-Key'] = key;
  if (opts.origin) headers['Origin'] = opts.origin;
  return pub(ctx, ROUTES.comment.path(slug), { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

async function admin(
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
  return ctx.app.request(path, { method, headers: h, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

const CLAUSES = [
  { heading: 'هدف', text: 'متن ماده یک' },
  { heading: null, text: 'متن ماده دو' },
  { text: 'متن ماده سه' },
  { heading: 'اجرا', text: 'متن ماده چهار' },
];

function draftBody(overrides: Record<string, unknown> = {}) {
  return {
    slug: 'test-draft',
    title: 'پیش‌نویس آزمایشی',
    summary: 'خلاصه',
    kind: 'regulation',
    issuingBody: 'فرمانداری',
    opensAt: new Date(T0 + DAY_MS).toISOString(),
    clauses: CLAUSES,
    ...overrides,
  };
}

async function createDraft(ctx: Ctx, overrides: Record<string, unknown> = {}): Promise<Consultation> {
  const res = await admin(ctx, 'POST', ADMIN_ROUTES.createConsultation.path(), draftBody(overrides));
  const text = await res.text();
  assert.equal(res.status, 201, text);
  return Consultation.parse(JSON.parse(text));
}

async function getDraft(ctx: Ctx, slug = 'test-draft'): Promise<Consultation> {
  const res = await pub(ctx, ROUTES.consultation.path(slug));
  assert.equal(res.status, 200);
  return Consultation.parse(await res.json());
}

async function accepted(res: Response): Promise<CommentAccepted> {
  const text = await res.text();
  assert.equal(res.status, 201, text);
  return CommentAccepted.parse(JSON.parse(text));
}

async function track(ctx: Ctx, code: string): Promise<CommentTracking> {
  const res = await pub(ctx, ROUTES.tracking.path(code));
  assert.equal(res.status, 200);
  const body = TrackingLookup.parse(await res.json());
  assert.equal(body.kind, 'comment');
  return body;
}

async function adminList(
  ctx: Ctx,
  slug: string,
  query: { status?: string; clause?: string; cursor?: string } = {},
): Promise<AdminCommentPage> {
  const res = await admin(ctx, 'GET', ADMIN_ROUTES.comments.path(slug, query));
  assert.equal(res.status, 200);
  return AdminCommentPage.parse(await res.json());
}

/** The public id of the comment with this tracking code (through the admin list). */
async function commentId(ctx: Ctx, slug: string, trackingCode: string): Promise<string> {
  let cursor: string | undefined;
  for (;;) {
    const page = await adminList(ctx, slug, cursor ? { cursor } : {});
    const found = page.comments.find((c) => c.trackingCode === trackingCode);
    if (found) return found.id;
    if (!page.nextCursor) throw new Error(`no comment ${trackingCode}`);
    cursor = page.nextCursor;
  }
}

async function approve(ctx: Ctx, id: string): Promise<AdminComment> {
  const res = await admin(ctx, 'POST', ADMIN_ROUTES.approve.path(id));
  assert.equal(res.status, 200, await res.clone().text());
  return AdminComment.parse(await res.json());
}

async function listAll(ctx: Ctx, slug: string, clause?: string): Promise<{ pages: CommentPage[]; ids: string[] }> {
  const pages: CommentPage[] = [];
  let cursor: string | null = null;
  do {
    const res = await pub(ctx, ROUTES.comments.path(slug, { clause: clause ?? null, cursor }));
    assert.equal(res.status, 200, await res.clone().text());
    const page = CommentPage.parse(await res.json());
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return { pages, ids: pages.flatMap((p) => p.comments.map((c) => c.id)) };
}

for (const factory of STORE_FACTORIES) {
  describe(`consultations on the ${factory.name} store`, { skip: factory.skip }, () => {
    const ctx = {} as Ctx;
    const at = (ms: number) => (ctx.clock.t = ms);

    beforeEach(() => {
      ctx.sut = factory.open();
      ctx.clock = { t: T0 };
      ctx.logged = [];
      ctx.publicBodies = [];
      ctx.app = createApp(ctx.sut.store, {
        allowedOrigins: [ORIGIN],
        logger: { info: (r) => ctx.logged.push(r), error: (r) => ctx.logged.push(r) },
        now: () => new Date(ctx.clock.t),
        adminToken: TOKEN,
      });
    });
    afterEach(async () => {
      assert.deepEqual(ctx.logged, [], 'no errors logged');
      // Privacy: no public answer of any test ever carries a contact.
      for (const body of ctx.publicBodies) {
        assert.ok(!body.includes(CONTACT) && !body.includes('9151234567') && !body.includes(EMAIL), `contact in ${body}`);
      }
      await ctx.sut.dispose();
    });

    describe('window', () => {
      it('defaults to 14 days for a regulation and 30 for a bill', async () => {
        const reg = await createDraft(ctx);
        assert.equal(reg.opensAt, new Date(T0 + DAY_MS).toISOString());
        assert.equal(reg.closesAt, new Date(T0 + 15 * DAY_MS).toISOString());
        assert.deepEqual(
          reg.clauses.map((c) => [c.id, c.number, c.heading]),
          [
            ['c1', 1, 'هدف'],
            ['c2', 2, null],
            ['c3', 3, null],
            ['c4', 4, 'اجرا'],
          ],
        );
        const bill = await createDraft(ctx, { slug: 'a-bill', kind: 'bill' });
        assert.equal(Date.parse(bill.closesAt) - Date.parse(bill.opensAt), 30 * DAY_MS);
        assert.equal(bill.kind, 'bill');
      });

      it('refuses a shorter window: a bill of 29 days, a regulation of 13 days 23 hours', async () => {
        const opensAt = T0 + DAY_MS;
        const bill29 = await admin(
          ctx,
          'POST',
          ADMIN_ROUTES.createConsultation.path(),
          draftBody({
            kind: 'bill',
            closesAt: new Date(opensAt + 29 * DAY_MS).toISOString(),
          }),
        );
        await expectProblem(bill29, 400, 'validation', [{ field: 'closesAt', code: 'too-short', limit: 30 }]);
        const reg = await admin(
          ctx,
          'POST',
          ADMIN_ROUTES.createConsultation.path(),
          draftBody({
            closesAt: new Date(opensAt + 14 * DAY_MS - HOUR).toISOString(),
          }),
        );
        await expectProblem(reg, 400, 'validation', [{ field: 'closesAt', code: 'too-short', limit: 14 }]);
        const before = await admin(
          ctx,
          'POST',
          ADMIN_ROUTES.createConsultation.path(),
          draftBody({
            closesAt: new Date(opensAt - DAY_MS).toISOString(),
          }),
        );
        await expectProblem(before, 400, 'validation', [{ field: 'closesAt', code: 'too-short' }]);
        assert.equal(await ctx.sut.store.countConsultations(), 0);

        const bill30 = await createDraft(ctx, { kind: 'bill', closesAt: new Date(opensAt + 30 * DAY_MS).toISOString() });
        assert.equal(bill30.closesAt, new Date(opensAt + 30 * DAY_MS).toISOString());
        // A longer window is fine, and offsets are normalised to UTC.
        const long = await createDraft(ctx, { slug: 'long', opensAt: '2026-03-02T11:30:00+03:30', closesAt: '2026-04-30T20:30:00+03:30' });
        assert.equal(long.opensAt, '2026-03-02T08:00:00.000Z');
        assert.equal(long.closesAt, '2026-04-30T17:00:00.000Z');
      });
    });

    it('follows the injected clock: scheduled, open, review', async () => {
      await createDraft(ctx);
      assert.equal((await getDraft(ctx)).status, 'scheduled');
      at(T0 + DAY_MS - 1);
      assert.equal((await getDraft(ctx)).status, 'scheduled');
      at(T0 + DAY_MS);
      assert.equal((await getDraft(ctx)).status, 'open');
      at(T0 + 15 * DAY_MS - 1);
      assert.equal((await getDraft(ctx)).status, 'open');
      at(T0 + 15 * DAY_MS);
      assert.equal((await getDraft(ctx)).status, 'review');
      at(T0 + 400 * DAY_MS);
      assert.equal((await getDraft(ctx)).status, 'review');
    });

    it('refuses comments outside the window with 409 closed and the status', async () => {
      await createDraft(ctx);
      const body = { clauseId: 'c1', stance: 'support', text: 'موافقم' };
      const early = await expectProblem(await comment(ctx, 'test-draft', body), 409, 'closed');
      assert.equal(early.detail, 'scheduled');
      assert.equal(early.consultationStatus, 'scheduled');
      at(T0 + 15 * DAY_MS);
      const late = await expectProblem(await comment(ctx, 'test-draft', body), 409, 'closed');
      assert.equal(late.detail, 'review');
      assert.equal(await ctx.sut.countRows(), 0);
      // An unknown consultation is a 404, a malformed slug a validation error.
      await expectProblem(await comment(ctx, 'nothing-here', body), 404, 'not-found');
      await expectProblem(await comment(ctx, 'Bad Slug', body), 400, 'validation', [{ field: 'slug' }]);
    });

    it('replays a comment accepted before the window closed, after it closed', async () => {
      await createDraft(ctx);
      at(T0 + 15 * DAY_MS - 1);
      const key = newKey();
      const body = { clauseId: 'c2', stance: 'oppose', text: 'مخالفم', contact: CONTACT };
      const first = await comment(ctx, 'test-draft', body, { key });
      const firstText = await first.clone().text();
      await accepted(first);
      at(T0 + 15 * DAY_MS + HOUR);
      const again = await comment(ctx, 'test-draft', body, { key });
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotency-replayed'), 'true');
      assert.equal(await again.text(), firstText);
      // The same key with another body is still a conflict; a new key is refused as closed.
      await expectProblem(await comment(ctx, 'test-draft', { ...body, text: 'دیگر' }, { key }), 422, 'idempotency-conflict');
      await expectProblem(await comment(ctx, 'test-draft', body), 409, 'closed');
      assert.equal(await ctx.sut.countRows(), 1);
    });

    it('records extensions, shows them, and reopens for comments', async () => {
      await createDraft(ctx);
      at(T0 + 15 * DAY_MS + HOUR); // in review
      const newClose = new Date(T0 + 20 * DAY_MS).toISOString();
      const res = await admin(ctx, 'POST', ADMIN_ROUTES.extend.path('test-draft'), { closesAt: newClose, reason: 'درخواست اصناف' });
      assert.equal(res.status, 200, await res.clone().text());
      const extended = Consultation.parse(await res.json());
      assert.equal(extended.closesAt, newClose);
      assert.equal(extended.status, 'open');
      const view = await getDraft(ctx);
      assert.deepEqual(view.extensions, [
        {
          previousClosesAt: new Date(T0 + 15 * DAY_MS).toISOString(),
          closesAt: newClose,
          reason: 'درخواست اصناف',
          at: new Date(T0 + 15 * DAY_MS + HOUR).toISOString(),
        },
      ]);
      await accepted(await comment(ctx, 'test-draft', { stance: 'support', text: 'فرصت خوبی است' }));

      // Only forward, and only to a moment still ahead.
      await expectProblem(
        await admin(ctx, 'POST', ADMIN_ROUTES.extend.path('test-draft'), {
          closesAt: new Date(T0 + 19 * DAY_MS).toISOString(),
          reason: 'x',
        }),
        400,
        'validation',
        [{ field: 'closesAt', code: 'out-of-range' }],
      );
      await expectProblem(
        await admin(ctx, 'POST', ADMIN_ROUTES.extend.path('test-draft'), {
          closesAt: new Date(T0 + 15 * DAY_MS).toISOString(),
          reason: 'x',
        }),
        400,
        'validation',
        [{ field: 'closesAt', code: 'out-of-range' }],
      );
      await expectProblem(
        await admin(ctx, 'POST', ADMIN_ROUTES.extend.path('test-draft'), {
          closesAt: new Date(T0 + 25 * DAY_MS).toISOString(),
          reason: '  ',
        }),
        400,
        'validation',
        [{ field: 'reason', code: 'required' }],
      );
      const second = new Date(T0 + 25 * DAY_MS).toISOString();
      assert.equal((await admin(ctx, 'POST', ADMIN_ROUTES.extend.path('test-draft'), { closesAt: second, reason: 'دوم' })).status, 200);
      assert.deepEqual(
        (await getDraft(ctx)).extensions.map((e) => e.closesAt),
        [newClose, second],
      );
      await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.extend.path('nope'), { closesAt: second, reason: 'x' }), 404, 'not-found');
    });

    it('withdraws before issue, with a reason; then refuses comments and further changes', async () => {
      await createDraft(ctx);
      at(T0 + 2 * DAY_MS);
      const res = await admin(ctx, 'POST', ADMIN_ROUTES.withdraw.path('test-draft'), { reason: 'نیاز به بازنگری کلی' });
      assert.equal(res.status, 200);
      const view = await getDraft(ctx);
      assert.equal(view.status, 'withdrawn');
      assert.deepEqual(view.withdrawal, { at: new Date(T0 + 2 * DAY_MS).toISOString(), reason: 'نیاز به بازنگری کلی' });
      const closed = await expectProblem(await comment(ctx, 'test-draft', { stance: 'support', text: 'x' }), 409, 'closed');
      assert.equal(closed.detail, 'withdrawn');
      await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.withdraw.path('test-draft'), { reason: 'again' }), 409, 'invalid-state');
      await expectProblem(
        await admin(ctx, 'POST', ADMIN_ROUTES.extend.path('test-draft'), {
          closesAt: new Date(T0 + 40 * DAY_MS).toISOString(),
          reason: 'x',
        }),
        409,
        'invalid-state',
      );
      at(T0 + 20 * DAY_MS);
      await expectProblem(
        await admin(ctx, 'POST', ADMIN_ROUTES.issue.path('test-draft'), { summary: 's', clauses: [{ text: 't' }], dispositions: [] }),
        409,
        'invalid-state',
      );
    });

    describe('comments', () => {
      beforeEach(async () => {
        await createDraft(ctx);
        await createDraft(ctx, { slug: 'post-draft', moderation: 'post' });
        at(T0 + 2 * DAY_MS);
      });

      it('pre-moderation: pending is not listed or counted until approved', async () => {
        const a = await accepted(
          await comment(ctx, 'test-draft', { clauseId: 'c3', stance: 'support', text: 'خوب است', contact: CONTACT }),
        );
        assert.equal(a.status, 'pending');
        assert.equal(a.clauseId, 'c3');
        assert.equal(a.consultation, 'test-draft');
        assert.equal(a.createdAt, new Date(T0 + 2 * DAY_MS).toISOString());
        assert.equal((await listAll(ctx, 'test-draft')).ids.length, 0);
        assert.equal((await getDraft(ctx)).counts.total.total, 0);
        const tracked = await track(ctx, a.trackingCode);
        assert.equal(tracked.status, 'pending');
        assert.deepEqual(tracked.subject, {
          type: 'consultation',
          slug: 'test-draft',
          title: 'پیش‌نویس آزمایشی',
          status: 'open',
          clauseId: 'c3',
          clauseNumber: 3,
        });

        at(T0 + 2 * DAY_MS + HOUR);
        const id = await commentId(ctx, 'test-draft', a.trackingCode);
        const approved = await approve(ctx, id);
        assert.equal(approved.status, 'published');
        assert.equal(approved.contact?.value, CONTACT, 'officials see the contact');
        const { ids, pages } = await listAll(ctx, 'test-draft');
        assert.deepEqual(ids, [id]);
        assert.deepEqual(Object.keys(pages[0].comments[0]).sort(), [
          'clauseId',
          'createdAt',
          'displayName',
          'disposition',
          'id',
          'proposedText',
          'reply',
          'stance',
          'text',
        ]);
        const counts = (await getDraft(ctx)).counts;
        assert.deepEqual(counts.total, { total: 1, support: 1, oppose: 0, amend: 0 });
        assert.deepEqual(counts.byClause, { c3: { total: 1, support: 1, oppose: 0, amend: 0 } });
        assert.deepEqual(counts.whole, { total: 0, support: 0, oppose: 0, amend: 0 });
        const after = await track(ctx, a.trackingCode);
        assert.equal(after.status, 'published');
        assert.equal(after.updatedAt, new Date(T0 + 2 * DAY_MS + HOUR).toISOString());
        // Approving again changes nothing.
        assert.equal((await approve(ctx, id)).status, 'published');
      });

      it('post-moderation: listed and counted at once', async () => {
        const a = await accepted(await comment(ctx, 'post-draft', { stance: 'oppose', text: 'مخالفم' }));
        assert.equal(a.status, 'published');
        assert.equal(a.clauseId, null);
        const { pages } = await listAll(ctx, 'post-draft');
        assert.equal(pages[0].comments.length, 1);
        assert.equal(pages[0].comments[0].clauseId, null);
        const counts = (await getDraft(ctx, 'post-draft')).counts;
        assert.deepEqual(counts.whole, { total: 1, support: 0, oppose: 1, amend: 0 });
        assert.deepEqual(counts.total, counts.whole);
      });

      it('a rejection with its reason is visible through tracking only', async () => {
        const a = await accepted(await comment(ctx, 'post-draft', { clauseId: 'c1', stance: 'support', text: 'متن توهین‌آمیز' }));
        const id = await commentId(ctx, 'post-draft', a.trackingCode);
        const res = await admin(ctx, 'POST', ADMIN_ROUTES.reject.path(id), { reason: 'الفاظ نامناسب' });
        assert.equal(res.status, 200);
        assert.equal(AdminComment.parse(await res.json()).status, 'rejected');
        assert.equal((await listAll(ctx, 'post-draft')).ids.length, 0);
        assert.equal((await getDraft(ctx, 'post-draft')).counts.total.total, 0);
        const tracked = await track(ctx, a.trackingCode);
        assert.equal(tracked.status, 'rejected');
        assert.equal(tracked.rejectionReason, 'الفاظ نامناسب');
        assert.deepEqual(
          (await adminList(ctx, 'post-draft', { status: 'rejected' })).comments.map((c) => c.rejectionReason),
          ['الفاظ نامناسب'],
        );
        await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.reject.path(id), { reason: '' }), 400, 'validation', [
          { field: 'reason', code: 'required' },
        ]);
        // Reinstated: published again, the reason gone.
        await approve(ctx, id);
        assert.equal((await track(ctx, a.trackingCode)).rejectionReason, null);
        await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.approve.path('unknown-id')), 404, 'not-found');
      });

      it('shows an official reply via tracking and, once published, in the list', async () => {
        const a = await accepted(
          await comment(ctx, 'test-draft', { clauseId: 'c2', stance: 'amend', text: 'بهتر بنویسید', proposedText: 'متن بهتر' }),
        );
        const id = await commentId(ctx, 'test-draft', a.trackingCode);
        at(T0 + 3 * DAY_MS);
        const res = await admin(ctx, 'POST', ADMIN_ROUTES.reply.path(id), { text: 'بررسی می‌شود' });
        assert.equal(res.status, 200, await res.clone().text());
        const reply = { text: 'بررسی می‌شود', at: new Date(T0 + 3 * DAY_MS).toISOString() };
        assert.deepEqual((await track(ctx, a.trackingCode)).reply, reply);
        assert.equal((await listAll(ctx, 'test-draft')).ids.length, 0, 'pending: not listed');
        await approve(ctx, id);
        const listed = (await listAll(ctx, 'test-draft', 'c2')).pages[0].comments[0];
        assert.deepEqual(listed.reply, reply);
        assert.equal(listed.proposedText, 'متن بهتر');
        await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.reply.path(id), { text: ' ' }), 400, 'validation', [
          { field: 'text', code: 'required' },
        ]);
        await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.reply.path('zzzzzzzzzzzz'), { text: 'x' }), 404, 'not-found');
      });

      it('pages 45 comments newest first, 20 at a time, without gaps or duplicates; filters by clause', async () => {
        const expected: string[] = [];
        for (let i = 0; i < 45; i++) {
          // Several comments share a timestamp: the keyset's tie-breaker must hold.
          at(T0 + 2 * DAY_MS + Math.floor(i / 3) * 1000);
          const clauseId = i % 3 === 0 ? null : i % 3 === 1 ? 'c1' : 'c2';
          const a = await accepted(await comment(ctx, 'post-draft', { clauseId, stance: 'support', text: `نظر ${i}`, contact: EMAIL }));
          expected.push(a.trackingCode);
        }
        const { pages, ids } = await listAll(ctx, 'post-draft');
        assert.deepEqual(
          pages.map((p) => p.comments.length),
          [20, 20, 5],
        );
        assert.equal(pages[2].nextCursor, null);
        assert.equal(new Set(ids).size, 45);
        // A bigger page when asked (the issue screen), the same order; past 500 or not a number: refused.
        const big = AdminCommentPage.parse(await (await admin(ctx, 'GET', ADMIN_ROUTES.comments.path('post-draft', { limit: 40 }))).json());
        assert.equal(big.comments.length, 40);
        assert.deepEqual(
          big.comments.map((c) => c.id),
          ids.slice(0, 40),
        );
        const rest = AdminCommentPage.parse(
          await (await admin(ctx, 'GET', ADMIN_ROUTES.comments.path('post-draft', { limit: 40, cursor: big.nextCursor }))).json(),
        );
        assert.equal(rest.comments.length, 5);
        assert.equal(rest.nextCursor, null);
        for (const [limit, code] of [
          ['0', 'out-of-range'],
          ['501', 'out-of-range'],
          ['2.5', 'invalid'],
          ['x', 'invalid'],
        ] as const)
          await expectProblem(await admin(ctx, 'GET', `${ADMIN_ROUTES.comments.path('post-draft')}?limit=${limit}`), 400, 'validation', [
            { field: 'limit', code },
          ]);
        const texts = pages.flatMap((p) => p.comments.map((c) => c.text));
        assert.deepEqual(
          texts,
          Array.from({ length: 45 }, (_, i) => `نظر ${44 - i}`),
        );
        const created = pages.flatMap((p) => p.comments.map((c) => c.createdAt));
        assert.deepEqual(created, [...created].sort().reverse());

        const c1 = await listAll(ctx, 'post-draft', 'c1');
        assert.deepEqual(
          c1.pages.map((p) => p.comments.length),
          [15],
        );
        assert.ok(c1.pages[0].comments.every((c) => c.clauseId === 'c1'));
        const whole = await listAll(ctx, 'post-draft', 'whole');
        assert.equal(whole.ids.length, 15);
        assert.ok(whole.pages[0].comments.every((c) => c.clauseId === null));
        assert.deepEqual((await listAll(ctx, 'post-draft', 'c4')).ids, []);
        const counts = (await getDraft(ctx, 'post-draft')).counts;
        assert.equal(counts.total.total, 45);
        assert.equal(counts.whole.total, 15);
        assert.equal(counts.byClause.c1?.total, 15);
        assert.equal(counts.byClause.c2?.total, 15);
        assert.equal(counts.byClause.c3, undefined);

        // A comment arriving between page fetches neither shifts nor repeats what follows.
        const first = CommentPage.parse(await (await pub(ctx, ROUTES.comments.path('post-draft'))).json());
        at(T0 + 9 * DAY_MS);
        await accepted(await comment(ctx, 'post-draft', { stance: 'support', text: 'تازه' }));
        const second = CommentPage.parse(await (await pub(ctx, ROUTES.comments.path('post-draft', { cursor: first.nextCursor }))).json());
        assert.equal(second.comments[0].text, 'نظر 24');

        for (const cursor of ['garbage!', 'AAAA', btoa('2026-01-01T00:00:00.000Z|0'), btoa('yesterday|5'), 'x'.repeat(100)]) {
          await expectProblem(await pub(ctx, ROUTES.comments.path('post-draft', { cursor })), 400, 'validation', [
            { field: 'cursor', code: 'invalid' },
          ]);
        }
        await expectProblem(await pub(ctx, ROUTES.comments.path('post-draft', { clause: 'bad clause!' })), 400, 'validation', [
          { field: 'clause' },
        ]);
        await expectProblem(await pub(ctx, ROUTES.comments.path('nope')), 404, 'not-found');
      });

      it('checks comment bodies', async () => {
        const cases: { body: unknown; errors: Partial<FieldError>[] }[] = [
          {
            body: {},
            errors: [
              { field: 'stance', code: 'required' },
              { field: 'text', code: 'required' },
            ],
          },
          { body: { stance: 'maybe', text: 'x' }, errors: [{ field: 'stance', code: 'invalid' }] },
          { body: { stance: 'support', text: '  \u202e ' }, errors: [{ field: 'text', code: 'required' }] },
          { body: { stance: 'support', text: 'ب'.repeat(5001) }, errors: [{ field: 'text', code: 'too-long', limit: 5000 }] },
          { body: { stance: 'support', text: 'a'.repeat(30000) }, errors: [{ field: 'text', code: 'too-long', limit: 5000 }] },
          { body: { stance: 'amend', text: 'x' }, errors: [{ field: 'proposedText', code: 'required' }] },
          { body: { stance: 'amend', text: 'x', proposedText: ' ' }, errors: [{ field: 'proposedText', code: 'required' }] },
          {
            body: { stance: 'amend', text: 'x', proposedText: 'پ'.repeat(5001) },
            errors: [{ field: 'proposedText', code: 'too-long', limit: 5000 }],
          },
          { body: { stance: 'support', text: 'x', proposedText: 'wording' }, errors: [{ field: 'proposedText', code: 'invalid' }] },
          {
            body: { stance: 'support', text: 'x', displayName: 'ن'.repeat(81) },
            errors: [{ field: 'displayName', code: 'too-long', limit: 80 }],
          },
          { body: { stance: 'support', text: 'x', contact: 'call me' }, errors: [{ field: 'contact', code: 'invalid-contact' }] },
          { body: { stance: 'support', text: 'x', clauseId: 'c9' }, errors: [{ field: 'clauseId', code: 'invalid' }] },
          { body: { stance: 'support', text: 'x', clauseId: 'bad id!' }, errors: [{ field: 'clauseId', code: 'invalid' }] },
          { body: { stance: 'support', text: 'x', rating: 5 }, errors: [{ field: 'rating', code: 'unknown-field' }] },
          { body: { stance: 'support', text: 'x', locale: 'de' }, errors: [{ field: 'locale', code: 'invalid' }] },
        ];
        for (const { body, errors } of cases) {
          await expectProblem(await comment(ctx, 'test-draft', body), 400, 'validation', errors);
        }
        await expectProblem(
          await comment(ctx, 'test-draft', { stance: 'support', text: 'x' }, { key: null }),
          400,
          'idempotency-key-required',
        );
        await expectProblem(await comment(ctx, 'test-draft', '{"stance":'), 400, 'malformed-json');
        await expectProblem(
          await pub(ctx, ROUTES.comment.path('test-draft'), {
            method: 'POST',
            headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': newKey() },
            body: '{}',
          }),
          415,
          'unsupported-media-type',
        );
        assert.equal(await ctx.sut.countRows(), 0);

        // Exactly at the limits, cleaned: accepted, stored clean.
        const a = await accepted(
          await comment(ctx, 'test-draft', {
            clauseId: 'c1',
            stance: 'amend',
            text: ` ${'ب'.repeat(4999)}👨‍👩‍👧‍👦\u202e `,
            proposedText: 'پ'.repeat(5000),
            displayName: '  علی\u202e   رضایی ',
            contact: '۰۹۱۵ ۱۲۳ ۴۵۶۷',
            locale: 'fa',
          }),
        );
        const stored = await ctx.sut.store.getCommentByTrackingCode(a.trackingCode);
        assert.equal(stored?.text, `${'ب'.repeat(4999)}👨‍👩‍👧‍👦`);
        assert.equal(stored?.displayName, 'علی رضایی');
        assert.deepEqual(stored?.contact, { kind: 'mobile', value: CONTACT });
        // A blank proposedText with another stance counts as absent; a blank name as none.
        const b = await accepted(
          await comment(ctx, 'test-draft', { stance: 'oppose', text: 'نه', proposedText: '', displayName: ' ', contact: '' }),
        );
        const storedB = await ctx.sut.store.getCommentByTrackingCode(b.trackingCode);
        assert.equal(storedB?.proposedText, null);
        assert.equal(storedB?.displayName, null);
        assert.equal(storedB?.contact, null);
      });

      it('50 concurrent POSTs with one key make one comment and 50 identical answers', async () => {
        const key = newKey();
        const body = { clauseId: 'c1', stance: 'support', text: 'یک بار', contact: EMAIL };
        const responses = await Promise.all(Array.from({ length: 50 }, () => comment(ctx, 'post-draft', body, { key })));
        const texts = await Promise.all(responses.map((r) => r.text()));
        assert.deepEqual(new Set(responses.map((r) => r.status)), new Set([201]));
        assert.equal(new Set(texts).size, 1);
        assert.equal(responses.filter((r) => r.headers.get('idempotency-replayed') === 'true').length, 49);
        assert.equal(await ctx.sut.countRows(), 1);
        assert.equal((await getDraft(ctx, 'post-draft')).counts.total.total, 1);
      });

      it('shares idempotency keys with feedback: one key, one submission', async () => {
        await ctx.sut.store.ensureService({ id: 'svc', title: 'خدمت' });
        const key = newKey();
        const fb = await pub(ctx, ROUTES.feedback.path('svc'), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
          body: JSON.stringify({ rating: 4 }),
        });
        assert.equal(fb.status, 201);
        await expectProblem(await comment(ctx, 'test-draft', { stance: 'support', text: 'x' }, { key }), 422, 'idempotency-conflict');
        const key2 = newKey();
        await accepted(await comment(ctx, 'test-draft', { stance: 'support', text: 'x' }, { key: key2 }));
        await expectProblem(await comment(ctx, 'post-draft', { stance: 'support', text: 'x' }, { key: key2 }), 422, 'idempotency-conflict');
        assert.equal(await ctx.sut.countRows(), 2);
      });

      it('answers CORS like feedback for allowed origins', async () => {
        const res = await comment(ctx, 'test-draft', { stance: 'support', text: 'x' }, { origin: ORIGIN });
        assert.equal(res.status, 201);
        assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
        const get = await pub(ctx, ROUTES.consultation.path('test-draft'), { headers: { Origin: ORIGIN } });
        assert.equal(get.headers.get('access-control-allow-origin'), ORIGIN);
        assert.equal(get.headers.get('cache-control'), 'no-store');
        const other = await pub(ctx, ROUTES.comments.path('test-draft'), { headers: { Origin: 'https://elsewhere.example' } });
        assert.equal(other.headers.get('access-control-allow-origin'), null);
        const pre = await ctx.app.request(ROUTES.comment.path('test-draft'), {
          method: 'OPTIONS',
          headers: {
            Origin: ORIGIN,
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'content-type, idempotency-key',
          },
        });
        assert.equal(pre.status, 204);
        assert.equal(pre.headers.get('access-control-allow-origin'), ORIGIN);
        assert.equal(pre.headers.get('allow'), 'GET, HEAD, POST, OPTIONS');
      });
    });

    describe('issue', () => {
      let codes: string[];
      let ids: string[];

      beforeEach(async () => {
        await createDraft(ctx, { moderation: 'post' });
        at(T0 + 2 * DAY_MS);
        codes = [];
        for (const [i, body] of [
          { clauseId: 'c1', stance: 'support', text: 'خوب', contact: CONTACT },
          { clauseId: 'c2', stance: 'amend', text: 'بهتر', proposedText: 'متن ماده دو، اصلاح‌شده' },
          { stance: 'oppose', text: 'کل پیش‌نویس', contact: EMAIL },
          { clauseId: 'c4', stance: 'oppose', text: 'رد می‌شود' },
        ].entries()) {
          at(T0 + 2 * DAY_MS + i * 1000);
          codes.push((await accepted(await comment(ctx, 'test-draft', body))).trackingCode);
        }
        ids = [];
        for (const code of codes) ids.push(await commentId(ctx, 'test-draft', code));
        // The fourth is rejected: it needs no disposition.
        assert.equal((await admin(ctx, 'POST', ADMIN_ROUTES.reject.path(ids[3]), { reason: 'خارج از موضوع' })).status, 200);
      });

      const finalText = () => ({
        summary: 'از ۳ نظر منتشرشده، یکی پذیرفته شد.',
        clauses: [
          { id: 'c1', heading: 'هدف', text: 'متن ماده یک' },
          { id: 'c2', text: 'متن ماده دو، اصلاح‌شده' },
          { heading: 'ماده تازه', text: 'متن ماده تازه' },
          { id: 'c4', heading: 'اجرا', text: 'متن ماده چهار' },
        ],
        dispositions: [
          { commentId: ids[0], outcome: 'not-accepted', reason: 'تغییری لازم نبود' },
          { commentId: ids[1], outcome: 'accepted', reason: 'متن پیشنهادی جایگزین شد' },
          { commentId: ids[2], outcome: 'partly-accepted', reason: 'بخشی در ماده تازه آمد' },
        ],
      });

      it('is refused while open, and with missing or unknown dispositions', async () => {
        const open = await expectProblem(
          await admin(ctx, 'POST', ADMIN_ROUTES.issue.path('test-draft'), finalText()),
          409,
          'invalid-state',
        );
        assert.equal(open.detail, 'open');
        at(T0 + 15 * DAY_MS);
        const body = finalText();
        const missing = await expectProblem(
          await admin(ctx, 'POST', ADMIN_ROUTES.issue.path('test-draft'), { ...body, dispositions: body.dispositions.slice(1) }),
          400,
          'validation',
          [{ field: 'dispositions', code: 'required' }],
        );
        assert.deepEqual(missing.commentIds, [ids[0]]);
        const unknown = await expectProblem(
          await admin(ctx, 'POST', ADMIN_ROUTES.issue.path('test-draft'), {
            ...body,
            dispositions: [...body.dispositions, { commentId: ids[3], outcome: 'accepted', reason: 'x' }],
          }),
          400,
          'validation',
          [{ field: 'dispositions', code: 'invalid' }],
        );
        assert.deepEqual(unknown.commentIds, [ids[3]]);
        await expectProblem(
          await admin(ctx, 'POST', ADMIN_ROUTES.issue.path('test-draft'), {
            ...body,
            dispositions: [...body.dispositions, body.dispositions[0]],
          }),
          400,
          'validation',
          [{ field: 'dispositions.3.commentId', code: 'duplicate' }],
        );
        await expectProblem(
          await admin(ctx, 'POST', ADMIN_ROUTES.issue.path('test-draft'), {
            ...body,
            clauses: [
              { id: 'c99', text: 'x' },
              { id: 'c1', text: 'a' },
              { id: 'c1', text: 'b' },
            ],
          }),
          400,
          'validation',
          [
            { field: 'clauses.0.id', code: 'invalid' },
            { field: 'clauses.2.id', code: 'duplicate' },
          ],
        );
        await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.issue.path('test-draft'), { ...body, clauses: [] }), 400, 'validation', [
          { field: 'clauses', code: 'too-short' },
        ]);
        await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.issue.path('test-draft'), { ...body, summary: '' }), 400, 'validation', [
          { field: 'summary', code: 'required' },
        ]);
        await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.issue.path('nope'), body), 404, 'not-found');
        assert.equal((await getDraft(ctx)).status, 'review');
      });

      it('publishes the final text, counts and dispositions, in the list and via tracking', async () => {
        at(T0 + 16 * DAY_MS);
        const res = await admin(ctx, 'POST', ADMIN_ROUTES.issue.path('test-draft'), finalText());
        assert.equal(res.status, 200, await res.clone().text());
        const view = await getDraft(ctx);
        assert.equal(view.status, 'issued');
        assert.equal(view.clauses[1].text, 'متن ماده دو', 'the draft stays as it was');
        assert.ok(view.outcome);
        assert.equal(view.outcome.issuedAt, new Date(T0 + 16 * DAY_MS).toISOString());
        assert.equal(view.outcome.summary, 'از ۳ نظر منتشرشده، یکی پذیرفته شد.');
        assert.deepEqual(
          view.outcome.clauses.map((c) => [c.id, c.number, c.heading, c.text]),
          [
            ['c1', 1, 'هدف', 'متن ماده یک'],
            ['c2', 2, null, 'متن ماده دو، اصلاح‌شده'],
            ['c5', 3, 'ماده تازه', 'متن ماده تازه'],
            ['c4', 4, 'اجرا', 'متن ماده چهار'],
          ],
        );
        assert.deepEqual(view.outcome.dispositions, { accepted: 1, 'partly-accepted': 1, 'not-accepted': 1, 'out-of-scope': 0 });
        assert.equal(view.counts.total.total, 3);

        const listed = (await listAll(ctx, 'test-draft')).pages[0].comments;
        assert.deepEqual(
          listed.map((c) => [c.id, c.disposition?.outcome]),
          [
            [ids[2], 'partly-accepted'],
            [ids[1], 'accepted'],
            [ids[0], 'not-accepted'],
          ],
        );
        const tracked = await track(ctx, codes[1]);
        assert.deepEqual(tracked.disposition, { outcome: 'accepted', reason: 'متن پیشنهادی جایگزین شد' });
        assert.equal(tracked.subject.status, 'issued');
        const rejected = await track(ctx, codes[3]);
        assert.equal(rejected.disposition, null);
        assert.equal(rejected.rejectionReason, 'خارج از موضوع');

        // Issued is final.
        await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.issue.path('test-draft'), finalText()), 409, 'invalid-state');
        await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.approve.path(ids[3])), 409, 'invalid-state');
        await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.reject.path(ids[0]), { reason: 'x' }), 409, 'invalid-state');
        await expectProblem(await admin(ctx, 'POST', ADMIN_ROUTES.withdraw.path('test-draft'), { reason: 'x' }), 409, 'invalid-state');
        await expectProblem(await comment(ctx, 'test-draft', { stance: 'support', text: 'x' }), 409, 'closed');
        // Replies are still possible.
        assert.equal((await admin(ctx, 'POST', ADMIN_ROUTES.reply.path(ids[0]), { text: 'پاسخ پس از صدور' })).status, 200);
        assert.equal((await track(ctx, codes[0])).reply?.text, 'پاسخ پس از صدور');
      });

      it('can be issued with no published comments and no dispositions', async () => {
        await createDraft(ctx, { slug: 'quiet' });
        at(T0 + 16 * DAY_MS);
        const res = await admin(ctx, 'POST', ADMIN_ROUTES.issue.path('quiet'), {
          summary: 'نظری نرسید.',
          clauses: [{ id: 'c1', text: 'تنها ماده' }],
          dispositions: [],
        });
        assert.equal(res.status, 200, await res.clone().text());
        const view = Consultation.parse(await res.json());
        assert.deepEqual(view.outcome?.dispositions, { accepted: 0, 'partly-accepted': 0, 'not-accepted': 0, 'out-of-scope': 0 });
        assert.deepEqual(
          view.outcome?.clauses.map((c) => c.id),
          ['c1'],
        );
      });
    });

    describe('admin', () => {
      const routes = () =>
        [
          ['POST', ADMIN_ROUTES.createConsultation.path(), draftBody()],
          ['POST', ADMIN_ROUTES.extend.path('test-draft'), { closesAt: new Date(T0 + 40 * DAY_MS).toISOString(), reason: 'x' }],
          ['POST', ADMIN_ROUTES.withdraw.path('test-draft'), { reason: 'x' }],
          ['POST', ADMIN_ROUTES.issue.path('test-draft'), { summary: 's', clauses: [{ text: 't' }], dispositions: [] }],
          ['GET', ADMIN_ROUTES.comments.path('test-draft', { status: 'pending' }), undefined],
          ['POST', ADMIN_ROUTES.approve.path('abcdefabcdef'), undefined],
          ['POST', ADMIN_ROUTES.reject.path('abcdefabcdef'), { reason: 'x' }],
          ['POST', ADMIN_ROUTES.reply.path('abcdefabcdef'), { text: 'x' }],
          ['GET', '/v1/admin/not-a-route', undefined],
          ['GET', '/v1/admin', undefined],
        ] as const;

      it('answers 401 on every admin route without the right token, and changes nothing', async () => {
        for (const [method, path, body] of routes()) {
          for (const [token, headers] of [
            [null, {}],
            ['wrong-token-0123456789', {}],
            [`${TOKEN}x`, {}],
            [TOKEN.slice(0, -1), {}],
            [null, { Authorization: TOKEN }],
            [null, { Authorization: `Basic ${btoa(`admin:${TOKEN}`)}` }],
            [null, { Authorization: `Bearer` }],
          ] as const) {
            const res = await admin(ctx, method, path, body, token, headers);
            const p = await expectProblem(res, 401, 'unauthorized');
            assert.equal(p.status, 401);
            assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
          }
        }
        assert.equal(await ctx.sut.store.countConsultations(), 0);
      });

      it('is disabled without a configured token', async () => {
        const disabled = createApp(ctx.sut.store, { allowedOrigins: [ORIGIN], now: () => new Date(ctx.clock.t) });
        for (const token of [null, TOKEN, '']) {
          const res = await disabled.request(ADMIN_ROUTES.createConsultation.path(), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...(token === null ? {} : { Authorization: `Bearer ${token}` }) },
            body: JSON.stringify(draftBody()),
          });
          await expectProblem(res, 401, 'unauthorized');
        }
        assert.equal(await ctx.sut.store.countConsultations(), 0);
      });

      it('sends no CORS headers, even to an allowed origin, even with the right token', async () => {
        await createDraft(ctx);
        for (const [method, path, body] of routes()) {
          for (const token of [TOKEN, null]) {
            const res = await admin(ctx, method, path, body, token, { Origin: ORIGIN });
            assert.equal(res.headers.get('access-control-allow-origin'), null, `${method} ${path}`);
            assert.equal(res.headers.get('access-control-expose-headers'), null);
            assert.equal(res.headers.get('cache-control'), 'no-store');
          }
          const pre = await ctx.app.request(path, {
            method: 'OPTIONS',
            headers: {
              Origin: ORIGIN,
              'Access-Control-Request-Method': method,
              'Access-Control-Request-Headers': 'authorization, content-type',
            },
          });
          assert.equal(pre.headers.get('access-control-allow-origin'), null);
          assert.equal(pre.headers.get('access-control-allow-headers'), null);
        }
      });

      it('validates what officials send', async () => {
        const create = (body: unknown) => admin(ctx, 'POST', ADMIN_ROUTES.createConsultation.path(), body);
        await expectProblem(await create(draftBody({ slug: 'Bad Slug' })), 400, 'validation', [{ field: 'slug', code: 'invalid' }]);
        await expectProblem(await create(draftBody({ kind: 'tariff' })), 400, 'validation', [{ field: 'kind', code: 'invalid' }]);
        await expectProblem(await create(draftBody({ opensAt: 'tomorrow' })), 400, 'validation', [{ field: 'opensAt', code: 'invalid' }]);
        await expectProblem(await create(draftBody({ opensAt: '2026-02-30T00:00:00Z' })), 400, 'validation', [
          { field: 'opensAt', code: 'invalid' },
        ]);
        await expectProblem(await create(draftBody({ clauses: [] })), 400, 'validation', [
          { field: 'clauses', code: 'too-short', limit: 1 },
        ]);
        await expectProblem(await create(draftBody({ clauses: [{ text: ' ' }] })), 400, 'validation', [
          { field: 'clauses.0.text', code: 'required' },
        ]);
        await expectProblem(await create(draftBody({ clauses: [{ text: 'x', id: 'c7' }] })), 400, 'validation', [
          { field: 'clauses.0.id', code: 'unknown-field' },
        ]);
        await expectProblem(await create(draftBody({ title: '' })), 400, 'validation', [{ field: 'title', code: 'required' }]);
        await expectProblem(await create(draftBody({ title: 'ع'.repeat(301) })), 400, 'validation', [
          { field: 'title', code: 'too-long', limit: 300 },
        ]);
        await expectProblem(await create(draftBody({ moderation: 'none' })), 400, 'validation', [{ field: 'moderation', code: 'invalid' }]);
        await expectProblem(await create(draftBody({ extra: 1 })), 400, 'validation', [{ field: 'extra', code: 'unknown-field' }]);
        const res = await ctx.app.request(ADMIN_ROUTES.createConsultation.path(), {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/plain' },
          body: '{}',
        });
        await expectProblem(res, 415, 'unsupported-media-type');
        await createDraft(ctx);
        await expectProblem(await create(draftBody()), 400, 'validation', [{ field: 'slug', code: 'duplicate' }]);
        await expectProblem(await admin(ctx, 'GET', ADMIN_ROUTES.comments.path('test-draft', { status: 'lost' })), 400, 'validation', [
          { field: 'status' },
        ]);
        await expectProblem(await admin(ctx, 'GET', ADMIN_ROUTES.comments.path('nope')), 404, 'not-found');
        await expectProblem(await admin(ctx, 'DELETE', ADMIN_ROUTES.approve.path('abcdefabcdef')), 405, 'method-not-allowed');
        await expectProblem(await admin(ctx, 'GET', '/v1/admin/nothing'), 404, 'not-found');
        assert.equal(await ctx.sut.store.countConsultations(), 1);
      });

      it('lists comments of any status with contacts, filtered and paged', async () => {
        await createDraft(ctx);
        at(T0 + 2 * DAY_MS);
        for (let i = 0; i < 25; i++) {
          at(T0 + 2 * DAY_MS + i * 1000);
          await accepted(
            await comment(ctx, 'test-draft', { clauseId: i < 5 ? 'c1' : null, stance: 'support', text: `${i}`, contact: CONTACT }),
          );
        }
        const pending = await adminList(ctx, 'test-draft', { status: 'pending' });
        assert.equal(pending.comments.length, 20);
        assert.ok(pending.nextCursor);
        assert.ok(pending.comments.every((c) => c.contact?.value === CONTACT && c.status === 'pending'));
        const rest = await adminList(ctx, 'test-draft', { status: 'pending', cursor: pending.nextCursor });
        assert.equal(rest.comments.length, 5);
        assert.equal(rest.nextCursor, null);
        assert.equal((await adminList(ctx, 'test-draft', { clause: 'c1' })).comments.length, 5);
        assert.equal((await adminList(ctx, 'test-draft', { status: 'published' })).comments.length, 0);
      });
    });

    it('serves the seeded demo draft', async () => {
      const { seedDemoContent, DEMO_CONSULTATION_SLUG } = await import('../../demo/seed.js');
      await seedDemoContent(ctx.sut.store, { now: () => new Date(ctx.clock.t) });
      const view = await getDraft(ctx, DEMO_CONSULTATION_SLUG);
      assert.equal(view.status, 'open');
      assert.equal(view.kind, 'regulation');
      assert.ok(view.clauses.length >= 12);
      assert.equal(Date.parse(view.closesAt) - Date.parse(view.opensAt), 14 * DAY_MS);
      assert.equal(Date.parse(view.opensAt), T0 - 2 * DAY_MS);
      const { pages } = await listAll(ctx, DEMO_CONSULTATION_SLUG);
      const published = pages.flatMap((p) => p.comments);
      assert.ok(published.length >= 3);
      assert.equal(view.counts.total.total, published.length);
      assert.ok(published.some((c) => c.reply !== null));
      assert.equal((await adminList(ctx, DEMO_CONSULTATION_SLUG, { status: 'pending' })).comments.length, 1);
    });
  });
}

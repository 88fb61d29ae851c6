/**
 * Near-duplicate groups over HTTP, on every store: a pasted campaign grouped as comments arrive,
 * one decision and one reply reaching every member, roles, and service suggestions.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ADMIN_GROUP_ROUTES, ADMIN_OPS_ROUTES, ADMIN_ROUTES, CommentGroupList, GroupActionResult, ROUTES } from '@nazar/protocol';
import { createApp } from '../../app.js';
import { STORE_FACTORIES, type StoreUnderTest } from '../../../../test/support.js';
import type { Store } from '../../../store/store.js';

const ENV_TOKEN = 'groups-test-admin-token-0123456789';
const CAMPAIGN = 'ساعت کار بازارچه برای فروشندگان محلی کافی نیست و باید تا ساعت بیست و دو شب ادامه یابد تا خانواده‌ها بتوانند خرید کنند.';
const NEAR = 'سلام. ساعت كار بازارچه برای فروشندگان محلي بس نیست و باید تا ساعت بیست و دو شب ادامه یابد تا خانواده ها بتوانند خرید کنند.';
const OTHER = 'پارکینگ بازارچه کم است و خودروها در خیابان می‌مانند.';

type App = ReturnType<typeof createApp>;

for (const factory of STORE_FACTORIES) {
  describe(`near-duplicate groups on the ${factory.name} store`, { skip: factory.skip }, () => {
    let sut: StoreUnderTest;
    afterEach(async () => {
      await sut.dispose();
    });
    let store: Store;
    let app: App;
    let clock = Date.parse('2026-03-04T08:00:00.000Z');

    const call = async (method: string, path: string, token: string | null = ENV_TOKEN, body?: unknown) => {
      const headers: Record<string, string> = {};
      if (token) headers.Authorization = `Bearer ${token}`;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (method === 'POST') headers['Idempotency-Key'] = crypto.randomUUID();
      return app.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    };
    const json = async <T>(res: Response, status = 200): Promise<T> => {
      const text = await res.text();
      assert.equal(res.status, status, text);
      return JSON.parse(text) as T;
    };
    const comment = async (text: string, stance: 'support' | 'oppose' = 'oppose') => {
      clock += 60_000;
      return json<{ trackingCode: string }>(
        await call('POST', ROUTES.comments.path('bazaar'), null, { stance, clauseId: 'c1', text }),
        201,
      );
    };
    const groups = async (all = false) =>
      CommentGroupList.parse(await json(await call('GET', ADMIN_GROUP_ROUTES.groups.path('bazaar', { all })))).groups;
    const tokenFor = async (role: string) =>
      (await json<{ token: string }>(await call('POST', ADMIN_OPS_ROUTES.createToken.path(), ENV_TOKEN, { name: role, role }), 201)).token;

    beforeEach(async () => {
      sut = factory.open();
      store = sut.store;
      app = createApp(store, { allowedOrigins: [], adminToken: ENV_TOKEN, now: () => new Date(clock), logger: { info() {}, error() {} } });
      await json(
        await call('POST', ADMIN_ROUTES.createConsultation.path(), ENV_TOKEN, {
          slug: 'bazaar',
          title: 'بازارچه',
          summary: '',
          kind: 'regulation',
          issuingBody: 'فرمانداری',
          opensAt: new Date(clock).toISOString(),
          clauses: [{ text: 'ساعت کار از هشت تا بیست است.' }],
        }),
        201,
      );
    });

    it('groups a campaign and its near-copy as comments arrive, and keeps a different comment apart', async () => {
      await comment(CAMPAIGN);
      await comment(OTHER);
      assert.deepEqual(await groups(), [], 'no group of two yet');
      await comment(NEAR);
      const [group, ...rest] = await groups();
      assert.equal(rest.length, 0, 'one group');
      assert.equal(group.size, 2);
      assert.equal(group.representative.text, CAMPAIGN, 'the first copy represents the group');
      assert.equal(group.id, group.members[0].id, "a group is named by its first member's id");
      assert.deepEqual(
        group.members.map((m) => m.text),
        [CAMPAIGN, NEAR],
      );
      assert.equal((await groups(true)).length, 2, 'with all=1, the single comment too');
    });

    it('never groups a comment that supports with one that opposes in the same words', async () => {
      await comment(CAMPAIGN, 'oppose');
      await comment(CAMPAIGN, 'support');
      assert.deepEqual(await groups(), [], 'the same words, two stances: no group');
      await comment(NEAR, 'support');
      const [group, ...rest] = await groups();
      assert.equal(rest.length, 0, 'one group');
      assert.deepEqual(
        group.members.map((m) => m.stance),
        ['support', 'support'],
      );
    });

    it('publishes, answers and rejects every member at once, and says what it skipped', async () => {
      await comment(CAMPAIGN);
      await comment(NEAR);
      const [group] = await groups();
      const approved = GroupActionResult.parse(
        await json(await call('POST', ADMIN_GROUP_ROUTES.approveGroup.path('bazaar', group.id), ENV_TOKEN, {})),
      );
      assert.deepEqual(approved, { updated: 2, skipped: [] });
      const again = GroupActionResult.parse(
        await json(await call('POST', ADMIN_GROUP_ROUTES.approveGroup.path('bazaar', group.id), ENV_TOKEN, {})),
      );
      assert.equal(again.updated, 0, 'nothing left to publish');
      assert.equal(again.skipped.length, 2);
      await json(await call('POST', ADMIN_GROUP_ROUTES.replyGroup.path('bazaar', group.id), ENV_TOKEN, { text: 'ساعت کار تمدید شد.' }));
      for (const m of group.members) {
        const stored = await store.getComment(m.id);
        assert.equal(stored?.status, 'published');
        assert.equal(stored?.reply?.text, 'ساعت کار تمدید شد.');
      }
      const audit = await store.listAudit({ limit: 10 });
      assert.deepEqual(
        audit.map((e) => e.action).slice(0, 3),
        ['replyGroup', 'approveGroup', 'approveGroup'],
        'each group action audited once, newest first',
      );
      await comment(`${CAMPAIGN} با سپاس.`);
      const [grown] = await groups();
      assert.equal(grown.size, 3, 'a later copy joins the same group');
      assert.equal(grown.id, group.id, 'the id is stable');
      const rejected = GroupActionResult.parse(
        await json(await call('POST', ADMIN_GROUP_ROUTES.rejectGroup.path('bazaar', group.id), ENV_TOKEN, { reason: 'تکراری' })),
      );
      assert.equal(rejected.updated, 1, 'only the pending member is rejected');
    });

    it('refuses an empty reason and an unknown group; lets a moderator act and a viewer only read', async () => {
      await comment(CAMPAIGN);
      await comment(NEAR);
      const [group] = await groups();
      assert.equal((await call('POST', ADMIN_GROUP_ROUTES.rejectGroup.path('bazaar', group.id), ENV_TOKEN, { reason: ' ' })).status, 400);
      assert.equal((await call('POST', ADMIN_GROUP_ROUTES.approveGroup.path('bazaar', 'nope'), ENV_TOKEN, {})).status, 404);
      assert.equal((await call('GET', ADMIN_GROUP_ROUTES.groups.path('missing'))).status, 404);
      const viewer = await tokenFor('viewer');
      assert.equal((await call('GET', ADMIN_GROUP_ROUTES.groups.path('bazaar'), viewer)).status, 200);
      assert.equal((await call('POST', ADMIN_GROUP_ROUTES.approveGroup.path('bazaar', group.id), viewer, {})).status, 403);
      const moderator = await tokenFor('moderator');
      assert.equal((await call('POST', ADMIN_GROUP_ROUTES.approveGroup.path('bazaar', group.id), moderator, {})).status, 200);
    });

    it("groups a service's near-identical suggestions", async () => {
      await store.ensureService({ id: 'permit', title: 'پروانه', categories: ['speed'], registeredOrigin: null });
      for (const text of [CAMPAIGN, NEAR, OTHER]) {
        clock += 60_000;
        await json(await call('POST', ROUTES.feedback.path('permit'), null, { rating: 2, categories: ['speed'], text }), 201);
      }
      const res = await json<{ groups: { size: number; members: { text: string }[] }[] }>(
        await call('GET', ADMIN_GROUP_ROUTES.feedbackGroups.path({ service: 'permit' })),
      );
      assert.equal(res.groups.length, 1);
      assert.equal(res.groups[0].size, 2);
      assert.equal((await call('GET', ADMIN_GROUP_ROUTES.feedbackGroups.path())).status, 400, 'a service is required');
      const group = res.groups[0] as unknown as { id: string };
      const answered = GroupActionResult.parse(
        await json(
          await call('POST', ADMIN_GROUP_ROUTES.answerFeedbackGroup.path(group.id), ENV_TOKEN, {
            service: 'permit',
            status: 'answered',
            answer: 'نوبت‌دهی اینترنتی شد.',
          }),
        ),
      );
      assert.deepEqual(answered, { updated: 2, skipped: [] });
      const codes = res.groups[0].members.map((m) => (m as unknown as { trackingCode: string }).trackingCode);
      for (const code of codes) {
        const tracked = await json<{ status: string; answer: { text: string } | null }>(
          await call('GET', ROUTES.tracking.path(code), null),
        );
        assert.equal(tracked.status, 'answered');
        assert.equal(tracked.answer?.text, 'نوبت‌دهی اینترنتی شد.', 'each citizen sees the one answer');
      }
      assert.equal(
        (await call('POST', ADMIN_GROUP_ROUTES.answerFeedbackGroup.path(group.id), ENV_TOKEN, { service: 'permit', status: 'answered' }))
          .status,
        400,
        'answered needs an answer',
      );
      const closed = GroupActionResult.parse(
        await json(
          await call('POST', ADMIN_GROUP_ROUTES.answerFeedbackGroup.path(group.id), ENV_TOKEN, {
            service: 'permit',
            status: 'in-progress',
          }),
        ),
      );
      assert.equal(closed.updated, 0, 'answered → in-progress is not a move');
      const viewer = await tokenFor('viewer');
      assert.equal(
        (await call('POST', ADMIN_GROUP_ROUTES.answerFeedbackGroup.path(group.id), viewer, { service: 'permit', status: 'closed' })).status,
        403,
      );
    });
  });
}

/**
 * The store contract's reads for the officials' console (see `store-contract.ts`): consultations
 * newest first with comment counts, a consultation's comments by clause, status and stance.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ConsultationStatus } from '@nazar/protocol';
import { consultationStatus, type NewComment, type Store } from '../../src/store/store.js';
import type { Before, ConsultationListItem, PollListItem } from '../../src/store/admin-store.js';
import type { StoreUnderTest } from '../support.js';
import { DAY, T0, consultation, feedback, idem, iso, newComment, newPoll, voteOf } from './fixtures.js';
import type { MakeStore } from './contract-options.js';

export function consoleCases(makeStore: MakeStore): void {
  describe('console reads', () => {
    let sut: StoreUnderTest;
    let store: Store;

    beforeEach(() => {
      sut = makeStore();
      store = sut.store;
    });
    afterEach(async () => {
      await sut.dispose();
    });

    async function comment(overrides: Partial<NewComment>) {
      const r = await store.createComment(idem(), newComment(overrides));
      assert.equal(r.outcome, 'created');
      return (await store.getCommentByTrackingCode(r.submission.trackingCode))!;
    }

    /** Walks every page of listConsultations (newest first) with the keyset. */
    async function walk(query: { status?: ConsultationStatus; at: string }, size: number): Promise<ConsultationListItem[]> {
      const out: ConsultationListItem[] = [];
      let before: Before | null = null;
      for (;;) {
        const page = await store.listConsultations({ ...query, before, limit: size });
        out.push(...page);
        if (page.length < size) return out;
        before = { createdAt: page.at(-1)!.createdAt, seq: page.at(-1)!.seq };
      }
    }

    it('lists consultations newest first, keyset-paged, each status as consultationStatus computes it', async () => {
      // Eleven consultations; pairs share a creation instant (seq breaks the tie).
      const at = T0 + 20 * DAY;
      const windows = [
        { opensAt: iso(at + DAY), closesAt: iso(at + 15 * DAY) }, // scheduled
        { opensAt: iso(at - DAY), closesAt: iso(at + 13 * DAY) }, // open
        { opensAt: iso(at - 30 * DAY), closesAt: iso(at - 16 * DAY) }, // review
        { opensAt: iso(at), closesAt: iso(at + 14 * DAY) }, // open: from opensAt, inclusive
        { opensAt: iso(at - 14 * DAY), closesAt: iso(at) }, // review: closesAt itself is closed
      ];
      const slugs: string[] = [];
      for (let i = 0; i < 11; i++) {
        const slug = `k${i}`;
        slugs.push(slug);
        const w = windows[i % windows.length];
        const created = await store.createConsultation(
          consultation({ slug, title: `عنوان ${i}`, ...w, moderation: i % 2 ? 'post' : 'pre', at: iso(T0 + Math.floor(i / 2) * 1000) }),
        );
        assert.ok(created.created);
      }
      assert.equal((await store.withdrawConsultation('k1', { reason: 'x', at: iso(at - 1) })).outcome, 'ok');
      const issued = await store.issueConsultation('k2', {
        summary: 's',
        clauses: [{ id: 'c1', number: 1, heading: null, text: 't' }],
        dispositions: [],
        at: iso(at - 1),
      });
      assert.equal(issued.outcome, 'ok');
      assert.ok(await store.setConsultationService('k3', null));
      await store.ensureService({ id: 'svc', title: 'S' });
      assert.ok(await store.setConsultationService('k3', 'svc'));

      const all = await walk({ at: iso(at) }, 4);
      assert.deepEqual(
        all.map((k) => k.slug),
        [...slugs].reverse(),
      );
      const k3 = all.find((k) => k.slug === 'k3')!;
      assert.equal(k3.serviceId, 'svc');
      assert.equal(all.find((k) => k.slug === 'k4')!.serviceId, null);
      assert.equal(k3.moderation, 'post');
      assert.equal(k3.createdAt, iso(T0 + 1000));
      assert.equal(k3.title, 'عنوان 3');
      assert.equal(k3.kind, 'regulation');
      const k2 = all.find((k) => k.slug === 'k2')!;
      assert.equal(k2.issuedAt, iso(at - 1));
      assert.equal(all.find((k) => k.slug === 'k1')!.withdrawnAt, iso(at - 1));

      const records = new Map<string, ConsultationStatus>();
      for (const slug of slugs) records.set(slug, consultationStatus((await store.getConsultation(slug))!, new Date(at)));
      assert.deepEqual(new Set(records.values()), new Set(['scheduled', 'open', 'review', 'issued', 'withdrawn']));
      for (const status of ['scheduled', 'open', 'review', 'issued', 'withdrawn'] as const) {
        const expected = [...slugs].reverse().filter((s) => records.get(s) === status);
        assert.deepEqual(
          (await walk({ status, at: iso(at) }, 2)).map((k) => k.slug),
          expected,
          status,
        );
      }
      // The same consultation changes status with the clock.
      assert.ok((await store.listConsultations({ status: 'scheduled', at: iso(T0), limit: 100 })).some((k) => k.slug === 'k3'));
      assert.deepEqual(await store.listConsultations({ at: iso(at), before: { createdAt: iso(T0), seq: 1 }, limit: 10 }), []);
    });

    it('counts each listed consultation’s comments by status', async () => {
      await store.createConsultation(consultation({ slug: 'a', at: iso(T0 - 2 * DAY) }));
      await store.createConsultation(consultation({ slug: 'b', at: iso(T0 - DAY) }));
      await store.createConsultation(consultation({ slug: 'quiet', at: iso(T0 - 3 * DAY) }));
      await comment({ consultationSlug: 'a' });
      await comment({ consultationSlug: 'a' });
      await comment({ consultationSlug: 'a', moderation: 'post' });
      const rejected = await comment({ consultationSlug: 'b' });
      await store.moderateComment(rejected.id, { status: 'rejected', reason: 'نه', at: iso(T0 + 2 * DAY) });
      await comment({ consultationSlug: 'b', moderation: 'post', clauseId: null });
      const list = await store.listConsultations({ at: iso(T0), limit: 10 });
      assert.deepEqual(
        list.map((k) => [k.slug, k.counts]),
        [
          ['b', { pending: 0, published: 1, rejected: 1 }],
          ['a', { pending: 2, published: 1, rejected: 0 }],
          ['quiet', { pending: 0, published: 0, rejected: 0 }],
        ],
      );
    });

    it('breaks a consultation’s comments down by clause, status and stance', async () => {
      await store.createConsultation(consultation());
      await store.createConsultation(consultation({ slug: 'other' }));
      await comment({ moderation: 'post', clauseId: 'c1', stance: 'support' });
      await comment({ moderation: 'post', clauseId: 'c1', stance: 'support' });
      await comment({ moderation: 'post', clauseId: 'c1', stance: 'oppose' });
      await comment({ moderation: 'pre', clauseId: 'c1', stance: 'support' });
      await comment({ moderation: 'pre', clauseId: null, stance: 'amend', proposedText: 'x' });
      const r = await comment({ moderation: 'pre', clauseId: 'c2', stance: 'oppose' });
      await store.moderateComment(r.id, { status: 'rejected', reason: 'نه', at: iso(T0 + 2 * DAY) });
      await comment({ consultationSlug: 'other', moderation: 'post' });
      const got = await store.consultationBreakdown('draft');
      assert.ok(got);
      assert.equal(got.serviceId, null);
      assert.deepEqual(got.rows.map((x) => `${x.clauseId}:${x.status}:${x.stance}:${x.count}`).sort(), [
        'c1:pending:support:1',
        'c1:published:oppose:1',
        'c1:published:support:2',
        'c2:rejected:oppose:1',
        'null:pending:amend:1',
      ]);
      assert.equal(await store.consultationBreakdown('ghost'), null);
      await store.ensureService({ id: 'svc', title: 'S' });
      await store.setConsultationService('draft', 'svc');
      assert.equal((await store.consultationBreakdown('draft'))?.serviceId, 'svc');
      assert.deepEqual((await store.consultationBreakdown('other'))?.rows.length, 1);
    });

    it('lists polls newest first, keyset-paged, with the voter counter', async () => {
      const slugs: string[] = [];
      for (let i = 0; i < 7; i++) {
        const p = newPoll({ slug: `p${i}`, at: iso(T0 - DAY + Math.floor(i / 2) * 1000), mode: i === 3 ? 'single' : 'multiple' });
        assert.ok((await store.createPoll(i === 3 ? { ...p, maxChoices: 1 } : p)).created);
        slugs.push(p.slug);
      }
      for (const voter of ['a', 'b', 'c']) assert.equal((await store.createVote(idem(), voteOf('p3', voter, ['o1']))).outcome, 'created');
      assert.equal((await store.createVote(idem(), voteOf('p5', 'a', ['o1', 'o2']))).outcome, 'created');
      assert.equal((await store.closePoll('p5', iso(T0))).outcome, 'ok');
      const walked: PollListItem[] = [];
      let before: Before | null = null;
      for (;;) {
        const page = await store.listPolls({ before, limit: 3 });
        walked.push(...page);
        if (page.length < 3) break;
        before = { createdAt: page.at(-1)!.createdAt, seq: page.at(-1)!.seq };
      }
      assert.deepEqual(
        walked.map((p) => p.slug),
        [...slugs].reverse(),
      );
      const p3 = walked.find((p) => p.slug === 'p3')!;
      assert.equal(p3.totalVoters, 3);
      assert.equal(p3.mode, 'single');
      assert.equal(p3.question, 'کدام؟');
      assert.equal(p3.resultsVisibility, 'always');
      assert.equal(p3.opensAt, iso(T0 - DAY));
      assert.equal(p3.closesAt, iso(T0 + DAY));
      assert.equal(p3.createdAt, iso(T0 - DAY + 1000));
      assert.equal(p3.closedAt, null);
      assert.equal(walked.find((p) => p.slug === 'p5')!.closedAt, iso(T0));
      assert.equal(walked.find((p) => p.slug === 'p5')!.totalVoters, 1);
      assert.equal(walked.find((p) => p.slug === 'p0')!.totalVoters, 0);
    });

    it('counts what waits for officials at an instant, each from the rows’ state', async () => {
      const at = T0 + DAY;
      await store.createConsultation(consultation({ slug: 'late', closesAt: iso(T0 + 20 * DAY) }));
      await store.createConsultation(consultation({ slug: 'soon', title: 'زود', closesAt: iso(T0 + 14 * DAY) }));
      await store.createConsultation(consultation({ slug: 'tie', closesAt: iso(T0 + 14 * DAY) }));
      await store.createConsultation(consultation({ slug: 'later', opensAt: iso(at + 1), closesAt: iso(at + 15 * DAY) }));
      await store.createConsultation(consultation({ slug: 'ends-now', opensAt: iso(at - 14 * DAY), closesAt: iso(at) }));
      await store.createConsultation(consultation({ slug: 'gone' }));
      await store.withdrawConsultation('gone', { reason: 'x', at: iso(T0) });
      await comment({ consultationSlug: 'late' });
      await comment({ consultationSlug: 'gone' });
      await comment({ consultationSlug: 'late', moderation: 'post' });
      const rejected = await comment({ consultationSlug: 'soon' });
      await store.moderateComment(rejected.id, { status: 'rejected', reason: 'نه', at: iso(T0) });

      await store.ensureService({ id: 'svc', title: 'S' });
      const codes: string[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await store.createFeedback(idem(), feedback(), iso(T0));
        assert.equal(r.outcome, 'created');
        codes.push(r.submission.trackingCode);
      }
      await store.updateSubmissionStatus(codes[0], { status: 'in-progress' });
      await store.updateSubmissionStatus(codes[1], { status: 'answered', answer: 'پاسخ' });
      await store.updateSubmissionStatus(codes[2], { status: 'closed' });

      await store.createPoll(newPoll({ slug: 'open-poll', opensAt: iso(T0), closesAt: iso(at + DAY) }));
      await store.createPoll(newPoll({ slug: 'closed-early', opensAt: iso(T0), closesAt: iso(at + DAY) }));
      await store.closePoll('closed-early', iso(T0 + 1));
      await store.createPoll(newPoll({ slug: 'not-yet', opensAt: iso(at + 1), closesAt: iso(at + DAY) }));
      await store.createPoll(newPoll({ slug: 'over', opensAt: iso(T0 - DAY), closesAt: iso(at) }));

      const got = await store.overviewCounts({ at: iso(at), limit: 10 });
      assert.deepEqual(got, {
        openConsultations: [
          { slug: 'soon', title: 'زود', closesAt: iso(T0 + 14 * DAY) },
          { slug: 'tie', title: 'پیش‌نویس', closesAt: iso(T0 + 14 * DAY) },
          { slug: 'late', title: 'پیش‌نویس', closesAt: iso(T0 + 20 * DAY) },
        ],
        pendingComments: 2,
        feedbackWaiting: 2,
        activePolls: 1,
      });
      assert.deepEqual(
        (await store.overviewCounts({ at: iso(at), limit: 1 })).openConsultations.map((k) => k.slug),
        ['soon'],
      );
    });

    it('counts submissions per kind and UTC day in a range, in one grouped read', async () => {
      await store.createConsultation(consultation({ opensAt: iso(T0 - 30 * DAY) }));
      await store.ensureService({ id: 'svc', title: 'S' });
      const poll = newPoll({ opensAt: iso(T0 - 30 * DAY) });
      await store.createPoll(poll);
      const from = '2026-02-22T00:00:00.000Z';
      const to = iso(T0 + DAY);
      // Inside: two feedback on one day (first and last millisecond), one the next day.
      await store.createFeedback(idem(), feedback(), '2026-02-22T00:00:00.000Z');
      await store.createFeedback(idem(), feedback(), '2026-02-22T23:59:59.999Z');
      await store.createFeedback(idem(), feedback(), '2026-02-23T10:00:00.000Z');
      await comment({ at: '2026-02-22T12:00:00.000Z' });
      await comment({ at: '2026-03-01T12:00:00.000Z', moderation: 'post' });
      await store.createVote(idem(), { ...voteOf(poll.slug, 'a', ['o1']), at: '2026-03-01T09:00:00.000Z' });
      // Outside: just before `from`, at `to` (exclusive).
      await store.createFeedback(idem(), feedback(), '2026-02-21T23:59:59.999Z');
      await comment({ at: to });
      await store.createVote(idem(), { ...voteOf(poll.slug, 'b', ['o2']), at: to });
      const got = await store.activityPerDay({ from, to });
      assert.deepEqual(got.map((d) => `${d.kind} ${d.day} ${d.count}`).sort(), [
        'comment 2026-02-22 1',
        'comment 2026-03-01 1',
        'feedback 2026-02-22 2',
        'feedback 2026-02-23 1',
        'vote 2026-03-01 1',
      ]);
      assert.deepEqual(await store.activityPerDay({ from: iso(T0 + 10 * DAY), to: iso(T0 + 20 * DAY) }), []);
    });

    it('filters the feedback inbox by rating, category and text (folded, wildcards literal)', async () => {
      await store.ensureService({ id: 'svc', title: 'S' });
      const texts: [number, string[], string | null][] = [
        [1, ['speed'], 'صف طولاني بود'], // Arabic ي
        [1, ['staff', 'speed'], 'كارمند بی‌ادب بود'], // Arabic ك
        [5, ['online'], 'The ONLINE form worked'],
        [5, ['online', 'other'], '100% راضی_م'],
        [3, ['cost'], null],
      ];
      const codes: string[] = [];
      for (const [i, [rating, categories, text]] of texts.entries()) {
        const r = await store.createFeedback(idem(), feedback({ rating, categories: categories as never, text }), iso(T0 + i * 1000));
        codes.push(r.submission.trackingCode);
      }
      const find = async (f: Omit<Parameters<Store['listFeedback']>[0], 'limit'>) =>
        (await store.listFeedback({ ...f, limit: 100 })).map((x) => codes.indexOf(x.trackingCode));
      assert.deepEqual(await find({ rating: 1 }), [1, 0]);
      assert.deepEqual(await find({ rating: 2 }), []);
      assert.deepEqual(await find({ category: 'speed' }), [1, 0]);
      assert.deepEqual(await find({ category: 'online' }), [3, 2]);
      assert.deepEqual(await find({ category: 'other', rating: 5 }), [3]);
      assert.deepEqual(await find({ text: 'طولانی' }), [0], 'Persian ی finds the Arabic ي');
      assert.deepEqual(await find({ text: 'کارمند' }), [1], 'Persian ک finds the Arabic ك');
      assert.deepEqual(await find({ text: 'online' }), [2], 'A–Z in any case');
      assert.deepEqual(await find({ text: 'e form w' }), [2]);
      assert.deepEqual(await find({ text: '%' }), [3], '% is a character, not a wildcard');
      assert.deepEqual(await find({ text: '_' }), [3], '_ is a character, not a wildcard');
      assert.deepEqual(await find({ text: '0% ر' }), [3]);
      assert.deepEqual(await find({ text: 'بود', rating: 1, category: 'staff' }), [1]);
      assert.deepEqual(await find({ text: 'nothing like it' }), []);
    });

    it('finds comments by their text or proposed wording', async () => {
      await store.createConsultation(consultation());
      const a = await comment({ text: 'ماده يك مبهم است' });
      const b = await comment({ stance: 'amend', text: 'اصلاح شود', proposedText: 'Fee: 50%' });
      const c = await comment({ text: 'موافقم', moderation: 'post' });
      const find = async (text: string, extra: Partial<Parameters<Store['listAllComments']>[0]> = {}) =>
        (await store.listAllComments({ text, ...extra, limit: 100 })).map((x) => x.id);
      assert.deepEqual(await find('یک'), [a.id]);
      assert.deepEqual(await find('fee: 50%'), [b.id]);
      assert.deepEqual(await find('ا'), [c.id, b.id, a.id]);
      assert.deepEqual(await find('موافق', { status: 'published' }), [c.id]);
      assert.deepEqual(await find('موافق', { status: 'pending' }), []);
      assert.deepEqual(await find('_'), []);
    });

    it('counts one service’s feedback and sums its ratings per UTC day in a range', async () => {
      await store.ensureService({ id: 'svc', title: 'S' });
      await store.ensureService({ id: 'other', title: 'O' });
      const add = (serviceId: string, rating: number, at: string) => store.createFeedback(idem(), feedback({ serviceId, rating }), at);
      await add('svc', 5, '2026-02-22T00:00:00.000Z');
      await add('svc', 2, '2026-02-22T23:59:59.999Z');
      await add('svc', 4, '2026-02-24T10:00:00.000Z');
      await add('other', 1, '2026-02-22T10:00:00.000Z');
      await add('svc', 1, '2026-02-21T23:59:59.999Z'); // before `from`
      await add('svc', 1, '2026-03-01T00:00:00.000Z'); // at `to`: excluded
      const got = await store.ratingsPerDay({ serviceId: 'svc', from: '2026-02-22T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });
      assert.deepEqual(
        [...got].sort((a, b) => (a.day < b.day ? -1 : 1)),
        [
          { day: '2026-02-22', count: 2, ratingSum: 7 },
          { day: '2026-02-24', count: 1, ratingSum: 4 },
        ],
      );
      assert.deepEqual(
        await store.ratingsPerDay({ serviceId: 'ghost', from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' }),
        [],
      );
    });
  });
}

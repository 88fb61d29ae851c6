/**
 * The store contract's consultations and comments (see `store-contract.ts`).
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { isValidTrackingCode } from '@nazar/protocol';
import { buildLargeConsultation } from '@nazar/testing/bench-data';
import type { CommentQuery, NewComment, Store } from '../../src/store/store.js';
import type { StoreUnderTest } from '../support.js';
import { DAY, T0, consultation, idem, iso, newComment } from './fixtures.js';
import type { MakeStore } from './contract-options.js';

export function consultationCases(makeStore: MakeStore): void {
  describe('consultations and comments', () => {
    let sut: StoreUnderTest;
    let store: Store;
    /** listComments of a consultation that exists. */
    const list = async (slug: string, query: CommentQuery) => {
      const rows = await store.listComments(slug, query);
      assert.ok(rows, `no consultation ${slug}`);
      return rows;
    };

    beforeEach(async () => {
      sut = makeStore();
      store = sut.store;
      await store.createConsultation(consultation());
    });
    afterEach(async () => {
      await sut.dispose();
    });

    async function add(overrides: Partial<NewComment> = {}) {
      const result = await store.createComment(idem(), newComment(overrides));
      assert.equal(result.outcome, 'created');
      return (await store.getCommentByTrackingCode(result.submission.trackingCode))!;
    }

    it('creates and reads consultations; a taken slug keeps the first', async () => {
      const got = await store.getConsultation('draft');
      assert.ok(got);
      assert.equal(got.title, 'پیش‌نویس');
      assert.equal(got.moderation, 'pre');
      assert.deepEqual(got.clauses, [
        { id: 'c1', number: 1, heading: 'هدف', text: 'یک' },
        { id: 'c2', number: 2, heading: null, text: 'دو' },
      ]);
      assert.equal(got.finalClauses, null);
      assert.deepEqual(got.extensions, []);
      assert.equal(got.createdAt, iso(T0 - DAY));
      assert.equal(await store.getConsultation('nope'), null);
      const again = await store.createConsultation(consultation({ title: 'دیگر' }));
      assert.equal(again.created, false);
      assert.equal(again.consultation.title, 'پیش‌نویس');
      const racing = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.createConsultation(consultation({ slug: 'race', title: `t${i}` }))),
      );
      assert.equal(racing.filter((r) => r.created).length, 1);
      assert.equal(await store.countConsultations(), 2);
    });

    it('extends only forward, records each extension, refuses once withdrawn', async () => {
      const back = await store.extendConsultation('draft', { closesAt: iso(T0 + 14 * DAY), reason: 'x', at: iso(T0) });
      assert.equal(back.outcome, 'not-forward');
      const ok = await store.extendConsultation('draft', { closesAt: iso(T0 + 20 * DAY), reason: 'دلیل', at: iso(T0 + DAY) });
      assert.equal(ok.outcome, 'ok');
      assert.ok(ok.outcome === 'ok');
      assert.equal(ok.consultation.closesAt, iso(T0 + 20 * DAY));
      assert.deepEqual(ok.consultation.extensions, [
        { previousClosesAt: iso(T0 + 14 * DAY), closesAt: iso(T0 + 20 * DAY), reason: 'دلیل', at: iso(T0 + DAY) },
      ]);
      assert.equal(
        (await store.extendConsultation('nope', { closesAt: iso(T0 + 30 * DAY), reason: 'x', at: iso(T0) })).outcome,
        'not-found',
      );
      assert.equal((await store.withdrawConsultation('draft', { reason: 'پس گرفته شد', at: iso(T0 + 2 * DAY) })).outcome, 'ok');
      const after = await store.getConsultation('draft');
      assert.equal(after?.withdrawnAt, iso(T0 + 2 * DAY));
      assert.equal(after?.withdrawalReason, 'پس گرفته شد');
      assert.equal(
        (await store.extendConsultation('draft', { closesAt: iso(T0 + 30 * DAY), reason: 'x', at: iso(T0) })).outcome,
        'invalid-state',
      );
      assert.equal((await store.withdrawConsultation('draft', { reason: 'x', at: iso(T0) })).outcome, 'invalid-state');
    });

    it('stores comments as submissions: tracking codes, shared idempotency, no contact when tracked', async () => {
      const key = idem();
      const first = await store.createComment(key, newComment({ stance: 'amend', proposedText: 'متن' }));
      assert.equal(first.outcome, 'created');
      assert.equal(first.submission.kind, 'comment');
      assert.equal(first.submission.status, 'pending');
      assert.ok(isValidTrackingCode(first.submission.trackingCode));
      assert.equal((await store.createComment(key, newComment())).outcome, 'replayed');
      assert.equal((await store.createComment({ key: key.key, requestHash: 'other' }, newComment())).outcome, 'conflict');
      await store.ensureService({ id: 'svc', title: 'S' });
      const fb = await store.createFeedback(key, { serviceId: 'svc', rating: 3, categories: [], text: null, contact: null, locale: null });
      assert.equal(fb.outcome, 'replayed', 'one key, one submission, whatever the kind');
      assert.equal(await sut.countRows(), 1);
      await assert.rejects(store.createComment(idem(), newComment({ consultationSlug: 'ghost' })));
      assert.equal(await sut.countRows(), 1);

      const record = await store.getCommentByTrackingCode(first.submission.trackingCode);
      assert.ok(record);
      assert.match(record.id, /^[a-z2-7]{12}$/);
      assert.notEqual(record.id, record.trackingCode);
      assert.deepEqual(await store.getComment(record.id), record);
      assert.equal(record.proposedText, 'متن');
      assert.deepEqual(record.contact, { kind: 'mobile', value: '09151234567' });
      assert.equal(record.moderation, 'pre');
      assert.equal(record.status, 'pending');
      assert.equal(await store.getComment('nonexistent00'), null);
      assert.equal(await store.getFeedbackRecord(first.submission.trackingCode), null);

      const tracked = await store.findByTrackingCode(first.submission.trackingCode);
      assert.equal(tracked?.kind, 'comment');
      assert.ok(tracked?.kind === 'comment');
      assert.deepEqual(tracked.subject, { type: 'consultation', slug: 'draft', clauseId: 'c1' });
      assert.ok(!JSON.stringify(tracked).includes('09151234567'));
      assert.ok(!JSON.stringify(tracked).includes(key.key));
      // Feedback's status update does not touch comments.
      assert.equal(await store.updateSubmissionStatus(first.submission.trackingCode, { status: 'closed' }), null);
    });

    it('post-moderated comments start published', async () => {
      const c = await add({ moderation: 'post' });
      assert.equal(c.status, 'published');
      assert.equal((await store.findByTrackingCode(c.trackingCode))?.status, 'published');
    });

    it('creates many comments at once', async () => {
      const items = Array.from({ length: 30 }, (_, i) => ({
        idempotency: idem(),
        comment: newComment({ at: iso(T0 + DAY + i), moderation: 'post' }),
      }));
      const results = await store.createComments(items);
      assert.deepEqual(new Set(results.map((r) => r.outcome)), new Set(['created']));
      const again = await store.createComments(items.slice(0, 2));
      assert.deepEqual(
        again.map((r) => r.outcome),
        ['replayed', 'replayed'],
      );
      assert.equal(await sut.countRows(), 30);
    });

    it('moderates and replies, keeping the submission in step', async () => {
      const c = await add();
      const rejected = await store.moderateComment(c.id, { status: 'rejected', reason: 'نامربوط', at: iso(T0 + 2 * DAY) });
      assert.ok(rejected.outcome === 'ok');
      assert.equal(rejected.comment.status, 'rejected');
      assert.equal(rejected.comment.rejectionReason, 'نامربوط');
      assert.equal(rejected.comment.updatedAt, iso(T0 + 2 * DAY));
      const tracked = await store.findByTrackingCode(c.trackingCode);
      assert.equal(tracked?.status, 'rejected');
      assert.equal(tracked?.updatedAt, iso(T0 + 2 * DAY));
      const published = await store.moderateComment(c.id, { status: 'published', reason: 'ignored', at: iso(T0 + 3 * DAY) });
      assert.ok(published.outcome === 'ok');
      assert.equal(published.comment.rejectionReason, null);
      const replied = await store.replyToComment(c.id, { text: 'پاسخ', at: iso(T0 + 4 * DAY) });
      assert.deepEqual(replied?.reply, { text: 'پاسخ', at: iso(T0 + 4 * DAY) });
      assert.equal(replied?.status, 'published');
      assert.equal((await store.findByTrackingCode(c.trackingCode))?.updatedAt, iso(T0 + 4 * DAY));
      assert.equal((await store.moderateComment('missing00000', { status: 'published', reason: null, at: iso(T0) })).outcome, 'not-found');
      assert.equal(await store.replyToComment('missing00000', { text: 'x', at: iso(T0) }), null);
    });

    it('lists newest first with a keyset, filtered by status and clause', async () => {
      const made = [];
      for (let i = 0; i < 12; i++) {
        // Pairs share a timestamp: seq breaks the tie.
        made.push(
          await add({
            at: iso(T0 + DAY + Math.floor(i / 2) * 1000),
            clauseId: i % 3 === 0 ? null : 'c2',
            moderation: i < 9 ? 'post' : 'pre',
          }),
        );
      }
      const all = await list('draft', { limit: 100 });
      assert.deepEqual(
        all.map((c) => c.id),
        made.map((c) => c.id).reverse(),
      );
      const published = await list('draft', { status: 'published', limit: 100 });
      assert.equal(published.length, 9);
      // Walk in pages of 4 with the keyset.
      const walked: string[] = [];
      let before: CommentQuery['before'] = null;
      for (;;) {
        const page = await list('draft', { status: 'published', before, limit: 4 });
        walked.push(...page.map((c) => c.id));
        if (page.length < 4) break;
        before = { createdAt: page.at(-1)!.createdAt, seq: page.at(-1)!.seq };
      }
      assert.deepEqual(
        walked,
        published.map((c) => c.id),
      );
      const whole = await list('draft', { status: 'published', clauseId: null, limit: 100 });
      assert.deepEqual(
        whole.map((c) => c.clauseId),
        [null, null, null],
      );
      const c2 = await list('draft', { clauseId: 'c2', limit: 100 });
      assert.equal(c2.length, 8);
      assert.equal(await store.listComments('ghost', { limit: 10 }), null);
      assert.deepEqual(await list('draft', { clauseId: 'c9', limit: 10 }), []);
    });

    it('counts published comments per clause and stance', async () => {
      await add({ moderation: 'post', clauseId: 'c1', stance: 'support' });
      await add({ moderation: 'post', clauseId: 'c1', stance: 'support' });
      await add({ moderation: 'post', clauseId: 'c1', stance: 'oppose' });
      await add({ moderation: 'post', clauseId: null, stance: 'amend', proposedText: 'x' });
      await add({ moderation: 'pre', clauseId: 'c2', stance: 'support' });
      const stats = await store.commentStats('draft');
      const sorted = stats.byClause.map((r) => `${r.clauseId}:${r.stance}:${r.count}`).sort();
      assert.deepEqual(sorted, ['c1:oppose:1', 'c1:support:2', 'null:amend:1']);
      assert.deepEqual(stats.dispositions, { accepted: 0, 'partly-accepted': 0, 'not-accepted': 0, 'out-of-scope': 0 });
      assert.deepEqual(await store.commentStats('ghost'), {
        byClause: [],
        dispositions: { accepted: 0, 'partly-accepted': 0, 'not-accepted': 0, 'out-of-scope': 0 },
      });
    });

    it('issues in review only, with a disposition for every published comment', async () => {
      const a = await add({ moderation: 'post' });
      const b = await add({ moderation: 'post', clauseId: null });
      const pending = await add();
      const final = [
        { id: 'c1', number: 1, heading: 'هدف', text: 'یک، اصلاح‌شده' },
        { id: 'c3', number: 2, heading: null, text: 'سه' },
      ];
      const dispositions = [
        { commentId: a.id, outcome: 'accepted' as const, reason: 'پذیرفته شد' },
        { commentId: b.id, outcome: 'not-accepted' as const, reason: 'نه' },
      ];
      const early = await store.issueConsultation('draft', { summary: 's', clauses: final, dispositions, at: iso(T0 + 14 * DAY - 1) });
      assert.equal(early.outcome, 'invalid-state');
      const at = iso(T0 + 15 * DAY);
      const missing = await store.issueConsultation('draft', { summary: 's', clauses: final, dispositions: dispositions.slice(0, 1), at });
      assert.deepEqual(missing, { outcome: 'missing-dispositions', commentIds: [b.id] });
      const unknown = await store.issueConsultation('draft', {
        summary: 's',
        clauses: final,
        dispositions: [...dispositions, { commentId: pending.id, outcome: 'accepted', reason: 'x' }],
        at,
      });
      assert.deepEqual(unknown, { outcome: 'unknown-comments', commentIds: [pending.id] });
      assert.equal((await store.getConsultation('draft'))?.issuedAt, null, 'nothing written on refusal');
      assert.equal((await store.getComment(a.id))?.disposition, null);

      const issued = await store.issueConsultation('draft', { summary: 'خلاصه نتیجه', clauses: final, dispositions, at });
      assert.ok(issued.outcome === 'ok');
      assert.equal(issued.consultation.issuedAt, at);
      assert.equal(issued.consultation.outcomeSummary, 'خلاصه نتیجه');
      assert.deepEqual(issued.consultation.finalClauses, final);
      assert.equal(issued.consultation.clauses[0].text, 'یک');
      assert.deepEqual((await store.getComment(a.id))?.disposition, { outcome: 'accepted', reason: 'پذیرفته شد' });
      assert.deepEqual((await store.findByTrackingCode(b.trackingCode))?.updatedAt, at);
      assert.deepEqual((await store.commentStats('draft')).dispositions, {
        accepted: 1,
        'partly-accepted': 0,
        'not-accepted': 1,
        'out-of-scope': 0,
      });
      assert.equal((await store.issueConsultation('draft', { summary: 's', clauses: final, dispositions, at })).outcome, 'invalid-state');
      assert.equal((await store.moderateComment(pending.id, { status: 'published', reason: null, at })).outcome, 'invalid-state');
      assert.equal((await store.withdrawConsultation('draft', { reason: 'x', at })).outcome, 'invalid-state');
    });

    it('retries a colliding comment id', async () => {
      const ids = ['aaaaaaaaaaaa', 'aaaaaaaaaaaa', 'bbbbbbbbbbbb'];
      const colliding = makeStore({ generateCommentId: () => ids.shift() ?? 'cccccccccccc' });
      try {
        await colliding.store.createConsultation(consultation());
        const r1 = await colliding.store.createComment(idem(), newComment());
        const r2 = await colliding.store.createComment(idem(), newComment());
        assert.equal((await colliding.store.getCommentByTrackingCode(r1.submission.trackingCode))?.id, 'aaaaaaaaaaaa');
        assert.equal((await colliding.store.getCommentByTrackingCode(r2.submission.trackingCode))?.id, 'bbbbbbbbbbbb');
      } finally {
        await colliding.dispose();
      }
    });

    it('builds a large synthetic draft for the benchmark', async () => {
      const now = new Date(T0);
      const slug = await buildLargeConsultation(store, { clauses: 40, comments: 300, now, slug: 'big' });
      assert.equal(slug, 'big');
      const big = await store.getConsultation('big');
      assert.equal(big?.clauses.length, 40);
      assert.ok(Date.parse(big.opensAt) < T0 && T0 < Date.parse(big.closesAt));
      const stats = await store.commentStats('big');
      assert.equal(
        stats.byClause.reduce((sum, r) => sum + r.count, 0),
        300,
      );
      const newest = await list('big', { status: 'published', limit: 300 });
      assert.ok(newest.every((c) => Date.parse(c.createdAt) <= T0 && Date.parse(c.createdAt) >= Date.parse(big.opensAt)));
      assert.equal(newest.filter((c) => c.reply !== null).length, 12);
      // Deterministic, and a second call leaves it alone.
      assert.equal(await buildLargeConsultation(store, { clauses: 40, comments: 300, now, slug: 'big' }), 'big');
      assert.equal((await list('big', { limit: 1000 })).length, 300);
    });
  });
}

/**
 * The store contract's services and feedback (see `store-contract.ts`).
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { FEEDBACK_CATEGORIES, isValidTrackingCode, withCheckDigit } from '@nazar/protocol';
import { DEMO_SERVICES, seedDemoContent } from '../../src/demo/seed.js';
import type { Store } from '../../src/store/store.js';
import type { StoreUnderTest } from '../support.js';
import { feedback } from './fixtures.js';
import type { MakeStore } from './contract-options.js';

export function feedbackCases(makeStore: MakeStore): void {
  describe('services and feedback', () => {
    let sut: StoreUnderTest;
    let store: Store;

    beforeEach(async () => {
      sut = makeStore();
      store = sut.store;
      await store.ensureService({ id: 'svc', title: 'خدمت آزمایشی', categories: ['speed', 'staff'] });
    });
    afterEach(async () => {
      await sut.dispose();
    });

    it('creates and reads services; ensureService keeps the first one', async () => {
      assert.equal(await store.getService('nope'), null);
      const got = await store.getService('svc');
      assert.equal(got?.title, 'خدمت آزمایشی');
      assert.deepEqual(got?.categories, ['speed', 'staff']);
      assert.equal(got?.registeredOrigin, null);
      assert.ok(!Number.isNaN(Date.parse(got.createdAt)));

      const again = await store.ensureService({ id: 'svc', title: 'another title' });
      assert.equal(again.created, false);
      assert.equal(again.service.title, 'خدمت آزمایشی');

      const added = await store.ensureService({ id: 'new', title: 'New', registeredOrigin: 'https://county.example' });
      assert.equal(added.created, true);
      assert.deepEqual(added.service.categories, [...FEEDBACK_CATEGORIES]);
      assert.equal(added.service.registeredOrigin, 'https://county.example');
      assert.equal(await store.countServices(), 2);
      assert.deepEqual((await store.listServices()).map((s) => s.id).sort(), ['new', 'svc']);
    });

    it('racing ensureService calls for one id create it once', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.ensureService({ id: 'race', title: `t${i}` })));
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal(new Set(results.map((r) => r.service.title)).size, 1);
    });

    it('inserts feedback and finds it by tracking code, with the contact only in the private record', async () => {
      const result = await store.createFeedback({ key: 'key-00000001', requestHash: 'h1' }, feedback());
      assert.equal(result.outcome, 'created');
      const { submission } = result;
      assert.ok(isValidTrackingCode(submission.trackingCode));
      assert.equal(submission.status, 'received');
      assert.equal(submission.idempotencyKey, 'key-00000001');
      assert.equal(submission.requestHash, 'h1');

      const tracked = await store.findByTrackingCode(submission.trackingCode);
      assert.ok(tracked);
      assert.deepEqual(tracked.subject, { type: 'service', id: 'svc', title: 'خدمت آزمایشی' });
      assert.equal(tracked.answer, null);
      assert.ok(!JSON.stringify(tracked).includes('09151234567'));
      assert.ok(!JSON.stringify(tracked).includes('key-00000001'));

      const record = await store.getFeedbackRecord(submission.trackingCode);
      assert.deepEqual(record?.feedback, feedback());
      assert.equal(await store.findByTrackingCode('1234567890'), null);
      assert.equal(await store.getFeedbackRecord('1234567890'), null);
    });

    it('the same key and hash replays the first submission without a second row', async () => {
      const first = await store.createFeedback({ key: 'key-00000002', requestHash: 'h' }, feedback());
      const second = await store.createFeedback({ key: 'key-00000002', requestHash: 'h' }, feedback());
      assert.equal(second.outcome, 'replayed');
      assert.deepEqual(second.submission, first.submission);
      assert.deepEqual(await store.findByIdempotencyKey('key-00000002'), first.submission);
      assert.equal(await store.findByIdempotencyKey('key-unused'), null);
      assert.equal(await sut.countRows(), 1);
    });

    it('the same key with another hash is a conflict and stores nothing', async () => {
      await store.createFeedback({ key: 'key-00000003', requestHash: 'h' }, feedback());
      const other = await store.createFeedback({ key: 'key-00000003', requestHash: 'other' }, feedback({ rating: 1 }));
      assert.equal(other.outcome, 'conflict');
      assert.equal(await sut.countRows(), 1);
      assert.equal((await store.ratingSummary('svc')).distribution[0], 0);
    });

    it('racing inserts with one key give one row', async () => {
      const results = await Promise.all(
        Array.from({ length: 25 }, () => store.createFeedback({ key: 'key-race-0001', requestHash: 'h' }, feedback())),
      );
      assert.equal(results.filter((r) => r.outcome === 'created').length, 1);
      assert.equal(new Set(results.map((r) => r.submission.trackingCode)).size, 1);
      assert.equal(await sut.countRows(), 1);
    });

    it('refuses feedback for a service it does not know', async () => {
      await assert.rejects(store.createFeedback({ key: 'key-00000004', requestHash: 'h' }, feedback({ serviceId: 'ghost' })));
      assert.equal(await sut.countRows(), 0);
    });

    it('computes count, mean and distribution per service', async () => {
      await store.ensureService({ id: 'other', title: 'Other' });
      assert.deepEqual(await store.ratingSummary('svc'), { count: 0, mean: null, distribution: [0, 0, 0, 0, 0] });
      const ratings = [1, 2, 2, 5, 5, 5];
      for (const [i, rating] of ratings.entries()) {
        await store.createFeedback({ key: `key-sum-${i}-xx`, requestHash: `h${i}` }, feedback({ rating }));
      }
      await store.createFeedback({ key: 'key-sum-other', requestHash: 'h' }, feedback({ serviceId: 'other', rating: 3 }));
      assert.deepEqual(await store.ratingSummary('svc'), { count: 6, mean: 3.33, distribution: [1, 2, 0, 0, 3] });
      assert.deepEqual(await store.ratingSummary('other'), { count: 1, mean: 3, distribution: [0, 0, 1, 0, 0] });
      assert.deepEqual(await store.ratingSummary('ghost'), { count: 0, mean: null, distribution: [0, 0, 0, 0, 0] });
    });

    it('gives every submission its own tracking code', async () => {
      const codes = new Set<string>();
      for (let i = 0; i < 100; i++) {
        const r = await store.createFeedback({ key: `key-uniq-${i}-xx`, requestHash: 'h' }, feedback({ contact: null }));
        codes.add(r.submission.trackingCode);
      }
      assert.equal(codes.size, 100);
    });

    it('retries a colliding tracking code', async () => {
      const a = withCheckDigit('111111111');
      const b = withCheckDigit('222222222');
      const sequence = [a, a, a, b];
      const colliding = makeStore({ generateTrackingCode: () => sequence.shift() ?? withCheckDigit('333333333') });
      try {
        await colliding.store.ensureService({ id: 'svc', title: 'S' });
        const first = await colliding.store.createFeedback({ key: 'key-coll-001', requestHash: 'h' }, feedback());
        const second = await colliding.store.createFeedback({ key: 'key-coll-002', requestHash: 'h' }, feedback());
        assert.equal(first.submission.trackingCode, a);
        assert.equal(second.submission.trackingCode, b);
      } finally {
        await colliding.dispose();
      }
    });

    it('updates status and answer, shown by the tracking lookup', async () => {
      const times = [new Date('2025-03-01T10:00:00.000Z'), new Date('2025-03-02T09:30:00.000Z')];
      const timed = makeStore({ now: () => times[0] });
      try {
        await timed.store.ensureService({ id: 'svc', title: 'S' });
        const { submission } = await timed.store.createFeedback({ key: 'key-answer-1', requestHash: 'h' }, feedback());
        assert.equal(submission.createdAt, '2025-03-01T10:00:00.000Z');
        times.shift();
        const updated = await timed.store.updateSubmissionStatus(submission.trackingCode, { status: 'answered', answer: 'پیگیری شد' });
        assert.equal(updated?.status, 'answered');
        const tracked = await timed.store.findByTrackingCode(submission.trackingCode);
        assert.equal(tracked?.answer, 'پیگیری شد');
        assert.equal(tracked?.answeredAt, '2025-03-02T09:30:00.000Z');
        assert.equal(tracked?.updatedAt, '2025-03-02T09:30:00.000Z');
        assert.equal(tracked?.createdAt, '2025-03-01T10:00:00.000Z');
        assert.equal(await timed.store.updateSubmissionStatus('1234567890', { status: 'closed' }), null);
      } finally {
        await timed.dispose();
      }
    });

    it('seeds demo content into an empty store only, each part where its kind is missing', async () => {
      const fresh = makeStore();
      try {
        assert.deepEqual(await seedDemoContent(fresh.store), { seeded: true, services: true, consultation: true, polls: true });
        assert.deepEqual(await seedDemoContent(fresh.store), { seeded: false, services: false, consultation: false, polls: false });
        assert.equal(await fresh.store.countServices(), DEMO_SERVICES.length);
        for (const s of DEMO_SERVICES) {
          assert.equal((await fresh.store.getService(s.id))?.title, s.title);
          assert.ok((await fresh.store.ratingSummary(s.id)).count > 0);
        }
        assert.equal(await fresh.store.countConsultations(), 1);
        assert.equal(await fresh.store.countPolls(), 2);
      } finally {
        await fresh.dispose();
      }
      // A store with a service gets only the consultation and the polls.
      assert.deepEqual(await seedDemoContent(store), { seeded: true, services: false, consultation: true, polls: true });
      assert.equal(await store.countServices(), 1);
    });
  });
}

/**
 * Group commit in the PostgreSQL store: concurrent submissions share transactions (fewer
 * transactions than submissions, counted by the rows' own transaction ids), none is acknowledged
 * before another connection can read it, one failing item does not sink the others of its batch,
 * tracking codes that collide inside a batch are retried, and two stores on one database (two
 * pools: two adapter processes) racing with the same idempotency keys make one row per key.
 */
import assert from 'node:assert/strict';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { withCheckDigit } from '@nazar/protocol';
import { freshSchemaName, testPgServer } from '@nazar/testing/pg-test-cluster';
import { createPgStore, type PgStore, type PgStoreOptions } from './store.js';
import type { CreateSubmissionResult, NewFeedback } from '../store.js';
import { PG_FACTORY } from '../../../test/support.js';
import { consultation, newComment, newPoll, voteOf } from '../../../test/contract/fixtures.js';

const feedback = (overrides: Partial<NewFeedback> = {}): NewFeedback => ({
  serviceId: 'svc',
  rating: 4,
  categories: ['speed'],
  text: 'خوب بود',
  contact: null,
  locale: 'fa',
  ...overrides,
});

describe('PostgreSQL group commit', { skip: PG_FACTORY.skip }, () => {
  let url: string;
  let schema: string;
  const stores: PgStore[] = [];
  /** A store on this test's schema (each call: a pool of its own, as another process would have). */
  const open = async (options: PgStoreOptions = {}) => {
    const store = createPgStore(url, { schema, max: 4, ...options });
    stores.push(store);
    await store.ready;
    return store;
  };
  /** How many distinct transactions wrote the rows of `table` (each row's xmin). */
  const transactionsIn = async (store: PgStore, table: string) =>
    (await store.pool.query<{ n: number }>(`SELECT COUNT(DISTINCT xmin::text)::int AS n FROM ${table}`)).rows[0].n;

  before(async () => {
    url = (await testPgServer()).url;
  });
  beforeEach(() => {
    schema = freshSchemaName();
  });
  afterEach(async () => {
    const [first, ...rest] = stores.splice(0);
    await Promise.all(rest.map((s) => s.close()));
    await first?.dropSchema();
  });

  it('writes concurrent feedback in fewer transactions than submissions, each acknowledged only once another pool reads it', async () => {
    const store = await open();
    const reader = await open();
    await store.ensureService({ id: 'svc', title: 'S' });
    const n = 60;
    const seenOnAck: boolean[] = [];
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        store.createFeedback({ key: `pg-group-${i}-xxxx`, requestHash: 'h' }, feedback()).then(async (r) => {
          assert.equal(r.outcome, 'created');
          // At acknowledgement the row is committed: another pool (another process) sees it.
          const { rows } = await reader.pool.query(
            'SELECT 1 FROM submissions s JOIN feedback f ON f.submission_id = s.id WHERE tracking_code = $1',
            [r.submission.trackingCode],
          );
          seenOnAck.push(rows.length === 1);
        }),
      ),
    );
    assert.equal(seenOnAck.length, n);
    assert.ok(seenOnAck.every(Boolean));
    const stats = store.groupCommit.stats();
    assert.equal(stats.items, n);
    assert.ok(stats.batches < n / 4, `${stats.batches} batches for ${n} submissions`);
    const transactions = await transactionsIn(store, 'submissions');
    assert.ok(transactions <= stats.batches, `${transactions} transactions for ${n} rows`);
    assert.equal(await transactionsIn(store, 'feedback'), transactions, 'each feedback row in its submission’s transaction');
    assert.equal(await store.countSubmissions(), n);
    assert.equal((await store.ratingSummary('svc')).count, n);
  });

  it('a failing item does not lose the others of its batch (unknown service; a constraint that fails the batch statement)', async () => {
    const store = await open();
    await store.ensureService({ id: 'svc', title: 'S' });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        store.createFeedback(
          { key: `pg-bad-${i}-xxxxx`, requestHash: 'h' },
          // 5: a service nobody registered; 12: a rating the table's CHECK refuses (the whole
          // statement fails, so the batch is written again item by item).
          i === 5 ? feedback({ serviceId: 'ghost' }) : i === 12 ? feedback({ rating: 9 }) : feedback(),
        ),
      ),
    );
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    assert.deepEqual(failed, [5, 12]);
    assert.equal(await store.countSubmissions(), 18);
    assert.ok(store.groupCommit.stats().batches < 20);
    assert.equal(store.groupCommit.stats().fallbacks, 1);
  });

  it('comments and votes: one transaction for a batch, a failing item rolled back alone', async () => {
    const store = await open();
    await store.createConsultation(consultation({ slug: 'pg-draft' }));
    const poll = newPoll();
    await store.createPoll(poll);
    const before = store.groupCommit.stats();
    const comments = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        store.createComment(
          { key: `pg-comment-${i}-xx`, requestHash: 'h' },
          newComment({ consultationSlug: i === 3 ? 'no-such-draft' : 'pg-draft' }),
        ),
      ),
    );
    assert.deepEqual(
      comments.flatMap((r, i) => (r.status === 'rejected' ? [i] : [])),
      [3],
    );
    const votes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        store.createVote({ key: `pg-vote-${i}-xxxxx`, requestHash: 'h' }, voteOf(i === 7 ? 'no-such-poll' : poll.slug, `v${i}`, ['o1'])),
      ),
    );
    assert.deepEqual(
      votes.flatMap((r, i) => (r.status === 'rejected' ? [i] : [])),
      [7],
    );
    // (Rows written in a savepoint carry its subtransaction's id, so xmin cannot count these
    // transactions; the store's own count of batches, each one BEGIN … COMMIT, does.)
    const after = store.groupCommit.stats();
    assert.equal(after.items - before.items, 24);
    assert.equal(after.fallbacks, 0);
    assert.ok(after.batches - before.batches <= 4, `${after.batches - before.batches} batches for 24 submissions`);
    assert.deepEqual(await store.pollResults(poll.slug), { totalVoters: 11, counts: { o1: 11, o2: 0, o3: 0, o4: 0 } });
    assert.equal(await store.countSubmissions(), 22);
  });

  it('retries tracking codes that collide inside one batch', async () => {
    const a = withCheckDigit('111111111');
    const codes = [a, a, a, a, withCheckDigit('222222222'), withCheckDigit('333333333'), withCheckDigit('444444444')];
    const store = await open({ generateTrackingCode: () => codes.shift() ?? withCheckDigit('555555555') });
    await store.ensureService({ id: 'svc', title: 'S' });
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => store.createFeedback({ key: `pg-code-${i}-xxxx`, requestHash: 'h' }, feedback())),
    );
    assert.ok(results.every((r) => r.outcome === 'created'));
    assert.equal(new Set(results.map((r) => r.submission.trackingCode)).size, 4);
    assert.equal(await store.countSubmissions(), 4);
  });

  it('service reads asked for together share one statement and see every committed change (no cache)', async () => {
    const one = await open();
    const two = await open();
    await one.ensureService({ id: 'svc', title: 'S' });
    const ids = ['svc', 'ghost', 'svc', 'late'];
    // Counts the statements on the pool that read services.
    const pool = one.pool;
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    let reads = 0;
    (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
      if (typeof args[0] === 'string' && args[0].includes('FROM services')) reads++;
      return query(...args);
    };
    assert.deepEqual(
      (await Promise.all(ids.map((id) => one.getService(id)))).map((s) => s?.title ?? null),
      ['S', null, 'S', null],
    );
    assert.equal(reads, 1, 'one statement for the four reads');
    // Another process registers a service and changes one: the next read sees both at once.
    await two.ensureService({ id: 'late', title: 'L' });
    await two.pool.query(`UPDATE services SET title = 'S2' WHERE id = 'svc'`);
    assert.deepEqual(
      (await Promise.all(ids.map((id) => one.getService(id)))).map((s) => s?.title ?? null),
      ['S2', null, 'S2', 'L'],
    );
  });

  it('two stores on one database (two processes) racing with the same keys make one row per key', async () => {
    const one = await open();
    const two = await open();
    await one.ensureService({ id: 'svc', title: 'S' });
    const keys = Array.from({ length: 30 }, (_, i) => `pg-shared-${i}-xxx`);
    // Every key three times from each store, all at once: within a batch and across the two.
    const attempts: Promise<CreateSubmissionResult>[] = [];
    for (let round = 0; round < 3; round++)
      for (const key of keys) for (const store of [one, two]) attempts.push(store.createFeedback({ key, requestHash: 'h' }, feedback()));
    const results = await Promise.all(attempts);
    assert.equal(await one.countSubmissions(), keys.length);
    for (const key of keys) {
      const mine = results.filter((r) => r.submission.idempotencyKey === key);
      assert.equal(mine.length, 6);
      assert.equal(mine.filter((r) => r.outcome === 'created').length, 1, key);
      assert.ok(mine.every((r) => r.outcome === 'created' || r.outcome === 'replayed'));
      assert.equal(new Set(mine.map((r) => r.submission.trackingCode)).size, 1);
    }
    // The same for votes: one vote per key, and per voter, across the two.
    const poll = newPoll();
    await one.createPoll(poll);
    const votes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        [one, two].map((s) => s.createVote({ key: `pg-vkey-${i}-xxxx`, requestHash: 'h' }, voteOf(poll.slug, `voter-${i}`, ['o2']))),
      ).flat(),
    );
    assert.equal(votes.filter((v) => v.outcome === 'created').length, 10);
    assert.deepEqual(await two.pollResults(poll.slug), { totalVoters: 10, counts: { o1: 0, o2: 10, o3: 0, o4: 0 } });
  });
});

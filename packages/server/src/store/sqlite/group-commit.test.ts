/**
 * Group commit in the SQLite store: concurrent submissions share one transaction, none is
 * acknowledged before that transaction has committed, one failing submission does not sink the
 * others, and idempotency stays exact inside a batch.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createSqliteStore, type SqliteStore } from './store.js';
import type { NewFeedback } from '../store.js';
import { makeTempDir } from '../../../test/support.js';

const feedback = (overrides: Partial<NewFeedback> = {}): NewFeedback => ({
  serviceId: 'svc',
  rating: 4,
  categories: [],
  text: null,
  contact: null,
  locale: 'fa',
  ...overrides,
});

describe('SQLite group commit', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let path: string;
  let store: SqliteStore;

  beforeEach(async () => {
    tmp = makeTempDir();
    path = join(tmp.dir, 'g.db');
    store = createSqliteStore(path);
    await store.ensureService({ id: 'svc', title: 'S' });
  });
  afterEach(async () => {
    await store.close();
    tmp.dispose();
  });

  it('writes concurrent submissions in one transaction, each acknowledged only once another connection can read it', async () => {
    const before = store.groupCommit.stats();
    const reader = new Database(path, { readonly: true });
    try {
      const seenOnAck: boolean[] = [];
      const n = 50;
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          store.createFeedback({ key: `group-key-${i}-xxxx`, requestHash: 'h' }, feedback()).then((r) => {
            // At acknowledgement the row is committed: a separate connection sees it.
            const row = reader.prepare('SELECT 1 AS one FROM submissions WHERE tracking_code = ?').get(r.submission.trackingCode);
            seenOnAck.push(row !== undefined);
          }),
        ),
      );
      assert.equal(seenOnAck.length, n);
      assert.ok(seenOnAck.every(Boolean));
      const after = store.groupCommit.stats();
      assert.equal(after.batches - before.batches, 1, 'one transaction for the 50');
      assert.equal(after.items - before.items, n);
      assert.equal(await store.countSubmissions(), n);
    } finally {
      reader.close();
    }
  });

  it('keeps idempotency exact inside one batch: same key and body → one row; another body → conflict', async () => {
    const key = { key: 'same-key-in-batch', requestHash: 'h' };
    const results = await Promise.all([
      store.createFeedback(key, feedback()),
      store.createFeedback(key, feedback()),
      store.createFeedback({ key: key.key, requestHash: 'other' }, feedback({ rating: 1 })),
    ]);
    assert.deepEqual(
      results.map((r) => r.outcome),
      ['created', 'replayed', 'conflict'],
    );
    assert.equal(new Set(results.map((r) => r.submission.trackingCode)).size, 1);
    assert.equal(await store.countSubmissions(), 1);
    assert.equal((await store.ratingSummary('svc')).count, 1);
  });

  it('a failing submission is rolled back alone; the rest of its batch commits', async () => {
    const results = await Promise.allSettled([
      store.createFeedback({ key: 'ok-key-0001', requestHash: 'h' }, feedback()),
      store.createFeedback({ key: 'bad-key-0001', requestHash: 'h' }, feedback({ serviceId: 'ghost' })),
      store.createFeedback({ key: 'ok-key-0002', requestHash: 'h' }, feedback()),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.equal(await store.countSubmissions(), 2);
    assert.equal(await store.findByIdempotencyKey('bad-key-0001'), null);
  });

  it('close() writes what is still queued', async () => {
    const pending = store.createFeedback({ key: 'queued-at-close', requestHash: 'h' }, feedback());
    await store.close();
    assert.equal((await pending).outcome, 'created');
    const reopened = createSqliteStore(path);
    try {
      assert.ok(await reopened.findByIdempotencyKey('queued-at-close'));
    } finally {
      await reopened.close();
    }
    store = createSqliteStore(path); // for afterEach
  });
});

/**
 * What only the SQLite store promises, beyond the store contract (test/contract): its file keeps
 * the data and the migrations across reopening, close() folds the WAL back, reads walk indexes
 * (query plans), and old schemas upgrade in place keeping their data.
 */
import { existsSync } from 'node:fs';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS, createSqliteStore, migrate, type SqliteStore } from './store.js';
import type { CommentQuery, Store } from '../store.js';
import { SQLITE_FACTORY, makeTempDir, type StoreUnderTest } from '../../../test/support.js';
import { T0, consultation, feedback, iso, newComment, newPoll, voteOf } from '../../../test/contract/fixtures.js';

describe('SQLite store', () => {
  let sut: StoreUnderTest;
  let store: Store;

  beforeEach(async () => {
    sut = SQLITE_FACTORY.open();
    store = sut.store;
    await store.ensureService({ id: 'svc', title: 'خدمت آزمایشی', categories: ['speed', 'staff'] });
    await store.createConsultation(consultation());
  });
  afterEach(async () => {
    await sut.dispose();
  });

  it('keeps data across close and reopen; migrations are idempotent', async () => {
    const { submission } = await store.createFeedback({ key: 'key-durable-1', requestHash: 'h' }, feedback());
    const path = (store as SqliteStore).path;
    const reopened = (await sut.reopen!()) as SqliteStore;
    assert.equal(reopened.schemaVersion(), MIGRATIONS.at(-1)!.version);
    const versions = reopened.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    assert.deepEqual(
      versions.map((v) => v.version),
      MIGRATIONS.map((m) => m.version),
    );
    assert.equal((await reopened.findByTrackingCode(submission.trackingCode))?.trackingCode, submission.trackingCode);
    assert.equal((await reopened.getFeedbackRecord(submission.trackingCode))?.feedback.contact?.value, '09151234567');
    const again = await reopened.createFeedback({ key: 'key-durable-1', requestHash: 'h' }, feedback());
    assert.equal(again.outcome, 'replayed');
    // Reopening twice more changes nothing.
    const third = (await sut.reopen!()) as SqliteStore;
    assert.equal((third.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n, MIGRATIONS.length);
    assert.equal(await third.countSubmissions(), 1);
    assert.equal(third.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(third.db.pragma('synchronous', { simple: true }), 2); // FULL
    assert.equal(third.db.pragma('foreign_keys', { simple: true }), 1);
    assert.ok(existsSync(path));
  });

  it('close() checkpoints the WAL and closes the file', async () => {
    await store.createFeedback({ key: 'key-close-01', requestHash: 'h' }, feedback());
    const s = store as SqliteStore;
    await s.close();
    assert.equal(s.db.open, false);
    assert.equal(existsSync(`${s.path}-wal`), false);
    await s.close(); // twice is harmless
  });

  it('uses the (service_id, rating) index for summaries', () => {
    const plan = (store as SqliteStore).db
      .prepare('EXPLAIN QUERY PLAN SELECT rating, COUNT(*) AS n FROM feedback WHERE service_id = ? GROUP BY rating')
      .all('svc') as { detail: string }[];
    assert.match(plan.map((p) => p.detail).join('\n'), /COVERING INDEX feedback_service_rating/);
  });

  const plan = (s: SqliteStore, sql: string, params: unknown[]) =>
    (s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');

  it('pages through indexes in order, never sorting', () => {
    const s = store as SqliteStore;
    const shapes: [CommentQuery, RegExp][] = [
      [{ status: 'published', limit: 21 }, /comments_by_status/],
      [{ status: 'published', before: { createdAt: iso(T0), seq: 5 }, limit: 21 }, /comments_by_status/],
      [{ status: 'published', clauseId: 'c1', limit: 21 }, /comments_by_clause/],
      [{ status: 'published', clauseId: null, before: { createdAt: iso(T0), seq: 5 }, limit: 21 }, /comments_by_clause/],
    ];
    for (const [query, index] of shapes) {
      const params: unknown[] = ['draft', 1];
      if (query.status) params.push(query.status);
      if (query.clauseId !== undefined) params.push(query.clauseId);
      if (query.before) params.push(query.before.createdAt, query.before.seq);
      params.push(query.limit);
      const detail = plan(s, s.commentListSql(query), params);
      assert.match(detail, index, detail);
      assert.doesNotMatch(detail, /TEMP B-TREE/, detail);
    }
  });

  it('counts with a covering index', () => {
    const s = store as SqliteStore;
    const detail = plan(
      s,
      `SELECT clause_id, stance, COUNT(*) AS n FROM comments WHERE consultation_id = ? AND status = 'published' GROUP BY stance, clause_id`,
      [1],
    );
    assert.match(detail, /COVERING INDEX comments_counts/);
    assert.doesNotMatch(detail, /TEMP B-TREE/);
  });

  it('reads results and has-voted through the keys, never scanning votes', async () => {
    const s = store as SqliteStore;
    const [totals, counters, voted] = s.pollResultsSql();
    const plan = (sql: string, params: unknown[]) =>
      (s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
    const t = plan(totals, ['x']);
    assert.match(t, /SEARCH polls USING INDEX sqlite_autoindex_polls/, t);
    const c = plan(counters, [1]);
    assert.match(c, /SEARCH poll_options USING PRIMARY KEY \(poll_id=\?\)/, c);
    assert.doesNotMatch(c, /TEMP B-TREE/, c);
    const v = plan(voted, ['x', 'h']);
    assert.match(v, /SEARCH votes USING COVERING INDEX votes_voter \(poll_id=\? AND voter_hash=\?\)/, v);
    for (const detail of [t, c, v]) assert.doesNotMatch(detail, /SCAN/, detail);
  });
});

describe('SQLite upgrade', () => {
  it('migrates a schema-1 database with feedback to the latest schema, keeping its data', async () => {
    const tmp = makeTempDir();
    try {
      const path = join(tmp.dir, 'old.db');
      const old = new Database(path);
      assert.equal(migrate(old, MIGRATIONS.slice(0, 1)), 1);
      old.prepare(`INSERT INTO services (id, title, categories, created_at) VALUES ('svc', 'S', '[]', '2025-01-01T00:00:00.000Z')`).run();
      old
        .prepare(
          `INSERT INTO submissions (kind, idempotency_key, request_hash, tracking_code, status, created_at, updated_at)
           VALUES ('feedback', 'old-key-00001', 'h', '1234567897', 'received', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
        )
        .run();
      old.prepare(`INSERT INTO feedback (submission_id, service_id, rating) VALUES (1, 'svc', 4)`).run();
      old.close();

      const store = createSqliteStore(path);
      try {
        assert.equal(store.schemaVersion(), MIGRATIONS.at(-1)!.version);
        assert.equal((await store.findByTrackingCode('1234567897'))?.kind, 'feedback');
        assert.equal((await store.ratingSummary('svc')).count, 1);
        assert.equal(await store.countConsultations(), 0);
        await store.createConsultation(consultation());
        const r = await store.createComment({ key: 'old-key-00001', requestHash: 'other' }, newComment());
        assert.equal(r.outcome, 'conflict', 'keys are shared with the old feedback');
      } finally {
        await store.close();
      }
    } finally {
      tmp.dispose();
    }
  });
});

describe('SQLite upgrade to schema 3', () => {
  it('adds the poll tables to a schema-2 database, keeping its data and sharing its keys', async () => {
    const tmp = makeTempDir();
    try {
      const path = join(tmp.dir, 'v2.db');
      const old = new Database(path);
      assert.equal(
        migrate(
          old,
          MIGRATIONS.filter((m) => m.version <= 2),
        ),
        2,
      );
      old.prepare(`INSERT INTO services (id, title, categories, created_at) VALUES ('svc', 'S', '[]', '2025-01-01T00:00:00.000Z')`).run();
      old
        .prepare(
          `INSERT INTO submissions (kind, idempotency_key, request_hash, tracking_code, status, created_at, updated_at)
           VALUES ('feedback', 'old-key-00001', 'h', '1234567897', 'received', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
        )
        .run();
      old.prepare(`INSERT INTO feedback (submission_id, service_id, rating) VALUES (1, 'svc', 4)`).run();
      old.close();

      const store = createSqliteStore(path);
      try {
        assert.equal(store.schemaVersion(), MIGRATIONS.at(-1)!.version);
        assert.equal((await store.findByTrackingCode('1234567897'))?.kind, 'feedback');
        assert.equal(await store.countPolls(), 0);
        const poll = newPoll();
        await store.createPoll(poll);
        const r = await store.createVote({ key: 'old-key-00001', requestHash: 'other' }, voteOf(poll.slug, 'a', ['o1']));
        assert.equal(r.outcome, 'conflict');
        assert.equal(
          (await store.createVote({ key: 'new-key-00001', requestHash: 'h' }, voteOf(poll.slug, 'a', ['o1']))).outcome,
          'created',
        );
      } finally {
        await store.close();
      }
    } finally {
      tmp.dispose();
    }
  });
});

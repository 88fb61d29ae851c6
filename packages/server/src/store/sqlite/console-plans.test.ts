/**
 * The console's reads on SQLite walk indexes (query plans, never a wall clock): with 10,000
 * consultations a page of the list seeks to its cursor, its comment counts are one covering
 * grouped read, and the overview's and a service's figures are indexed counts. The statements
 * are the store's own, caught as it prepares them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SqliteStore } from './store.js';
import { SQLITE_FACTORY, type StoreUnderTest } from '../../../test/support.js';
import { T0, consultation, feedback, iso } from '../../../test/contract/fixtures.js';

describe('SQLite plans of the console reads', () => {
  let sut: StoreUnderTest;
  let s: SqliteStore;
  const seen: { sql: string; params: unknown[] }[] = [];

  before(async () => {
    sut = SQLITE_FACTORY.open();
    s = sut.store as SqliteStore;
    await s.ensureService({ id: 'svc', title: 'خدمت' });
    await s.createConsultation(consultation({ slug: 'first' }));
    await s.createFeedback({ key: 'plan-key-0001', requestHash: 'h' }, feedback(), iso(T0));
    // 10,000 consultations, straight into the table (the store's own inserts are tested elsewhere).
    const insert = s.db.prepare(
      `INSERT INTO consultations (slug, title, summary, kind, issuing_body, opens_at, closes_at, moderation, created_at)
       VALUES (?, 't', 's', 'regulation', 'b', ?, ?, 'pre', ?)`,
    );
    s.db.transaction(() => {
      for (let i = 0; i < 10_000; i++) insert.run(`k${i}`, iso(T0 + i), iso(T0 + i + 14 * 86_400_000), iso(T0 + i));
    })();
    // Catch every statement the store prepares from here on, with the parameters it runs with.
    const prepare = s.db.prepare.bind(s.db);
    s.db.prepare = ((sql: string) => {
      const stmt = prepare(sql);
      const run = (name: 'all' | 'get' | 'run') => {
        const fn: (...params: unknown[]) => unknown = stmt[name].bind(stmt);
        return (...params: unknown[]) => {
          seen.push({ sql, params });
          return fn(...params);
        };
      };
      return Object.assign(Object.create(stmt) as typeof stmt, { all: run('all'), get: run('get'), run: run('run') });
    }) as typeof s.db.prepare;
  });
  after(async () => {
    await sut.dispose();
  });

  /** The plan of the one statement the call prepared that matches `match`. */
  async function planOf(call: () => Promise<unknown>, match: RegExp): Promise<string> {
    seen.length = 0;
    await call();
    const found = seen.filter((x) => match.test(x.sql));
    assert.equal(found.length, 1, `one statement matching ${String(match)} in:\n${seen.map((x) => x.sql).join('\n')}`);
    const { sql, params } = found[0];
    return (s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
  }

  it('a page of consultations seeks the creation index to its cursor, no sort', async () => {
    const page = await s.listConsultations({ at: iso(T0), limit: 51 });
    assert.equal(page.length, 51);
    const cursor = { createdAt: page.at(-1)!.createdAt, seq: page.at(-1)!.seq };
    const detail = await planOf(() => s.listConsultations({ at: iso(T0), before: cursor, limit: 51 }), /FROM consultations k/);
    assert.match(detail, /SEARCH k USING (COVERING )?INDEX consultations_created \(created_at<\?\)/, detail);
    assert.doesNotMatch(detail, /TEMP B-TREE/, detail);
    const filtered = await planOf(() => s.listConsultations({ status: 'open', at: iso(T0), limit: 51 }), /FROM consultations k/);
    assert.match(filtered, /consultations_created/, filtered);
    assert.doesNotMatch(filtered, /TEMP B-TREE/, filtered);
  });

  it('counts a page’s comments in one covering grouped read', async () => {
    const detail = await planOf(() => s.listConsultations({ at: iso(T0), limit: 51 }), /FROM comments/);
    assert.match(detail, /SEARCH comments USING COVERING INDEX comments_by_status \(consultation_id=\?\)/, detail);
    const breakdown = await planOf(() => s.consultationBreakdown('first'), /FROM comments/);
    assert.match(breakdown, /SEARCH comments USING COVERING INDEX comments_counts \(consultation_id=\?\)/, breakdown);
  });

  it('the overview counts from indexes and groups submissions per day from an index', async () => {
    const at = iso(T0);
    const pending = await planOf(() => s.overviewCounts({ at, limit: 100 }), /FROM comments/);
    assert.match(pending, /COVERING INDEX comments_status \(status=\?\)/, pending);
    const waiting = await planOf(() => s.overviewCounts({ at, limit: 100 }), /FROM submissions/);
    assert.match(waiting, /COVERING INDEX submissions_kind_status \(kind=\? AND status=\?\)/, waiting);
    const days = await planOf(() => s.activityPerDay({ from: at, to: iso(T0 + 86_400_000) }), /FROM submissions/);
    assert.match(days, /COVERING INDEX submissions_kind_created \(kind=\? AND created_at>\? AND created_at<\?\)/, days);
  });

  it('a page of polls seeks its index; a service’s days go through its feedback index', async () => {
    const polls = await planOf(() => s.listPolls({ before: { createdAt: iso(T0), seq: 9 }, limit: 51 }), /FROM polls p/);
    assert.match(polls, /SEARCH p USING (COVERING )?INDEX polls_created \(created_at<\?\)/, polls);
    const ratings = await planOf(() => s.ratingsPerDay({ serviceId: 'svc', from: iso(T0), to: iso(T0 + 1) }), /FROM feedback f/);
    assert.match(ratings, /SEARCH f USING (COVERING )?INDEX feedback_service_rating \(service_id=\?\)/, ratings);
  });
});

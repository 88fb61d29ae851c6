/**
 * Group commit for the SQLite store. With `synchronous=FULL` every commit waits for the disk
 * (fsync of the WAL), and one commit per submission caps durable POSTs at the disk's flush rate.
 * Instead, submissions that arrive in the same turn of the event loop are queued and written in
 * ONE transaction: one fsync for all of them.
 *
 * Guarantees:
 * - No submission is acknowledged before its transaction has committed: each caller's promise
 *   settles only after COMMIT returned (and so after the fsync).
 * - Each submission runs in its own SAVEPOINT inside the batch (better-sqlite3 nests transaction
 *   functions that way): one that fails (e.g. an unknown service) is rolled back alone and its
 *   caller gets the error; the others commit.
 * - Idempotency stays exact: the submissions of a batch run one after another on the one
 *   connection, so a second request with the same key sees the first one's row (replay or
 *   conflict), exactly as it would in separate transactions.
 * - If the COMMIT itself fails (disk full, I/O error), every caller of the batch gets the error
 *   and nothing of the batch is stored.
 */
import type Database from 'better-sqlite3';
import type { Store } from '../store.js';

interface Pending {
  /** Runs the submission's own (nested) transaction synchronously; its promise carries the result. */
  work: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

export interface GroupCommit {
  /**
   * Queues `work` for the next batch. `work` must do all its database work synchronously when
   * called (better-sqlite3 is synchronous; the store's async methods are) and must not commit.
   */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Writes the queued submissions now (before closing the database). */
  flush(): void;
  /** Batches written and submissions in them so far (tests, benchmarks). */
  stats(): { batches: number; items: number; largest: number };
}

export function groupCommit(db: Database.Database): GroupCommit {
  let queue: Pending[] = [];
  let scheduled: NodeJS.Immediate | null = null;
  const totals = { batches: 0, items: 0, largest: 0 };

  const flush = () => {
    if (scheduled !== null) clearImmediate(scheduled);
    scheduled = null;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    const results: Promise<unknown>[] = [];
    try {
      db.transaction(() => {
        for (const item of batch) {
          try {
            results.push(item.work());
          } catch (err) {
            results.push(Promise.reject(err));
          }
        }
      }).immediate();
    } catch (err) {
      for (const r of results) r.catch(() => {});
      for (const item of batch) item.reject(err);
      return;
    }
    totals.batches++;
    totals.items += batch.length;
    totals.largest = Math.max(totals.largest, batch.length);
    batch.forEach((item, i) => results[i].then(item.resolve, item.reject));
  };

  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        // setImmediate: after the I/O callbacks of this turn, so every request read meanwhile joins.
        scheduled ??= setImmediate(flush);
      });
    },
    flush,
    stats: () => ({ ...totals }),
  };
}

/** The store methods that write a citizen's submission. */
export type SubmissionWriters = Pick<Store, 'createFeedback' | 'createComment' | 'createVote'>;

/**
 * The SQLite store's citizen writes, each queued for the next group commit instead of committing
 * on its own. A feedback's time is taken when it is received, not when its batch runs.
 */
export function submissionsThroughGroupCommit(group: GroupCommit, now: () => Date, writers: SubmissionWriters): SubmissionWriters {
  return {
    createFeedback: (idempotency, feedback, at) => {
      const when = at ?? now().toISOString();
      return group.run(() => writers.createFeedback(idempotency, feedback, when));
    },
    createComment: (idempotency, comment) => group.run(() => writers.createComment(idempotency, comment)),
    createVote: (idempotency, vote) => group.run(() => writers.createVote(idempotency, vote)),
  };
}

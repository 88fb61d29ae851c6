/**
 * Group commit for the PostgreSQL store, the counterpart of SQLite's (`../sqlite/group-commit.ts`).
 * One transaction per submission costs a round trip (or several) and a WAL flush each, and the
 * driver's per-statement work in this process; instead, submissions that arrive in the same turn
 * of the event loop are written together: one transaction, one WAL flush, and for feedback one
 * statement (one round trip) for the whole batch.
 *
 * At most `maxInFlight` batches are in flight at once; whatever arrives while they are forms the
 * next batch, so batches grow with the load and stay single at a trickle (no added wait: a batch
 * starts at the end of the turn its first submission arrived in, when a slot is free).
 *
 * Guarantees (the writers below keep them; see `feedback.ts`, `consultations.ts`, `polls.ts`):
 * - No submission is acknowledged before the transaction holding it has committed.
 * - One item's failure (an unknown service, a constraint) is that item's alone: the others of
 *   its batch are stored and answered.
 * - Idempotency and uniqueness rest on the database's UNIQUE constraints, as before, so several
 *   adapter processes on one database stay exact; a key twice in one batch is written once.
 * - A batch that fails as a whole (a deadlock with another process's batch, a lost connection)
 *   is written again item by item, each in a transaction of its own.
 */

/** One item's result: its value, or the error only it gets. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface BatchStats {
  /** Batches written (each one transaction), items in them, the largest batch. */
  batches: number;
  items: number;
  largest: number;
  /** Batches that failed as a whole and were written again item by item. */
  fallbacks: number;
}

export interface Batcher<I, R> {
  /** Queues `item` for the next batch; settles once its batch committed (or it failed alone). */
  run(item: I): Promise<R>;
  /** Resolves once nothing is queued or in flight (before closing the pool). */
  drain(): Promise<void>;
  stats(): BatchStats;
}

export interface BatcherOptions {
  /** Batches in flight at once (each holds one pooled connection). Default 2. */
  maxInFlight?: number;
  /** Items per batch at most. Default 500. */
  maxBatch?: number;
}

/** The code of an error that says "try the transaction again" (deadlock, serialization failure). */
export function isRetryableError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/**
 * Batches `run` calls for `write`, which gets the items of one batch and returns one `Settled`
 * per item, in order. `write` may itself throw: then every item of the batch gets that error.
 */
export function batcher<I, R>(
  write: (items: readonly I[], stats: BatchStats) => Promise<Settled<R>[]>,
  options: BatcherOptions = {},
): Batcher<I, R> {
  const maxInFlight = options.maxInFlight ?? 2;
  const maxBatch = options.maxBatch ?? 500;
  interface Pending {
    item: I;
    resolve: (value: R) => void;
    reject: (reason: unknown) => void;
  }
  let queue: Pending[] = [];
  let scheduled = false;
  let inFlight = 0;
  let idle: (() => void)[] = [];
  const totals: BatchStats = { batches: 0, items: 0, largest: 0, fallbacks: 0 };

  const schedule = () => {
    if (scheduled || queue.length === 0 || inFlight >= maxInFlight) return;
    scheduled = true;
    // setImmediate: after the I/O callbacks of this turn, so every request read meanwhile joins.
    setImmediate(start);
  };

  const start = () => {
    scheduled = false;
    while (queue.length > 0 && inFlight < maxInFlight) {
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
      inFlight++;
      void writeBatch(batch);
    }
  };

  async function writeBatch(batch: Pending[]): Promise<void> {
    try {
      const results = await write(
        batch.map((p) => p.item),
        totals,
      );
      totals.batches++;
      totals.items += batch.length;
      totals.largest = Math.max(totals.largest, batch.length);
      batch.forEach((p, i) => {
        const r = results[i];
        if (r.ok) p.resolve(r.value);
        else p.reject(r.error);
      });
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      inFlight--;
      schedule();
      if (inFlight === 0 && queue.length === 0) {
        const waiting = idle;
        idle = [];
        for (const w of waiting) w();
      }
    }
  }

  return {
    run(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      });
    },
    drain() {
      if (inFlight === 0 && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
    stats: () => ({ ...totals }),
  };
}

/** Adds up the statistics of several batchers (the store's feedback, comments and votes). */
export function sumStats(all: readonly BatchStats[]): BatchStats {
  return all.reduce(
    (sum, s) => ({
      batches: sum.batches + s.batches,
      items: sum.items + s.items,
      largest: Math.max(sum.largest, s.largest),
      fallbacks: sum.fallbacks + s.fallbacks,
    }),
    { batches: 0, items: 0, largest: 0, fallbacks: 0 },
  );
}

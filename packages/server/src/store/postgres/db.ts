/**
 * How the PostgreSQL store's parts reach the database: single statements on the pool, and
 * transactions on one pooled connection. Both wait until the store is connected and migrated.
 */
import type pg from 'pg';
import type { QueryResultRow } from 'pg';
import { isRetryableError, type BatchStats, type Settled } from './group-commit.js';

/** Runs one statement and returns its rows. */
export type Q = <R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;

export interface PgDb {
  /** One statement on any pooled connection (its own implicit transaction). */
  query: Q;
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  tx<T>(fn: (q: Q) => Promise<T>): Promise<T>;
  /**
   * Runs `one` for each item in ONE transaction (one commit, one WAL flush), each item in a
   * savepoint of its own: an item that throws is rolled back alone and gets its error, the others
   * commit together. Items that hit a deadlock or serialization failure, and every item of a
   * batch whose transaction failed as a whole, are run again each in a transaction of its own.
   */
  eachInTx<I, R>(items: readonly I[], one: (q: Q, item: I) => Promise<R>, stats?: BatchStats): Promise<Settled<R>[]>;
}

async function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}

/** `pool` is a getter: the pool exists once `ready` has begun (the URL may still be coming). */
export function pgDb(pool: () => pg.Pool, ready: Promise<unknown>): PgDb {
  const db: PgDb = {
    async query(text, values) {
      await ready;
      return (await pool().query(text, values)).rows as never[];
    },
    async tx(fn) {
      await ready;
      const client = await pool().connect();
      const q: Q = async (text, values) => (await client.query(text, values)).rows as never[];
      try {
        await client.query('BEGIN');
        const result = await fn(q);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },

    eachInTx,
  };

  async function eachInTx<I, R>(items: readonly I[], one: (q: Q, item: I) => Promise<R>, stats?: BatchStats): Promise<Settled<R>[]> {
    if (items.length === 1) return [await settle(db.tx((q) => one(q, items[0])))];
    await ready;
    const out: (Settled<R> | null)[] = [];
    let client: pg.PoolClient | null = null;
    try {
      client = await pool().connect();
      const c = client;
      const q: Q = async (text, values) => (await c.query(text, values)).rows as never[];
      // Several statements in one simple query: one round trip for BEGIN and the first savepoint.
      await c.query('BEGIN; SAVEPOINT item');
      for (let i = 0; i < items.length; i++) {
        let value: R;
        try {
          value = await one(q, items[i]);
        } catch (error) {
          // The savepoint stays established after ROLLBACK TO: the next item starts from it.
          await c.query('ROLLBACK TO SAVEPOINT item');
          out.push(isRetryableError(error) ? null : { ok: false, error });
          continue;
        }
        out.push({ ok: true, value });
        if (i < items.length - 1) await c.query('RELEASE SAVEPOINT item; SAVEPOINT item');
      }
      await c.query('COMMIT');
      client.release();
    } catch {
      // The transaction failed as a whole (COMMIT refused, connection lost): nothing of it is
      // known to be stored, so every item runs again on its own (a key that did commit replays).
      if (client) {
        await client.query('ROLLBACK').catch(() => {});
        client.release(true);
      }
      if (stats) stats.fallbacks++;
      out.length = 0;
      for (let i = 0; i < items.length; i++) out.push(null);
    }
    for (let i = 0; i < items.length; i++) if (out[i] === null) out[i] = await settle(db.tx((q) => one(q, items[i])));
    return out as Settled<R>[];
  }
  return db;
}

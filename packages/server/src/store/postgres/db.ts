/**
 * How the PostgreSQL store's parts reach the database: single statements on the pool, and
 * transactions on one pooled connection. Both wait until the store is connected and migrated.
 */
import type pg from 'pg';
import type { QueryResultRow } from 'pg';

/** Runs one statement and returns its rows. */
export type Q = <R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;

export interface PgDb {
  /** One statement on any pooled connection (its own implicit transaction). */
  query: Q;
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  tx<T>(fn: (q: Q) => Promise<T>): Promise<T>;
}

/** `pool` is a getter: the pool exists once `ready` has begun (the URL may still be coming). */
export function pgDb(pool: () => pg.Pool, ready: Promise<unknown>): PgDb {
  return {
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
  };
}

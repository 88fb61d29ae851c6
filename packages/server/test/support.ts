/**
 * Shared by the test files (not a test itself): the stores under test, each on fresh storage.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore } from '../src/store/memory/store.js';
import { createPgStore, type PgStore } from '../src/store/postgres/store.js';
import { freshSchemaName, pgTestTarget, testPgServer } from '@nazar/testing/pg-test-cluster';
import { createSqliteStore } from '../src/store/sqlite/store.js';
import type { Store, StoreOptions } from '../src/store/store.js';

export interface StoreUnderTest {
  store: Store;
  /** Closes the store and opens the same storage again (null for the memory store). */
  reopen: (() => Promise<Store>) | null;
  /** How many submission rows the storage really holds (SQLite: counted with SQL directly). */
  countRows: () => Promise<number>;
  dispose: () => Promise<void>;
}

export interface StoreFactory {
  name: string;
  /**
   * Why this store's tests cannot run here (PostgreSQL without a server), for `describe`'s `skip`
   * option; never set under CI, where a missing PostgreSQL must fail the tests instead.
   */
  skip?: string;
  open(options?: StoreOptions): StoreUnderTest;
}

export function makeTempDir(prefix = 'nazar-test-'): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export const MEMORY_FACTORY: StoreFactory = {
  name: 'memory',
  open(options) {
    const store = createMemoryStore(options);
    return { store, reopen: null, countRows: () => store.countSubmissions(), dispose: () => store.close() };
  },
};

/** SQLite in a real file, in a directory of its own under the system's temporary directory. */
export const SQLITE_FACTORY: StoreFactory = {
  name: 'sqlite',
  open(options) {
    const tmp = makeTempDir();
    const path = join(tmp.dir, 'nested', 'nazar.db');
    let current = createSqliteStore(path, options);
    return {
      get store() {
        return current;
      },
      reopen: async () => {
        await current.close();
        current = createSqliteStore(path, options);
        return current;
      },
      countRows: async () => (current.db.prepare('SELECT COUNT(*) AS n FROM submissions').get() as { n: number }).n,
      dispose: async () => {
        await current.close();
        tmp.dispose();
      },
    };
  },
};

const pgTarget = pgTestTarget();

/** Migrated schemas emptied by a finished test, ready for the next (migrations cost ~100 ms). */
const freeSchemas: string[] = [];
let cleanupRegistered = false;

/** Drops this process's schemas once the tests are done (a throwaway cluster goes away anyway). */
function registerCleanup(): void {
  if (cleanupRegistered) return;
  cleanupRegistered = true;
  process.once('beforeExit', () => {
    const schemas = freeSchemas.splice(0);
    if (schemas.length === 0) return;
    void (async () => {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: (await testPgServer()).url });
      try {
        await client.connect();
        for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } catch {
        // best effort
      } finally {
        await client.end().catch(() => {});
      }
    })();
  });
}

/**
 * PostgreSQL: each store gets empty storage on the test server (NAZAR_TEST_DATABASE_URL, else a
 * throwaway cluster; see pg-test-cluster.ts): a schema of its own, made and migrated for the first
 * tests and then emptied (TRUNCATE … RESTART IDENTITY) and reused; all dropped at exit.
 */
export const PG_FACTORY: StoreFactory = {
  name: 'postgres',
  ...(pgTarget.kind === 'none' && process.env.CI !== 'true' ? { skip: pgTarget.reason } : {}),
  open(options) {
    registerCleanup();
    const schema = freeSchemas.pop() ?? freshSchemaName();
    const url = testPgServer().then((s) => s.url);
    const make = () => createPgStore(url, { ...options, schema, max: 4 });
    let current: PgStore = make();
    return {
      get store() {
        return current;
      },
      reopen: async () => {
        await current.close();
        current = make();
        await current.ready;
        return current;
      },
      countRows: async () => {
        await current.ready;
        return (await current.pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM submissions')).rows[0].n;
      },
      dispose: async () => {
        try {
          await current.ready;
          const { rows } = await current.pool.query<{ name: string }>(
            `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'`,
            [schema],
          );
          if (rows.length > 0) await current.pool.query(`TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE`);
          await current.close();
          freeSchemas.push(schema);
        } catch {
          await current.dropSchema();
        }
      },
    };
  },
};

/** Every store, for tests that run against each (HTTP routes, views, the admin API). */
export const STORE_FACTORIES: StoreFactory[] = [MEMORY_FACTORY, SQLITE_FACTORY, PG_FACTORY];

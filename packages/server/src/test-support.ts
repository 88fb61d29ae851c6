/**
 * Shared by the test files (not a test itself): the stores under test, each on fresh storage.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore } from './memory-store.js';
import { createPgStore, type PgStore } from './pg-store.js';
import { freshSchemaName, pgTestTarget, testPgServer } from './pg-test-cluster.js';
import { createSqliteStore } from './sqlite-store.js';
import type { Store, StoreOptions } from './store.js';

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

export const STORE_FACTORIES: StoreFactory[] = [
  {
    name: 'memory',
    open(options) {
      const store = createMemoryStore(options);
      return { store, reopen: null, countRows: () => store.countSubmissions(), dispose: () => store.close() };
    },
  },
  {
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
  },
];

const pgTarget = pgTestTarget();

/**
 * PostgreSQL: each store gets a fresh schema on the test server (NAZAR_TEST_DATABASE_URL, else a
 * throwaway cluster; see pg-test-cluster.ts), dropped on dispose.
 */
export const PG_FACTORY: StoreFactory = {
  name: 'postgres',
  ...(pgTarget.kind === 'none' && process.env.CI !== 'true' ? { skip: pgTarget.reason } : {}),
  open(options) {
    const schema = freshSchemaName();
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
        return (await current.pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM submissions')).rows[0]!.n;
      },
      dispose: () => current.dropSchema(),
    };
  },
};

STORE_FACTORIES.push(PG_FACTORY);

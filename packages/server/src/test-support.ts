/**
 * Shared by the test files (not a test itself): the stores under test, each on fresh storage.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore } from './memory-store.js';
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

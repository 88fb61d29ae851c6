/**
 * Opens the store a configuration names (Node only: the CLI and `main.ts`): memory, a SQLite file
 * (created with its directory), or PostgreSQL (connected and migrated before it is returned).
 * Errors name the database without its password.
 */
import type { ServerConfig } from '../config/config.js';
import { createMemoryStore } from './memory/store.js';
import { createPgStore, redactUrl } from './postgres/store.js';
import { createSqliteStore } from './sqlite/store.js';
import type { Store } from './store.js';

export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

/** Where the data lives, for messages and logs (never a password). */
export function describeDatabase(database: ServerConfig['database']): string {
  if (database.kind === 'memory') return 'memory (lost on exit)';
  if (database.kind === 'sqlite') return `sqlite:${database.path}`;
  return redactUrl(database.url);
}

export async function openStore(database: ServerConfig['database']): Promise<Store> {
  try {
    if (database.kind === 'memory') return createMemoryStore();
    if (database.kind === 'sqlite') return createSqliteStore(database.path);
    const store = createPgStore(database.url);
    try {
      await store.ready;
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new StoreOpenError(
      `cannot open the database ${describeDatabase(database)}: ${reason.replaceAll(database.kind === 'postgres' ? database.url : '\u0000', redactUrl(database.kind === 'postgres' ? database.url : ''))}`,
    );
  }
}

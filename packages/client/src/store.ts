import { del, get, promisifyRequest, set, values, type UseStore } from 'idb-keyval';

/** The object store that holds outbox items, keyed by item id. */
export const OUTBOX_STORE = 'outbox';
const OPEN_TIMEOUT_MS = 5000;

/**
 * An idb-keyval `UseStore` whose readwrite transactions ask for `durability: 'strict'` (committed
 * only once on disk, unlike Workbox's 'relaxed'). It also repairs a database that exists without
 * the object store (by upgrading it), lets other tabs upgrade (closes on `versionchange`), reopens
 * after the browser closed the connection, and gives up on an open that hangs (old Safari).
 */
export function createStrictStore(dbName: string, storeName = OUTBOX_STORE, factory?: IDBFactory): UseStore {
  let dbp: Promise<IDBDatabase> | undefined;

  const open = (idb: IDBFactory, version?: number): Promise<IDBDatabase> =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const req = idb.open(dbName, version);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(storeName)) req.result.createObjectStore(storeName);
      };
      req.onsuccess = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(storeName)) {
          const next = db.version + 1;
          db.close();
          open(idb, next).then(resolve, reject);
          return;
        }
        db.onversionchange = () => {
          db.close();
          dbp = undefined;
        };
        db.onclose = () => {
          dbp = undefined;
        };
        resolve(db);
      };
      req.onerror = () => reject(req.error);
    });

  const getDB = (): Promise<IDBDatabase> => {
    if (dbp) return dbp;
    const p = new Promise<IDBDatabase>((resolve, reject) => {
      const timer = setTimeout(() => reject(new DOMException('IndexedDB open timed out', 'TimeoutError')), OPEN_TIMEOUT_MS);
      const idb = factory ?? globalThis.indexedDB;
      if (!idb) throw new DOMException('IndexedDB is not available', 'NotSupportedError');
      open(idb).then(resolve, reject).finally(() => clearTimeout(timer));
    });
    dbp = p;
    p.catch(() => {
      if (dbp === p) dbp = undefined;
    });
    return p;
  };

  const tx = (db: IDBDatabase, mode: IDBTransactionMode) =>
    db.transaction(storeName, mode, mode === 'readwrite' ? { durability: 'strict' } : undefined).objectStore(storeName);

  return async (mode, callback) => {
    let db = await getDB();
    let store: IDBObjectStore;
    try {
      store = tx(db, mode);
    } catch (err) {
      // The connection was closed under us (versionchange, Safari): reopen once.
      if (!(err instanceof DOMException && err.name === 'InvalidStateError')) throw err;
      dbp = undefined;
      db = await getDB();
      store = tx(db, mode);
    }
    return callback(store);
  };
}

/** Where outbox items live: IndexedDB (durable) or a Map (this page only). */
export interface ItemStore<T extends { id: string }> {
  readonly durable: boolean;
  get(id: string): Promise<T | undefined>;
  put(item: T): Promise<void>;
  del(id: string): Promise<void>;
  /** All items in key (= id = FIFO) order. */
  all(): Promise<T[]>;
  /**
   * Reads the item and writes what `fn` returns, in one transaction. Returns the written item,
   * or undefined (nothing written) when the item is gone or `fn` returns undefined.
   */
  update(id: string, fn: (current: T) => T | undefined): Promise<T | undefined>;
}

export function idbItemStore<T extends { id: string }>(useStore: UseStore): ItemStore<T> {
  return {
    durable: true,
    get: (id) => get<T>(id, useStore),
    put: (item) => set(item.id, item, useStore),
    del: (id) => del(id, useStore),
    all: () => values<T>(useStore),
    update: (id, fn) =>
      useStore('readwrite', async (store) => {
        const current = await promisifyRequest(store.get(id) as IDBRequest<T | undefined>);
        const next = current === undefined ? undefined : fn(current);
        if (next !== undefined) store.put(next, id);
        await promisifyRequest(store.transaction);
        return next;
      }),
  };
}

export function memoryItemStore<T extends { id: string }>(initial: Iterable<T> = []): ItemStore<T> {
  const map = new Map<string, T>();
  for (const item of initial) map.set(item.id, structuredClone(item));
  const copy = <V>(v: V): V => (v === undefined ? v : structuredClone(v));
  return {
    durable: false,
    get: async (id) => copy(map.get(id)),
    put: async (item) => void map.set(item.id, copy(item)),
    del: async (id) => void map.delete(id),
    all: async () => [...map.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(copy),
    update: async (id, fn) => {
      const current = map.get(id);
      const next = current === undefined ? undefined : fn(copy(current));
      if (next !== undefined) map.set(id, copy(next));
      return copy(next);
    },
  };
}

import { promisifyRequest, values } from 'idb-keyval';

/** The object store that holds outbox items, keyed by item id. */
export const OUTBOX_STORE = 'outbox';
/**
 * How long an `indexedDB.open` may take before the outbox gives up on it and goes on in memory
 * (old Safari could hang forever). Short, so that the citizen hears within a second that their
 * item is not stored on the device.
 */
export const OPEN_TIMEOUT_MS = 1000;

/**
 * `strict`: the transaction completes only once the data is on disk (for what the citizen typed).
 * `relaxed`: once handed to the OS (for bookkeeping the outbox can redo, e.g. "delivered": if a
 * power cut loses it, the item is sent again with its key and the server replays its answer).
 */
export type Durability = 'strict' | 'relaxed';

/** idb-keyval's `UseStore`, plus the durability of readwrite transactions (strict by default). */
export type StrictUseStore = <T>(
  mode: IDBTransactionMode,
  callback: (store: IDBObjectStore) => T | PromiseLike<T>,
  durability?: Durability,
) => Promise<T>;

/**
 * An idb-keyval `UseStore` whose readwrite transactions ask for `durability: 'strict'` (committed
 * only once on disk, unlike Workbox's 'relaxed'). It also repairs a database that exists without
 * the object store (by upgrading it), lets other tabs upgrade (closes on `versionchange`), reopens
 * after the browser closed the connection, and gives up on an open that hangs (old Safari).
 */
export function createStrictStore(
  dbName: string,
  storeName = OUTBOX_STORE,
  factory?: IDBFactory,
  openTimeoutMs = OPEN_TIMEOUT_MS,
): StrictUseStore {
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
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    });

  const getDB = (): Promise<IDBDatabase> => {
    if (dbp) return dbp;
    const p = new Promise<IDBDatabase>((resolve, reject) => {
      const timer = setTimeout(() => reject(new DOMException('IndexedDB open timed out', 'TimeoutError')), openTimeoutMs);
      const idb = factory ?? globalThis.indexedDB;
      if (!idb) throw new DOMException('IndexedDB is not available', 'NotSupportedError');
      open(idb)
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    });
    dbp = p;
    p.catch(() => {
      if (dbp === p) dbp = undefined;
    });
    return p;
  };

  const tx = (db: IDBDatabase, mode: IDBTransactionMode, durability: Durability) =>
    db.transaction(storeName, mode, mode === 'readwrite' ? { durability } : undefined).objectStore(storeName);

  return async (mode, callback, durability = 'strict') => {
    let db = await getDB();
    let store: IDBObjectStore;
    try {
      store = tx(db, mode, durability);
    } catch (err) {
      // The connection was closed under us (versionchange, Safari): reopen once.
      if (!(err instanceof DOMException && err.name === 'InvalidStateError')) throw err;
      dbp = undefined;
      db = await getDB();
      store = tx(db, mode, durability);
    }
    return callback(store);
  };
}

/**
 * Where outbox items live: IndexedDB (durable) or a Map (this page only). Every method is one
 * transaction: it happens entirely or not at all, whatever happens to the page meanwhile.
 * Writes are strict unless a method says otherwise.
 */
export interface ItemStore<T extends { id: string }> {
  readonly durable: boolean;
  get(id: string): Promise<T | undefined>;
  put(item: T): Promise<void>;
  del(id: string): Promise<void>;
  /** All records in key (= id = FIFO) order, in one read. May include records that are not items. */
  all(): Promise<T[]>;
  /**
   * Reads the item and writes what `fn` returns, in one transaction. Returns the written item,
   * or undefined (nothing written) when the item is gone or `fn` returns undefined.
   */
  update(id: string, fn: (current: T) => T | undefined, durability?: Durability): Promise<T | undefined>;
  /**
   * Reads any record (present or not) and, in the same transaction, writes what `fn` returns:
   * a value replaces it, null deletes it, undefined leaves it. Returns the record as it is after.
   * (Used for the flush lease where Web Locks are missing.)
   */
  swap<V>(key: string, fn: (current: V | undefined) => V | null | undefined, durability?: Durability): Promise<V | undefined>;
}

export function idbItemStore<T extends { id: string }>(useStore: StrictUseStore): ItemStore<T> {
  const write = <R>(durability: Durability | undefined, fn: (store: IDBObjectStore) => R): Promise<R> =>
    useStore(
      'readwrite',
      async (store) => {
        const result = fn(store);
        await promisifyRequest(store.transaction);
        return result;
      },
      durability,
    );
  const read = <V>(store: IDBObjectStore, key: string) => promisifyRequest(store.get(key) as IDBRequest<V | undefined>);
  return {
    durable: true,
    get: (id) => useStore('readonly', (store) => read<T>(store, id)),
    put: (item) => write(undefined, (store) => void store.put(item, item.id)),
    del: (id) => write(undefined, (store) => void store.delete(id)),
    all: () => values<T>(useStore),
    update: (id, fn, durability) =>
      useStore(
        'readwrite',
        async (store) => {
          const current = await read<T>(store, id);
          const next = current === undefined ? undefined : fn(current);
          if (next !== undefined) store.put(next, id);
          await promisifyRequest(store.transaction);
          return next;
        },
        durability,
      ),
    swap: <V>(key: string, fn: (current: V | undefined) => V | null | undefined, durability?: Durability) =>
      useStore(
        'readwrite',
        async (store) => {
          const current = await read<V>(store, key);
          const next = fn(current);
          if (next === null) store.delete(key);
          else if (next !== undefined) store.put(next, key);
          await promisifyRequest(store.transaction);
          return next === null ? undefined : (next ?? current);
        },
        durability,
      ),
  };
}

export function memoryItemStore<T extends { id: string }>(initial: Iterable<T> = []): ItemStore<T> {
  const map = new Map<string, unknown>();
  for (const item of initial) map.set(item.id, structuredClone(item));
  const copy = <V>(v: V): V => (v === undefined ? v : structuredClone(v));
  return {
    durable: false,
    get: async (id) => copy(map.get(id) as T | undefined),
    put: async (item) => void map.set(item.id, copy(item)),
    del: async (id) => void map.delete(id),
    all: async () => [...map.keys()].sort().map((k) => copy(map.get(k) as T)),
    update: async (id, fn) => {
      const current = map.get(id) as T | undefined;
      const next = current === undefined ? undefined : fn(copy(current));
      if (next !== undefined) map.set(id, copy(next));
      return copy(next);
    },
    swap: async <V>(key: string, fn: (current: V | undefined) => V | null | undefined) => {
      const next = fn(copy(map.get(key) as V | undefined));
      if (next === null) map.delete(key);
      else if (next !== undefined) map.set(key, copy(next));
      return copy(map.get(key) as V | undefined);
    },
  };
}

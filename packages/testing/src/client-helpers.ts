/** A few assertions for browser tests (no assertion library is installed). */
export function assert(cond: unknown, message = 'assertion failed'): asserts cond {
  if (!cond) throw new Error(message);
}

export function equal<T>(actual: T, expected: T, message?: string): void {
  if (!Object.is(actual, expected)) throw new Error(`${message ? message + ': ' : ''}expected ${show(expected)}, got ${show(actual)}`);
}

export function deepEqual(actual: unknown, expected: unknown, message?: string): void {
  if (show(actual) !== show(expected)) throw new Error(`${message ? message + ': ' : ''}expected ${show(expected)}, got ${show(actual)}`);
}

export function between(actual: number, min: number, max: number, message?: string): void {
  if (!(actual >= min && actual <= max)) throw new Error(`${message ? message + ': ' : ''}expected ${actual} in [${min}, ${max}]`);
}

export async function rejects(p: Promise<unknown>, message = 'expected a rejection'): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error(message);
}

function show(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x === undefined ? '<undefined>' : x)) ?? String(v);
}

/** Waits until `fn` returns a truthy value (polling), or fails after `timeoutMs`. */
export async function until<T>(fn: () => T | Promise<T>, timeoutMs = 3000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Reads every record of a raw IndexedDB object store (bypassing the outbox code). */
export function readRawStore(dbName: string, storeName = 'outbox'): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(storeName)) {
        db.close();
        resolve([]);
        return;
      }
      const all = db.transaction(storeName).objectStore(storeName).getAll();
      all.onsuccess = () => {
        db.close();
        resolve(all.result);
      };
      all.onerror = () => reject(all.error ?? new Error('IndexedDB request failed'));
    };
  });
}

/** Writes records into a raw IndexedDB object store, creating it if needed. */
export function writeRawStore(dbName: string, records: { id: string }[], storeName = 'outbox'): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName);
    req.onupgradeneeded = () => req.result.createObjectStore(storeName);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(storeName, 'readwrite');
      for (const r of records) tx.objectStore(storeName).put(r, r.id);
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB request failed'));
    };
  });
}

let counter = 0;
/** A database name no other test uses. */
export function uniqueName(label: string): string {
  return `test-${label}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

import { clientProblem, type Timers } from '../http.js';
import { isItem, type OutboxItem } from './item.js';
import { memoryItemStore, type ItemStore } from './item-store.js';
import type { Emit } from './notify.js';

/** How long a failed store may take to hand over what it still holds. */
const SALVAGE_MS = 250;

export interface StorageContext {
  /** Where items live: IndexedDB (or an injected store) until it fails, then this page's memory. */
  store: ItemStore<OutboxItem>;
  /** The durable store that failed, after a fall-back to memory. */
  failed?: ItemStore<OutboxItem>;
  readonly timers: Timers;
  readonly emit: Emit;
}

/** Runs `op` on the store; when a durable store fails, goes on in memory and runs `op` there. */
export async function io<T>(c: StorageContext, op: (store: ItemStore<OutboxItem>) => Promise<T>): Promise<T> {
  const used = c.store;
  try {
    return await op(used);
  } catch (err) {
    if (!used.durable) throw err;
    if (c.store === used) {
      // IndexedDB failed: say so at once, and go on in memory.
      const memory = memoryItemStore<OutboxItem>();
      c.store = memory;
      c.failed = used;
      const e = err as Error;
      c.emit('storage-error', clientProblem('storage-unavailable', 0, `${e?.name}: ${e?.message}`));
      // Take along whatever it still lets us read (a full disk reads), if it answers at once.
      const salvage = (async () => {
        for (const item of await used.all()) if (isItem(item) && !(await memory.get(item.id))) await memory.put(item);
      })();
      let timeout: unknown;
      await Promise.race([salvage, new Promise((r) => (timeout = c.timers.setTimeout(() => r(0), SALVAGE_MS)))]).catch(() => {
        /* nothing readable */
      });
      c.timers.clearTimeout(timeout);
    }
    return op(c.store);
  }
}

/** Every item in FIFO order, in one read (the lease record and anything odd left out). */
export const allItems = async (c: StorageContext): Promise<OutboxItem[]> => (await io(c, (s) => s.all())).filter(isItem);

/**
 * After a fall-back to memory, best effort: keep the device's durable copy of an item from
 * contradicting what then happened to it (resent, delivered, or discarded), so that a reload
 * does not bring back, say, a refused version the citizen has since fixed and sent. Writes the
 * new version, or else deletes the old one (a full disk usually still allows a delete).
 */
export async function mirror(c: StorageContext, id: string, item?: OutboxItem): Promise<void> {
  const d = c.failed;
  if (!d) return;
  try {
    // No item: it was deleted here, so it goes from the device too (the catch).
    await (item ? d.update(id, () => item) : Promise.reject(new Error('deleted')));
  } catch {
    await d.del(id).catch(() => {});
  }
}

import { flush, type FlushContext } from './flush.js';
import { isItem, supersedes } from './item.js';

/**
 * Another tab (or instance) changed an item: re-read it, tell our listeners, and send it if it
 * is queued and we are the one flushing. A tab on memory (after a storage-error) has only its
 * own copies: it takes the sender's version of an item it holds, or drops a deleted one, so that
 * it does not offer the citizen a stale copy (say, a refused item fixed meanwhile).
 */
export async function receive(c: FlushContext, message: unknown): Promise<void> {
  const data = message as { id?: unknown; state?: unknown; item?: unknown } | null;
  const id = data?.id;
  if (typeof id != 'string') return;
  try {
    if (!c.store.durable) {
      const theirs = isItem(data!.item) && data!.item.id == id ? data!.item : undefined;
      if (theirs) {
        const ours = await c.store.update(id, (cur) => (supersedes(theirs, cur) ? theirs : undefined));
        if (ours) c.emit('change', ours);
      } else if (data!.state === null && (await c.store.get(id))) {
        await c.store.del(id);
        c.emit('removed', { id });
      }
      return;
    }
    const item = await c.store.get(id);
    if (!isItem(item)) {
      if (item === undefined) c.emit('removed', { id });
      return;
    }
    c.emit('change', item);
    if (c.started && item.state == 'queued') void flush(c);
  } catch {
    /* the next own operation will notice a broken store */
  }
}

import type { OutboxItem } from './item.js';
import { inParallel, intoLanes, isDue } from './lanes.js';
import { removed } from './notify.js';
import { send, type SendContext } from './send.js';
import { allItems, io } from './storage.js';
import type { Guard } from './turn.js';

export interface PassContext extends SendContext {
  /** Items being resent here: not sent until the resend is over (see `mirror`). */
  readonly resending: ReadonlySet<string>;
  /** How many owners' lanes are sent side by side. */
  readonly concurrency: number;
  /** When the earliest item held back by this pass falls due (undefined: none). */
  wakeAt?: number;
}

/** What the lanes of one pass share. */
export interface PassState {
  /** Set when sending must end for every lane: no connection, or the turn was lost. */
  stop: boolean;
  /** When each item a lane stopped at falls due. */
  waits: number[];
}

/** One pass over the due items, holding the turn; `online` when the page just heard `online`. */
export async function pass(c: PassContext, online: boolean, guard: Guard): Promise<void> {
  const items = await allItems(c); // one read for the whole pass
  const queues = await intoLanes(items, c.now(), c.resending, async (item) => {
    await io(c, (s) => s.del(item.id));
    removed(c, item.id);
  });
  const p: PassState = { stop: false, waits: [] };
  await inParallel(
    queues,
    c.concurrency,
    (queue) => lane(c, queue, online, guard, p),
    () => p.stop,
  );
  c.wakeAt = p.waits.length ? Math.min(...p.waits) : undefined;
}

/**
 * Sends one owner's items in FIFO order, until one is not due, or must wait for its retry: that
 * one holds back the owner's later ones.
 */
export async function lane(c: SendContext, queue: readonly OutboxItem[], online: boolean, guard: Guard, p: PassState): Promise<void> {
  for (const item of queue) {
    if (!isDue(item, c.now(), online)) return void p.waits.push(item.nextAttemptAt);
    if (p.stop || !(await guard())) return void (p.stop = true);
    const [outcome, next] = await send(c, item);
    // No connection: the others would fail the same way. Probe again when this one is due.
    if (outcome == 'offline') p.stop = true;
    if (outcome == 'offline' || outcome == 'retry') return void (next && p.waits.push(next.nextAttemptAt));
  }
}

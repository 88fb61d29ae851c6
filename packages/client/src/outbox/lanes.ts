// Which items a pass sends, in which order, and how many owners side by side.
import type { OutboxItem } from './item.js';

/** Delivered items are kept this long (the widget shows their tracking code), then pruned. */
export const DELIVERED_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The items (in FIFO order) that may be sent, one lane per owner in order of each owner's first
 * item, as seen at time `t`. A refused item, or one being resent, is in no lane, so it holds back
 * nothing; a delivered one past its retention is handed to `prune` (awaited, in order).
 */
export async function intoLanes(
  items: readonly OutboxItem[],
  t: number,
  resending: ReadonlySet<string>,
  prune: (item: OutboxItem) => Promise<void>,
): Promise<OutboxItem[][]> {
  const lanes = new Map<string, OutboxItem[]>();
  for (const item of items) {
    if (item.state == 'delivered') {
      if (t - item.updatedAt > DELIVERED_RETENTION_MS) await prune(item);
    } else if (item.state != 'needs-attention' && !resending.has(item.id)) {
      const lane = lanes.get(item.owner);
      if (lane) lane.push(item);
      else lanes.set(item.owner, [item]);
    }
  }
  return [...lanes.values()];
}

/**
 * Whether the item is to be sent now (at `t`). One found `sending` while we hold the turn was
 * left by a page that died mid-request: it is sent again (its idempotency key makes that safe).
 * Just after `online`, one that failed for want of a network is tried again at once.
 */
export function isDue(item: OutboxItem, t: number, online: boolean): boolean {
  const code = item.problem?.code;
  return item.state == 'sending' || item.nextAttemptAt <= t || (online && (code == 'network' || code == 'timeout'));
}

/**
 * Runs `run` on each queue, at most `concurrency` at a time, taking them off `queues` in order;
 * none is started once `stopped()`.
 */
export async function inParallel<Q>(
  queues: Q[],
  concurrency: number,
  run: (queue: Q) => Promise<void>,
  stopped: () => boolean,
): Promise<void> {
  const worker = async () => {
    for (let q; !stopped() && (q = queues.shift());) await run(q);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queues.length) }, worker));
}

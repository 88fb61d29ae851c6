import type { OutboxItem, OutboxState } from './item.js';

/** The part of a BroadcastChannel the outbox uses. */
export type ChannelLike = Pick<BroadcastChannel, 'postMessage' | 'onmessage'>;

/** Dispatches one of the outbox's own events (`OutboxEventMap`) on it. */
export type Emit = (type: 'change' | 'removed' | 'storage-error', detail: unknown) => unknown;

/** Who hears of a change: this page's listeners, and the other tabs over the channel. */
export interface NotifyContext {
  readonly emit: Emit;
  readonly channel: ChannelLike | null;
}

/** Tells the other tabs. The item goes along for those that cannot re-read it (on memory). */
export function post(c: NotifyContext, id: string, state: OutboxState | null, item?: OutboxItem): void {
  try {
    c.channel?.postMessage({ id, state, item });
  } catch {
    /* closed channel */
  }
}

export function changed(c: NotifyContext, item: OutboxItem): void {
  c.emit('change', structuredClone(item));
  post(c, item.id, item.state, item);
}

export function removed(c: NotifyContext, id: string): void {
  c.emit('removed', { id });
  post(c, id, null);
}

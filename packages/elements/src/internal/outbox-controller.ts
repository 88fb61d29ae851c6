import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Problem } from '@nazar/protocol/browser';
import { getOutbox, type Outbox, type OutboxItem } from '@nazar/client';
import { emit } from './events.js';

/** How an element takes the Outbox's news of its own items into its state. */
export interface OutboxHooks {
  /** Which items are this element's (OutboxItem.owner). Read at every use: it follows attributes. */
  owner(): string;
  /** The item the element shows, if any (a refused one is what `send` sends again). */
  item(): OutboxItem | undefined;
  /** Takes any change of one of its items into its state; false when it is not the item shown, and nothing more happens. */
  changed(item: OutboxItem): boolean | void;
  /** A delivered item: its tracking code for `nazar-delivered` (undefined: no event). */
  delivered(item: OutboxItem): string | undefined;
  /** A refused item, before `nazar-rejected`. */
  rejected(item: OutboxItem, problem: Problem): void;
  /** After the `nazar-*` event of a delivery or refusal: what it changes beyond this element. */
  settled?(item: OutboxItem): void;
  /**
   * The Outbox keeps items in this page's memory only (IndexedDB unusable): called on connecting
   * if it already does, and when it starts to.
   */
  storageFailed?(): void;
}

/**
 * The page's Outbox (one per page, shared by every widget) as seen by one element: started and
 * subscribed while the element is connected, each change of the element's own items mapped to its
 * state and to the `nazar-*` events every widget sends. The element keeps its item as its own
 * reactive state, so setting it in a hook renders.
 */
export class OutboxController implements ReactiveController {
  /** The page's Outbox, from the first connection on (kept after a disconnection). */
  instance: Outbox | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly hooks: OutboxHooks,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const outbox = (this.instance = getOutbox());
    outbox.addEventListener('change', this);
    outbox.addEventListener('storage-error', this);
    outbox.start();
    if (!outbox.durable) this.hooks.storageFailed?.();
  }

  hostDisconnected(): void {
    this.instance?.removeEventListener('change', this);
    this.instance?.removeEventListener('storage-error', this);
  }

  /** This element's items, oldest first (none before the first connection). */
  async list(): Promise<OutboxItem[]> {
    return (await this.instance?.list(this.hooks.owner())) ?? [];
  }

  /**
   * Saves `body` as a new item, or, when the item shown was refused, as that item edited (sent
   * again with a new key). `saved` gets the item to show before `nazar-queued` says it is on this
   * device: the stored one, unless a change event brought a newer state of it meanwhile.
   */
  async send(target: { api: string; path: string }, body: unknown, saved: (item: OutboxItem) => void): Promise<void> {
    const outbox = this.instance;
    if (!outbox) return;
    const { hooks } = this;
    const shown = hooks.item();
    const item =
      shown?.state === 'needs-attention'
        ? await outbox.resend(shown.id, body)
        : await outbox.enqueue({ ...target, body, owner: hooks.owner() });
    const now = hooks.item();
    saved(now?.id !== item.id || now.updatedAt <= item.updatedAt ? item : now);
    emit(this.host, 'nazar-queued', { itemId: item.id, owner: hooks.owner() });
  }

  /** The Outbox's `change` and `storage-error` (the controller is their listener). */
  handleEvent(event: Event): void {
    const { hooks } = this;
    if (event.type !== 'change') return void hooks.storageFailed?.();
    const item = (event as CustomEvent<OutboxItem>).detail;
    if (item.owner !== hooks.owner() || hooks.changed(item) === false) return;
    const { id, owner, problem } = item;
    if (item.state === 'delivered') {
      const trackingCode = hooks.delivered(item);
      if (trackingCode !== undefined) emit(this.host, 'nazar-delivered', { itemId: id, owner, trackingCode });
    } else if (item.state === 'needs-attention' && problem) {
      hooks.rejected(item, problem);
      emit(this.host, 'nazar-rejected', { itemId: id, owner, problem });
    } else return;
    hooks.settled?.(item);
  }
}

import type { Problem } from '@nazar/protocol/browser';

export interface NazarQueuedDetail {
  itemId: string;
  owner: string;
}
export interface NazarDeliveredDetail {
  itemId: string;
  owner: string;
  trackingCode: string;
}
export interface NazarRejectedDetail {
  itemId: string;
  owner: string;
  problem: Problem;
}
export interface NazarErrorDetail {
  problem: Problem;
}

declare global {
  interface HTMLElementEventMap {
    /** Saved on this device (IndexedDB), not yet sent. */
    'nazar-queued': CustomEvent<NazarQueuedDetail>;
    /** The server has it; detail has the tracking code. */
    'nazar-delivered': CustomEvent<NazarDeliveredDetail>;
    /** The server refused it; detail has the problem. It is kept for the citizen to edit. */
    'nazar-rejected': CustomEvent<NazarRejectedDetail>;
    /** The widget could not load or is misconfigured. */
    'nazar-error': CustomEvent<NazarErrorDetail>;
  }
}

export function emit<K extends 'nazar-queued' | 'nazar-delivered' | 'nazar-rejected' | 'nazar-error'>(
  target: EventTarget,
  type: K,
  detail: HTMLElementEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

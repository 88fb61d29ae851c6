import type { ItemStore } from './item-store.js';

export interface PersistContext {
  /** Asks the browser for persistent storage; null not to ask. */
  readonly persist: (() => Promise<boolean>) | null;
  askedPersist: boolean;
  /** What the browser answered; undefined until then. */
  persisted?: boolean;
  readonly store: Pick<ItemStore<never>, 'durable'>;
}

/** Asks once, and only while items are stored on the device: there is nothing to keep otherwise. */
export function askPersistence(c: PersistContext): void {
  const persist = c.persist; // called on its own, as it always was (not as a method of `c`)
  if (c.askedPersist || !persist || !c.store.durable) return;
  c.askedPersist = true;
  try {
    // Never waited for: a browser may prompt, or never answer.
    persist().then(
      (v) => (c.persisted = v),
      () => {},
    );
  } catch {
    /* not allowed here */
  }
}

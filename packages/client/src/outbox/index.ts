import type { Problem } from '@nazar/protocol/browser';
import { DEFAULT_TIMEOUT_MS } from '../client.js';
import { realTimers, type Timers } from '../http.js';
import { monotonicId, uuidV4 } from '../ids.js';
import { flush, run, type FlushContext } from './flush.js';
import { omit, toJson, type OutboxItem } from './item.js';
import { createStrictStore, idbItemStore, type ItemStore } from './item-store.js';
import { changed, removed, type ChannelLike } from './notify.js';
import { askPersistence, type PersistContext } from './persist.js';
import { receive } from './receive.js';
import { allItems, io, mirror } from './storage.js';

export type { OutboxItem, OutboxState } from './item.js';
export type { ChannelLike } from './notify.js';
export { DELIVERED_RETENTION_MS } from './lanes.js';

export interface OutboxEventMap {
  /** An item was written (any state change), here or in another tab. */
  change: CustomEvent<OutboxItem>;
  /** An item was deleted (discarded, or pruned 30 days after delivery), here or in another tab. */
  removed: CustomEvent<{ id: string }>;
  /** IndexedDB failed; the outbox now keeps items in memory (`durable` is false). */
  'storage-error': CustomEvent<Problem>;
}

export interface Outbox extends EventTarget {
  /** False once IndexedDB proved unavailable and items live in this page's memory only. */
  readonly durable: boolean;
  /**
   * True on browsers known to delete everything a script stored for a site after 7 days without
   * the citizen interacting with that site (Safari and every browser on iOS/iPadOS: WebKit's
   * tracking prevention). Decided from the user agent, erring towards true. A widget should then
   * tell the citizen that an item not yet delivered is waiting on this device and needs the page
   * opened again (see `EVICTION_WINDOW_MS` and the item's `createdAt`).
   */
  readonly evictionRisk: boolean;
  /**
   * What `navigator.storage.persist()` answered (asked once, when the first item is queued):
   * true if the browser promised not to evict this site's storage under pressure; undefined
   * until asked and answered, or where the API is missing.
   */
  readonly persisted: boolean | undefined;
  /** Saves the item (state `queued`) and resolves once it is read back from storage; then flushes. */
  enqueue(input: { api: string; path: string; body: unknown; owner: string }): Promise<OutboxItem>;
  /** Edits a needs-attention item: new body, new idempotency key, back to queued; then flushes. */
  resend(id: string, body: unknown): Promise<OutboxItem>;
  discard(id: string): Promise<void>;
  /** Items (of one owner, or all) in FIFO order. */
  list(owner?: string): Promise<OutboxItem[]>;
  /** One pass over the due items (one tab at a time). Resolves when the pass is over. */
  flush(): Promise<void>;
  /** Flushes now, and on `online`, on becoming visible, and on a timer. Idempotent. */
  start(): void;
  stop(): void;
  addEventListener<K extends keyof OutboxEventMap>(
    type: K,
    listener: (this: Outbox, ev: OutboxEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof OutboxEventMap>(
    type: K,
    listener: (this: Outbox, ev: OutboxEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

export interface OutboxOptions {
  /** IndexedDB database name; default `nazar`. The object store is `outbox`. */
  name?: string;
  /** Per-request timeout; default 10 000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  /** The IndexedDB factory (tests inject a failing one); default `globalThis.indexedDB`. */
  indexedDB?: IDBFactory;
  /** How long opening IndexedDB may take before the outbox goes on in memory; default 1000 ms. */
  openTimeoutMs?: number;
  /**
   * Where items live, instead of IndexedDB `name` (the model tests inject a simulated store).
   * Its `durable` must be true for a store that outlives the page.
   */
  store?: ItemStore<OutboxItem>;
  /**
   * Web Locks; default `navigator.locks`. Where it is missing (or null here, or it refuses to
   * work in this context) tabs take turns through a lease record in the item store.
   */
  locks?: LockManager | null;
  /** How long a flush lease lasts unless renewed (a crashed tab blocks others at most this long); default 30 s. */
  leaseMs?: number;
  /** Opens the channel that tells other tabs of changes; default `BroadcastChannel`; null for none. */
  channel?: ((name: string) => ChannelLike) | null;
  /** Timers (tests inject a fake clock's); default the global ones. */
  timers?: Timers;
  /** Where `online` is heard; default `window`. */
  window?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  /** Where `visibilitychange` is heard; default `document`. */
  document?: (Pick<EventTarget, 'addEventListener' | 'removeEventListener'> & { readonly visibilityState: string }) | null;
  /** Asks for persistent storage once, when the first item is queued; default `navigator.storage.persist`; null not to ask. */
  persist?: (() => Promise<boolean>) | null;
  /** For `evictionRisk`; default `navigator.userAgent`. */
  userAgent?: string;
  /** Longest wait between timer flushes; default 30 s. */
  retryIntervalMs?: number;
  /** How many owners' queues are sent side by side (each owner's items one after another); default 4. */
  concurrency?: number;
}

/** WebKit deletes a site's script-written storage after this long without interaction. */
export const EVICTION_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const RETRY_INTERVAL_MS = 30_000;
const LEASE_MS = 30_000;
const CONCURRENCY = 4;

/** Everything the Outbox's steps share: its settings, and the state they change. */
type Context = FlushContext & PersistContext & { readonly resending: Set<string> };

/**
 * Browsers that delete script-written storage after 7 days without interaction: Safari (WebKit's
 * Intelligent Tracking Prevention) and every browser on iOS and iPadOS (all WebKit). Errs
 * towards true: iPadOS Safari presents itself as macOS Safari, which is also at risk.
 */
export function evictsScriptStorage(userAgent: string): boolean {
  if (/\b(iPhone|iPad|iPod)\b/.test(userAgent)) return true;
  return (
    /AppleWebKit\//.test(userAgent) &&
    /Safari\//.test(userAgent) &&
    !/(Chrome|Chromium|CriOS|Edg|EdgA|EdgiOS|OPR|Firefox|FxiOS|SamsungBrowser)\//.test(userAgent)
  );
}

const instances = new Map<string, Outbox>();

/** The page's outbox for a database name (one instance per page per name). */
export function getOutbox(options: OutboxOptions = {}): Outbox {
  const name = options.name ?? 'nazar';
  let outbox = instances.get(name);
  if (!outbox) instances.set(name, (outbox = createOutbox(options)));
  return outbox;
}

/**
 * A new, uncached outbox instance (tests, or a page that wants its own). Prefer `getOutbox`.
 * Its steps live in modules of their own and share one context object, `c`, passed to each.
 * Flushing: `flush`/`run` (flush.ts) takes the turn (`locked`/`leased`, turn.ts) for a `pass`
 * (pass.ts) that sorts the items into lanes (lanes.ts) and sends each lane's due items (send.ts).
 *
 * The guarantees (design.md, "Outbox guarantees"):
 * - `enqueue` resolves only once the item is written with strict durability and read back.
 * - An item leaves `queued`/`sending` only on a 2xx for its key (delivered; replays included) or
 *   on a permanent refusal (needs-attention). Everything else (no answer, timeout, 5xx, 408,
 *   425, 429, 409 idempotency-in-progress) is retried later with the same key.
 * - One tab flushes at a time (Web Locks, else a lease record with expiry); every change is
 *   broadcast to the other tabs, which re-read the item and emit `change`.
 * - Each owner's items are sent one after another in FIFO order; an item waiting for its retry
 *   holds back the owner's later ones, a refused one holds back nothing. Owners go side by side.
 * - Bookkeeping writes during a flush (sending, delivered, retry times) are `relaxed`: if a power
 *   cut loses one, the item is simply sent again with its key and the server replays its answer.
 */
export function createOutbox(options: OutboxOptions = {}): Outbox {
  const name = options.name ?? 'nazar';
  const nav = globalThis.navigator as Navigator | undefined;
  const win = options.window !== undefined ? options.window : typeof window == 'object' ? window : null;
  const doc = options.document !== undefined ? options.document : typeof document == 'object' ? document : null;
  const openChannel =
    options.channel !== undefined ? options.channel : typeof BroadcastChannel == 'function' ? (n: string) => new BroadcastChannel(n) : null;
  const outbox = new EventTarget() as Outbox;

  const c: Context = {
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    timers: options.timers ?? realTimers,
    interval: options.retryIntervalMs ?? RETRY_INTERVAL_MS,
    leaseMs: options.leaseMs ?? LEASE_MS,
    concurrency: Math.max(1, options.concurrency ?? CONCURRENCY),
    locks: options.locks !== undefined ? options.locks : (nav?.locks ?? null),
    persist: options.persist !== undefined ? options.persist : nav?.storage?.persist ? () => nav.storage.persist() : null,
    lockName: `nazar-outbox-flush:${name}`,
    me: uuidV4(),
    channel: openChannel ? openChannel(`nazar-outbox:${name}`) : null,
    store: options.store ?? idbItemStore(createStrictStore(name, 'outbox', options.indexedDB, options.openTimeoutMs)),
    emit: (type, detail) => outbox.dispatchEvent(new CustomEvent(type, { detail })),
    resending: new Set<string>(),
    onlineAt: -Infinity,
    again: false,
    onlineHint: false,
    started: false,
    askedPersist: false,
  };
  if (c.channel) c.channel.onmessage = (ev: MessageEvent) => receive(c, ev.data);

  const onOnline = () => {
    c.onlineAt = c.now();
    void run(c, true);
  };
  const onVisible = () => {
    if (doc?.visibilityState == 'visible') void flush(c);
  };

  // ---- public API ----

  Object.defineProperties(outbox, {
    durable: { get: () => c.store.durable },
    // Configurable so a page (or a test) can override the user-agent guess.
    evictionRisk: { value: evictsScriptStorage(options.userAgent ?? nav?.userAgent ?? ''), configurable: true },
    persisted: { get: () => c.persisted },
  });

  return Object.assign(outbox, {
    async enqueue(input: { api: string; path: string; body: unknown; owner: string }): Promise<OutboxItem> {
      const t = c.now();
      const item: OutboxItem = {
        id: monotonicId(t),
        key: uuidV4(),
        api: input.api,
        path: input.path,
        body: toJson(input.body),
        owner: input.owner,
        createdAt: t,
        updatedAt: t,
        attempts: 0,
        nextAttemptAt: t,
        state: 'queued',
      };
      await io(c, async (s) => {
        await s.put(item); // strict: on disk before the transaction completes
        if ((await s.get(item.id))?.key !== item.key) throw new DOMException('not read back', 'DataError');
      });
      changed(c, item);
      askPersistence(c);
      void flush(c);
      return structuredClone(item);
    },

    async resend(id: string, body: unknown): Promise<OutboxItem> {
      const json = toJson(body);
      const t = c.now();
      c.resending.add(id);
      let updated: OutboxItem | undefined;
      try {
        updated = await io(c, (s) =>
          s.update(id, (cur) =>
            cur.state == 'needs-attention'
              ? {
                  ...omit(cur, 'problem', 'response'),
                  body: json,
                  key: uuidV4(),
                  revision: (cur.revision ?? 0) + 1,
                  state: 'queued',
                  attempts: 0,
                  nextAttemptAt: t,
                  updatedAt: t,
                }
              : undefined,
          ),
        );
        // Not stored on the device: the stale refused version there must not come back after a
        // reload (the citizen would fix and send it a second time). Stored, or else deleted,
        // before this tab may send the new version.
        if (updated && !c.store.durable) await mirror(c, id, updated);
      } finally {
        c.resending.delete(id);
      }
      if (!updated) throw new Error(`no item ${id} needs attention`);
      changed(c, updated);
      void flush(c);
      return updated;
    },

    async discard(id: string): Promise<void> {
      await io(c, (s) => s.del(id));
      if (!c.store.durable) await mirror(c, id);
      removed(c, id);
    },

    async list(owner?: string): Promise<OutboxItem[]> {
      const items = await allItems(c);
      return owner === undefined ? items : items.filter((item) => item.owner == owner);
    },

    flush: () => flush(c),

    start(): void {
      if (c.started) return;
      c.started = true;
      win?.addEventListener('online', onOnline);
      doc?.addEventListener('visibilitychange', onVisible);
      void flush(c);
    },

    stop(): void {
      if (!c.started) return;
      c.started = false;
      win?.removeEventListener('online', onOnline);
      doc?.removeEventListener('visibilitychange', onVisible);
      c.timers.clearTimeout(c.timer);
      c.timer = undefined;
    },
  });
}

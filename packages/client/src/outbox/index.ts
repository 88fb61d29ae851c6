import { isPermanentRefusal, type Problem } from '@nazar/protocol';
import { backoffDelay, parseRetryAfter } from './backoff.js';
import { DEFAULT_TIMEOUT_MS } from '../client.js';
import { clientProblem, exchange, joinUrl, problemFromAnswer, realTimers, type Timers } from '../http.js';
import { monotonicId, uuidV4 } from '../ids.js';
import { createStrictStore, idbItemStore, memoryItemStore, type ItemStore } from './item-store.js';

export type OutboxState = 'queued' | 'sending' | 'delivered' | 'needs-attention';

export interface OutboxItem {
  /** Time-ordered, so key order is FIFO order. */
  id: string;
  /** The Idempotency-Key, made when the citizen pressed send (a new one on `resend`). */
  key: string;
  /** Base URL of the adapter. */
  api: string;
  /** Route path, e.g. `ROUTES.feedback.path(id)`. */
  path: string;
  /** The JSON payload. */
  body: unknown;
  /** Which widget instance owns it, e.g. `service-feedback:birth-certificate`. */
  owner: string;
  createdAt: number;
  updatedAt: number;
  attempts: number;
  nextAttemptAt: number;
  state: OutboxState;
  /** The 2xx body (e.g. FeedbackAccepted) once delivered. */
  response?: unknown;
  /** The refusal when needs-attention; the last transient error while queued. */
  problem?: Problem;
}

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

/** The part of a BroadcastChannel the outbox uses. */
export type ChannelLike = Pick<BroadcastChannel, 'postMessage' | 'onmessage'>;

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

/** Delivered items are kept this long (the widget shows their tracking code), then pruned. */
export const DELIVERED_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** WebKit deletes a site's script-written storage after this long without interaction. */
export const EVICTION_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const RETRY_INTERVAL_MS = 30_000;
const LEASE_MS = 30_000;
const CONCURRENCY = 4;
/** How long a failed store may take to hand over what it still holds. */
const SALVAGE_MS = 250;
/**
 * For a minute after the page hears `online`, a request that still finds no network is retried
 * within 5 s (full jitter) instead of after its full backoff: phones often report the network
 * a moment before it carries anything.
 */
const ONLINE_GRACE_MS = 60_000;
const ONLINE_RETRY_CAP_MS = 5000;
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;
/** The lease record's key: sorts after every item id, and is not an item. */
const LEASE_KEY = '~flush-lease';

interface Lease {
  holder: string;
  until: number;
}

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

const STATES: readonly OutboxState[] = ['queued', 'sending', 'delivered', 'needs-attention'];

function isItem(v: unknown): v is OutboxItem {
  const i = v as OutboxItem;
  return (
    typeof i == 'object' && i !== null && typeof i.id == 'string' && typeof i.key == 'string' &&
    typeof i.api == 'string' && typeof i.path == 'string' && typeof i.owner == 'string' && STATES.includes(i.state) &&
    [i.createdAt, i.updatedAt, i.attempts, i.nextAttemptAt].every((n) => typeof n == 'number')
  );
}

function omit<T extends object, K extends keyof T>(item: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...item };
  for (const k of keys) delete copy[k];
  return copy;
}

function toJson(body: unknown): unknown {
  const json = JSON.stringify(body);
  if (json === undefined) throw new TypeError('body is not JSON');
  return JSON.parse(json);
}


/**
 * A new, uncached outbox instance (tests, or a page that wants its own). Prefer `getOutbox`.
 * Written as a closure rather than a class so that the minifier can shorten every private name.
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
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timers = options.timers ?? realTimers;
  const interval = options.retryIntervalMs ?? RETRY_INTERVAL_MS;
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const concurrency = Math.max(1, options.concurrency ?? CONCURRENCY);
  const nav = globalThis.navigator as Navigator | undefined;
  let locks = options.locks !== undefined ? options.locks : (nav?.locks ?? null);
  const win = options.window !== undefined ? options.window : typeof window == 'object' ? window : null;
  const doc = options.document !== undefined ? options.document : typeof document == 'object' ? document : null;
  const persistFn = options.persist !== undefined ? options.persist : nav?.storage?.persist ? () => nav.storage.persist() : null;
  const lockName = `nazar-outbox-flush:${name}`;
  const me = uuidV4(); // this instance, as a lease holder
  const openChannel = options.channel !== undefined ? options.channel : typeof BroadcastChannel == 'function' ? (n: string) => new BroadcastChannel(n) : null;
  const channel = openChannel ? openChannel(`nazar-outbox:${name}`) : null;

  let store: ItemStore<OutboxItem> =
    options.store ?? idbItemStore(createStrictStore(name, 'outbox', options.indexedDB, options.openTimeoutMs));
  let running: Promise<void> | undefined;
  let again = false;
  let onlineHint = false;
  let started = false;
  let timer: unknown;
  let wakeAt: number | undefined;
  /** The durable store that failed, after a fall-back to memory. */
  let failed: ItemStore<OutboxItem> | undefined;
  /** Items being resent here: not sent until the resend is over (see `mirror`). */
  const resending = new Set<string>();
  let askedPersist = false;
  let persisted: boolean | undefined;
  let onlineAt = -Infinity;

  const outbox = new EventTarget() as Outbox;
  const emit = (type: keyof OutboxEventMap, detail: unknown) => outbox.dispatchEvent(new CustomEvent(type, { detail }));
  /** Tells the other tabs. The item goes along for those that cannot re-read it (on memory). */
  const post = (id: string, state: OutboxState | null, item?: OutboxItem) => {
    try {
      channel?.postMessage({ id, state, item });
    } catch {
      /* closed channel */
    }
  };

  // ---- storage, with the fall-back to memory ----

  async function io<T>(op: (store: ItemStore<OutboxItem>) => Promise<T>): Promise<T> {
    const used = store;
    try {
      return await op(used);
    } catch (err) {
      if (!used.durable) throw err;
      if (store === used) {
        // IndexedDB failed: say so at once, and go on in memory.
        const memory = memoryItemStore<OutboxItem>();
        store = memory;
        failed = used;
        const e = err as Error;
        emit('storage-error', clientProblem('storage-unavailable', 0, `${e?.name}: ${e?.message}`));
        // Take along whatever it still lets us read (a full disk reads), if it answers at once.
        const salvage = (async () => {
          for (const item of await used.all()) if (isItem(item) && !(await memory.get(item.id))) await memory.put(item);
        })();
        let timeout: unknown;
        await Promise.race([salvage, new Promise((r) => (timeout = timers.setTimeout(() => r(0), SALVAGE_MS)))]).catch(() => {
          /* nothing readable */
        });
        timers.clearTimeout(timeout);
      }
      return op(store);
    }
  }

  const all = async () => (await io((s) => s.all())).filter(isItem);

  /**
   * After a fall-back to memory, best effort: keep the device's durable copy of an item from
   * contradicting what then happened to it (resent, delivered, or discarded), so that a reload
   * does not bring back, say, a refused version the citizen has since fixed and sent. Writes the
   * new version, or else deletes the old one (a full disk usually still allows a delete).
   */
  async function mirror(id: string, item?: OutboxItem): Promise<void> {
    const d = failed;
    if (!d) return;
    try {
      await (item ? d.update(id, () => item) : Promise.reject());
    } catch {
      await d.del(id).catch(() => {});
    }
  }

  function changed(item: OutboxItem): void {
    emit('change', structuredClone(item));
    post(item.id, item.state, item);
  }

  function removed(id: string): void {
    emit('removed', { id });
    post(id, null);
  }

  if (channel) {
    // Another tab (or instance) changed an item: re-read it, tell our listeners, and send it if
    // it is queued and we are the one flushing. A tab on memory (after a storage-error) has only
    // its own copies: it takes the sender's version of an item it holds, or drops a deleted one,
    // so that it does not offer the citizen a stale copy (say, a refused item fixed meanwhile).
    channel.onmessage = async (ev: MessageEvent) => {
      const data = ev.data as { id?: unknown; state?: unknown; item?: unknown } | null;
      const id = data?.id;
      if (typeof id != 'string') return;
      try {
        if (!store.durable) {
          const theirs = isItem(data!.item) && data!.item.id == id ? data!.item : undefined;
          if (theirs) {
            const ours = await store.update(id, (cur) => (cur.updatedAt <= theirs.updatedAt ? theirs : undefined));
            if (ours) emit('change', ours);
          } else if (data!.state === null && (await store.get(id))) {
            await store.del(id);
            emit('removed', { id });
          }
          return;
        }
        const item = await store.get(id);
        if (!isItem(item)) {
          if (item === undefined) emit('removed', { id });
          return;
        }
        emit('change', item);
        if (started && item.state == 'queued') void flush();
      } catch {
        /* the next own operation will notice a broken store */
      }
    };
  }

  // ---- flushing ----

  const flush = () => run(false);

  function run(online: boolean): Promise<void> {
    if (online) onlineHint = true;
    if (running) {
      again = true;
      return running;
    }
    return (running = (async () => {
      try {
        do {
          again = false;
          const hint = onlineHint;
          onlineHint = false;
          await locked((guard) => pass(hint, guard));
        } while (again);
      } catch {
        // A store that fails even in memory, or a bug: try again on the next trigger.
      } finally {
        running = undefined;
        schedule();
      }
    })());
  }

  /** Asked before each send: may this tab still send (does it still hold the turn)? */
  type Guard = () => Promise<boolean>;
  const always: Guard = async () => true;

  /** Runs `fn` holding the turn to flush; returns at once when another tab holds it. */
  async function locked(fn: (guard: Guard) => Promise<void>): Promise<void> {
    if (locks) {
      let ran = false;
      try {
        await locks.request(lockName, { ifAvailable: true }, async (lock) => {
          if (!lock) return; // another tab is flushing; it hears about our items over BroadcastChannel
          ran = true;
          await fn(always);
        });
        return;
      } catch (err) {
        if (ran) throw err;
        locks = null; // Web Locks refused in this context (e.g. some third-party iframes): use the lease
      }
    }
    await leased(fn);
  }

  /**
   * The turn to flush as a lease record in the item store: claimed in one readwrite transaction
   * that checks and writes it, renewed as the flush goes on, released at the end. A tab that dies
   * holding it blocks the others until it expires.
   */
  async function leased(fn: (guard: Guard) => Promise<void>): Promise<void> {
    if (!store.durable) return fn(always); // nothing shared to take turns through
    let until = 0;
    const claim = async (): Promise<boolean> => {
      const lease = await io((s) =>
        s.swap<Lease>(
          LEASE_KEY,
          (cur) => {
            const t = now(); // when the transaction runs, which may be well after it was asked for
            // Free, ours, expired, or impossibly far ahead (the clock went back): take it.
            return !cur || cur.holder == me || !(cur.until > t && cur.until <= t + leaseMs) ? { holder: me, until: t + leaseMs } : undefined;
          },
          'relaxed',
        ),
      );
      if (!store.durable) return true; // the store just failed: this tab goes on alone, in memory
      if (lease?.holder != me) return false;
      until = lease.until;
      return true;
    };
    if (!(await claim())) return;
    try {
      await fn(async () => now() < until - leaseMs / 2 || claim());
    } finally {
      if (store.durable) {
        try {
          await store.swap<Lease>(LEASE_KEY, (cur) => (cur?.holder == me ? null : undefined), 'relaxed');
        } catch {
          /* it expires */
        }
      }
    }
  }

  async function pass(online: boolean, guard: Guard): Promise<void> {
    const items = await all(); // one read for the whole pass
    const t = now();
    const lanes = new Map<string, OutboxItem[]>();
    for (const item of items) {
      if (item.state == 'delivered') {
        if (t - item.updatedAt > DELIVERED_RETENTION_MS) {
          await io((s) => s.del(item.id));
          removed(item.id);
        }
      } else if (item.state != 'needs-attention' && !resending.has(item.id)) {
        const lane = lanes.get(item.owner);
        if (lane) lane.push(item);
        else lanes.set(item.owner, [item]);
      }
    }
    const waits: number[] = [];
    let stop = false;
    // Each owner's items in FIFO order: an item waiting for its retry holds back the owner's later
    // ones (a refused one is not in the lane, so it holds back nothing).
    const lane = async (queue: OutboxItem[]) => {
      for (const item of queue) {
        const code = item.problem?.code;
        // An item found `sending` while we hold the turn was left by a page that died mid-request:
        // send it again (its idempotency key makes that safe).
        const due = item.state == 'sending' || item.nextAttemptAt <= now() || (online && (code == 'network' || code == 'timeout'));
        if (!due) return void waits.push(item.nextAttemptAt);
        if (stop || !(await guard())) return void (stop = true);
        const [outcome, next] = await send(item);
        // No connection: the others would fail the same way. Probe again when this one is due.
        if (outcome == 'offline') stop = true;
        if (outcome == 'offline' || outcome == 'retry') return void (next && waits.push(next.nextAttemptAt));
      }
    };
    const queues = [...lanes.values()];
    const worker = async () => {
      for (let q; !stop && (q = queues.shift()); ) await lane(q);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queues.length) }, worker));
    wakeAt = waits.length ? Math.min(...waits) : undefined;
  }

  async function send(item: OutboxItem): Promise<[outcome: 'skipped' | 'done' | 'retry' | 'offline', next?: OutboxItem]> {
    const sending = await io((s) =>
      s.update(
        item.id,
        (cur) => (cur.state == 'queued' || cur.state == 'sending' ? { ...cur, state: 'sending', updatedAt: now() } : undefined),
        'relaxed',
      ),
    );
    if (!sending) return ['skipped'];
    changed(sending);

    const ex = await exchange(
      fetchFn,
      joinUrl(sending.api, sending.path),
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': sending.key },
        body: JSON.stringify(sending.body),
      },
      timeoutMs,
      timers,
    );

    const t = now();
    let outcome: 'done' | 'retry' | 'offline' = 'done';
    let apply: (cur: OutboxItem) => OutboxItem;
    const retry = (problem: Problem, retryAfterMs: number | null) => (cur: OutboxItem): OutboxItem => {
      const attempts = cur.attempts + 1;
      const cap = ex.kind == 'none' && t - onlineAt < ONLINE_GRACE_MS ? ONLINE_RETRY_CAP_MS : undefined;
      // The server's Retry-After is the wait (it knows; and attempts piled up offline must not
      // stretch it to minutes); otherwise full-jitter backoff.
      const wait = retryAfterMs ? Math.min(retryAfterMs, MAX_RETRY_AFTER_MS) : backoffDelay(attempts, random, { capMs: cap });
      return { ...omit(cur, 'response'), state: 'queued', attempts, nextAttemptAt: t + wait, updatedAt: t, problem };
    };
    if (ex.kind == 'none') {
      outcome = 'offline';
      apply = retry(ex.problem, null);
    } else if (ex.status >= 200 && ex.status < 300) {
      const response = ex.json ? { response: ex.body } : {};
      apply = (cur) => ({ ...omit(cur, 'problem', 'response'), state: 'delivered', attempts: cur.attempts + 1, updatedAt: t, ...response });
    } else {
      const problem = problemFromAnswer(ex.status, ex.body);
      if (isPermanentRefusal(ex.status, problem.code)) {
        apply = (cur) => ({ ...omit(cur, 'response'), state: 'needs-attention', attempts: cur.attempts + 1, updatedAt: t, problem });
      } else {
        outcome = 'retry';
        const fromHeader = parseRetryAfter(ex.headers.get('Retry-After'), t);
        apply = retry(problem, fromHeader ?? (typeof problem.retryAfter == 'number' ? problem.retryAfter * 1000 : null));
      }
    }
    // Only if it is still the request we sent (not discarded or resent meanwhile), and never undoing
    // a delivery another tab already recorded.
    const next = await io((s) =>
      s.update(item.id, (cur) => (cur.key == sending.key && cur.state != 'delivered' ? apply(cur) : undefined), 'relaxed'),
    );
    if (next) {
      changed(next);
      if (next.state == 'delivered' && !store.durable) void mirror(next.id, next);
    }
    return [outcome, next];
  }

  function schedule(): void {
    timers.clearTimeout(timer);
    timer = undefined;
    if (!started) return;
    const until = wakeAt === undefined ? interval : wakeAt - now();
    timer = timers.setTimeout(flush, Math.min(interval, Math.max(50, until)));
  }

  function askPersistence(): void {
    if (askedPersist || !persistFn || !store.durable) return;
    askedPersist = true;
    try {
      // Never waited for: a browser may prompt, or never answer.
      persistFn().then(
        (v) => (persisted = v),
        () => {},
      );
    } catch {
      /* not allowed here */
    }
  }

  const onOnline = () => {
    onlineAt = now();
    void run(true);
  };
  const onVisible = () => {
    if (doc?.visibilityState == 'visible') void flush();
  };

  // ---- public API ----

  Object.defineProperties(outbox, {
    durable: { get: () => store.durable },
    // Configurable so a page (or a test) can override the user-agent guess.
    evictionRisk: { value: evictsScriptStorage(options.userAgent ?? nav?.userAgent ?? ''), configurable: true },
    persisted: { get: () => persisted },
  });

  return Object.assign(outbox, {
    async enqueue(input: { api: string; path: string; body: unknown; owner: string }): Promise<OutboxItem> {
      const t = now();
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
      await io(async (s) => {
        await s.put(item); // strict: on disk before the transaction completes
        if ((await s.get(item.id))?.key !== item.key) throw new DOMException('not read back', 'DataError');
      });
      changed(item);
      askPersistence();
      void flush();
      return structuredClone(item);
    },

    async resend(id: string, body: unknown): Promise<OutboxItem> {
      const json = toJson(body);
      const t = now();
      resending.add(id);
      let updated: OutboxItem | undefined;
      try {
        updated = await io((s) =>
          s.update(id, (cur) =>
            cur.state == 'needs-attention'
              ? { ...omit(cur, 'problem', 'response'), body: json, key: uuidV4(), state: 'queued', attempts: 0, nextAttemptAt: t, updatedAt: t }
              : undefined,
          ),
        );
        // Not stored on the device: the stale refused version there must not come back after a
        // reload (the citizen would fix and send it a second time). Stored, or else deleted,
        // before this tab may send the new version.
        if (updated && !store.durable) await mirror(id, updated);
      } finally {
        resending.delete(id);
      }
      if (!updated) throw new Error(`no item ${id} needs attention`);
      changed(updated);
      void flush();
      return updated;
    },

    async discard(id: string): Promise<void> {
      await io((s) => s.del(id));
      if (!store.durable) await mirror(id);
      removed(id);
    },

    async list(owner?: string): Promise<OutboxItem[]> {
      const items = await all();
      return owner === undefined ? items : items.filter((item) => item.owner == owner);
    },

    flush,

    start(): void {
      if (started) return;
      started = true;
      win?.addEventListener('online', onOnline);
      doc?.addEventListener('visibilitychange', onVisible);
      void flush();
    },

    stop(): void {
      if (!started) return;
      started = false;
      win?.removeEventListener('online', onOnline);
      doc?.removeEventListener('visibilitychange', onVisible);
      timers.clearTimeout(timer);
      timer = undefined;
    },
  });
}

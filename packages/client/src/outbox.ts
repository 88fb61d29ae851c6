import { isPermanentRefusal, type Problem } from '@nazar/protocol';
import { backoffDelay, parseRetryAfter } from './backoff.js';
import { DEFAULT_TIMEOUT_MS } from './client.js';
import { clientProblem, exchange, joinUrl, problemFromAnswer } from './http.js';
import { monotonicId, uuidV4 } from './ids.js';
import { createStrictStore, idbItemStore, memoryItemStore, type ItemStore } from './store.js';

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
  /** IndexedDB failed; the outbox now keeps items in memory (`durable` is false). */
  'storage-error': CustomEvent<Problem>;
}

export interface Outbox extends EventTarget {
  /** False once IndexedDB proved unavailable and items live in this page's memory only. */
  readonly durable: boolean;
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
  /** Web Locks; default `navigator.locks`; null for the per-page guard only. */
  locks?: LockManager | null;
  /** Longest wait between timer flushes; default 30 s. */
  retryIntervalMs?: number;
}

/** Delivered items are kept this long (the widget shows their tracking code), then pruned. */
export const DELIVERED_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const RETRY_INTERVAL_MS = 30_000;
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

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
    typeof i.api == 'string' && typeof i.path == 'string' && typeof i.owner == 'string' && STATES.includes(i.state)
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
 */
export function createOutbox(options: OutboxOptions = {}): Outbox {
  const name = options.name ?? 'nazar';
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const locks = options.locks !== undefined ? options.locks : (globalThis.navigator?.locks ?? null);
  const interval = options.retryIntervalMs ?? RETRY_INTERVAL_MS;
  const lockName = `nazar-outbox-flush:${name}`;
  const channel = typeof BroadcastChannel == 'function' ? new BroadcastChannel(`nazar-outbox:${name}`) : null;

  let store: ItemStore<OutboxItem> = idbItemStore(createStrictStore(name, 'outbox', options.indexedDB));
  let running: Promise<void> | undefined;
  let again = false;
  let onlineHint = false;
  let started = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wakeAt: number | undefined;

  const outbox = new EventTarget() as Outbox;
  const emit = (type: keyof OutboxEventMap, detail: unknown) => outbox.dispatchEvent(new CustomEvent(type, { detail }));
  const post = (id: string, state: OutboxState | null) => {
    try {
      if (store.durable) channel?.postMessage({ id, state });
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
        // IndexedDB failed: go on in memory, with whatever it still lets us read (a full disk reads).
        const memory = memoryItemStore<OutboxItem>();
        store = memory;
        try {
          for (const item of await used.all()) if (isItem(item) && !(await memory.get(item.id))) await memory.put(item);
        } catch {
          /* nothing readable */
        }
        const e = err as Error;
        emit('storage-error', clientProblem('storage-unavailable', 0, `${e?.name}: ${e?.message}`));
      }
      return op(store);
    }
  }

  const all = async () => (await io((s) => s.all())).filter(isItem);

  function changed(item: OutboxItem): void {
    emit('change', structuredClone(item));
    post(item.id, item.state);
  }

  if (channel) {
    // Another tab (or instance) changed an item: re-read it, tell our listeners, and send it if
    // it is queued and we are the one flushing.
    channel.onmessage = async (ev: MessageEvent) => {
      const id = (ev.data as { id?: unknown } | null)?.id;
      if (typeof id != 'string' || !store.durable) return;
      try {
        const item = await store.get(id);
        if (!isItem(item)) return;
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
          await locked(() => pass(hint));
        } while (again);
      } catch {
        // A store that fails even in memory, or a bug: try again on the next trigger.
      } finally {
        running = undefined;
        schedule();
      }
    })());
  }

  /** Runs `fn` holding the flush lock when Web Locks exist; skips it when another tab holds it. */
  async function locked(fn: () => Promise<void>): Promise<void> {
    if (!locks) return fn();
    let ran = false;
    try {
      await locks.request(lockName, { ifAvailable: true }, async (lock) => {
        if (!lock) return; // another tab is flushing; it hears about our items over BroadcastChannel
        ran = true;
        await fn();
      });
    } catch (err) {
      if (ran) throw err;
      await fn(); // Web Locks refused in this context (e.g. some third-party iframes)
    }
  }

  async function pass(online: boolean): Promise<void> {
    const items = await all();
    for (const item of items) {
      if (item.state == 'delivered' && now() - item.updatedAt > DELIVERED_RETENTION_MS) await io((s) => s.del(item.id));
    }
    // Each owner's items go in FIFO order: an item waiting for its retry holds back the owner's
    // later ones. A refused (needs-attention) item holds back nothing.
    const heldBack = new Map<string, number>(); // owner → when its first waiting item is due
    wakeAt = undefined;
    for (const item of items) {
      if (item.state == 'delivered' || item.state == 'needs-attention' || heldBack.has(item.owner)) continue;
      const code = item.problem?.code;
      // An item found `sending` while we hold the lock was left by a page that died mid-request:
      // send it again (its idempotency key makes that safe).
      const due = item.state == 'sending' || item.nextAttemptAt <= now() || (online && (code == 'network' || code == 'timeout'));
      if (!due) {
        heldBack.set(item.owner, item.nextAttemptAt);
        continue;
      }
      const [outcome, next] = await send(item);
      if (outcome == 'offline') {
        // No connection: the others would fail the same way. Probe again when this one is due.
        wakeAt = next?.nextAttemptAt;
        return;
      }
      if (outcome == 'retry' && next) heldBack.set(item.owner, next.nextAttemptAt);
    }
    if (heldBack.size) wakeAt = Math.min(...heldBack.values());
  }

  async function send(item: OutboxItem): Promise<[outcome: 'skipped' | 'done' | 'retry' | 'offline', next?: OutboxItem]> {
    const sending = await io((s) =>
      s.update(item.id, (cur) => (cur.state == 'queued' || cur.state == 'sending' ? { ...cur, state: 'sending', updatedAt: now() } : undefined)),
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
    );

    const t = now();
    let outcome: 'done' | 'retry' | 'offline' = 'done';
    let apply: (cur: OutboxItem) => OutboxItem;
    const retry = (problem: Problem, retryAfterMs: number | null) => (cur: OutboxItem): OutboxItem => {
      const attempts = cur.attempts + 1;
      const wait = Math.max(backoffDelay(attempts, random), Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
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
    // Only if it is still the request we sent (not discarded meanwhile).
    const next = await io((s) => s.update(item.id, (cur) => (cur.key == sending.key ? apply(cur) : undefined)));
    if (next) changed(next);
    return [outcome, next];
  }

  function schedule(): void {
    clearTimeout(timer);
    timer = undefined;
    if (!started) return;
    const until = wakeAt === undefined ? interval : wakeAt - now();
    timer = setTimeout(flush, Math.min(interval, Math.max(50, until)));
  }

  const onOnline = () => void run(true);
  const onVisible = () => {
    if (document.visibilityState == 'visible') void flush();
  };

  // ---- public API ----

  Object.defineProperty(outbox, 'durable', { get: () => store.durable });

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
        await s.put(item);
        if ((await s.get(item.id))?.key !== item.key) throw new DOMException('not read back', 'DataError');
      });
      changed(item);
      void flush();
      return structuredClone(item);
    },

    async resend(id: string, body: unknown): Promise<OutboxItem> {
      const json = toJson(body);
      const t = now();
      const updated = await io((s) =>
        s.update(id, (cur) =>
          cur.state == 'needs-attention'
            ? { ...omit(cur, 'problem', 'response'), body: json, key: uuidV4(), state: 'queued', attempts: 0, nextAttemptAt: t, updatedAt: t }
            : undefined,
        ),
      );
      if (!updated) throw new Error(`no item ${id} needs attention`);
      changed(updated);
      void flush();
      return updated;
    },

    async discard(id: string): Promise<void> {
      await io((s) => s.del(id));
      post(id, null);
    },

    async list(owner?: string): Promise<OutboxItem[]> {
      const items = await all();
      return owner === undefined ? items : items.filter((item) => item.owner == owner);
    },

    flush,

    start(): void {
      if (started) return;
      started = true;
      addEventListener('online', onOnline);
      document.addEventListener('visibilitychange', onVisible);
      void flush();
    },

    stop(): void {
      if (!started) return;
      started = false;
      removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      clearTimeout(timer);
      timer = undefined;
    },
  });
}

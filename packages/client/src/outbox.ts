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

/** A new, uncached outbox instance (tests, or a page that wants its own). Prefer `getOutbox`. */
export function createOutbox(options: OutboxOptions = {}): Outbox {
  return new OutboxImpl(options);
}

type Outcome = 'skipped' | 'delivered' | 'refused' | 'retry' | 'offline';

function isItem(v: unknown): v is OutboxItem {
  const i = v as OutboxItem;
  return (
    typeof i === 'object' && i !== null && typeof i.id === 'string' && typeof i.key === 'string' &&
    typeof i.api === 'string' && typeof i.path === 'string' && typeof i.owner === 'string' &&
    ['queued', 'sending', 'delivered', 'needs-attention'].includes(i.state)
  );
}

function omit<T extends object, K extends keyof T>(item: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...item };
  for (const k of keys) delete copy[k];
  return copy;
}

class OutboxImpl extends EventTarget implements Outbox {
  private store: ItemStore<OutboxItem>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;
  private readonly locks: LockManager | null;
  private readonly lockName: string;
  private readonly interval: number;
  private readonly channel: BroadcastChannel | null = null;
  private running: Promise<void> | undefined;
  private again = false;
  private onlineHint = false;
  private started = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wakeAt: number | undefined;

  constructor(options: OutboxOptions) {
    super();
    const name = options.name ?? 'nazar';
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.locks = options.locks !== undefined ? options.locks : (globalThis.navigator?.locks ?? null);
    this.lockName = `nazar-outbox-flush:${name}`;
    this.interval = options.retryIntervalMs ?? RETRY_INTERVAL_MS;
    this.store = idbItemStore(createStrictStore(name, 'outbox', options.indexedDB));
    if (typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(`nazar-outbox:${name}`);
      this.channel.onmessage = (ev: MessageEvent) => void this.onRemoteChange(ev.data);
    }
  }

  get durable(): boolean {
    return this.store.durable;
  }

  // ---- storage, with the fall-back to memory ----

  private async io<T>(op: (store: ItemStore<OutboxItem>) => Promise<T>): Promise<T> {
    const store = this.store;
    try {
      return await op(store);
    } catch (err) {
      if (!store.durable) throw err;
      await this.fallBack(store, err);
      return op(this.store);
    }
  }

  private async fallBack(failed: ItemStore<OutboxItem>, err: unknown): Promise<void> {
    if (this.store !== failed) return; // another operation already fell back
    const memory = memoryItemStore<OutboxItem>();
    this.store = memory;
    // Keep what IndexedDB still lets us read (a full disk still reads), so it is sent from memory.
    try {
      for (const item of await failed.all()) if (isItem(item) && !(await memory.get(item.id))) await memory.put(item);
    } catch {
      /* nothing readable */
    }
    const detail = err instanceof Error || err instanceof DOMException ? `${err.name}: ${err.message}` : String(err);
    this.dispatchEvent(new CustomEvent('storage-error', { detail: clientProblem('storage-unavailable', 0, detail) }));
  }

  private changed(item: OutboxItem): void {
    this.dispatchEvent(new CustomEvent('change', { detail: structuredClone(item) }));
    if (this.store.durable) {
      try {
        this.channel?.postMessage({ id: item.id, state: item.state });
      } catch {
        /* closed channel */
      }
    }
  }

  private async onRemoteChange(data: unknown): Promise<void> {
    const msg = data as { id?: unknown; state?: unknown } | null;
    if (!msg || typeof msg.id !== 'string' || !this.store.durable) return;
    try {
      const item = await this.store.get(msg.id);
      if (isItem(item)) this.dispatchEvent(new CustomEvent('change', { detail: item }));
      if (this.started && item?.state === 'queued') void this.flush();
    } catch {
      /* the next own operation will notice a broken store */
    }
  }

  // ---- public API ----

  async enqueue(input: { api: string; path: string; body: unknown; owner: string }): Promise<OutboxItem> {
    const now = this.now();
    const json = JSON.stringify(input.body);
    if (json === undefined) throw new TypeError('Outbox body must be JSON');
    const item: OutboxItem = {
      id: monotonicId(now),
      key: uuidV4(),
      api: input.api,
      path: input.path,
      body: JSON.parse(json),
      owner: input.owner,
      createdAt: now,
      updatedAt: now,
      attempts: 0,
      nextAttemptAt: now,
      state: 'queued',
    };
    await this.io(async (store) => {
      await store.put(item);
      const back = await store.get(item.id);
      if (!back || back.key !== item.key) throw new DOMException('The item did not read back', 'DataError');
    });
    this.changed(item);
    void this.flush();
    return structuredClone(item);
  }

  async resend(id: string, body: unknown): Promise<OutboxItem> {
    const json = JSON.stringify(body);
    if (json === undefined) throw new TypeError('Outbox body must be JSON');
    const now = this.now();
    const updated = await this.io((store) =>
      store.update(id, (cur) =>
        cur.state === 'needs-attention'
          ? { ...omit(cur, 'problem', 'response'), body: JSON.parse(json), key: uuidV4(), state: 'queued', attempts: 0, nextAttemptAt: now, updatedAt: now }
          : undefined,
      ),
    );
    if (!updated) throw new Error(`Outbox item ${id} does not exist or does not need attention`);
    this.changed(updated);
    void this.flush();
    return updated;
  }

  async discard(id: string): Promise<void> {
    await this.io((store) => store.del(id));
    try {
      if (this.store.durable) this.channel?.postMessage({ id, state: null });
    } catch {
      /* closed channel */
    }
  }

  async list(owner?: string): Promise<OutboxItem[]> {
    const all = (await this.io((store) => store.all())).filter(isItem);
    return owner === undefined ? all : all.filter((item) => item.owner === owner);
  }

  flush(): Promise<void> {
    return this.run(false);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    globalThis.addEventListener?.('online', this.onOnline);
    globalThis.document?.addEventListener('visibilitychange', this.onVisible);
    void this.flush();
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    globalThis.removeEventListener?.('online', this.onOnline);
    globalThis.document?.removeEventListener('visibilitychange', this.onVisible);
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly onOnline = () => void this.run(true);
  private readonly onVisible = () => {
    if (globalThis.document?.visibilityState === 'visible') void this.run(false);
  };

  // ---- flushing ----

  private run(online: boolean): Promise<void> {
    if (online) this.onlineHint = true;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const running = (async () => {
      try {
        do {
          this.again = false;
          const hint = this.onlineHint;
          this.onlineHint = false;
          await this.locked(() => this.pass(hint));
        } while (this.again);
      } catch {
        // A store that fails even in memory, or a bug: try again on the next trigger.
      } finally {
        this.running = undefined;
        this.schedule();
      }
    })();
    this.running = running;
    return running;
  }

  /** Runs `fn` holding the flush lock when Web Locks exist; skips it when another tab holds it. */
  private async locked(fn: () => Promise<void>): Promise<void> {
    if (!this.locks) return fn();
    let ran = false;
    try {
      await this.locks.request(this.lockName, { ifAvailable: true }, async (lock) => {
        if (!lock) return; // another tab is flushing; it hears about our items over BroadcastChannel
        ran = true;
        await fn();
      });
    } catch (err) {
      if (ran) throw err;
      await fn(); // Web Locks refused in this context (e.g. some third-party iframes)
    }
  }

  private async pass(online: boolean): Promise<void> {
    const items = (await this.io((store) => store.all())).filter(isItem);
    const now = this.now();
    for (const item of items) {
      if (item.state === 'delivered' && now - item.updatedAt > DELIVERED_RETENTION_MS) await this.io((store) => store.del(item.id));
    }
    // Each owner's items go in FIFO order: an item waiting for its retry holds back the owner's
    // later ones. A refused (needs-attention) item holds back nothing.
    const heldBack = new Map<string, number>(); // owner → when its first waiting item is due
    this.wakeAt = undefined;
    for (const item of items) {
      if (item.state === 'delivered' || item.state === 'needs-attention') continue;
      if (heldBack.has(item.owner)) continue;
      const t = this.now();
      const networkFailed = item.problem?.code === 'network' || item.problem?.code === 'timeout';
      // An item found `sending` while we hold the lock was left by a page that died mid-request:
      // send it again (its idempotency key makes that safe).
      const due = item.state === 'sending' || item.nextAttemptAt <= t || (online && networkFailed);
      if (!due) {
        heldBack.set(item.owner, item.nextAttemptAt);
        continue;
      }
      const { outcome, next } = await this.send(item);
      if (outcome === 'retry' && next) heldBack.set(item.owner, next.nextAttemptAt);
      if (outcome === 'offline') {
        // No connection: the others would fail the same way. Probe again when this one is due.
        this.wakeAt = next?.nextAttemptAt;
        return;
      }
    }
    if (heldBack.size) this.wakeAt = Math.min(...heldBack.values());
  }

  private async send(item: OutboxItem): Promise<{ outcome: Outcome; next?: OutboxItem }> {
    const sending = await this.io((store) =>
      store.update(item.id, (cur) =>
        cur.state === 'queued' || cur.state === 'sending' ? { ...cur, state: 'sending', updatedAt: this.now() } : undefined,
      ),
    );
    if (!sending) return { outcome: 'skipped' };
    this.changed(sending);

    const ex = await exchange(
      this.fetchFn,
      joinUrl(sending.api, sending.path),
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': sending.key },
        body: JSON.stringify(sending.body),
      },
      this.timeoutMs,
    );

    const now = this.now();
    let outcome: Outcome;
    let apply: (cur: OutboxItem) => OutboxItem;
    const retry = (problem: Problem, retryAfterMs: number | null) => (cur: OutboxItem): OutboxItem => {
      const attempts = cur.attempts + 1;
      const wait = Math.max(backoffDelay(attempts, this.random), Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
      return { ...omit(cur, 'response'), state: 'queued', attempts, nextAttemptAt: now + wait, updatedAt: now, problem };
    };
    if (ex.kind === 'none') {
      outcome = 'offline';
      apply = retry(ex.problem, null);
    } else if (ex.status >= 200 && ex.status < 300) {
      outcome = 'delivered';
      apply = (cur) => ({
        ...omit(cur, 'problem', 'response'),
        state: 'delivered',
        attempts: cur.attempts + 1,
        updatedAt: now,
        ...(ex.json ? { response: ex.body } : {}),
      });
    } else {
      const problem = problemFromAnswer(ex.status, ex.body);
      if (isPermanentRefusal(ex.status, problem.code)) {
        outcome = 'refused';
        apply = (cur) => ({ ...omit(cur, 'response'), state: 'needs-attention', attempts: cur.attempts + 1, updatedAt: now, problem });
      } else {
        outcome = 'retry';
        const fromHeader = parseRetryAfter(ex.headers.get('Retry-After'), now);
        const fromBody = typeof problem.retryAfter === 'number' ? problem.retryAfter * 1000 : null;
        apply = retry(problem, fromHeader ?? fromBody);
      }
    }
    // Only if it is still the request we sent (not discarded meanwhile).
    const next = await this.io((store) => store.update(item.id, (cur) => (cur.key === sending.key ? apply(cur) : undefined)));
    if (next) this.changed(next);
    return { outcome, next };
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.started) return;
    const until = this.wakeAt === undefined ? this.interval : this.wakeAt - this.now();
    const delay = Math.min(this.interval, Math.max(50, until));
    this.timer = setTimeout(() => void this.flush(), delay);
  }
}

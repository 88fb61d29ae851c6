/**
 * A deterministic simulation of everything around the Outbox, for the model-based property tests
 * (`outbox.model.node-test.ts` in Node, `outbox.model.test.ts` in browsers against real IndexedDB).
 *
 * The world: a device with 1–10 tabs, each running its own Outbox instance on one shared item
 * store ("IndexedDB"); Web Locks or the lease fall-back between them; BroadcastChannel; timers on a
 * fake clock; a network that drops, delays and hangs requests before or after the server commits;
 * a server that keeps idempotency keys, answers 409 while a key is being processed, 5xx and 429
 * with Retry-After, and can be killed and restarted (committed rows survive, in-flight ones don't).
 *
 * Every asynchronous boundary the Outbox has (a store transaction, a request, a response, a lock
 * grant, a channel message, a timer) is an event the simulation runs one at a time, in an order
 * drawn from a seeded random generator, draining the microtask queue after each. A tab can crash
 * between any two events: its pending transactions either committed or not (a prefix of them, in
 * order: IndexedDB runs a connection's readwrite transactions in creation order), its requests
 * may or may not have left the device, its responses are lost, its timers and locks are gone.
 * A power cut also loses the store's `relaxed` writes that no later `strict` write flushed.
 *
 * The citizen's record (what was saved, acknowledged, refused, fixed, discarded) is the model; the
 * invariant, checked after a final "network good" settle: the server holds exactly the items
 * the citizen saved, each once, and nothing is stuck.
 */
import fc from 'fast-check';
import { createOutbox, type Outbox, type OutboxItem } from '../../client/src/outbox/index.js';
import type { Durability, ItemStore } from '../../client/src/outbox/item-store.js';
import type { Timers } from '../../client/src/http.js';
import { seededRandom } from './seeded-random.js';

export const T0 = 1_800_000_000_000;
const API = 'https://nazar.example/';
const TIMEOUT_MS = 10_000;
const LEASE_MS = 30_000;
const MAX_TABS = 10;
const SETTLE_STEPS = 40_000;

// ---------------------------------------------------------------- randomness

/** The project's one seeded PRNG (mulberry32), which picks the interleavings. */
export const prng = seededRandom;

// ---------------------------------------------------------------- counters

export const FAULTS = [
  'drop-before-server',
  'drop-after-commit',
  'hang-before-server',
  'hang-after-commit',
  'client-timeout',
  'http-500',
  'http-503-retry-after',
  'http-429-retry-after-seconds',
  'http-429-retry-after-date',
  'http-409-in-progress',
  'http-400-refusal',
  'replayed-answer',
  'server-restart',
  'request-cut-by-restart',
  'tab-crash',
  'tab-reload',
  'power-cut',
  'relaxed-writes-lost',
  'quota-exceeded',
  'lease-taken-over',
  'flushers-overlapping',
  'network-down',
  'network-flaky',
  'online-event',
] as const;
export type Fault = (typeof FAULTS)[number];

export interface Stats {
  schedules: number;
  commands: number;
  steps: number;
  tabsOpened: number;
  itemsSaved: number;
  itemsDelivered: number;
  itemsRefused: number;
  itemsResent: number;
  itemsDiscarded: number;
  /** Acknowledged in a tab that had fallen back to memory (storage-error shown), whose tab then died. */
  memoryOnlyLostWithTab: number;
  lost: number;
  duplicated: number;
  faults: Record<Fault, number>;
}

export function newStats(): Stats {
  return {
    schedules: 0,
    commands: 0,
    steps: 0,
    tabsOpened: 0,
    itemsSaved: 0,
    itemsDelivered: 0,
    itemsRefused: 0,
    itemsResent: 0,
    itemsDiscarded: 0,
    memoryOnlyLostWithTab: 0,
    lost: 0,
    duplicated: 0,
    faults: Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>,
  };
}

// ---------------------------------------------------------------- the device's storage

/** The shared store (what IndexedDB holds), seen by every tab through its own queue. */
export interface Disk {
  readonly store: ItemStore<OutboxItem>;
  /** Every record as it is now (outside the simulation's ordering). Read only: not copies. */
  snapshot(): Promise<unknown[]>;
  /** One record as it is at this very moment, where the store can tell synchronously. */
  peek?(key: string): unknown;
  /** Power cut: roll back `relaxed` writes not yet flushed by a later `strict` one. Returns how many. */
  powerCut?(rng: () => number): number;
  /** From now on writes fail with QuotaExceededError (or work again). */
  setQuota?(full: boolean): void;
  /** Records the lease hand-overs (for the counters). */
  onLeaseTaken?: () => void;
  close?(): Promise<void>;
}

/**
 * The store of the Node model: a Map with IndexedDB's semantics as far as the Outbox can tell
 * (each call one atomic transaction, copies in and out, key order) plus durability: a `strict`
 * write is on disk when it completes and flushes every earlier write; a `relaxed` one may be lost
 * in a power cut until then. `brokenDurability` makes strict writes relaxed (to check the checker).
 */
export function memoryDisk(options: { brokenDurability?: boolean } = {}): Disk {
  const map = new Map<string, unknown>();
  let unsynced: { key: string; before: unknown }[] = [];
  let quota = false;
  const disk: Disk = {
    store: undefined as unknown as ItemStore<OutboxItem>,
    async snapshot() {
      return [...map.values()];
    },
    peek: (key) => map.get(key),
    powerCut(rng) {
      const lose = Math.floor(rng() * (unsynced.length + 1));
      for (let i = 0; i < lose; i++) {
        const { key, before } = unsynced.pop()!;
        if (before === undefined) map.delete(key);
        else map.set(key, before);
      }
      unsynced = [];
      return lose;
    },
    setQuota(full) {
      quota = full;
    },
  };
  const write = (key: string, value: unknown, durability: Durability = 'strict') => {
    if (quota && value !== undefined) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const before = map.get(key);
    if (value === undefined) map.delete(key);
    else map.set(key, stored(value));
    if (durability == 'strict' && !options.brokenDurability) unsynced = [];
    else unsynced.push({ key, before });
  };
  // Records are JSON (items, the lease). A record is copied once when written and then frozen, so
  // reads can hand it out as it is (a caller that tried to change it would throw): IndexedDB hands
  // out copies, and copying every record on every read made the model several times slower.
  const freeze = <V>(v: V): V => {
    if (typeof v == 'object' && v !== null) {
      for (const x of Object.values(v)) freeze(x);
      Object.freeze(v);
    }
    return v;
  };
  const stored = <V>(v: V): V => freeze(JSON.parse(JSON.stringify(v)));
  const copy = <V>(v: V): V => v;
  const store: ItemStore<OutboxItem> = {
    durable: true,
    get: async (id) => copy(map.get(id) as OutboxItem | undefined),
    put: async (item) => write(item.id, item),
    del: async (id) => write(id, undefined),
    all: async () => [...map.keys()].sort().map((k) => copy(map.get(k) as OutboxItem)),
    update: async (id, fn, durability) => {
      const cur = map.get(id) as OutboxItem | undefined;
      const next = cur === undefined ? undefined : fn(copy(cur));
      if (next !== undefined) write(id, next, durability);
      return copy(next);
    },
    swap: async <V>(key: string, fn: (current: V | undefined) => V | null | undefined, durability?: Durability) => {
      const cur = map.get(key) as V | undefined;
      const next = fn(copy(cur));
      if (next === null) write(key, undefined, durability);
      else if (next !== undefined) {
        write(key, next, durability);
        const was = cur as { holder?: string } | undefined;
        if (key.startsWith('~') && was?.holder && was.holder !== (next as { holder?: string }).holder) disk.onLeaseTaken?.();
      }
      return copy(map.get(key) as V | undefined);
    },
  };
  (disk as { store: ItemStore<OutboxItem> }).store = store;
  return disk;
}

// ---------------------------------------------------------------- the simulation

interface Ev {
  kind: string;
  /** The tab the event belongs to: it dies with the tab. */
  tab?: Tab;
  /** For a request still on its way: the tab that sent it (it may never have left if that tab dies). */
  origin?: Tab;
  run(): unknown;
}

interface StoreOp {
  run(): Promise<void>;
  /** The tab died with this transaction pending: commit it (answer lost) or not. */
  commitOnly(): Promise<void>;
}

interface SimTimer {
  at: number;
  seq: number;
  tab: Tab;
  fn: () => void;
}

interface Body {
  tag: number;
  valid: boolean;
  v: number;
}

/** What the citizen did with one item, and what they were told. */
interface Saved {
  tag: number;
  owner: string;
  tab: Tab;
  id?: string;
  /** `enqueue` resolved: the citizen saw "saved on this device". */
  acked: boolean;
  /** ... while the tab's outbox was durable (not after a storage-error). */
  durable: boolean;
  /** The server refused it at least once (it then waits for the citizen; FIFO does not apply). */
  refused: boolean;
  resent: boolean;
  /** The citizen pressed discard (the item may go away from then on). */
  discarded: boolean;
  /** A resend or discard is under way, in this tab. */
  busy?: Tab;
}

export class Tab {
  alive = true;
  /** Requests this tab is waiting for. */
  sending = 0;
  readonly storeQueue: StoreOp[] = [];
  readonly win = new EventTarget();
  persistAsked = 0;
  outbox!: Outbox;
  channel?: { onmessage: ((ev: MessageEvent) => unknown) | null; postMessage(data: unknown): void };
  constructor(readonly n: number) {}
}

export interface SimOptions {
  seed: number;
  tabs: number;
  locks: 'web-locks' | 'lease' | 'mixed';
  disk: Disk;
  stats: Stats;
  /** Lets pending microtasks run (Node: setImmediate; browsers: a MessageChannel round trip). */
  drain: () => Promise<void>;
  /** The server forgets idempotency keys (to check the checker). */
  brokenServer?: boolean;
}

type NetMode = 'good' | 'flaky' | 'down';

export class Sim {
  clock = T0;
  readonly rng: () => number;
  readonly tabs: Tab[] = [];
  readonly saved = new Map<number, Saved>();
  net: NetMode = 'good';
  private events: Ev[] = [];
  private timers: SimTimer[] = [];
  private timerSeq = 0;
  private tabSeq = 0;
  private nextTag = 1;
  private locksHeld = new Map<string, Tab>();
  // The server.
  private epoch = 0;
  private inProgress = new Set<string>();
  private rows = new Map<string, { tag: number; body: string }>();
  readonly commits: number[] = [];
  private readonly commitCount = new Map<number, number>();
  private readonly problems: string[] = [];

  constructor(readonly o: SimOptions) {
    this.rng = prng(o.seed);
    o.disk.onLeaseTaken = () => this.o.stats.faults['lease-taken-over']++;
    for (let i = 0; i < o.tabs; i++) this.openTab();
  }

  get live(): Tab[] {
    return this.tabs.filter((t) => t.alive);
  }

  liveTab(i: number): Tab | undefined {
    const live = this.live;
    return live.length ? live[i % live.length] : undefined;
  }

  private fail(message: string): void {
    this.problems.push(message);
  }

  // ---- tabs

  openTab(): Tab {
    const tab = new Tab(this.tabSeq++);
    this.tabs.push(tab);
    this.o.stats.tabsOpened++;
    const useLocks = this.o.locks == 'web-locks' || (this.o.locks == 'mixed' && tab.n % 2 == 0);
    tab.outbox = createOutbox({
      name: 'model',
      store: this.tabStore(tab),
      locks: useLocks ? this.lockManager(tab) : null,
      leaseMs: LEASE_MS,
      channel: () => this.openChannel(tab),
      timers: this.timersFor(tab),
      now: () => this.clock,
      random: this.rng,
      fetch: this.fetchFor(tab),
      timeoutMs: TIMEOUT_MS,
      window: tab.win,
      document: null,
      persist: () => {
        tab.persistAsked++;
        return new Promise<boolean>(() => {}); // a browser that never answers must not block anything
      },
      userAgent: '',
    });
    tab.outbox.start();
    return tab;
  }

  /** The tab dies between two events (crash, reload, closed). */
  async kill(tab: Tab): Promise<void> {
    if (!tab.alive) return;
    tab.alive = false;
    tab.outbox.stop();
    // Its transactions: a prefix committed (in order), the rest never happened.
    const ops = tab.storeQueue.splice(0);
    const committed = Math.floor(this.rng() * (ops.length + 1));
    for (let i = 0; i < committed; i++) await ops[i].commitOnly();
    // Its requests may or may not have left the device; its responses, timers and locks are gone.
    this.events = this.events.filter((ev) => ev.tab !== tab && !(ev.origin === tab && this.rng() < 0.5));
    this.timers = this.timers.filter((t) => t.tab !== tab);
    for (const [name, holder] of this.locksHeld) if (holder === tab) this.locksHeld.delete(name);
    for (const s of this.saved.values()) {
      if (s.busy !== tab) continue;
      // A fix the citizen was resending when the tab died, after this tab had told them storage
      // failed: the outbox may already have dropped the refused copy from the device (so it cannot
      // come back and be sent twice) and held the fix in memory only. Like any memory-only item.
      if (!tab.outbox.durable) {
        s.durable = false;
        s.tab = tab;
      }
      s.busy = undefined;
    }
    await this.o.drain();
  }

  async powerCut(): Promise<void> {
    for (const tab of this.live) await this.kill(tab);
    this.o.stats.faults['relaxed-writes-lost'] += this.o.disk.powerCut!(this.rng);
    this.o.stats.faults['power-cut']++;
  }

  restartServer(): void {
    this.epoch++;
    this.inProgress.clear();
    this.o.stats.faults['server-restart']++;
  }

  // ---- the tab's view of the world

  private tabStore(tab: Tab): ItemStore<OutboxItem> {
    const disk = this.o.disk.store;
    const op = <T>(f: () => Promise<T>): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        if (!tab.alive) return; // a dead tab runs nothing (its in-memory code may still be mid-way)
        tab.storeQueue.push({
          run: async () => {
            try {
              resolve(await f());
            } catch (err) {
              reject(err);
            }
          },
          commitOnly: async () => {
            try {
              await f();
            } catch {
              /* it did not commit either */
            }
          },
        });
      });
    return {
      durable: true,
      get: (id) => op(() => disk.get(id)),
      put: (item) => op(() => disk.put(item)),
      del: (id) => op(() => disk.del(id)),
      all: () => op(() => disk.all()),
      update: (id, fn, d) => op(() => disk.update(id, fn, d)),
      swap: (key, fn, d) => op(() => disk.swap(key, fn, d)),
    };
  }

  private lockManager(tab: Tab): LockManager {
    const manager = {
      request: (name: string, opts: LockOptions, cb: (lock: Lock | null) => unknown) =>
        new Promise((resolve, reject) => {
          if (!tab.alive) return;
          this.events.push({
            kind: 'lock',
            tab,
            run: () => {
              if (this.locksHeld.has(name)) {
                if (!opts.ifAvailable) throw new Error('the model only supports ifAvailable');
                Promise.resolve()
                  .then(() => cb(null))
                  .then(resolve, reject);
                return;
              }
              this.locksHeld.set(name, tab);
              const release = () => {
                if (this.locksHeld.get(name) === tab) this.locksHeld.delete(name);
              };
              Promise.resolve()
                .then(() => cb({ name, mode: 'exclusive' }))
                .then(
                  (v) => {
                    release();
                    resolve(v);
                  },
                  (e) => {
                    release();
                    reject(e);
                  },
                );
            },
          });
        }),
      query: async () => ({ held: [], pending: [] }),
    };
    return manager as unknown as LockManager;
  }

  private openChannel(tab: Tab) {
    const channel = {
      onmessage: null as ((ev: MessageEvent) => unknown) | null,
      postMessage: (data: unknown) => {
        if (!tab.alive) return;
        for (const other of this.live) {
          if (other === tab || !other.channel) continue;
          const copy = JSON.parse(JSON.stringify(data));
          const target = other.channel;
          this.events.push({ kind: 'message', tab: other, run: () => target.onmessage?.({ data: copy } as MessageEvent) });
        }
      },
    };
    tab.channel = channel;
    return channel as unknown as BroadcastChannel;
  }

  private timersFor(tab: Tab): Timers {
    return {
      setTimeout: (fn, ms) => {
        if (!tab.alive) return undefined;
        const t: SimTimer = { at: this.clock + Math.max(0, ms), seq: this.timerSeq++, tab, fn };
        this.timers.push(t);
        return t;
      },
      clearTimeout: (handle) => {
        const i = this.timers.indexOf(handle as SimTimer);
        if (i >= 0) this.timers.splice(i, 1);
      },
    };
  }

  private fetchFor(tab: Tab): typeof fetch {
    return (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        if (!tab.alive) return;
        const headers = init?.headers as Record<string, string>;
        // One flusher at a time: under Web Locks never two tabs with requests out; with the lease
        // only after it expired under a tab that was too slow (counted).
        if (this.live.some((t) => t !== tab && t.sending > 0)) {
          if (this.o.locks == 'web-locks') this.fail(`tab ${tab.n} sends while another tab is sending, under Web Locks`);
          // Tabs that fell back to memory have nothing shared to take turns through: not counted.
          else if (tab.outbox.durable && this.live.some((t) => t !== tab && t.sending > 0 && t.outbox.durable)) {
            this.o.stats.faults['flushers-overlapping']++;
          }
        }
        tab.sending++;
        const done = () => tab.sending--;
        const req: Req = {
          tab,
          key: headers['Idempotency-Key'],
          body: init?.body as string, // the client always sends a JSON string
          settled: false,
          resolve: (r) => (done(), resolve(r)),
          reject: (e) => (done(), reject(e)),
        };
        init?.signal?.addEventListener('abort', () => {
          if (req.settled) return;
          req.settled = true;
          this.o.stats.faults['client-timeout']++;
          req.reject(new DOMException('The operation was aborted.', 'AbortError'));
        });
        this.events.push({ kind: 'request', origin: tab, run: () => this.arrive(req) });
      });
  }

  // ---- the network and the server

  private fate(after: boolean): 'ok' | 'drop' | 'hang' | '500' | '503' | '429' {
    const r = this.rng();
    if (this.net == 'good') return 'ok';
    if (this.net == 'down') return r < 0.9 ? 'drop' : 'hang';
    if (after) return r < 0.15 ? 'drop' : r < 0.2 ? 'hang' : 'ok';
    return r < 0.15 ? 'drop' : r < 0.2 ? 'hang' : r < 0.25 ? '500' : r < 0.3 ? '503' : r < 0.4 ? '429' : 'ok';
  }

  private respond(req: Req, status: number | 'error', body?: unknown, headers: Record<string, string> = {}): void {
    this.events.push({
      kind: 'response',
      tab: req.tab,
      run: () => {
        if (req.settled) return;
        req.settled = true;
        if (status == 'error') return req.reject(new TypeError('Failed to fetch'));
        const text = body === undefined ? '' : JSON.stringify(body);
        const contentType = status >= 400 ? 'application/problem+json' : 'application/json';
        req.resolve({
          status,
          headers: new Headers({ 'Content-Type': contentType, ...headers }),
          text: async () => text,
        } as unknown as Response);
      },
    });
  }

  private problem(status: number, code: string, extra: object = {}) {
    return { type: `urn:nazar:problem:${code}`, title: code, status, code, ...extra };
  }

  private arrive(req: Req): void {
    const f = this.o.stats.faults;
    const fate = this.fate(false);
    if (fate == 'drop') return void (f['drop-before-server']++, this.respond(req, 'error'));
    if (fate == 'hang') return void f['hang-before-server']++;
    if (fate == '500') return void (f['http-500']++, this.respond(req, 500, '<h1>oops</h1>'));
    if (fate == '503') {
      f['http-503-retry-after']++;
      return this.respond(req, 503, this.problem(503, 'unavailable'), { 'Retry-After': String(1 + Math.floor(this.rng() * 60)) });
    }
    if (fate == '429') {
      const seconds = 1 + Math.floor(this.rng() * 120);
      const asDate = this.rng() < 0.5;
      f[asDate ? 'http-429-retry-after-date' : 'http-429-retry-after-seconds']++;
      const value = asDate ? new Date(this.clock + seconds * 1000).toUTCString() : String(seconds);
      return this.respond(req, 429, this.problem(429, 'rate-limited'), { 'Retry-After': value });
    }
    // The server: validation first, then the key.
    const body = JSON.parse(req.body) as Body;
    if (!body.valid) {
      f['http-400-refusal']++;
      const s = this.saved.get(body.tag);
      if (s) s.refused = true;
      return this.respond(req, 400, this.problem(400, 'validation', { errors: [{ field: 'valid', code: 'invalid' }] }));
    }
    const row = this.o.brokenServer ? undefined : this.rows.get(req.key);
    if (row) {
      if (row.body !== req.body) return this.respond(req, 422, this.problem(422, 'idempotency-conflict'));
      f['replayed-answer']++;
      return this.after(req, body.tag);
    }
    if (!this.o.brokenServer && this.inProgress.has(req.key)) {
      f['http-409-in-progress']++;
      return this.respond(req, 409, this.problem(409, 'idempotency-in-progress'));
    }
    this.inProgress.add(req.key);
    const epoch = this.epoch;
    this.events.push({
      kind: 'commit',
      run: () => {
        if (epoch != this.epoch) {
          // The server was killed while processing: the transaction never committed.
          f['request-cut-by-restart']++;
          return this.respond(req, 'error');
        }
        this.inProgress.delete(req.key);
        this.rows.set(req.key, { tag: body.tag, body: req.body });
        this.commits.push(body.tag);
        const n = (this.commitCount.get(body.tag) ?? 0) + 1;
        this.commitCount.set(body.tag, n);
        if (n > 1) this.fail(`item ${body.tag} committed ${n} times`);
        if (!this.saved.has(body.tag)) this.fail(`the server holds item ${body.tag}, which nobody saved`);
        this.after(req, body.tag);
      },
    });
  }

  /** The answer after a commit (or a replay) on its way back. */
  private after(req: Req, tag: number): void {
    const f = this.o.stats.faults;
    const fate = this.fate(true);
    if (fate == 'drop') return void (f['drop-after-commit']++, this.respond(req, 'error'));
    if (fate == 'hang') return void f['hang-after-commit']++;
    this.respond(req, 201, { trackingCode: String(100000000 + tag), tag });
  }

  // ---- stepping

  /** Runs one event (or fires the earliest timer). False when nothing is left to happen. */
  async step(): Promise<boolean> {
    const heads: Tab[] = [];
    for (const tab of this.tabs) if (tab.alive && tab.storeQueue.length) heads.push(tab);
    const n = this.events.length + heads.length;
    let timer: SimTimer | undefined;
    for (const t of this.timers) if (!timer || t.at < timer.at || (t.at == timer.at && t.seq < timer.seq)) timer = t;
    if (!n && !timer) return false;
    this.o.stats.steps++;
    if (n && (!timer || this.rng() >= 0.04)) {
      const i = Math.floor(this.rng() * n);
      if (i < this.events.length) {
        const [ev] = this.events.splice(i, 1);
        ev.run();
      } else {
        await heads[i - this.events.length].storeQueue.shift()!.run();
      }
    } else {
      this.timers.splice(this.timers.indexOf(timer!), 1);
      this.clock = Math.max(this.clock, timer!.at);
      timer!.fn();
    }
    await this.o.drain();
    return true;
  }

  async steps(n: number): Promise<void> {
    for (let i = 0; i < n; i++) if (!(await this.step())) return;
  }

  // ---- the citizen

  enqueue(tab: Tab, owner: string, valid: boolean): void {
    const tag = this.nextTag++;
    const s: Saved = { tag, owner, tab, acked: false, durable: false, refused: false, resent: false, discarded: false };
    this.saved.set(tag, s);
    this.o.stats.itemsSaved++;
    const body: Body = { tag, valid, v: 1 };
    tab.outbox.enqueue({ api: API, path: `/v1/model/${owner}`, body, owner }).then(
      (item) => {
        s.acked = true;
        s.id = item.id;
        s.durable = tab.outbox.durable;
        if (s.durable && this.o.disk.peek) {
          // Durable before acknowledged: it is in the store at the moment the citizen is told.
          // (Real IndexedDB cannot be read at that very moment; the browser tests check this.)
          const rec = this.o.disk.peek(item.id) as OutboxItem | undefined;
          if (rec?.key !== item.key) this.fail(`item ${tag} was acknowledged but is not in the store`);
        }
      },
      (err) => this.fail(`enqueue of ${tag} failed: ${err}`),
    );
  }

  /**
   * The citizen acts on what a tab shows, and is slower than a BroadcastChannel message: the
   * messages already on their way to the tab arrive first.
   */
  private async lookAt(tab: Tab): Promise<void> {
    const mine = this.events.filter((ev) => ev.kind == 'message' && ev.tab === tab);
    this.events = this.events.filter((ev) => !mine.includes(ev));
    for (const ev of mine) ev.run();
    await this.o.drain();
  }

  /** The citizen fixes a refused item (picked among the store's needs-attention items). */
  async resend(tab: Tab, pick: number): Promise<void> {
    await this.lookAt(tab);
    const refused = (await this.records(tab)).filter((i) => i.state == 'needs-attention' && !this.saved.get(tagOf(i))?.busy);
    const item = refused[pick % Math.max(1, refused.length)];
    if (!item) return;
    const s = this.saved.get(tagOf(item))!;
    s.busy = tab;
    this.o.stats.itemsResent++;
    tab.outbox.resend(item.id, { tag: s.tag, valid: true, v: 2 }).then(
      () => {
        s.busy = undefined;
        s.resent = true;
        if (!tab.outbox.durable) {
          // The fix lives in this tab's memory only (the citizen was told storage failed).
          s.durable = false;
          s.tab = tab;
        }
      },
      () => (s.busy = undefined), // another tab resent or discarded it first
    );
  }

  async discard(tab: Tab, pick: number): Promise<void> {
    await this.lookAt(tab);
    const refused = (await this.records(tab)).filter((i) => i.state == 'needs-attention' && !this.saved.get(tagOf(i))?.busy);
    const item = refused[pick % Math.max(1, refused.length)];
    if (!item) return;
    const s = this.saved.get(tagOf(item))!;
    s.busy = tab;
    s.discarded = true;
    this.o.stats.itemsDiscarded++;
    tab.outbox.discard(item.id).then(
      () => (s.busy = undefined),
      () => (s.busy = undefined),
    );
  }

  /** What a tab's outbox holds, read directly (the shared store, or its memory after a storage-error). */
  private async records(tab: Tab): Promise<OutboxItem[]> {
    if (!tab.outbox.durable) return tab.outbox.list();
    return (await this.o.disk.snapshot()).filter(isItemLike);
  }

  // ---- the end

  /** Network good, storage fine, a tab open: run until every item is delivered or refused for good. */
  async settle(): Promise<void> {
    this.net = 'good';
    this.o.disk.setQuota?.(false);
    if (!this.live.some((t) => t.outbox.durable)) this.openTab();
    for (let i = 0; i < SETTLE_STEPS; i++) {
      const more = await this.step();
      const quiet = !this.events.length && this.live.every((t) => !t.storeQueue.length);
      if ((quiet && (await this.isSettled())) || !more) return;
    }
    this.fail(`still not settled after ${SETTLE_STEPS} steps (${(this.clock - T0) / 1000} s of simulated time)`);
  }

  private async isSettled(): Promise<boolean> {
    if ([...this.saved.values()].some((s) => s.busy)) return false;
    for (const items of await this.stores()) {
      for (const i of items) if (i.state != 'delivered' && i.state != 'needs-attention') return false;
    }
    return true;
  }

  /** The shared store's items, and those of live tabs that fell back to memory. */
  private async stores(): Promise<OutboxItem[][]> {
    const out = [(await this.o.disk.snapshot()).filter(isItemLike)];
    for (const tab of this.live) if (!tab.outbox.durable) out.push(await tab.outbox.list());
    return out;
  }

  /** The invariant. Returns the problems found (empty when it holds); counts into the stats. */
  async check(): Promise<string[]> {
    const stats = this.o.stats;
    const problems = [...this.problems];
    const shared = (await this.o.disk.snapshot()).filter(isItemLike);
    const memories = this.live.filter((t) => !t.outbox.durable).map((t) => ({ tab: t, items: [] as OutboxItem[] }));
    for (const m of memories) m.items = await m.tab.outbox.list();
    const everywhere = [shared, ...memories.map((m) => m.items)];
    const onServer = (tag: number) => this.commitCount.get(tag) ?? 0;

    for (const n of this.commitCount.values()) if (n > 1) stats.duplicated += n - 1;

    // Nothing stuck: every item left is delivered, or refused for a genuine reason.
    for (const items of everywhere) {
      for (const i of items) {
        const body = i.body as Body;
        if (i.state == 'delivered') {
          if (!onServer(body.tag)) problems.push(`item ${body.tag} is marked delivered but the server does not have it`);
        } else if (i.state == 'needs-attention') {
          if (body.valid || i.problem?.status != 400)
            problems.push(`item ${body.tag} is needs-attention for ${i.problem?.code} (${i.problem?.status}) with a valid body`);
        } else
          problems.push(`item ${body.tag} is stuck in ${i.state} (attempts ${i.attempts}, next at +${i.nextAttemptAt - this.clock} ms)`);
      }
    }
    const found = (tag: number) => everywhere.flat().filter((i) => (i.body as Body).tag == tag);

    // Exactly the items the citizen saved, each once.
    for (const s of this.saved.values()) {
      const here = found(s.tag);
      const sent = onServer(s.tag);
      const refusedForGood = here.length > 0 && here.every((i) => i.state == 'needs-attention');
      if (s.acked && !s.discarded) {
        if (!s.durable && !s.tab.alive) {
          // Saved only in the memory of a tab that then died, after the citizen was told it was
          // not stored on the device: not a silent loss, but counted.
          if (!sent && !here.length) stats.memoryOnlyLostWithTab++;
          continue;
        }
        if (!sent && !refusedForGood) {
          stats.lost++;
          problems.push(
            `item ${s.tag} (saved in tab ${s.tab.n}${s.durable ? '' : ', in memory'}) was lost: not on the server, ${here.length ? `left ${here.map((i) => i.state).join(',')}` : 'not on the device'}`,
          );
        }
      }
      if (sent && refusedForGood) problems.push(`item ${s.tag} is on the server but the device says it was refused`);
      if (sent) stats.itemsDelivered++;
      if (refusedForGood) stats.itemsRefused++;
    }

    // FIFO per widget instance (tab, owner): among durable items never refused, the server first
    // committed them in the order they were saved.
    const firstCommit = new Map<number, number>();
    this.commits.forEach((tag, i) => firstCommit.has(tag) || firstCommit.set(tag, i));
    const groups = new Map<string, Saved[]>();
    for (const s of this.saved.values()) {
      if (!s.acked || !s.durable || s.refused || s.resent || !firstCommit.has(s.tag)) continue;
      const k = `${s.tab.n}|${s.owner}`;
      groups.set(k, [...(groups.get(k) ?? []), s]);
    }
    for (const [k, list] of groups) {
      list.sort((a, b) => (a.id! < b.id! ? -1 : 1));
      for (let i = 1; i < list.length; i++) {
        if (firstCommit.get(list[i - 1].tag)! > firstCommit.get(list[i].tag)!) {
          problems.push(`FIFO broken for ${k}: item ${list[i].tag} reached the server before item ${list[i - 1].tag}`);
        }
      }
    }

    for (const tab of this.tabs)
      if (tab.persistAsked > 1) problems.push(`tab ${tab.n} asked for persistent storage ${tab.persistAsked} times`);
    return problems;
  }
}

interface Req {
  tab: Tab;
  key: string;
  body: string;
  settled: boolean;
  resolve(r: Response): void;
  reject(e: unknown): void;
}

function isItemLike(v: unknown): v is OutboxItem {
  const i = v as OutboxItem;
  return typeof i == 'object' && i !== null && typeof i.key == 'string' && typeof i.state == 'string';
}

const tagOf = (i: OutboxItem) => (i.body as Body).tag;

// ---------------------------------------------------------------- the commands (fast-check)

type Cmd = fc.AsyncCommand<object, Sim>;

const OWNERS = ['service-feedback:a', 'service-feedback:b', 'draft-consultation:c'];

function cmd(label: string, run: (sim: Sim) => Promise<void> | void): Cmd {
  return {
    check: () => true,
    run: async (_m, sim) => {
      sim.o.stats.commands++;
      await run(sim);
    },
    toString: () => label,
  };
}

export interface CommandOptions {
  powerCut: boolean;
  quota: boolean;
}

export function commands(options: CommandOptions): fc.Arbitrary<Cmd>[] {
  const enqueue = fc
    .record({
      tab: fc.nat(MAX_TABS - 1),
      items: fc.array(fc.record({ owner: fc.nat(OWNERS.length - 1), valid: fc.integer({ min: 0, max: 9 }) }), {
        minLength: 1,
        maxLength: 4,
      }),
      steps: fc.nat(25),
    })
    .map(({ tab, items, steps }) =>
      cmd(
        `tab ${tab} saves ${items.map((i) => `${OWNERS[i.owner]}${i.valid > 0 ? '' : ' (invalid)'}`).join(', ')}; ${steps} steps`,
        async (sim) => {
          const t = sim.liveTab(tab);
          for (const i of items) {
            if (t?.alive) sim.enqueue(t, OWNERS[i.owner], i.valid > 0);
            await sim.steps(1);
          }
          await sim.steps(steps);
        },
      ),
    );
  const steps = fc.integer({ min: 1, max: 60 }).map((n) => cmd(`${n} steps`, (sim) => sim.steps(n)));
  const list: fc.Arbitrary<Cmd>[] = [
    enqueue,
    enqueue,
    enqueue,
    steps,
    steps,
    fc.constantFrom<NetMode>('good', 'flaky', 'flaky', 'down').map((mode) =>
      cmd(`network ${mode}`, (sim) => {
        if (mode != 'good' && sim.net != mode) sim.o.stats.faults[mode == 'down' ? 'network-down' : 'network-flaky']++;
        sim.net = mode;
      }),
    ),
    fc.nat(MAX_TABS - 1).map((i) =>
      cmd(`crash tab ${i}`, async (sim) => {
        const t = sim.liveTab(i);
        if (!t) return;
        sim.o.stats.faults['tab-crash']++;
        await sim.kill(t);
      }),
    ),
    fc.nat(MAX_TABS - 1).map((i) =>
      cmd(`reload tab ${i}`, async (sim) => {
        const t = sim.liveTab(i);
        if (!t) return;
        sim.o.stats.faults['tab-reload']++;
        await sim.kill(t);
        sim.openTab();
      }),
    ),
    fc.constant(cmd('open a tab', (sim) => void (sim.live.length < MAX_TABS && sim.openTab()))),
    fc.constant(cmd('kill -9 the server and restart it', (sim) => sim.restartServer())),
    fc.record({ tab: fc.nat(MAX_TABS - 1), pick: fc.nat(20) }).map(({ tab, pick }) =>
      cmd(`citizen fixes and resends a refused item (tab ${tab})`, async (sim) => {
        const t = sim.liveTab(tab);
        if (t) await sim.resend(t, pick);
      }),
    ),
    fc.record({ tab: fc.nat(MAX_TABS - 1), pick: fc.nat(20) }).map(({ tab, pick }) =>
      cmd(`citizen discards a refused item (tab ${tab})`, async (sim) => {
        const t = sim.liveTab(tab);
        if (t) await sim.discard(t, pick);
      }),
    ),
    fc.nat(MAX_TABS - 1).map((i) =>
      cmd(`'online' in tab ${i}`, (sim) => {
        const t = sim.liveTab(i);
        if (!t) return;
        sim.o.stats.faults['online-event']++;
        t.win.dispatchEvent(new Event('online'));
      }),
    ),
  ];
  if (options.powerCut) list.push(fc.constant(cmd('power cut (every tab dies, unflushed relaxed writes lost)', (sim) => sim.powerCut())));
  if (options.quota) {
    list.push(
      fc.boolean().map((full) =>
        cmd(full ? 'disk full (QuotaExceededError)' : 'disk space freed', (sim) => {
          if (full) sim.o.stats.faults['quota-exceeded']++;
          sim.o.disk.setQuota!(full);
        }),
      ),
    );
  }
  return list;
}

export interface PropertyOptions extends CommandOptions {
  stats: Stats;
  disk: () => Disk | Promise<Disk>;
  drain: () => Promise<void>;
  maxCommands?: number;
  size?: fc.SizeForArbitrary;
  brokenServer?: boolean;
  /** fast-check's `replayPath` of the commands (printed after a failure, after the commands). */
  replayPath?: string;
}

/** The property: any schedule of the commands, then a settle, keeps the invariant. */
export function outboxProperty(o: PropertyOptions) {
  return fc.asyncProperty(
    fc.record({
      seed: fc.integer(),
      tabs: fc.integer({ min: 1, max: MAX_TABS }),
      locks: fc.constantFrom<SimOptions['locks']>('web-locks', 'lease', 'mixed'),
      net: fc.constantFrom<NetMode>('good', 'flaky', 'down'),
    }),
    fc.commands(commands(o), { maxCommands: o.maxCommands ?? 40, size: o.size ?? '+1', replayPath: o.replayPath }),
    async ({ net, ...cfg }, cmds) => {
      o.stats.schedules++;
      const disk = await o.disk();
      const sim = new Sim({ ...cfg, disk, stats: o.stats, drain: o.drain, brokenServer: o.brokenServer });
      sim.net = net;
      try {
        await fc.asyncModelRun(() => ({ model: {}, real: sim }), cmds);
        await sim.settle();
        const problems = await sim.check();
        if (problems.length) throw new Error(problems.join('\n'));
      } finally {
        for (const tab of sim.live) tab.outbox.stop();
        await disk.close?.();
      }
    },
  );
}

import { isValidTrackingCode, ROUTES, type FeedbackAccepted, type Problem } from '@nazar/protocol';
import { createOutbox, DELIVERED_RETENTION_MS, getOutbox, type Outbox, type OutboxItem, type OutboxOptions } from './index.js';
import { API, problemJson, SERVICE, testServer } from '@nazar/testing/client-server';
import { assert, deepEqual, equal, readRawStore, rejects, uniqueName, until, writeRawStore } from '@nazar/testing/client-helpers';

const PATH = ROUTES.feedback.path(SERVICE);
const OWNER = `service-feedback:${SERVICE}`;
const T0 = 1_800_000_000_000;

describe('Outbox', () => {
  const server = testServer();
  let clock = T0;
  const boxes: Outbox[] = [];
  let name = '';

  /** A fresh outbox on this test's database, with a fake clock and random() = 0.5. */
  function box(options: OutboxOptions = {}): Outbox {
    const b = createOutbox({ name, now: () => clock, random: () => 0.5, ...options });
    boxes.push(b);
    return b;
  }
  const feedback = (rating: number, text?: string) => ({
    body: text === undefined ? { rating } : { rating, text },
    api: API,
    path: PATH,
    owner: OWNER,
  });
  const postsSeen = () => server.seen.filter((r) => r.method === 'POST');
  const rows = () => server.store.countSubmissions();
  const only = async (b: Outbox) => {
    const items = await b.list();
    equal(items.length, 1, 'items');
    return items[0];
  };
  function recordChanges(b: Outbox): string[] {
    const states: string[] = [];
    b.addEventListener('change', (e) => states.push(e.detail.state));
    return states;
  }

  beforeEach(() => {
    clock = T0;
    name = uniqueName('outbox');
  });
  afterEach(() => {
    for (const b of boxes.splice(0)) b.stop();
  });

  it('resolves enqueue only once the item is in IndexedDB, and persists sending before the POST', async () => {
    let atSend: unknown[] | undefined;
    const b = box({
      fetch: async (input, init) => {
        atSend = await readRawStore(name);
        return fetch(input, init);
      },
    });
    server.handler = server.offline;
    const item = await b.enqueue(feedback(5));
    const raw = (await readRawStore(name)) as OutboxItem[];
    equal(raw.length, 1);
    equal(raw[0].id, item.id);
    equal(raw[0].key, item.key);
    deepEqual(raw[0].body, { rating: 5 });
    equal(raw[0].owner, OWNER);
    equal(item.state, 'queued');
    assert(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(item.key), item.key);
    assert(b.durable);
    await b.flush();
    assert(atSend, 'fetch was called');
    equal((atSend[0] as OutboxItem).state, 'sending');
  });

  it('delivers online: one row, a tracking code, the key and JSON headers', async () => {
    const b = box();
    const states = recordChanges(b);
    const item = await b.enqueue(feedback(4, 'خیلی خوب بود'));
    await b.flush();
    const done = await only(b);
    equal(done.state, 'delivered');
    equal(done.attempts, 1);
    equal(done.problem, undefined);
    const accepted = done.response as FeedbackAccepted;
    assert(isValidTrackingCode(accepted.trackingCode), JSON.stringify(done.response));
    equal(accepted.serviceId, SERVICE);
    equal(await rows(), 1);
    const posts = postsSeen();
    equal(posts.length, 1);
    equal(posts[0].url, 'https://nazar.example/v1/services/birth-certificate/feedback');
    equal(posts[0].key, item.key);
    equal(posts[0].contentType, 'application/json');
    deepEqual(JSON.parse(posts[0].body), { rating: 4, text: 'خیلی خوب بود' });
    deepEqual(states, ['queued', 'sending', 'delivered']);
    // A later flush does not send it again.
    clock += 60 * 60_000;
    await b.flush();
    equal(postsSeen().length, 1);
  });

  it('stays queued offline with growing attempts and backoff, then delivers once on coming online', async () => {
    const b = box();
    server.handler = server.offline;
    await b.enqueue(feedback(3));
    await b.flush();
    let item = await only(b);
    equal(item.state, 'queued');
    equal(item.attempts, 1);
    equal(item.problem?.code, 'network');
    equal(item.nextAttemptAt, T0 + 1000); // random 0.5 × 2 s window
    // Not due yet: a flush sends nothing.
    await b.flush();
    equal(postsSeen().length, 1);
    clock = item.nextAttemptAt;
    await b.flush();
    item = await only(b);
    equal(item.attempts, 2);
    equal(item.nextAttemptAt, clock + 2000);
    equal(postsSeen().length, 2);
    equal(await rows(), 0);
    // Back online: the `online` event flushes at once, without waiting for the backoff.
    server.handler = server.online;
    b.start();
    await b.flush();
    equal((await only(b)).state, 'queued');
    window.dispatchEvent(new Event('online'));
    await until(async () => (await only(b)).state === 'delivered', 3000, 'delivered');
    equal(await rows(), 1);
    equal(postsSeen().length, 3);
    equal(new Set(postsSeen().map((r) => r.key)).size, 1);
  });

  it('retries a 5xx, honouring Retry-After, then delivers once', async () => {
    const b = box();
    let failures = 1;
    server.handler = (req) => (failures-- > 0 ? problemJson(503, 'unavailable', { 'Retry-After': '30' }) : server.online(req));
    await b.enqueue(feedback(5));
    await b.flush();
    let item = await only(b);
    equal(item.state, 'queued');
    equal(item.problem?.code, 'unavailable');
    equal(item.problem?.status, 503);
    equal(item.nextAttemptAt, T0 + 30_000);
    clock += 29_000;
    await b.flush();
    equal(postsSeen().length, 1);
    clock += 1000;
    await b.flush();
    item = await only(b);
    equal(item.state, 'delivered');
    equal(item.attempts, 2);
    equal(await rows(), 1);
  });

  it('retries a 500 with a non-JSON body, a 429, a 408 and a 409 idempotency-in-progress', async () => {
    const b = box();
    const answers = [
      () => new Response('<h1>oops</h1>', { status: 500, headers: { 'Content-Type': 'text/html' } }),
      () => problemJson(429, 'rate-limited'),
      () => new Response(null, { status: 408 }),
      () => problemJson(409, 'idempotency-in-progress'),
    ];
    server.handler = (req) => (answers.shift() ?? server.online)(req);
    await b.enqueue(feedback(1));
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      await b.flush();
      const item = await only(b);
      equal(item.state, 'queued');
      codes.push(item.problem?.code);
      clock = item.nextAttemptAt;
    }
    deepEqual(codes, ['internal', 'rate-limited', 'timeout', 'idempotency-in-progress']);
    await b.flush();
    equal((await only(b)).state, 'delivered');
    equal(await rows(), 1);
  });

  it('keeps a refusal as needs-attention (never retried, kept across reloads) until resent with a new key', async () => {
    const b = box();
    const states = recordChanges(b);
    const first = await b.enqueue(feedback(9));
    await b.flush();
    let item = await only(b);
    equal(item.state, 'needs-attention');
    equal(item.problem?.code, 'validation');
    equal(item.problem?.status, 400);
    deepEqual(
      item.problem?.errors?.map((e) => e.field),
      ['rating'],
    );
    deepEqual(states, ['queued', 'sending', 'needs-attention']);
    clock += 7 * 24 * 60 * 60_000;
    await b.flush();
    await b.flush();
    equal(postsSeen().length, 1);
    equal(await rows(), 0);

    // Simulated reload: a new instance on the same database still has it.
    b.stop();
    const reloaded = box();
    item = await only(reloaded);
    equal(item.state, 'needs-attention');
    equal(item.problem?.code, 'validation');
    await reloaded.flush();
    equal(postsSeen().length, 1);

    await rejects(reloaded.resend('no-such-id', { rating: 4 }));
    const resent = await reloaded.resend(item.id, { rating: 4 });
    equal(resent.state, 'queued');
    equal(resent.attempts, 0);
    equal(resent.problem, undefined);
    assert(resent.key !== first.key, 'a new idempotency key');
    await reloaded.flush();
    item = await only(reloaded);
    equal(item.state, 'delivered');
    equal(item.id, first.id);
    equal(await rows(), 1);
    equal(postsSeen()[1].key, resent.key);
    // Only a needs-attention item can be resent.
    await rejects(reloaded.resend(item.id, { rating: 3 }));
  });

  it('resends an item left in sending by a page that died mid-request: one row', async () => {
    // Page 1 sends; the server commits; the page dies before it hears the answer.
    let release!: (r: Response | PromiseLike<Response>) => void;
    let firstAnswer: FeedbackAccepted | undefined;
    let snapshot: OutboxItem[] = [];
    const dying = box({
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        snapshot = (await readRawStore(name)) as OutboxItem[];
        firstAnswer = await res.clone().json(); // last: the test waits for it
        return new Promise<Response>((resolve) => (release = resolve));
      },
    });
    await dying.enqueue(feedback(4));
    await until(() => firstAnswer, 3000, 'the first answer');
    equal(snapshot.length, 1);
    equal(snapshot[0].state, 'sending');
    equal(await rows(), 1);

    // Page 2 opens the database as page 1 left it (a copy, so page 1's lock does not matter).
    name = uniqueName('reloaded');
    await writeRawStore(name, snapshot);
    const reloaded = box();
    equal((await only(reloaded)).state, 'sending');
    await reloaded.flush();
    const item = await only(reloaded);
    equal(item.state, 'delivered');
    equal((item.response as FeedbackAccepted).trackingCode, firstAnswer!.trackingCode);
    equal(await rows(), 1);
    equal(postsSeen().length, 2);
    equal(postsSeen()[1].key, snapshot[0].key);
    release(new Response(null, { status: 503 }));
  });

  it('retries with the same key when the answer was lost after the server committed: one row', async () => {
    const b = box();
    let lose = 1;
    server.handler = async (req) => {
      const res = await server.online(req);
      return lose-- > 0 ? Response.error() : res;
    };
    await b.enqueue(feedback(5));
    await b.flush();
    let item = await only(b);
    equal(item.state, 'queued');
    equal(item.problem?.code, 'network');
    equal(await rows(), 1);
    clock = item.nextAttemptAt;
    await b.flush();
    item = await only(b);
    equal(item.state, 'delivered');
    assert(isValidTrackingCode((item.response as FeedbackAccepted).trackingCode));
    equal(await rows(), 1);
    const posts = postsSeen();
    equal(posts.length, 2);
    equal(posts[0].key, posts[1].key);
  });

  it('sends each owner in FIFO order; a refused item does not block later ones, a waiting one does', async () => {
    const other = 'service-feedback:passport';
    server.store = (await import('@nazar/server/memory-store')).createMemoryStore({
      services: [
        { id: SERVICE, title: 'a' },
        { id: 'passport', title: 'b' },
      ],
    });
    const b = box();
    server.handler = server.offline;
    const a1 = await b.enqueue({ ...feedback(9, 'a1') }); // will be refused
    const a2 = await b.enqueue({ ...feedback(4, 'a2') }); // will fail once with a 503
    const a3 = await b.enqueue({ ...feedback(3, 'a3') });
    const b1 = await b.enqueue({ api: API, path: ROUTES.feedback.path('passport'), body: { rating: 2, text: 'b1' }, owner: other });
    await b.flush();
    deepEqual(
      (await b.list()).map((i) => i.id),
      [a1.id, a2.id, a3.id, b1.id],
    );
    deepEqual(
      (await b.list(other)).map((i) => i.id),
      [b1.id],
    );

    server.seen = [];
    let a2Failures = 1;
    server.handler = async (req) => {
      const text = await req.clone().text();
      if (text.includes('"a2"') && a2Failures-- > 0) return problemJson(503, 'unavailable');
      return server.online(req);
    };
    clock += 60 * 60_000;
    await b.flush();
    // Owners go side by side, so only each owner's own order is fixed.
    const sent = (owner = OWNER) =>
      postsSeen()
        .filter((r) => r.url.includes(owner.split(':')[1]))
        .map((r) => JSON.parse(r.body).text);
    // a1 refused (does not block a2); a2 fails (holds back a3); b1 is another owner.
    deepEqual(sent(), ['a1', 'a2']);
    deepEqual(sent(other), ['b1']);
    const states = Object.fromEntries((await b.list()).map((i) => [i.body && (i.body as { text: string }).text, i.state]));
    deepEqual(states, { a1: 'needs-attention', a2: 'queued', a3: 'queued', b1: 'delivered' });
    clock += 60 * 60_000;
    await b.flush();
    deepEqual(sent(), ['a1', 'a2', 'a2', 'a3']);
    deepEqual(sent(other), ['b1']);
    deepEqual(
      (await b.list(OWNER)).map((i) => i.state),
      ['needs-attention', 'delivered', 'delivered'],
    );
    equal(await rows(), 3);
  });

  it('falls back to memory when IndexedDB is unavailable, says so, and still delivers', async () => {
    const noIdb = {
      open() {
        throw new DOMException('IndexedDB is disabled in private mode', 'InvalidStateError');
      },
    } as unknown as IDBFactory;
    const b = box({ indexedDB: noIdb });
    const errors: Problem[] = [];
    b.addEventListener('storage-error', (e) => errors.push(e.detail));
    const item = await b.enqueue(feedback(5));
    equal(b.durable, false);
    equal(errors.length, 1);
    equal(errors[0].code, 'storage-unavailable');
    equal(item.state, 'queued');
    await b.flush();
    equal((await only(b)).state, 'delivered');
    equal(await rows(), 1);
    equal(errors.length, 1);
  });

  it('falls back to memory when a write fails (quota), keeping what was stored', async () => {
    let full = false;
    const quotaIdb = new Proxy(indexedDB, {
      get(target, prop) {
        if (prop !== 'open') return Reflect.get(target, prop, target);
        return (dbName: string, version?: number) => {
          const req = target.open(dbName, version);
          req.addEventListener('success', () => {
            const db = req.result;
            const transaction = db.transaction.bind(db);
            db.transaction = ((stores: string | string[], mode?: IDBTransactionMode, opts?: IDBTransactionOptions) => {
              if (full && mode === 'readwrite') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
              return transaction(stores, mode, opts);
            }) as typeof db.transaction;
          });
          return req;
        };
      },
    });
    const b = box({ indexedDB: quotaIdb });
    server.handler = server.offline;
    await b.enqueue(feedback(1, 'before'));
    await b.flush();
    assert(b.durable);
    full = true;
    let storageErrors = 0;
    b.addEventListener('storage-error', () => storageErrors++);
    await b.enqueue(feedback(2, 'after'));
    equal(b.durable, false);
    equal(storageErrors, 1);
    server.handler = server.online;
    clock += 60 * 60_000;
    await b.flush();
    deepEqual(
      (await b.list()).map((i) => i.state),
      ['delivered', 'delivered'],
    );
    equal(await rows(), 2);
  });

  it('prunes delivered items after 30 days but never queued or refused ones', async () => {
    const old = T0 - DELIVERED_RETENTION_MS - 1;
    const base = {
      key: '00000000-0000-4000-8000-000000000000',
      api: API,
      path: PATH,
      body: { rating: 1 },
      owner: OWNER,
      createdAt: old,
      updatedAt: old,
      attempts: 1,
    };
    await writeRawStore(name, [
      { ...base, id: '0001', state: 'delivered', nextAttemptAt: old, response: {} },
      { ...base, id: '0002', state: 'delivered', nextAttemptAt: old, updatedAt: T0 - 1000, response: {} },
      { ...base, id: '0003', state: 'needs-attention', nextAttemptAt: old },
      { ...base, id: '0004', state: 'queued', nextAttemptAt: T0 + 60_000 },
    ] as OutboxItem[]);
    const b = box();
    await b.flush();
    deepEqual(
      (await b.list()).map((i) => i.id),
      ['0002', '0003', '0004'],
    );
    equal(postsSeen().length, 0);
  });

  it('ignores records that are not outbox items', async () => {
    await writeRawStore(name, [{ id: 'junk', hello: 'world' } as { id: string }]);
    const b = box();
    await b.flush();
    deepEqual(await b.list(), []);
  });

  it('discards an item', async () => {
    const b = box();
    server.handler = server.offline;
    const item = await b.enqueue(feedback(3));
    await b.flush();
    await b.discard(item.id);
    deepEqual(await b.list(), []);
    deepEqual(await readRawStore(name), []);
    server.handler = server.online;
    clock += 60 * 60_000;
    await b.flush();
    equal(await rows(), 0);
  });

  it('lets only one instance flush at a time (Web Locks), and tells the others (BroadcastChannel)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = box({
      fetch: async (input, init) => {
        await gate;
        return fetch(input, init);
      },
    });
    const second = box();
    const heard: string[] = [];
    second.addEventListener('change', (e) => heard.push(e.detail.state));
    const item = await first.enqueue(feedback(5));
    await until(async () => (await second.list())[0]?.state === 'sending', 3000, 'sending');
    await second.flush(); // the first holds the lock: this one sends nothing
    equal(postsSeen().length, 0);
    release();
    await first.flush();
    equal(postsSeen().length, 1);
    equal(await rows(), 1);
    await until(() => heard.includes('delivered'), 3000, 'the delivered broadcast');
    // Each message makes it re-read the item, so it reports the state as it is when it reads.
    equal(heard.at(-1), 'delivered');
    assert(
      heard.every((s) => ['queued', 'sending', 'delivered'].includes(s)),
      heard.join(),
    );
    equal((await second.list())[0].id, item.id);
  });

  it('flushes on start and on a timer when a retry falls due', async () => {
    const b = box({ now: Date.now, random: () => 0.05 }); // real clock; first retry within 100 ms
    let failures = 1;
    server.handler = (req) => (failures-- > 0 ? problemJson(503, 'unavailable') : server.online(req));
    await b.enqueue(feedback(4));
    await b.flush();
    equal((await only(b)).state, 'queued');
    b.start();
    b.start();
    await until(async () => (await only(b)).state === 'delivered', 5000, 'the timer flush');
    equal(await rows(), 1);
  });

  it('flushes when the page becomes visible again, and not when it goes hidden', async () => {
    // A flush asks for the turn before anything else, synchronously (flush.ts → turn.ts): counting
    // the asks tells at once, without waiting, whether a visibility change started one.
    let asks = 0;
    const real = navigator.locks;
    const locks = {
      request: (...args: unknown[]) => {
        asks++;
        return (real.request as (...a: unknown[]) => Promise<unknown>).apply(real, args);
      },
      query: () => real.query(),
    } as unknown as LockManager;
    const page = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const b = box({ random: () => 1, locks, document: page });
    server.handler = server.offline;
    await b.enqueue(feedback(4));
    await b.flush();
    const item = await only(b);
    equal(item.nextAttemptAt, T0 + 2000); // so the retry timer waits 2 s of real time
    b.start();
    await b.flush();
    server.handler = server.online;
    clock = item.nextAttemptAt;
    const before = asks;
    page.visibilityState = 'hidden';
    page.dispatchEvent(new Event('visibilitychange'));
    equal(asks, before, 'going hidden flushes nothing');
    equal(postsSeen().length, 1);
    page.visibilityState = 'visible';
    page.dispatchEvent(new Event('visibilitychange'));
    equal(asks, before + 1, 'becoming visible flushes');
    await until(async () => (await only(b)).state === 'delivered', 1500, 'the visibility flush');
    equal(await rows(), 1);
  });

  it('getOutbox gives one instance per name', () => {
    const n = uniqueName('shared');
    const one = getOutbox({ name: n });
    equal(getOutbox({ name: n }), one);
    assert(getOutbox({ name: uniqueName('shared') }) !== one);
  });
});

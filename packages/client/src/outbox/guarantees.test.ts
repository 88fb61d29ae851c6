/**
 * The Outbox guarantees of issue 5 that the main Outbox tests do not already show: durability of
 * each write, the lease where Web Locks are missing, the storage-error deadline, persistence,
 * eviction risk, deletions heard in other tabs, Retry-After as a date, and 500 queued items.
 * Real IndexedDB, the real server app behind msw (test-server.ts).
 */
import { ROUTES } from '@nazar/protocol';
import { createOutbox, evictsScriptStorage, type Outbox, type OutboxItem, type OutboxOptions } from './index.js';
import { API, SERVICE, testServer } from '@nazar/testing/client-server';
import { assert, deepEqual, equal, readRawStore, until, writeRawStore, uniqueName } from '@nazar/testing/client-helpers';

const PATH = ROUTES.feedback.path(SERVICE);
const OWNER = `service-feedback:${SERVICE}`;
const T0 = 1_800_000_000_000;

describe('Outbox guarantees', () => {
  const server = testServer();
  let clock = T0;
  const boxes: Outbox[] = [];
  let name = '';

  function box(options: OutboxOptions = {}): Outbox {
    const b = createOutbox({ name, now: () => clock, random: () => 0.5, persist: null, ...options });
    boxes.push(b);
    return b;
  }
  const feedback = (rating: number, text?: string, owner = OWNER) => ({
    body: text === undefined ? { rating } : { rating, text },
    api: API,
    path: PATH,
    owner,
  });
  // POSTs of this test's items only (tagged in their text): a flush of an earlier test's outbox may
  // still be on its way to the fake network.
  const posts = (tag?: string) => server.seen.filter((r) => r.method === 'POST' && (tag === undefined || r.body.includes(tag)));

  beforeEach(() => {
    clock = T0;
    name = uniqueName('guarantees');
  });
  afterEach(() => {
    for (const b of boxes.splice(0)) b.stop();
  });

  /** An IndexedDB factory that records the mode and durability of every transaction. */
  function recordingIdb(log: string[]): IDBFactory {
    return new Proxy(indexedDB, {
      get(target, prop) {
        if (prop !== 'open') return Reflect.get(target, prop, target);
        return (dbName: string, version?: number) => {
          const req = target.open(dbName, version);
          req.addEventListener('success', () => {
            const db = req.result;
            const transaction = db.transaction.bind(db);
            db.transaction = ((stores: string | string[], mode?: IDBTransactionMode, opts?: IDBTransactionOptions) => {
              if (mode === 'readwrite') log.push(opts?.durability ?? 'default');
              return transaction(stores, mode, opts);
            }) as typeof db.transaction;
          });
          return req;
        };
      },
    });
  }

  it('writes what the citizen typed with strict durability and reads it back; bookkeeping is relaxed', async () => {
    const log: string[] = [];
    const b = box({ indexedDB: recordingIdb(log) });
    server.handler = server.offline;
    await b.enqueue(feedback(5));
    deepEqual(log, ['strict'], 'enqueue: one strict write (then a read)');
    log.length = 0;
    await b.flush();
    deepEqual(log, ['relaxed', 'relaxed'], 'sending, then the retry time');
    const [item] = (await b.list()) as [OutboxItem];
    equal(item.state, 'queued');
    equal(item.problem?.code, 'network');
    server.handler = server.online;
    clock = item.nextAttemptAt;
    log.length = 0;
    await b.flush();
    deepEqual(log, ['relaxed', 'relaxed'], 'sending, then delivered');
    equal((await b.list())[0].state, 'delivered');
    // A refusal, a resend and a discard are the citizen's: strict.
    await b.enqueue(feedback(9));
    await b.flush();
    const refused = (await b.list()).find((i) => i.state === 'needs-attention')!;
    log.length = 0;
    await b.resend(refused.id, { rating: 4 });
    equal(log[0], 'strict', 'resend');
    await b.flush();
    log.length = 0;
    await b.discard(refused.id);
    deepEqual(log, ['strict'], 'discard');
    equal(await server.store.countSubmissions(), 2);
  });

  it('takes turns through a lease record where Web Locks are missing, and tells the other tabs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = box({
      locks: null,
      fetch: async (input, init) => {
        await gate;
        return fetch(input, init);
      },
    });
    const second = box({ locks: null });
    const heard: string[] = [];
    second.addEventListener('change', (e) => heard.push(e.detail.state));
    await first.enqueue(feedback(5, 'lease-live'));
    await until(async () => (await second.list())[0]?.state === 'sending', 3000, 'sending');
    const lease = (await readRawStore(name)).find((r) => (r as { id?: string }).id === undefined) as { holder: string; until: number };
    assert(lease && typeof lease.holder === 'string', 'a lease record while the first tab flushes');
    equal(lease.until, T0 + 30_000);
    await second.flush(); // the lease is taken: nothing sent
    equal(posts('lease-live').length, 0);
    release();
    await first.flush();
    equal(posts('lease-live').length, 1);
    equal(await server.store.countSubmissions(), 1);
    await until(() => heard.includes('delivered'), 3000, 'the delivered broadcast');
    equal((await readRawStore(name)).length, 1, 'the lease is released after the pass');
  });

  it('waits out the lease of a tab that died, then flushes', async () => {
    // A tab died holding the lease until T0 + 30 s.
    await writeRawStore(name, []);
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => {
        const tx = req.result.transaction('outbox', 'readwrite');
        tx.objectStore('outbox').put({ holder: 'dead-tab', until: T0 + 30_000 }, '~flush-lease');
        tx.oncomplete = () => (req.result.close(), resolve());
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB request failed'));
      };
    });
    const b = box({ locks: null });
    await b.enqueue(feedback(4, 'lease-dead')); // its own flush finds the lease taken
    await b.flush();
    equal(posts('lease-dead').length, 0, 'the dead tab still holds the lease');
    clock = T0 + 30_000;
    await b.flush();
    equal(posts('lease-dead').length, 1);
    equal((await b.list())[0].state, 'delivered');
  });

  it('says within a second that it cannot store when IndexedDB never opens, and delivers from memory', async () => {
    const hanging = { open: () => ({}) as IDBOpenDBRequest } as unknown as IDBFactory; // never fires
    const b = box({ indexedDB: hanging, now: Date.now });
    let errorAt = 0;
    b.addEventListener('storage-error', () => (errorAt = Date.now()));
    const started = Date.now();
    const item = await b.enqueue(feedback(3));
    assert(errorAt > 0, 'storage-error');
    assert(errorAt - started <= 1200, `storage-error after ${errorAt - started} ms`);
    equal(b.durable, false);
    equal(item.state, 'queued');
    await until(async () => (await b.list())[0]?.state === 'delivered', 3000, 'delivered from memory');
    equal(await server.store.countSubmissions(), 1);
  });

  it('asks for persistent storage once, when the first item is queued, without waiting for it', async () => {
    let asked = 0;
    const b = box({ persist: () => (asked++, new Promise<boolean>(() => {})) }); // never answers
    equal(asked, 0);
    equal(b.persisted, undefined);
    server.handler = server.offline;
    await b.enqueue(feedback(1));
    await b.enqueue(feedback(2));
    equal(asked, 1);
    const c = box({ persist: async () => true });
    await c.enqueue(feedback(3));
    await until(() => c.persisted === true, 1000, 'the answer');
  });

  it('tells other tabs that an item was discarded', async () => {
    const first = box();
    const second = box();
    server.handler = server.offline;
    const item = await first.enqueue(feedback(2));
    const gone: string[] = [];
    second.addEventListener('removed', (e) => gone.push(e.detail.id));
    await first.discard(item.id);
    await until(() => gone.length, 3000, 'the removed broadcast');
    deepEqual([...new Set(gone)], [item.id]);
  });

  it('honours Retry-After given as an HTTP date on a 429', async () => {
    const b = box();
    let first = true;
    server.handler = async (req) => {
      // Only this test's item (a request still on its way from an earlier test must not take the 429).
      if (!first || !(await req.clone().text()).includes('date-429')) return server.online(req);
      first = false;
      return new Response(
        JSON.stringify({ type: 'urn:nazar:problem:rate-limited', title: 'rate-limited', status: 429, code: 'rate-limited' }),
        {
          status: 429,
          headers: { 'Content-Type': 'application/problem+json', 'Retry-After': new Date(T0 + 90_000).toUTCString() },
        },
      );
    };
    await b.enqueue(feedback(5, 'date-429'));
    await b.flush();
    const [item] = (await b.list()) as [OutboxItem];
    equal(item.state, 'queued');
    equal(item.problem?.code, 'rate-limited');
    equal(item.nextAttemptAt, T0 + 90_000);
    clock = T0 + 89_999;
    await b.flush();
    // Counted by body: a flush of an earlier test's outbox may still reach the fake network.
    equal(posts('date-429').length, 1, 'no retry before the date');
    clock = T0 + 90_000;
    await b.flush();
    equal((await b.list())[0].state, 'delivered');
  });

  it('waits what Retry-After says, even for an item whose attempts piled up offline', async () => {
    const b = box({ random: () => 0.999 });
    server.handler = server.offline;
    await b.enqueue(feedback(3, 'piled-up'));
    for (let i = 0; i < 12; i++) {
      if (i) clock = (await b.list())[0].nextAttemptAt;
      await b.flush();
    }
    clock = (await b.list())[0].nextAttemptAt;
    server.handler = () =>
      new Response(
        JSON.stringify({ type: 'urn:nazar:problem:rate-limited', title: 'rate-limited', status: 429, code: 'rate-limited', retryAfter: 2 }),
        {
          status: 429,
          headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '2' },
        },
      );
    await b.flush();
    const item = (await b.list())[0];
    equal(item.attempts, 13);
    equal(item.problem?.code, 'rate-limited');
    equal(item.nextAttemptAt, clock + 2000, 'not a backoff of minutes');
  });

  it("retries within 5 s, not after its full backoff, when the network still fails just after 'online'", async () => {
    const b = box({ random: () => 0.999 });
    server.handler = server.offline;
    await b.enqueue(feedback(3));
    for (let i = 0; i < 9; i++) {
      if (i) clock = (await b.list())[0].nextAttemptAt;
      await b.flush();
    }
    let item = (await b.list())[0];
    equal(item.attempts, 9);
    b.start();
    await b.flush();
    // 'online', but the request still finds no network.
    window.dispatchEvent(new Event('online'));
    await until(async () => (await b.list())[0].attempts === 10, 3000, 'the online flush');
    item = (await b.list())[0]!;
    assert(item.nextAttemptAt - clock < 5000, `retry in ${item.nextAttemptAt - clock} ms`);
    // A minute later the grace is over: the full backoff again (a window of 5 minutes).
    clock += 61_000;
    await b.flush();
    item = (await b.list())[0]!;
    equal(item.attempts, 11);
    assert(item.nextAttemptAt - clock > 250_000, `retry in ${item.nextAttemptAt - clock} ms`);
    b.stop();
  });

  it('holds 500 queued items and delivers each once, in order per owner, owners side by side', async function () {
    this.timeout(60_000);
    const owners = ['service-feedback:a', 'service-feedback:b', 'service-feedback:c', 'service-feedback:d', 'service-feedback:e'];
    // The real app, called in the page without msw's service worker (which costs ~15 ms a request).
    let online = false;
    let inFlight = 0;
    let most = 0;
    const sent: { key: string; text: string; owner: number }[] = [];
    const b = box({
      now: Date.now,
      fetch: async (input, init) => {
        if (!online) throw new TypeError('Failed to fetch');
        const req = new Request(input, init);
        const body = JSON.parse(await req.clone().text()) as { text: string };
        sent.push({ key: req.headers.get('Idempotency-Key')!, text: body.text, owner: Number(body.text.slice(1)) % owners.length });
        most = Math.max(most, ++inFlight);
        try {
          await new Promise((r) => setTimeout(r, 2)); // a network that takes a moment
          return await server.online(req);
        } finally {
          inFlight--;
        }
      },
    });
    for (let i = 0; i < 500; i++) await b.enqueue(feedback(1 + (i % 5), `#${i}`, owners[i % owners.length]));
    equal((await b.list()).length, 500);
    let delivered = 0;
    b.addEventListener('change', (e) => e.detail.state === 'delivered' && delivered++);
    b.start();
    await b.flush(); // not due yet (backoff): nothing sent
    sent.length = 0;
    online = true;
    const started = performance.now();
    window.dispatchEvent(new Event('online'));
    await until(() => delivered === 500, 50_000, '500 delivered');
    const ms = performance.now() - started;
    equal((await b.list()).filter((i) => i.state === 'delivered').length, 500);
    equal(await server.store.countSubmissions(), 500);
    equal(sent.length, 500, 'each sent once');
    equal(new Set(sent.map((p) => p.key)).size, 500);
    for (let o = 0; o < owners.length; o++) {
      const order = sent.filter((p) => p.owner === o).map((p) => Number(p.text.slice(1)));
      deepEqual(
        order,
        [...order].sort((x, y) => x - y),
        `FIFO for ${owners[o]}`,
      );
    }
    assert(most > 1 && most <= 4, `at most 4 requests at a time, owners side by side (saw ${most})`);
    console.log(`500 items flushed (the real app in the page, no msw) in ${ms.toFixed(0)} ms`);
  });
});

describe('evictsScriptStorage', () => {
  const UA = {
    iPhoneSafari:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    iPhoneChrome:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
    iPadDesktopMode:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    macChrome: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    macFirefox: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0',
    android: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36',
    androidWebView:
      'Mozilla/5.0 (Linux; Android 14; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36',
    samsung:
      'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
    windowsEdge:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
  };

  it('is true for Safari and every browser on iOS/iPadOS, false elsewhere', () => {
    equal(evictsScriptStorage(UA.iPhoneSafari), true);
    equal(evictsScriptStorage(UA.iPhoneChrome), true);
    equal(evictsScriptStorage(UA.iPadDesktopMode), true);
    equal(evictsScriptStorage(UA.macChrome), false);
    equal(evictsScriptStorage(UA.macFirefox), false);
    equal(evictsScriptStorage(UA.android), false);
    equal(evictsScriptStorage(UA.androidWebView), false);
    equal(evictsScriptStorage(UA.samsung), false);
    equal(evictsScriptStorage(UA.windowsEdge), false);
    equal(evictsScriptStorage(''), false);
  });

  it('is exposed on the outbox as evictionRisk', () => {
    equal(createOutbox({ name: uniqueName('ua'), userAgent: UA.iPhoneSafari }).evictionRisk, true);
    equal(createOutbox({ name: uniqueName('ua'), userAgent: UA.android }).evictionRisk, false);
    // This test browser (Chromium or Firefox) is not at risk.
    equal(createOutbox({ name: uniqueName('ua') }).evictionRisk, false);
  });
});

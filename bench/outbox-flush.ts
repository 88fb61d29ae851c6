// Outbox flush bench: items queued offline in Chromium, then the network comes back; how long
// until the server has them all, and how long the page's main thread was ever busy meanwhile.
//
//   node --import tsx bench/outbox-flush.ts          writes bench/outbox-flush.json
//
// The real server (createNodeServer with the SQLite store, synchronous=FULL, in a temp dir) and a
// tiny county page on another origin that loads a minified bundle of @nazar/client (built here
// with vite) and uses its Outbox, as the widgets do. Scenarios:
//  - 500 items over 5 widget instances (owners, sent side by side), server without its
//    per-address submit limit: what the Outbox itself can do;
//  - 500 items of one owner (strictly one after another), same server;
//  - 120 items over 5 owners against the server's default submit limit (burst 60, then 120 a
//    minute per address): the Outbox waits as each 429's Retry-After says, and no more.
// OUTBOX_BENCH_ITEMS / OUTBOX_BENCH_LIMITED_ITEMS change the counts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { DEFAULT_SUBMIT_RATE_LIMIT } from '../packages/server/src/http/app.js';
import { createNodeServer, type NodeServer } from '../packages/server/src/node/server.js';
import { createSqliteStore } from '../packages/server/src/store/sqlite/store.js';
import type { Outbox } from '../packages/client/src/index.js';

const root = join(import.meta.dirname, '..');
const ITEMS = Number(process.env.OUTBOX_BENCH_ITEMS ?? 500);
const LIMITED_ITEMS = Number(process.env.OUTBOX_BENCH_LIMITED_ITEMS ?? 120);
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

interface Db {
  prepare(sql: string): { get(...params: unknown[]): unknown };
  close(): void;
}
const Database = createRequire(join(root, 'packages/server/package.json'))('better-sqlite3') as new (
  file: string,
  options?: { readonly?: boolean },
) => Db;
const silent = { info() {}, error() {} };

const tmp = mkdtempSync(join(tmpdir(), 'nazar-outbox-bench-'));
const servers: NodeServer[] = [];
let pageServer: Server | undefined;

interface Scenario {
  name: string;
  items: number;
  owners: number;
  serverSubmitLimit: boolean;
}

async function run(browser: Browser, page: string, s: Scenario, n: number) {
  const dbFile = join(tmp, `nazar-${n}.db`);
  const api = await createNodeServer({
    store: createSqliteStore(dbFile),
    port: 0,
    host: '127.0.0.1',
    allowedOrigins: [page],
    elementsDir: null,
    demoDir: null,
    logger: silent,
    submitRateLimit: s.serverSubmitLimit ? DEFAULT_SUBMIT_RATE_LIMIT : false,
  });
  servers.push(api);
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(page + '/');
  await tab.evaluate(async (run) => {
    const url: string = '/client.js'; // served by the page server
    const { createOutbox } = (await import(url)) as typeof import('../packages/client/src/index.js');
    (window as unknown as { outbox: Outbox }).outbox = createOutbox({ name: `bench-${run}`, persist: null });
  }, n);

  // Offline: the citizen saves every item (each save also tries a flush, which finds no network).
  await context.setOffline(true);
  const saving = await tab.evaluate(
    async ({ api, items, owners, run }) => {
      const outbox = (window as unknown as { outbox: Outbox }).outbox;
      const times: number[] = [];
      for (let i = 0; i < items; i++) {
        const service = `bench-${run}-${i % owners}`;
        const t = performance.now();
        await outbox.enqueue({
          api: api + '/',
          path: `/v1/services/${service}/feedback`,
          body: { rating: 1 + (i % 5), text: `bench item ${i}`, serviceLabel: `خدمت ${service}`, locale: 'fa' },
          owner: `service-feedback:${service}`,
        });
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return { p50: times[Math.floor(times.length / 2)], p99: times[Math.floor(times.length * 0.99)], max: times.at(-1)! };
    },
    { api: api.url, items: s.items, owners: s.owners, run: n },
  );

  // Watch the main thread: the Long Tasks API (tasks of 50 ms or more) and a heartbeat through a
  // MessageChannel that measures the longest gap between two turns of the event loop.
  await tab.evaluate((items) => {
    const w = window as unknown as Record<string, unknown>;
    const outbox = w.outbox as Outbox;
    const longTasks: number[] = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration))).observe({ type: 'longtask' });
    w.longTasks = longTasks;
    let delivered = 0;
    const answers: Record<string, number> = {};
    w.answers = answers;
    w.done = new Promise<void>((resolve) =>
      outbox.addEventListener('change', (e) => {
        const code = e.detail.problem?.code;
        if (e.detail.state === 'queued' && code) answers[code] = (answers[code] ?? 0) + 1;
        if (e.detail.state === 'delivered' && ++delivered === items) resolve();
      }),
    );
    addEventListener('online', () => (w.onlineAt = performance.now()), { once: true });
    outbox.start(); // as the widgets do
    const { port1, port2 } = new MessageChannel();
    let last = performance.now();
    let maxGap = 0;
    port1.onmessage = () => {
      const t = performance.now();
      maxGap = Math.max(maxGap, t - last);
      last = t;
      if (!w.stopBeat) port2.postMessage(null);
    };
    w.maxGap = () => maxGap;
    port2.postMessage(null);
  }, s.items);
  await tab.waitForTimeout(300);
  await context.setOffline(false); // the page hears 'online'
  const flushed = await tab.evaluate(async () => {
    const w = window as unknown as Record<string, unknown>;
    await w.done;
    const flushMs = performance.now() - (w.onlineAt as number);
    w.stopBeat = true;
    await new Promise((r) => setTimeout(r, 100)); // let the observer report the last tasks
    const longTasks = w.longTasks as number[];
    return {
      flushMs,
      longTasks: longTasks.length,
      longest: Math.max(0, ...longTasks),
      maxGap: (w.maxGap as () => number)(),
      answers: w.answers as Record<string, number>,
    };
  });
  await context.close();
  await api.close();
  const db = new Database(dbFile, { readonly: true });
  const rows = (db.prepare(`SELECT count(*) AS n FROM feedback WHERE service_id LIKE ?`).get(`bench-${n}-%`) as { n: number }).n;
  const keys = (
    db
      .prepare(
        `SELECT count(DISTINCT idempotency_key) AS n FROM submissions JOIN feedback f ON f.submission_id = submissions.id WHERE f.service_id LIKE ?`,
      )
      .get(`bench-${n}-%`) as { n: number }
  ).n;
  db.close();
  if (rows !== s.items || keys !== s.items) throw new Error(`${s.name}: the server has ${rows} rows (${keys} keys) for ${s.items} items`);
  return {
    ...s,
    rowsInDatabase: rows,
    flushMs: Math.round(flushed.flushMs),
    itemsPerSecond: Math.round((s.items * 1000) / flushed.flushMs),
    longTasks: flushed.longTasks,
    longestLongTaskMs: Math.round(flushed.longest),
    maxMainThreadGapMs: Math.round(flushed.maxGap),
    retriesByCode: flushed.answers,
    saveOfflineMs: { p50: +saving.p50.toFixed(1), p99: +saving.p99.toFixed(1), max: +saving.max.toFixed(1) },
  };
}

async function main() {
  // The client as one minified ES module, the way a page gets it.
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    build: {
      outDir: join(tmp, 'dist'),
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      lib: { entry: join(root, 'packages/client/src/index.ts'), formats: ['es'], fileName: () => 'client.js' },
      rolldownOptions: { output: { minify: true } },
    },
  });
  const bundle = readFileSync(join(tmp, 'dist/client.js'));
  pageServer = createServer((req, res) => {
    if (req.url === '/client.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle);
    res
      .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      .end(
        '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>bench</title></head><body><h1>میز خدمت</h1></body></html>',
      );
  });
  await new Promise<void>((r) => pageServer!.listen(0, '127.0.0.1', r));
  const page = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;

  const scenarios: Scenario[] = [
    { name: `${ITEMS} items, 5 owners`, items: ITEMS, owners: 5, serverSubmitLimit: false },
    { name: `${ITEMS} items, 1 owner`, items: ITEMS, owners: 1, serverSubmitLimit: false },
    {
      name: `${LIMITED_ITEMS} items, 5 owners, the server's default submit limit`,
      items: LIMITED_ITEMS,
      owners: 5,
      serverSubmitLimit: true,
    },
  ];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const results = [];
  try {
    for (const [n, s] of scenarios.entries()) results.push(await run(browser, page, s, n));
  } finally {
    await browser.close();
  }
  return { date: new Date().toISOString(), node: process.version, chromium: browser.version(), cpus: cpus().length, scenarios: results };
}

try {
  const results = await main();
  writeFileSync(join(root, 'bench/outbox-flush.json'), JSON.stringify(results, null, 2) + '\n');
  for (const s of results.scenarios) {
    console.log(
      `outbox flush, ${s.name}: ${s.flushMs} ms after 'online' (${s.itemsPerSecond}/s), ` +
        `${s.longTasks} long tasks (longest ${s.longestLongTaskMs} ms), longest main-thread gap ${s.maxMainThreadGapMs} ms, ` +
        `retries ${JSON.stringify(s.retriesByCode)}; saving offline p50 ${s.saveOfflineMs.p50} ms, max ${s.saveOfflineMs.max} ms`,
    );
  }
} finally {
  for (const s of servers) await s.close().catch(() => {});
  pageServer?.close();
  rmSync(tmp, { recursive: true, force: true });
}

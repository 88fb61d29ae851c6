// Outbox flush bench: 500 items queued offline in Chromium, then the network comes back; how long
// until the server has them all, and how long the page's main thread was ever busy meanwhile.
//
//   node --import tsx bench/outbox-flush.ts          writes bench/outbox-flush.json
//
// The real server (packages/server/src/main.ts, SQLite with synchronous=FULL in a temp dir) on
// one port; a tiny county page on another origin that loads a bundle of @nazar/client (built
// here with vite) and uses its Outbox, as the widgets do. Two scenarios: 500 items over 5 widget
// instances (owners, sent side by side) and 500 items of one owner (strictly one after another).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, '..');
const ITEMS = Number(process.env.OUTBOX_BENCH_ITEMS ?? 500);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

interface Db {
  prepare(sql: string): { get(...params: unknown[]): unknown };
  close(): void;
}
const Database = createRequire(join(root, 'packages/server/package.json'))('better-sqlite3') as new (file: string, options?: { readonly?: boolean }) => Db;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

const tmp = mkdtempSync(join(tmpdir(), 'nazar-outbox-bench-'));
let apiServer: ChildProcess | undefined;
let pageServer: Server | undefined;

async function main() {
  // 1. The client as one minified ES module, the way a page gets it.
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

  // 2. The county page, on its own origin.
  pageServer = createServer((req, res) => {
    if (req.url === '/client.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>bench</title></head><body><h1>میز خدمت</h1></body></html>');
  });
  await new Promise<void>((r) => pageServer!.listen(0, '127.0.0.1', r));
  const page = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;

  // 3. The real server.
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  const dbFile = join(tmp, 'nazar.db');
  apiServer = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NAZAR_PORT: String(port), NAZAR_HOST: '127.0.0.1', NAZAR_DATABASE_URL: `sqlite:${dbFile}`, NAZAR_ALLOWED_ORIGINS: page },
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 60_000);
    apiServer!.stdout!.on('data', (d: Buffer) => {
      out += d;
      if (out.includes('nazar listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    apiServer!.stderr!.on('data', (d: Buffer) => (out += d));
    apiServer!.once('exit', (code) => reject(new Error(`the server exited ${code}:\n${out}`)));
  });

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const version = browser.version();
  const scenarios = [];
  try {
    for (const owners of [5, 1]) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.goto(page + '/');
      await tab.evaluate(async (run) => {
        const url: string = '/client.js'; // served by the page server above
        const { createOutbox } = (await import(url)) as typeof import('../packages/client/src/index.js');
        (window as unknown as { outbox: unknown }).outbox = createOutbox({ name: `bench-${run}`, persist: null });
      }, owners);
      await context.setOffline(true);
      const queued = await tab.evaluate(
        async ({ api, items, owners, run }) => {
          const outbox = (window as unknown as { outbox: import('../packages/client/src/index.js').Outbox }).outbox;
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
          return { p50: times[Math.floor(times.length / 2)]!, p99: times[Math.floor(times.length * 0.99)]!, max: times.at(-1)! };
        },
        { api, items: ITEMS, owners, run: owners },
      );

      // Watch the main thread: the Long Tasks API (tasks of 50 ms or more) and a heartbeat that
      // measures the longest gap between two turns of the event loop (any task, however short).
      await tab.evaluate((items) => {
        const w = window as unknown as Record<string, unknown>;
        const outbox = w.outbox as EventTarget & { start(): void };
        const longTasks: number[] = [];
        new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration))).observe({ type: 'longtask' });
        w.longTasks = longTasks;
        let delivered = 0;
        w.done = new Promise<void>((resolve) =>
          outbox.addEventListener('change', (e) => {
            if ((e as CustomEvent<{ state: string }>).detail.state === 'delivered' && ++delivered === items) resolve();
          }),
        );
        addEventListener('online', () => (w.onlineAt = performance.now()), { once: true });
        outbox.start(); // as the widgets do; offline, its pass finds no network
      }, ITEMS);
      await tab.waitForTimeout(500);
      await tab.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
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
      });
      await context.setOffline(false); // the page hears 'online'
      const flushed = await tab.evaluate(async () => {
        const w = window as unknown as Record<string, unknown>;
        await w.done;
        const flushMs = performance.now() - (w.onlineAt as number);
        w.stopBeat = true;
        await new Promise((r) => setTimeout(r, 100)); // let the observer report the last tasks
        const longTasks = w.longTasks as number[];
        return { flushMs, longTasks: longTasks.length, longestLongTaskMs: Math.max(0, ...longTasks), maxMainThreadGapMs: (w.maxGap as () => number)() };
      });
      const db = new Database(dbFile, { readonly: true });
      const rows = (db.prepare(`SELECT count(*) AS n FROM feedback WHERE service_id LIKE ?`).get(`bench-${owners}-%`) as { n: number }).n;
      db.close();
      if (rows !== ITEMS) throw new Error(`the server has ${rows} rows for ${ITEMS} items`);
      scenarios.push({
        owners,
        items: ITEMS,
        rowsInDatabase: rows,
        flushMs: Math.round(flushed.flushMs),
        itemsPerSecond: Math.round((ITEMS * 1000) / flushed.flushMs),
        longTasks: flushed.longTasks,
        longestLongTaskMs: Math.round(flushed.longestLongTaskMs),
        maxMainThreadGapMs: Math.round(flushed.maxMainThreadGapMs),
        enqueueOfflineMs: { p50: +queued.p50.toFixed(1), p99: +queued.p99.toFixed(1), max: +queued.max.toFixed(1) },
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { date: new Date().toISOString(), node: process.version, chromium: version, cpus: (await import('node:os')).cpus().length, scenarios };
}

try {
  const results = await main();
  writeFileSync(join(root, 'bench/outbox-flush.json'), JSON.stringify(results, null, 2) + '\n');
  for (const s of results.scenarios) {
    console.log(
      `outbox flush, ${s.items} items over ${s.owners} owner(s): ${s.flushMs} ms after 'online' (${s.itemsPerSecond}/s), ` +
        `${s.longTasks} long tasks (longest ${s.longestLongTaskMs} ms), longest main-thread gap ${s.maxMainThreadGapMs} ms; ` +
        `saving offline p50 ${s.enqueueOfflineMs.p50} ms, max ${s.enqueueOfflineMs.max} ms`,
    );
  }
} finally {
  if (apiServer?.exitCode === null) {
    const exited = new Promise((r) => apiServer!.once('exit', r));
    apiServer.kill('SIGTERM');
    await exited;
  }
  pageServer?.close();
  rmSync(tmp, { recursive: true, force: true });
}

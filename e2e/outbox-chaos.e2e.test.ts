// Chaos end to end: the real server (packages/server/src/node/main.ts on a temporary SQLite file, in its
// own process group so it can be SIGKILLed and restarted on the same port and database) and three
// tabs of the demo county page in Debian's Chromium, sharing one profile (so one IndexedDB, Web
// Locks and BroadcastChannel between them). The tabs save feedback through the <service-feedback>
// widgets and through the same page Outbox the widgets use, while the network flaps (offline
// toggles), requests are cut before the server sees them or after it committed (page routes),
// one tab reloads in the middle of a flush and the server is killed and restarted. Then every item
// any tab saved is in the database exactly once, and nothing else is.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import { outboxSettled, within } from './support.js';

const root = join(import.meta.dirname, '..');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
const SERVICES = ['gathering-permit', 'public-complaints', 'ngo-permit'];

interface Db {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
  close(): void;
}
const Database = createRequire(join(root, 'packages/server/package.json'))('better-sqlite3') as new (
  file: string,
  options?: { readonly?: boolean; fileMustExist?: boolean },
) => Db;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

// How long a fault lasts (the network off or on, the server down): the schedule of the chaos.
// Nothing is concluded after one; the end waits for what it counts.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The widgets are defined and connected (each has its Outbox). */
function widgetsReady(page: Page): Promise<unknown> {
  return page.waitForFunction(
    () => [...document.querySelectorAll('service-feedback')].every((el) => (el as unknown as { outbox?: object }).outbox),
    undefined,
    { timeout: 15_000 },
  );
}

type ChaosOutbox = EventTarget & { list(): Promise<{ state: string; body: { text?: string } }[]> };

/** Resolves once the tab's Outbox holds every chaos item as delivered: checked on each change it hears of. */
function allDelivered(page: Page): Promise<void> {
  return page.evaluate(async () => {
    const { outbox } = document.querySelector('service-feedback') as unknown as { outbox: ChaosOutbox };
    for (;;) {
      // Listening before reading: a change while reading is not missed. (No named function in
      // here: tsx would wrap it in a helper the page does not have.)
      const changed = new Promise((r) => outbox.addEventListener('change', r, { once: true }));
      const items = (await outbox.list()).filter((x) => x.body.text?.startsWith('chaos'));
      if (items.length > 0 && items.every((x) => x.state === 'delivered')) return;
      await changed;
    }
  });
}

/** What the tab's Outbox still holds undelivered, for a failure message. */
function undelivered(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const { outbox } = document.querySelector('service-feedback') as unknown as { outbox: ChaosOutbox };
    return (await outbox.list())
      .filter((x) => x.body.text?.startsWith('chaos') && x.state !== 'delivered')
      .map((x) => `${x.body.text} (${x.state})`);
  });
}

let dataDir: string;
let port: number;
let base: string;
let server: ChildProcess | undefined;
let browser: Browser;
let serverLog = '';

/** Starts the server (again) on the same port and database; resolves once it listens. */
async function startServer(): Promise<void> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/server/src/node/main.ts'], {
    cwd: root,
    detached: true, // its own process group: SIGKILL takes all of it
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NAZAR_PORT: String(port),
      NAZAR_HOST: '127.0.0.1',
      NAZAR_DATABASE_URL: `sqlite:${join(dataDir, 'nazar.db')}`,
      NAZAR_ALLOWED_ORIGINS: base,
    },
  });
  server = child;
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not come up:\n${out}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('nazar listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (c: Buffer) => ((out += c.toString()), (serverLog += c.toString())));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}):\n${out}`));
    });
  });
}

async function killServer(signal: NodeJS.Signals): Promise<void> {
  const child = server;
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid, signal);
  // A graceful stop drains open connections for a while; the test does not need to wait for that.
  const timer = signal === 'SIGKILL' ? undefined : setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 2000);
  await exited;
  clearTimeout(timer);
}

function rows(): { text: string; n: number }[] {
  const db = new Database(join(dataDir, 'nazar.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT text, count(*) AS n FROM feedback WHERE text LIKE 'chaos %' GROUP BY text`).all() as {
      text: string;
      n: number;
    }[];
  } finally {
    db.close();
  }
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nazar-chaos-'));
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  if (!existsSync(join(root, 'packages/elements/dist/cdn/nazar.js'))) {
    // Run on its own (npm test builds first): build the widgets the server serves.
    spawnSync(process.execPath, ['packages/elements/scripts/build-locales.mjs'], { cwd: root, stdio: 'inherit' });
    spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  await startServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await killServer('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the Outbox under fire (three tabs, flapping network, a reload mid-flush, kill -9 of the server)', () => {
  it('every item saved in any tab reaches the database exactly once', { timeout: 90_000 }, async () => {
    const started = Date.now();
    const phases: string[] = [];
    const mark = (what: string) => phases.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const context: BrowserContext = await browser.newContext({ locale: 'fa-IR' });
    const faults = { offline: 0, cutBeforeServer: 0, cutAfterCommit: 0, passed: 0, serverKills: 0, reloads: 0 };
    let seed = 20261128;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;

    // Requests cut before the server sees them, or after it committed (the answer is lost); and
    // two armed faults that wait for a request to be on its way: a reload of the tab sending it,
    // and a SIGKILL of the server while it handles it.
    let chaos = true;
    let reloadArmed: ((page: Page) => Promise<void>) | undefined;
    let killArmed: (() => Promise<void>) | undefined;
    // Requests the routes hold (a fetch to the server may still be on its way): counted before the end.
    let held = 0;
    const whenNoneHeld: (() => void)[] = [];
    const noneHeld = () => (held === 0 ? Promise.resolve() : new Promise<void>((r) => whenNoneHeld.push(r)));
    await context.route('**/v1/services/*/feedback', async (route: Route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      held++;
      try {
        return await cut(route);
      } finally {
        if (--held === 0) for (const r of whenNoneHeld.splice(0)) r();
      }
    });
    async function cut(route: Route): Promise<void> {
      const reload = reloadArmed;
      if (reload) {
        reloadArmed = undefined;
        await reload(route.request().frame().page()); // the tab reloads while its request hangs
        return route.abort('connectionreset').catch(() => undefined);
      }
      const kill = killArmed;
      if (kill) {
        killArmed = undefined;
        const reaching = route.fetch().catch(() => undefined); // on its way to the server...
        await kill(); // ...which dies: committed or not, nobody knows
        await reaching;
        return route.abort('connectionreset');
      }
      if (!chaos) return route.fallback();
      const r = random();
      if (r < 0.25) {
        faults.cutBeforeServer++;
        return route.abort('connectionreset');
      }
      if (r < 0.5) {
        faults.cutAfterCommit++;
        await route.fetch().catch(() => undefined); // reaches the server (if it is up); the page never hears
        return route.abort('connectionreset');
      }
      faults.passed++;
      return route.fallback();
    }

    const errors: string[] = [];
    const pages: Page[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(`tab ${i}: ${e.message}`));
      await page.goto(base + '/');
      await widgetsReady(page);
      pages.push(page);
    }

    const saved: string[] = [];
    /** A citizen rates a service with the widget; resolves once the widget says it is saved (or received). */
    async function viaWidget(page: Page, service: string, text: string): Promise<void> {
      const el = page.locator(`service-feedback[service="${service}"]`);
      await el.getByRole('radio', { name: '۴ خوب', exact: true }).check();
      await el.getByLabel('این خدمت چگونه می‌تواند بهتر شود؟ (اختیاری)').fill(text);
      await el.getByRole('button', { name: 'فرستادن', exact: true }).click();
      await el.locator('[part="status"]').waitFor({ timeout: 10_000 });
      saved.push(text);
    }
    /** More items through the page's own Outbox (the one the widgets use), as a widget would send them. */
    async function viaOutbox(page: Page, texts: string[]): Promise<void> {
      const acked = await page.evaluate(
        async ({ texts, services }) => {
          const el = document.querySelector('service-feedback') as unknown as { outbox: { enqueue(i: object): Promise<{ id: string }> } };
          const done: string[] = [];
          for (const [i, text] of texts.entries()) {
            const service = services[i % services.length];
            await el.outbox.enqueue({
              api: location.origin + '/',
              path: `/v1/services/${service}/feedback`,
              body: { rating: 1 + (i % 5), text, locale: 'fa' },
              owner: `service-feedback:${service}`,
            });
            done.push(text);
          }
          return done;
        },
        { texts, services: SERVICES },
      );
      saved.push(...acked);
    }
    const offline = async (on: boolean) => {
      if (on) faults.offline++;
      await context.setOffline(on);
    };

    // 1. Each tab rates a different service with its widget, through the flaky routes.
    await Promise.all(pages.map((p, i) => viaWidget(p, SERVICES[i], `chaos widget tab ${i}`)));
    // 2. More items from every tab while the network flaps.
    for (let round = 0; round < 3; round++) {
      await offline(round % 2 === 0);
      await Promise.all(
        pages.map((p, i) =>
          viaOutbox(
            p,
            [0, 1].map((k) => `chaos round ${round} tab ${i} item ${k}`),
          ),
        ),
      );
      await sleep(300);
    }
    // 3. Back online: the tabs start flushing; the tab that sends the next request reloads then.
    await offline(true);
    await Promise.all(pages.map((p, i) => viaOutbox(p, [`chaos before reload tab ${i}`])));
    let reloaded!: () => void;
    const reloadDone = new Promise<void>((r) => (reloaded = r));
    reloadArmed = async (page) => {
      faults.reloads++;
      await page.reload();
      await widgetsReady(page);
      reloaded();
    };
    await offline(false);
    await within(reloadDone, 15_000, 'a tab sending a request after coming online, and reloading');
    mark('reload');
    // 4. kill -9 the server while it handles a request; the tabs keep saving; restart it.
    let killed!: () => void;
    const killDone = new Promise<void>((r) => (killed = r));
    killArmed = async () => {
      faults.serverKills++;
      await killServer('SIGKILL');
      killed();
    };
    await Promise.all(pages.map((p, i) => viaOutbox(p, [`chaos before kill tab ${i}`])));
    await within(killDone, 15_000, 'a request reaching the server to kill it under');
    mark('kill');
    await Promise.all(pages.map((p, i) => viaOutbox(p, [`chaos server down tab ${i} a`, `chaos server down tab ${i} b`])));
    await sleep(1000);
    await startServer();
    await Promise.all(pages.map((p, i) => viaOutbox(p, [`chaos after restart tab ${i}`])));
    // 5. Some more flapping, then a good network: routes pass everything, the tabs hear 'online'.
    for (let k = 0; k < 3; k++) {
      await offline(true);
      await sleep(250);
      await offline(false);
      await sleep(400);
    }
    chaos = false;
    await offline(true);
    await offline(false);

    // Every saved item arrives, each once. Counted once every tab holds every item as delivered (a
    // 2xx, so committed), then each tab has made one more whole pass (a wrong second send would go
    // out and be answered in it), and no request the routes cut is still on its way to the server.
    const agreed = await Promise.allSettled(
      pages.map((p, i) => within(allDelivered(p), 50_000, `tab ${i} holding every item as delivered`)),
    );
    mark('all delivered');
    for (const page of pages) await outboxSettled(page, 'service-feedback');
    await within(noneHeld(), 15_000, 'the requests the routes hold answered');
    mark('settled');
    const found = rows();
    const counts = new Map(found.map((r) => [r.text, r.n]));
    const missing = saved.filter((t) => !counts.has(t));
    const twice = found.filter((r) => r.n > 1).map((r) => `${r.text} ×${r.n}`);
    const unknown = found.filter((r) => !saved.includes(r.text)).map((r) => r.text);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `outbox chaos: ${saved.length} items saved in 3 tabs, ${found.length} in the database, lost ${missing.length}, duplicated ${twice.length}; ` +
        `faults: offline toggles ${faults.offline}, cut before the server ${faults.cutBeforeServer}, cut after commit ${faults.cutAfterCommit}, ` +
        `passed ${faults.passed}, server SIGKILLs mid-request ${faults.serverKills}, reloads mid-request ${faults.reloads}; ${seconds} s`,
    );
    assert.deepEqual(missing, [], 'lost');
    assert.deepEqual(twice, [], 'duplicated');
    assert.deepEqual(unknown, [], 'rows nobody saved');
    assert.equal(saved.length, 3 + 18 + 3 + 3 + 6 + 3);
    assert.ok(faults.cutBeforeServer > 0 && faults.cutAfterCommit > 0, 'both kinds of cut happened');
    // Every tab's outbox agrees: everything delivered.
    for (const [i, page] of pages.entries()) {
      const a = agreed[i];
      if (a.status === 'rejected')
        assert.fail(`tab ${i} still has undelivered items: ${(await undelivered(page)).join(', ')} (${(a.reason as Error).message})`);
    }
    console.log(`outbox chaos phases: ${phases.join(', ')}`);
    assert.deepEqual(errors, []);
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
  });
});

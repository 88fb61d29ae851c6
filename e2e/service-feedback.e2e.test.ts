// End to end: `npm start` (the real product: build, SQLite file, demo page) driven by Playwright
// in Debian's Chromium. A citizen rates a service on the demo page, online and then offline with
// a reload in between; a county site on another origin embeds the widget with one script tag.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = join(import.meta.dirname, '..');
// better-sqlite3 belongs to the server package; the test reads the database the way an auditor would.
interface Db {
  prepare(sql: string): { get(...params: unknown[]): unknown };
  close(): void;
}
const Database = createRequire(join(root, 'packages/server/package.json'))('better-sqlite3') as new (
  file: string,
  options?: { readonly?: boolean; fileMustExist?: boolean },
) => Db;

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

let server: ChildProcess;
let base: string;
let countyServer: Server;
let county: string;
let dataDir: string;
let browser: Browser;

function rows(where = '1 = 1', ...params: unknown[]): number {
  const db = new Database(join(dataDir, 'nazar.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM feedback f JOIN submissions s ON s.id = f.submission_id WHERE ${where}`).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

function widget(page: Page, service: string) {
  return page.locator(`service-feedback[service="${service}"]`);
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nazar-e2e-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // The county site: another origin that embeds the widget with one script tag.
  countyServer = createServer((req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>فرمانداری سرباز</title>
      <script type="module" src="${base}/nazar.js" data-api="${base}/"></script></head>
      <body><main><h1>میز خدمت</h1>
      <service-feedback service="water-connection" label="انشعاب آب روستایی"><a href="/old-form">فرم قدیمی</a></service-feedback>
      </main></body></html>`);
  });
  await new Promise<void>((r) => countyServer.listen(0, '127.0.0.1', r));
  county = `http://127.0.0.1:${(countyServer.address() as AddressInfo).port}`;

  server = spawn(process.execPath, ['scripts/run.mjs', 'start'], {
    cwd: root,
    detached: true, // its own process group, so the build and the server stop together
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NAZAR_PORT: String(port),
      NAZAR_DATABASE_URL: `sqlite:${join(dataDir, 'nazar.db')}`,
      NAZAR_ALLOWED_ORIGINS: `${base},${county}`,
    },
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('nazar listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', (c: Buffer) => (output += c));
    server.on('exit', (code) => reject(new Error(`npm start exited ${code}:\n${output}`)));
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    process.kill(-server.pid, 'SIGTERM');
    await exited;
  }
  countyServer?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a citizen on the demo county page (npm start)', () => {
  it('rates a service and gets a tracking code; the row is in SQLite once', async () => {
    const context = await browser.newContext({ locale: 'fa-IR' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base + '/');
    const el = widget(page, 'gathering-permit');
    await el.getByRole('radio', { name: '۴ خوب', exact: true }).check();
    await el.getByLabel('این خدمت چگونه می‌تواند بهتر شود؟ (اختیاری)').fill('e2e online: صف طولانی بود');
    await el.getByLabel('شماره همراه یا رایانامه، اگر پاسخ می‌خواهید (اختیاری)').fill('۰۹۱۵ ۱۲۳ ۴۵۶۷');
    await el.getByRole('button', { name: 'فرستادن', exact: true }).click();
    const code = el.locator('[part="tracking-code"]');
    await code.waitFor({ timeout: 15_000 });
    assert.match((await code.textContent())!, /^[۰-۹]{4}-[۰-۹]{3}-[۰-۹]{3}$/);
    assert.equal(rows('f.text = ?', 'e2e online: صف طولانی بود'), 1);
    const db = new Database(join(dataDir, 'nazar.db'), { readonly: true });
    const stored = db.prepare(`SELECT contact_value FROM feedback WHERE text = ?`).get('e2e online: صف طولانی بود') as { contact_value: string };
    db.close();
    assert.equal(stored.contact_value, '09151234567', 'contact normalised');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('rates a service offline, survives a reload, and arrives exactly once when back online', async () => {
    const context = await browser.newContext({ locale: 'fa-IR' });
    const page = await context.newPage();
    await page.goto(base + '/');
    const el = widget(page, 'public-complaints');
    await el.getByRole('radio', { name: '۲ بد', exact: true }).waitFor();
    await context.setOffline(true);
    await el.getByRole('radio', { name: '۲ بد', exact: true }).check();
    await el.getByLabel('این خدمت چگونه می‌تواند بهتر شود؟ (اختیاری)').fill('e2e offline: پاسخ تلفنی نمی‌دهند');
    await el.getByRole('button', { name: 'فرستادن', exact: true }).click();
    await el.getByText('روی همین دستگاه ذخیره شد', { exact: true }).waitFor();
    assert.equal(rows('f.text = ?', 'e2e offline: پاسخ تلفنی نمی‌دهند'), 0);

    // Back online for the page itself, but the adapter is still unreachable: reload.
    await page.route('**/v1/services/*/feedback', (route) => route.abort('internetdisconnected'));
    await context.setOffline(false);
    await page.reload();
    await widget(page, 'public-complaints').getByText('روی همین دستگاه ذخیره شد', { exact: true }).waitFor();
    assert.equal(rows('f.text = ?', 'e2e offline: پاسخ تلفنی نمی‌دهند'), 0, 'still only on the device');

    // The adapter answers again.
    await page.unroute('**/v1/services/*/feedback');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await widget(page, 'public-complaints').locator('[part="tracking-code"]').waitFor({ timeout: 20_000 });
    assert.equal(rows('f.text = ?', 'e2e offline: پاسخ تلفنی نمی‌دهند'), 1, 'exactly one row');
    await page.reload();
    await page.waitForTimeout(1500); // give any (wrong) second flush the chance to happen
    assert.equal(rows('f.text = ?', 'e2e offline: پاسخ تلفنی نمی‌دهند'), 1, 'still exactly one row');
    await context.close();
  });

  it('works embedded in a county site on another origin, registering the new service', async () => {
    const context = await browser.newContext({ locale: 'fa-IR' });
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
    const refused: string[] = [];
    page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && refused.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`));
    await page.goto(county + '/');
    const el = widget(page, 'water-connection');
    await el.getByRole('radio', { name: '۵ خیلی خوب', exact: true }).check();
    await el.getByRole('button', { name: 'فرستادن', exact: true }).click();
    await el.locator('[part="tracking-code"]').waitFor({ timeout: 15_000 });
    assert.equal(rows("f.service_id = 'water-connection'"), 1);
    const db = new Database(join(dataDir, 'nazar.db'), { readonly: true });
    const service = db.prepare(`SELECT title, registered_origin FROM services WHERE id = 'water-connection'`).get() as { title: string; registered_origin: string };
    db.close();
    assert.deepEqual(service, { title: 'انشعاب آب روستایی', registered_origin: county });
    assert.deepEqual(failed, [], 'the loader, its chunks and the API all load cross-origin');
    // The only refusal: the summary of a service nobody has rated yet (it is registered by the POST).
    assert.deepEqual(refused, ['GET /v1/services/water-connection 404']);
    await context.close();
  });
});

// End to end: `npm start` (the real product: build, SQLite file, demo page) driven by Playwright
// in Debian's Chromium. A citizen rates a service on the demo page, online and then offline with
// a reload in between; a county site on another origin embeds the widget with one script tag.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { freePort, launchChromium, outboxSettled, startProduct, type Product } from './support.js';

let product: Product;
let base: string;
let countyServer: Server;
let county: string;
let browser: Browser;

function rows(where = '1 = 1', ...params: unknown[]): number {
  return product.query<{ n: number }>(
    `SELECT count(*) AS n FROM feedback f JOIN submissions s ON s.id = f.submission_id WHERE ${where}`,
    ...params,
  )[0].n;
}

function widget(page: Page, service: string) {
  return page.locator(`service-feedback[service="${service}"]`);
}

before(async () => {
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
  product = await startProduct({ NAZAR_PORT: String(port), NAZAR_ALLOWED_ORIGINS: `${base},${county}` });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await product?.stop();
  countyServer?.close();
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
    const [stored] = product.query<{ contact_value: string }>(
      `SELECT contact_value FROM feedback WHERE text = ?`,
      'e2e online: صف طولانی بود',
    );
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
    // The page's own try when it comes back online fails first; the reload does not cut a send short.
    const tried = page.waitForEvent('requestfailed', { predicate: (r) => r.url().endsWith('/feedback'), timeout: 10_000 });
    await context.setOffline(false);
    await tried;
    await page.reload();
    await widget(page, 'public-complaints').getByText('روی همین دستگاه ذخیره شد', { exact: true }).waitFor();
    assert.equal(rows('f.text = ?', 'e2e offline: پاسخ تلفنی نمی‌دهند'), 0, 'still only on the device');

    // The adapter answers again.
    await page.unroute('**/v1/services/*/feedback');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await widget(page, 'public-complaints').locator('[part="tracking-code"]').waitFor({ timeout: 20_000 });
    assert.equal(rows('f.text = ?', 'e2e offline: پاسخ تلفنی نمی‌دهند'), 1, 'exactly one row');
    await page.reload();
    // A (wrong) second send would go out in the reloaded page's flush: count once that is over.
    await outboxSettled(page, 'service-feedback[service="public-complaints"]');
    assert.equal(rows('f.text = ?', 'e2e offline: پاسخ تلفنی نمی‌دهند'), 1, 'still exactly one row');
    await context.close();
  });

  it('works embedded in a county site on another origin, registering the new service', async () => {
    const context = await browser.newContext({ locale: 'fa-IR' });
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
    const refused: string[] = [];
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on(
      'response',
      (r) =>
        r.status() >= 400 &&
        !r.url().endsWith('/favicon.ico') &&
        refused.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`),
    );
    await page.goto(county + '/');
    const el = widget(page, 'water-connection');
    await el.getByRole('radio', { name: '۵ خیلی خوب', exact: true }).check();
    await el.getByRole('button', { name: 'فرستادن', exact: true }).click();
    await el.locator('[part="tracking-code"]').waitFor({ timeout: 15_000 });
    assert.equal(rows("f.service_id = 'water-connection'"), 1);
    const [service] = product.query<{ title: string; registered_origin: string }>(
      `SELECT title, registered_origin FROM services WHERE id = 'water-connection'`,
    );
    assert.deepEqual({ ...service }, { title: 'انشعاب آب روستایی', registered_origin: county });
    assert.deepEqual(failed, [], 'the loader, its chunks and the API all load cross-origin');
    // Not even the summary of a service nobody has rated yet (the POST registers it) is refused:
    // the county's console stays clean.
    assert.deepEqual(refused, []);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });
});

// End to end: the network goes at the moment a widget first appears. Whatever the page loads later
// (in idle time, on demand) must not be needed to fill the form in and save it on the device: the
// citizen submits offline, hears "saved on this device", and the submission reaches the database
// exactly once when the network is back. For each of the three widgets, on `npm start`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, launchChromium, outboxSettled, startProduct, type Product } from './support.js';

let product: Product;
let browser: Browser;

before(async () => {
  product = await startProduct();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await product?.stop();
});

const count = (sql: string, ...params: unknown[]) => product.query<{ n: number }>(sql, ...params)[0].n;

/** A page whose network is cut the moment `firstPaint` is visible; every request after that is listed. */
async function offlineAtFirstPaint(path: string, firstPaint: (page: Page) => Promise<void>) {
  const context: BrowserContext = await browser.newContext({ locale: 'fa-IR' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(product.base + path, { waitUntil: 'commit' });
  await firstPaint(page);
  await context.setOffline(true);
  const lateRequests: string[] = [];
  page.on('request', (r) => lateRequests.push(new URL(r.url()).pathname));
  return { context, page, errors, lateRequests };
}

describe('offline from the first paint: fill in, save on the device, deliver once', () => {
  it('<service-feedback>', async () => {
    const text = 'e2e first paint: بدون شبکه از لحظه اول';
    const w = (p: Page) => p.locator('service-feedback[service="ngo-permit"]');
    const { context, page, errors, lateRequests } = await offlineAtFirstPaint('/', (p) =>
      w(p).getByRole('radio', { name: '۳ متوسط', exact: true }).waitFor(),
    );
    await w(page).getByRole('radio', { name: '۳ متوسط', exact: true }).check();
    await w(page).getByLabel('این خدمت چگونه می‌تواند بهتر شود؟ (اختیاری)').fill(text);
    await w(page).getByRole('button', { name: 'فرستادن', exact: true }).click();
    await w(page).getByText('روی همین دستگاه ذخیره شد', { exact: true }).waitFor();
    assert.equal(count('SELECT count(*) AS n FROM feedback WHERE text = ?', text), 0);
    assert.deepEqual(
      lateRequests.filter((r) => !r.startsWith('/v1/')),
      [],
      'no code or strings were needed after the first paint',
    );
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await w(page).locator('[part="tracking-code"]').waitFor({ timeout: 20_000 });
    await outboxSettled(page, 'service-feedback[service="ngo-permit"]');
    assert.equal(count('SELECT count(*) AS n FROM feedback WHERE text = ?', text), 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('<draft-consultation>: a comment on a clause', async () => {
    const text = 'e2e first paint: نظر بدون شبکه';
    const panel = (p: Page) => p.locator('draft-consultation #clause-c4 nazar-comment-panel');
    const { context, page, errors, lateRequests } = await offlineAtFirstPaint('/drafts.html#clause-c4', (p) =>
      panel(p).getByRole('radio', { name: 'موافقم' }).waitFor(),
    );
    await panel(page).getByRole('radio', { name: 'موافقم' }).check();
    await panel(page).getByLabel('نظر شما', { exact: true }).fill(text);
    await panel(page).getByRole('button', { name: 'فرستادن نظر' }).click();
    await panel(page).getByText('روی همین دستگاه ذخیره شد', { exact: false }).first().waitFor();
    assert.equal(count('SELECT count(*) AS n FROM comments WHERE text = ?', text), 0);
    assert.deepEqual(
      lateRequests.filter((r) => !r.startsWith('/v1/')),
      [],
      'no code or strings were needed after the first paint',
    );
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await panel(page).locator('[part="tracking-code"]').waitFor({ timeout: 20_000 });
    await eventually(
      'the comment row',
      () => count('SELECT count(*) AS n FROM comments WHERE text = ?', text),
      (n) => n === 1,
    );
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('<quick-poll>: a vote', async () => {
    const poll = (p: Page) => p.locator('quick-poll[poll="bus-routes"]');
    const votes = () => count(`SELECT count(*) AS n FROM votes v JOIN polls p ON p.id = v.poll_id WHERE p.slug = 'bus-routes'`);
    const before = votes();
    const { context, page, errors, lateRequests } = await offlineAtFirstPaint('/', (p) => poll(p).getByRole('radio').first().waitFor());
    await poll(page).getByRole('radio').nth(2).check();
    await poll(page).getByRole('button', { name: 'ثبت رأی' }).click();
    await poll(page).getByText('رأی شما روی همین دستگاه ذخیره شد', { exact: false }).first().waitFor();
    assert.equal(votes(), before);
    assert.deepEqual(
      lateRequests.filter((r) => !r.startsWith('/v1/')),
      [],
      'no code or strings were needed after the first paint',
    );
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await eventually('the vote row', votes, (n) => n === before + 1);
    await outboxSettled(page, 'quick-poll[poll="bus-routes"]');
    assert.equal(votes(), before + 1, 'exactly once');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

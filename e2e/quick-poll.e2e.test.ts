// End to end: the voting forum on the demo county page (npm start), online and offline.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, startProduct, type Product } from './support.js';

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

const votes = () =>
  product.query<{ n: number }>(`SELECT count(*) AS n FROM votes v JOIN polls p ON p.id = v.poll_id WHERE p.slug = 'bus-routes'`)[0]!.n;

describe('the voting forum on the demo page (npm start)', () => {
  it('a citizen votes and sees the results; a reload remembers the vote', async () => {
    const context = await browser.newContext({ locale: 'fa-IR' });
    const page = await context.newPage();
    await page.goto(product.base + '/');
    const poll = page.locator('quick-poll[poll="bus-routes"]');
    await poll.getByRole('radio').first().waitFor();
    assert.equal(await poll.locator('[part="results"]').count(), 0, 'after-vote: no results before voting');
    const before = votes();
    await poll.getByRole('radio').nth(1).check();
    await poll.getByRole('button', { name: 'ثبت رأی' }).click();
    await poll.locator('[part="results"]').waitFor({ timeout: 15_000 });
    assert.equal(votes(), before + 1);
    await page.reload();
    await poll.locator('[part="results"]').waitFor();
    assert.equal(await poll.getByRole('radio').count(), 0, 'no second ballot on this device');
    assert.match((await poll.locator('[part="status"]').textContent())!, /رأی شما:/);
    await context.close();
  });

  it('a vote cast offline is saved, survives a reload and is counted once when back online', async () => {
    const context = await browser.newContext({ locale: 'fa-IR' });
    const page = await context.newPage();
    await page.goto(product.base + '/');
    const poll = page.locator('quick-poll[poll="bus-routes"]');
    await poll.getByRole('radio').first().waitFor();
    const before = votes();
    await context.setOffline(true);
    await poll.getByRole('radio').nth(2).check();
    await poll.getByRole('button', { name: 'ثبت رأی' }).click();
    await poll.getByText('رأی شما روی همین دستگاه ذخیره شد و هر وقت برخط شوید فرستاده می‌شود.').waitFor();
    await page.route('**/v1/polls/*/votes', (route) => route.abort('internetdisconnected'));
    await context.setOffline(false);
    await page.reload();
    await poll.getByText('رأی شما روی همین دستگاه ذخیره شد و هر وقت برخط شوید فرستاده می‌شود.').waitFor();
    assert.equal(votes(), before, 'still only on the device');
    await page.unroute('**/v1/polls/*/votes');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await poll.locator('[part="results"]').waitFor({ timeout: 20_000 });
    assert.equal(votes(), before + 1, 'counted once');
    await page.reload();
    await page.waitForTimeout(1500);
    assert.equal(votes(), before + 1, 'still once');
    await context.close();
  });
});

// End to end: the voting forum on the demo county page (npm start), online and offline.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, outboxSettled, startProduct, type Product } from './support.js';

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

// On a timeout, say what the widget showed instead, and what the database holds: this test once
// failed in CI and could not be reproduced, and a bare timeout tells nothing.
async function waitOrExplain(page: Page, locator: Locator, what: string, timeout = 30_000): Promise<void> {
  try {
    await locator.waitFor({ timeout });
  } catch (error) {
    const shown = await page
      .locator('quick-poll[poll="bus-routes"]')
      .evaluate((el) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim())
      .catch((e: Error) => `(unreadable: ${e.message})`);
    throw new Error(`${what}: not shown within ${timeout} ms. The poll showed: «${shown}»; votes in the database: ${votes()}`, {
      cause: error,
    });
  }
}

const votes = () =>
  product.query<{ n: number }>(`SELECT count(*) AS n FROM votes v JOIN polls p ON p.id = v.poll_id WHERE p.slug = 'bus-routes'`)[0].n;

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
    const waiting = poll.getByText('رأی شما روی همین دستگاه ذخیره شد و هر وقت برخط شوید فرستاده می‌شود.');
    await waitOrExplain(page, waiting, 'saved on this device, offline');
    await page.route('**/v1/polls/*/votes', (route) => route.abort('internetdisconnected'));
    // Back online the page tries at once and finds the server unreachable; the reload comes after
    // that try (a reload in the middle of a send is the Outbox chaos test's business).
    const tried = page.waitForEvent('requestfailed', { predicate: (r) => r.url().endsWith('/votes'), timeout: 10_000 });
    await context.setOffline(false);
    await tried;
    await page.reload();
    await waitOrExplain(page, waiting, 'saved on this device, after a reload with the server unreachable');
    assert.equal(votes(), before, 'still only on the device');
    await page.unroute('**/v1/polls/*/votes');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitOrExplain(page, poll.locator('[part="results"]'), 'the results once back online', 20_000);
    assert.equal(votes(), before + 1, 'counted once');
    await page.reload();
    // A (wrong) second send would go out in the reloaded page's flush: count once that is over.
    await outboxSettled(page, 'quick-poll[poll="bus-routes"]');
    assert.equal(votes(), before + 1, 'still once');
    await context.close();
  });
});

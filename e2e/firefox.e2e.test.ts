// End to end in Firefox ESR: the built nazar.js and its chunks (modulepreload, one task per chunk,
// the loader's own copies) on the demo county page, against npm start. The element tests run the
// sources in Firefox; only this runs what a county site really loads.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startProduct, type Product } from './support.js';

let product: Product;
let browser: Browser;

before(async () => {
  product = await startProduct();
  // WebDriver BiDi, Debian's Firefox ESR (puppeteer-core downloads nothing).
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
});

after(async () => {
  await browser?.close();
  await product?.stop();
});

/** Text of an element's shadow root, once `ready` (a selector inside it) is there. */
async function shadowText(page: Page, host: string, ready: string): Promise<string> {
  await page.waitForFunction(
    (h: string, r: string) => document.querySelector(h)?.shadowRoot?.querySelector(r),
    { timeout: 20_000 },
    host,
    ready,
  );
  return page.evaluate((h: string) => document.querySelector(h)!.shadowRoot!.textContent.replace(/\s+/g, ' '), host);
}

describe('the built widgets in Firefox ESR (npm start)', () => {
  it('shows the draft, its opening first, then every clause with its comment control', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(product.base + '/drafts.html');
    await page.waitForFunction(
      () => (document.querySelector('draft-consultation')?.shadowRoot?.querySelectorAll('li.clause').length ?? 0) >= 12,
      { timeout: 20_000 },
    );
    const text = await shadowText(page, 'draft-consultation', '[part="banner"]');
    assert.match(text, /باز برای نظرخواهی/);
    assert.match(text, /ماده ۱۲/);
    assert.equal(
      await page.evaluate(() => document.querySelector('draft-consultation article')!.getBoundingClientRect().height),
      0,
      "the page's opening is hidden once the widget shows the draft",
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('sends a rating from the demo page and the row is in SQLite', async () => {
    const page = await browser.newPage();
    await page.goto(product.base + '/');
    const host = 'service-feedback[service="gathering-permit"]';
    await shadowText(page, host, 'input[type="radio"]');
    const before = product.query<{ n: number }>(`SELECT count(*) AS n FROM feedback`)[0].n;
    await page.evaluate((h: string) => {
      const root = document.querySelector(h)!.shadowRoot!;
      root.querySelectorAll<HTMLInputElement>('input[type="radio"]')[3].click();
      root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    }, host);
    await page.waitForFunction(
      (h: string) => document.querySelector(h)?.shadowRoot?.querySelector('[part="tracking-code"]'),
      { timeout: 20_000 },
      host,
    );
    assert.equal(product.query<{ n: number }>(`SELECT count(*) AS n FROM feedback`)[0].n, before + 1);
    assert.match(await shadowText(page, 'quick-poll[poll="bus-routes"]', 'input[type="radio"]'), /کدام مسیر اتوبوس/);
    await page.close();
  });
});

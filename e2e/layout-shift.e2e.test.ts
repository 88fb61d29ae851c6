// End to end, issue 15 ("the host page must not jump"): on every demo page that holds widgets
// (npm start), each widget's block size before its code arrives (the page's reservation,
// docs/webmaster.md "Keep the page still") and once it has drawn itself with its data differ by at
// most a line, on a phone and on a desktop screen; a draft, longer than a screen once drawn,
// reserves at least the screen, so nothing after it is in view to move. The page records no
// layout shift meanwhile. bench/layout-shift.ts measures the same pages on slow and fast networks.
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

/** How far a widget's drawn block size may be from what the page reserved: about a line. */
const TOLERANCE_PX = 24;
const WIDGETS = 'service-feedback, quick-poll, draft-consultation';
const SCREENS = [
  { name: 'a phone', viewport: { width: 412, height: 823 }, isMobile: true },
  { name: 'a desktop screen', viewport: { width: 1350, height: 940 }, isMobile: false },
];

interface Box {
  widget: string;
  height: number;
}

for (const screen of SCREENS) {
  describe(`the demo pages keep still on ${screen.name} (npm start)`, () => {
    for (const path of ['/', '/drafts.html']) {
      it(`${path}: every widget is drawn in the block size reserved for it`, async () => {
        const context = await browser.newContext({ viewport: screen.viewport, isMobile: screen.isMobile, hasTouch: screen.isMobile });
        const page = await context.newPage();
        await page.addInitScript(() => {
          const w = window as unknown as { __shift: number };
          w.__shift = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
              if (!e.hadRecentInput) w.__shift += e.value;
          }).observe({ type: 'layout-shift', buffered: true });
        });
        // The widgets' code held back until the page has been measured without it.
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        await page.route(/\/chunks\//, async (route) => {
          await held;
          await route.continue();
        });
        await page.goto(product.base + path, { waitUntil: 'domcontentloaded' });
        const measure = () =>
          page.$$eval(WIDGETS, (els) =>
            els.map((el) => ({
              widget: `${el.localName}[${[...el.attributes].find((a) => ['service', 'poll', 'consultation'].includes(a.name))?.value}]`,
              height: el.getBoundingClientRect().height,
            })),
          );
        await page.waitForFunction(() => document.querySelector('link[rel=stylesheet]') && document.fonts.status === 'loaded');
        const reserved: Box[] = await measure();
        assert.ok(reserved.length > 0, 'the page holds widgets');
        assert.ok(await page.evaluate((s) => [...document.querySelectorAll(s)].every((el) => el.matches(':not(:defined)')), WIDGETS));
        release();
        await page.waitForFunction(
          (s) => [...document.querySelectorAll(s)].every((el) => customElements.get(el.localName) && !el.matches(':state(reserving)')),
          WIDGETS,
          { timeout: 30_000 },
        );
        await page.waitForLoadState('networkidle');
        // Drawn: every widget's last update done, and two frames laid out after it.
        await page.evaluate(async (s) => {
          await Promise.all(
            [...document.querySelectorAll(s)].map((el) => (el as unknown as { updateComplete: Promise<unknown> }).updateComplete),
          );
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        }, WIDGETS);
        const drawn: Box[] = await measure();
        for (const [i, before] of reserved.entries()) {
          const after = drawn[i];
          if (after.widget.startsWith('draft-consultation')) {
            // A draft grows past the screen: the reservation covers the screen below its top.
            const top = await page.$eval('draft-consultation', (el) => el.getBoundingClientRect().top + scrollY);
            assert.ok(top + before.height >= screen.viewport.height, `${before.widget} reserves the rest of the screen`);
            assert.ok(
              after.height >= before.height - TOLERANCE_PX,
              `${before.widget}: drawn ${after.height} px, reserved ${before.height} px`,
            );
          } else {
            assert.ok(
              Math.abs(after.height - before.height) <= TOLERANCE_PX,
              `${before.widget}: reserved ${before.height.toFixed(1)} px, drawn ${after.height.toFixed(1)} px`,
            );
          }
        }
        const shift = await page.evaluate(() => (window as unknown as { __shift: number }).__shift);
        assert.ok(shift <= 0.01, `layout shift ${shift}`);
        await context.close();
      });
    }
  });
}

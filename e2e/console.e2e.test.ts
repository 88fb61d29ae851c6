// End to end against `npm start`: an official signs in to the console, creates a regulation from
// pasted text; two citizens on the demo page comment, one pasting a near-copy of the other; the
// official sees one group, approves it, replies once, and issues the amended text with one
// disposition for the group; each citizen's widget and tracking code then show the amended text,
// the disposition and the answer, and the public report lists them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchChromium, startProduct, type Product } from './support.js';

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

const CAMPAIGN = 'ساعت کار بازارچه برای فروشندگان محلی کافی نیست و باید تا ساعت بیست و دو شب ادامه یابد تا خانواده‌ها بتوانند خرید کنند.';
// A near-copy: Arabic yeh and kaf, a word changed, ZWNJ dropped, as a pasted campaign text arrives.
const NEAR_COPY =
  'ساعت كار بازارچه برای فروشندگان محلي کافی نیست و باید تا ساعت بیست و دو شب ادامه پیدا کند تا خانواده ها بتوانند خرید کنند.';

/** A UTC `datetime-local` value (the browser context runs in UTC). */
const utcLocal = (ms: number) => new Date(ms).toISOString().slice(0, 19);

async function comment(text: string, slug: string): Promise<{ page: Page; code: string }> {
  const context = await browser.newContext({ locale: 'fa-IR' });
  const page = await context.newPage();
  await page.goto(`${product.base}/drafts.html?draft=${slug}#clause-c1`);
  const panel = page.locator('draft-consultation').locator('#clause-c1 nazar-comment-panel');
  await panel.getByLabel('پیشنهاد اصلاح').waitFor();
  await panel.getByLabel('مخالفم').check();
  await panel.getByLabel('نظر شما', { exact: true }).fill(text);
  await panel.getByRole('button', { name: 'فرستادن نظر' }).click();
  const code = (await panel.locator('[part="tracking-code"]').textContent({ timeout: 15_000 }))!.trim();
  return { page, code };
}

describe("the officials' console (npm start)", () => {
  it('create from pasted text → two citizens comment → one group approved and answered → issued', async () => {
    const context = await browser.newContext({ locale: 'fa-IR', timezoneId: 'UTC' });
    const official = await context.newPage();
    const errors: string[] = [];
    official.on('pageerror', (e) => errors.push(e.message));
    await official.goto(`${product.base}/console`);
    const app = official.locator('nazar-console');
    await app.getByLabel('کلید دسترسی').fill(product.adminToken);
    await app.getByRole('button', { name: 'ورود' }).click();
    await app.getByRole('link', { name: 'رایزنی‌ها' }).click();
    await app.getByRole('link', { name: 'پیش‌نویس تازه' }).click();

    // The legal 14-day window, ending 60 seconds from now, so the test sees it close.
    const slug = `console-${Date.now().toString(36)}`;
    const opens = Date.now() - 14 * 86_400_000 + 60_000;
    await app.getByLabel('عنوان', { exact: true }).fill('آیین‌نامهٔ ساعت کار بازارچه‌ها');
    await app.getByLabel('نشانی کوتاه').fill(slug);
    await app.getByLabel('دستگاه صادرکننده').fill('فرمانداری چابهار');
    await app.getByLabel('آغاز رایزنی').fill(utcLocal(opens));
    await app.getByLabel('پایان رایزنی').fill(utcLocal(opens + 14 * 86_400_000));
    await app
      .getByLabel('متن پیش‌نویس')
      .fill(
        [
          'به استناد قانون شهرداری‌ها',
          'ماده ۱ - ساعت کار بازارچه از هشت تا بیست است.',
          'تبصره: در روزهای تعطیل بازارچه بسته است.',
          'ماده ۲ - فروشندگان پروانه دارند.',
        ].join('\n'),
      );
    await app.getByRole('button', { name: 'بخش‌بندی' }).click();
    await app.getByText('پیش‌نمایش: ۳ بند').waitFor();
    await app.getByRole('button', { name: 'ذخیرهٔ پیش‌نویس' }).click();
    await app.getByRole('heading', { name: 'آیین‌نامهٔ ساعت کار بازارچه‌ها' }).waitFor();
    const stored = product.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM clauses c JOIN consultations k ON k.id = c.consultation_id WHERE k.slug = ?',
      slug,
    );
    assert.equal(stored[0]?.n, 3, 'three clauses stored');

    // Two citizens on the demo page.
    const first = await comment(CAMPAIGN, slug);
    const second = await comment(NEAR_COPY, slug);
    assert.notEqual(first.code, second.code);

    // The official sees one group of two, approves it and replies once.
    await official.reload();
    await app.getByRole('button', { name: /گروه‌ها/ }).click();
    const group = app.locator('[data-group]').first();
    await group.getByText('۲ نظر مشابه', { exact: false }).first().waitFor({ timeout: 15_000 });
    assert.equal(await app.locator('[data-group]').count(), 1, 'one group');
    await group.getByRole('button', { name: 'انتشار همه' }).click();
    await app.getByText('۲ نظر منتشر شد', { exact: false }).waitFor();
    await group.getByLabel('پاسخ به همه').fill('ساعت کار تا بیست و دو تمدید شد.');
    await group.getByRole('button', { name: 'ثبت پاسخ برای همه' }).click();
    await eventually(
      'both replies stored',
      () => product.query<{ n: number }>("SELECT COUNT(*) AS n FROM comments WHERE reply_text = 'ساعت کار تا بیست و دو تمدید شد.'")[0]?.n,
      (n) => n === 2,
      10_000,
    );

    // After the window closes, issue the amended text with one disposition for the group.
    await eventually(
      'the consultation in review',
      async () => ((await (await fetch(`${product.base}/v1/consultations/${slug}`)).json()) as { status: string }).status,
      (status) => status === 'review',
      Math.max(0, opens + 14 * 86_400_000 - Date.now()) + 15_000,
    );
    await official.reload();
    await app.getByRole('link', { name: 'صدور متن نهایی' }).click();
    await app.getByLabel('متن نهایی').first().fill('ساعت کار بازارچه از هشت تا بیست و دو است.');
    const disposition = app.locator('fieldset[data-group]').first();
    await disposition.getByLabel('نتیجه').selectOption('accepted');
    await disposition.getByLabel('دلیل (به شهروند نشان داده می‌شود)').fill('ساعت پایان دو ساعت دیرتر شد.');
    await app.getByLabel('جمع‌بندی: چه تغییر کرد و چرا').fill('ساعت کار به درخواست فروشندگان تا بیست و دو شد.');
    await app.getByRole('button', { name: 'انتشار متن نهایی' }).click();
    await app.getByText('صادرشده در', { exact: false }).waitFor({ timeout: 15_000 });
    assert.deepEqual(errors, [], 'no page errors in the console');

    // Each citizen sees the amended text, the disposition and the answer.
    for (const citizen of [first, second]) {
      await citizen.page.reload();
      const el = citizen.page.locator('draft-consultation');
      await el.locator('[part="outcome"]').waitFor();
      assert.match((await el.locator('#clause-c1 ins').allTextContents()).join(' '), /دو/);
      await el.locator('.own button').first().click();
      const lookup = el.locator('nazar-tracking-lookup');
      await lookup.getByText('ساعت پایان دو ساعت دیرتر شد.').waitFor({ timeout: 10_000 });
      await lookup.getByText('ساعت کار تا بیست و دو تمدید شد.').waitFor();
      // From the tracking code to the citizen's own comment on the public report, and from the draft to the report.
      const own = lookup.locator('[part="report-link"]');
      assert.match((await own.getAttribute('href')) ?? '', new RegExp(`/consultations/${slug}/report#comment-`));
      assert.match(
        (await el.locator('[part="outcome"] [part="report-link"]').getAttribute('href')) ?? '',
        new RegExp(`/consultations/${slug}/report`),
      );
      await own.click();
      await citizen.page.waitForURL(/\/report#comment-/);
      const target = decodeURIComponent(new URL(citizen.page.url()).hash.slice(1));
      assert.equal(await citizen.page.locator(`[id="${target}"]`).count(), 1, 'the comment is on the report');
      assert.ok(await citizen.page.evaluate(() => !!document.querySelector('.comment:target, .comment:has(:target)')), 'and marked');
      await citizen.page.goBack();
    }

    // The public report lists both comments with what was done.
    const report = await (await fetch(`${product.base}/consultations/${slug}/report`)).text();
    // The report links each comment by its public id (the tracking lookup gives it); never a code.
    const ascii = (code: string) => code.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))).replace(/\D/g, '');
    for (const code of [first.code, second.code]) {
      assert.ok(!report.includes(ascii(code)), `no tracking code on the public page (${code})`);
      const tracked = (await (await fetch(`${product.base}/v1/tracking/${ascii(code)}`)).json()) as { commentId: string };
      assert.ok(report.includes(`id="comment-${tracked.commentId}"`), `the report links ${code}'s comment`);
    }
    assert.ok(report.includes('ساعت پایان دو ساعت دیرتر شد.'), 'the disposition reason');
    await context.close();
  });

  it('fits a tablet held upright: no screen scrolls sideways, and each screen is reached from the menu', async () => {
    const context = await browser.newContext({ locale: 'fa-IR', viewport: { width: 768, height: 1024 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${product.base}/console`);
    const app = page.locator('nazar-console');
    await app.getByLabel('کلید دسترسی').fill(product.adminToken);
    await app.getByRole('button', { name: 'ورود' }).click();
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const screens: [string, string][] = [
      ['نمای کلی', 'nazar-console-overview .cards'],
      ['رایزنی‌ها', 'nazar-console-consultations tbody tr'],
      ['بازخورد خدمات', 'nazar-console-feedback form[role="search"]'],
      ['نظرسنجی‌ها', 'nazar-console-polls h2'],
      ['تارنماها و کلیدها', 'nazar-console-admin table'],
    ];
    for (const [link, drawn] of screens) {
      await app.getByRole('link', { name: link }).click();
      await app.locator(drawn).first().waitFor({ timeout: 15_000 });
      assert.ok((await sideways()) <= 0, `${link}: ${await sideways()} px wider than the tablet`);
    }
    // A consultation of the demo, with its tabs.
    await app.getByRole('link', { name: 'رایزنی‌ها' }).click();
    await app.locator('nazar-console-consultations tbody a').first().click();
    await app.locator('nazar-console-consultation h2').first().waitFor({ timeout: 15_000 });
    assert.ok((await sideways()) <= 0, `a consultation: ${await sideways()} px wider than the tablet`);
    await context.close();
  });
});

// The screenshots of docs/officials.md, taken from the real console: the demo's content, plus a
// draft in review with comments (one a near-copy of another) and one already issued.
//   node --conditions=source --import tsx e2e/screenshots.ts   → docs/console-*.png
// (After `npm run build`. Look at each picture before committing it.)
import { join } from 'node:path';
import { chromium, type Locator } from 'playwright-core';
import { createMemoryStore } from '../packages/server/src/store/memory/store.js';
import { createNodeServer, DEFAULT_DEMO_DIR } from '../packages/server/src/node/server.js';
import { seedDemoContent } from '../packages/server/src/demo/seed.js';
import { root } from './support.js';

const TOKEN = 'screenshots-admin-token-0123456789';
const DAY = 86_400_000;
const store = createMemoryStore();
await seedDemoContent(store);
const now = Date.now();

/** A draft whose 14 days are over, with comments, so it can be issued. */
async function draftInReview(slug: string, title: string): Promise<string[]> {
  const opensAt = new Date(now - 16 * DAY).toISOString();
  await store.createConsultation({
    slug,
    title,
    summary: 'ساعت کار، پروانه و پسماند بازارچه‌های موقت',
    kind: 'regulation',
    issuingBody: 'فرمانداری شهرستان چابهار',
    opensAt,
    closesAt: new Date(now - 2 * DAY).toISOString(),
    moderation: 'post',
    clauses: [
      { id: 'c1', heading: 'ماده ۱', text: 'ساعت کار بازارچه از هشت تا بیست است.' },
      { id: 'c2', heading: 'ماده ۲', text: 'هر فروشنده باید پروانهٔ سالانه داشته باشد.' },
    ],
    at: opensAt,
  });
  const texts: [string, string, 'support' | 'oppose' | 'amend'][] = [
    ['c1', 'ساعت کار بازارچه برای فروشندگان محلی کافی نیست و باید تا ساعت بیست و دو شب ادامه یابد.', 'amend'],
    ['c1', 'ساعت كار بازارچه برای فروشندگان محلي کافی نیست و باید تا ساعت بیست و دو شب ادامه پیدا کند.', 'amend'],
    ['c2', 'پروانهٔ سالانه برای دست‌فروشان کم‌درآمد گران است؛ پروانهٔ ماهانه هم باشد.', 'oppose'],
  ];
  const ids: string[] = [];
  for (const [i, [clauseId, text, stance]] of texts.entries()) {
    const r = await store.createComment(
      { key: `shot-${slug}-${i}`, requestHash: 'h' },
      {
        consultationSlug: slug,
        clauseId,
        stance,
        text,
        proposedText: null,
        displayName: null,
        contact: null,
        locale: 'fa',
        moderation: 'post',
        at: new Date(now - (10 - i) * DAY).toISOString(),
      },
    );
    ids.push((await store.getCommentByTrackingCode(r.submission.trackingCode))!.id);
  }
  return ids;
}
await draftInReview('vendors-review', 'دستورالعمل بازارچه‌های موقت (در بررسی)');
const issued = await draftInReview('vendors-issued', 'دستورالعمل بازارچه‌های موقت');
await store.issueConsultation('vendors-issued', {
  summary: 'ساعت کار به درخواست فروشندگان تا بیست و دو شد؛ پروانهٔ ماهانه هم پذیرفته شد.',
  clauses: [
    { id: 'c1', number: 1, heading: 'ماده ۱', text: 'ساعت کار بازارچه از هشت تا بیست و دو است.' },
    { id: 'c2', number: 2, heading: 'ماده ۲', text: 'هر فروشنده باید پروانهٔ سالانه یا ماهانه داشته باشد.' },
  ],
  dispositions: [
    { commentId: issued[0], outcome: 'accepted', reason: 'ساعت پایان دو ساعت دیرتر شد.' },
    { commentId: issued[1], outcome: 'accepted', reason: 'ساعت پایان دو ساعت دیرتر شد.' },
    { commentId: issued[2], outcome: 'partly-accepted', reason: 'پروانهٔ ماهانه افزوده شد؛ هزینهٔ سالانه همان ماند.' },
  ],
  at: new Date(now - DAY).toISOString(),
});

const server = await createNodeServer({
  store,
  allowedOrigins: [],
  port: 0,
  host: '127.0.0.1',
  adminToken: TOKEN,
  demoDir: DEFAULT_DEMO_DIR,
  elementsDir: join(root, 'packages/elements/dist/cdn'),
  logger: { info() {}, error() {} },
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
try {
  const context = await browser.newContext({ locale: 'fa-IR', viewport: { width: 1200, height: 900 }, timezoneId: 'Asia/Tehran' });
  await context.addInitScript((t) => sessionStorage.setItem('nazar.console.token', t), TOKEN);
  const page = await context.newPage();
  const app = page.locator('nazar-console');
  const shot = async (name: string, target: Locator = app) => {
    await page.waitForTimeout(300); // let the last frame settle; a picture, not a test
    await target.screenshot({ path: join(root, 'docs', `console-${name}.png`) });
    console.log(`docs/console-${name}.png`);
  };
  await page.goto(`${server.url}/console#new-consultation`);
  await app
    .getByLabel('متن پیش‌نویس', { exact: false })
    .first()
    .fill(
      'دستورالعمل ساماندهی دست‌فروشان\nماده ۱ - ساعت کار بازارچه از هشت تا بیست است.\nماده ۲ - هر فروشنده باید پروانه داشته باشد.\nتبصره - پروانهٔ دست‌فروشان کم‌درآمد رایگان است.',
    );
  await app.getByRole('button', { name: 'بخش‌بندی' }).click();
  await app.locator('nazar-console-new-consultation ol, nazar-console-new-consultation table').first().waitFor();
  await shot('new-draft');
  await page.goto(`${server.url}/console#consultation/vendors-review`);
  await app.getByRole('button', { name: 'گروه‌ها (نظرهای همانند)' }).click();
  await app.locator('nazar-console-consultation details summary').first().click();
  await shot('groups');
  await page.goto(`${server.url}/console#issue/vendors-review`);
  await app.locator('nazar-console-issue fieldset').first().waitFor();
  await app.getByLabel('متن نهایی').first().fill('ساعت کار بازارچه از هشت تا بیست و دو است.');
  await shot('issue');
  await page.goto(`${server.url}/console#feedback`);
  await app.locator('nazar-console-feedback article').first().waitFor();
  await app.locator('#f-service').selectOption('ngo-permit');
  await app.getByRole('button', { name: 'نمایش' }).click();
  await app.locator('#stats-title').waitFor();
  await shot('feedback');
  await page.goto(`${server.url}/console#polls`);
  await app.locator('nazar-console-polls tbody a, nazar-console-polls tbody button').first().click();
  await app.locator('nazar-console-polls table.data').nth(1).waitFor();
  await shot('polls');
  const report = await context.newPage();
  await report.goto(`${server.url}/consultations/vendors-issued/report`);
  await report.waitForTimeout(300);
  await report.screenshot({ path: join(root, 'docs', 'console-report.png'), fullPage: true });
  console.log('docs/console-report.png');
} finally {
  await browser.close();
  await server.close();
}

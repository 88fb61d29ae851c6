// End to end: a citizen comments on a clause of a draft regulation on the demo county page; an
// official approves it, lets the window close, and issues the amended text through the admin API;
// the citizen sees what changed and the answer to their comment.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { eventually, launchChromium, startProduct, type Product } from './support.js';

let product: Product;
let browser: Browser;

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(product.base + path, {
    method,
    headers: { authorization: `Bearer ${product.adminToken}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  assert.ok(res.ok, `${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

before(async () => {
  product = await startProduct();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await product?.stop();
});

describe('a draft regulation on the demo county page (npm start)', () => {
  it('the demo page carries a seeded draft regulation of at least 12 clauses, open for comment', async () => {
    const page = await (await browser.newContext({ locale: 'fa-IR' })).newPage();
    await page.goto(product.base + '/drafts.html');
    const el = page.locator('draft-consultation');
    await el.locator('[part="banner"]').waitFor();
    assert.match((await el.locator('[part="banner"]').textContent())!, /باز برای نظرخواهی/);
    // The header renders first, the clauses in the following frames.
    await el.locator('li.clause').nth(11).waitFor();
    assert.ok((await el.locator('li.clause').count()) >= 12, 'at least 12 clauses');
    await page.context().close();
  });

  it('comment → approve → close → issue: the citizen sees the change and the answer', async () => {
    // A draft whose legal 14-day window ends 25 seconds from now, so the test can see it close.
    const slug = `e2e-${Date.now().toString(36)}`;
    const opensAt = new Date(Date.now() - 14 * 24 * 3600 * 1000 + 25_000).toISOString();
    const clauses = Array.from({ length: 12 }, (_, i) => ({
      heading: null,
      text: `ماده آزمایشی ${i + 1}: فعالیت در ساعت‌های مقرر مجاز است.`,
    }));
    const created = await admin<{ closesAt: string }>('POST', '/v1/admin/consultations', {
      slug,
      title: 'پیش‌نویس آزمایشی',
      summary: 'برای آزمون',
      kind: 'regulation',
      issuingBody: 'فرمانداری',
      opensAt,
      clauses,
    });

    const context = await browser.newContext({ locale: 'fa-IR' });
    const page = await context.newPage();
    await page.goto(`${product.base}/drafts.html?draft=${slug}#clause-c3`);
    const el = page.locator('draft-consultation');
    const panel = el.locator('#clause-c3 nazar-comment-panel');
    await panel.waitFor();
    await panel.getByLabel('موافقم').waitFor();
    await panel.getByLabel('مخالفم').check();
    await panel.getByLabel('نظر شما', { exact: true }).fill('ساعت‌ها را روشن کنید.');
    await panel.getByRole('button', { name: 'فرستادن نظر' }).click();
    await panel.locator('[part="tracking-code"]').waitFor({ timeout: 15_000 });
    const rows = product.query<{ status: string; clause_id: string }>(
      `SELECT status, clause_id FROM comments WHERE text = ?`,
      'ساعت‌ها را روشن کنید.',
    );
    assert.deepEqual(rows, [{ status: 'pending', clause_id: 'c3' }]);

    const pending = await admin<{ comments: { id: string }[] }>('GET', `/v1/admin/consultations/${slug}/comments?status=pending`);
    assert.equal(pending.comments.length, 1);
    const id = pending.comments[0].id;
    await admin('POST', `/v1/admin/comments/${id}/approve`);
    await admin('POST', `/v1/admin/comments/${id}/reply`, { text: 'ساعت‌ها در متن نهایی مشخص شد.' });

    // Wait for the window to close on the server's clock (a little after closesAt on ours at most).
    await eventually(
      `the consultation in review after its closesAt ${created.closesAt}`,
      async () => ((await (await fetch(`${product.base}/v1/consultations/${slug}`)).json()) as { status: string }).status,
      (status) => status === 'review',
      Math.max(0, Date.parse(created.closesAt) - Date.now()) + 10_000,
    );
    const finalClauses = clauses.map((c, i) => ({
      id: `c${i + 1}`,
      text: i === 2 ? c.text.replace('ساعت‌های مقرر', 'ساعت ۸ تا ۲۰') : c.text,
    }));
    await admin('POST', `/v1/admin/consultations/${slug}/issue`, {
      summary: 'ساعت فعالیت مشخص شد.',
      clauses: finalClauses,
      dispositions: [{ commentId: id, outcome: 'accepted', reason: 'ساعت دقیق در ماده ۳ آمد.' }],
    });

    await page.reload();
    await el.locator('[part="outcome"]').waitFor();
    assert.match((await el.locator('[part="banner"]').textContent())!, /ابلاغ شد/);
    const added = (await el.locator('#clause-c3 ins').allTextContents()).join(' ');
    const removed = (await el.locator('#clause-c3 del').allTextContents()).join(' ');
    assert.match(added, /۸|8/, `added: ${added}`);
    assert.match(removed, /مقرر/, `removed: ${removed}`);
    await el.locator('.own button').first().click();
    const lookup = el.locator('nazar-tracking-lookup');
    await lookup.getByText('ساعت دقیق در ماده ۳ آمد.').waitFor({ timeout: 10_000 });
    await lookup.getByText('ساعت‌ها در متن نهایی مشخص شد.').waitFor();
    await context.close();
  });
});

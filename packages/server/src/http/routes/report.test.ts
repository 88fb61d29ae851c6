/**
 * The public response-to-comments page over HTTP, on every store: every section, hostile text as
 * text, anchors per clause and per tracking code, Persian and English, and nothing before issue.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ROUTES } from '@nazar/protocol';
import { createApp } from '../app.js';
import { STORE_FACTORIES, type StoreUnderTest } from '../../../test/support.js';
import type { Store } from '../../store/store.js';

const DAY = 86_400_000;
const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(2)> \u202Eمتن وارونه`;

for (const factory of STORE_FACTORIES) {
  describe(`the public report on the ${factory.name} store`, { skip: factory.skip }, () => {
    let sut: StoreUnderTest;
    afterEach(async () => {
      await sut.dispose();
    });
    let store: Store;
    let app: ReturnType<typeof createApp>;
    const now = Date.parse('2026-03-20T08:00:00.000Z');

    beforeEach(async () => {
      sut = factory.open();
      store = sut.store;
      app = createApp(store, { allowedOrigins: [], now: () => new Date(now), logger: { info() {}, error() {} } });
      await store.createConsultation({
        slug: 'bazaar',
        title: 'آیین‌نامهٔ بازارچه',
        summary: '',
        kind: 'regulation',
        issuingBody: 'فرمانداری چابهار',
        opensAt: new Date(now - 20 * DAY).toISOString(),
        closesAt: new Date(now - DAY).toISOString(),
        moderation: 'post',
        clauses: [
          { id: 'c1', heading: 'ماده ۱', text: 'ساعت کار از هشت تا بیست است.' },
          { id: 'c2', heading: 'ماده ۲', text: 'پروانه لازم است.' },
        ],
        at: new Date(now - 20 * DAY).toISOString(),
      });
    });

    async function comment(text: string, clauseId: string | null, stance: 'support' | 'oppose' | 'amend') {
      const r = await store.createComment(
        { key: `k-${Math.random().toString(36).slice(2)}`, requestHash: 'h' },
        {
          consultationSlug: 'bazaar',
          clauseId,
          stance,
          text,
          proposedText: null,
          displayName: null,
          contact: null,
          locale: 'fa',
          moderation: 'post',
          at: new Date(now - 5 * DAY).toISOString(),
        },
      );
      return (await store.getCommentByTrackingCode(r.submission.trackingCode))!;
    }

    it('says there is nothing yet before the issue, and nothing for an unknown slug', async () => {
      const res = await app.request(ROUTES.report.path('bazaar'));
      assert.equal(res.status, 404);
      assert.match(await res.text(), /هنوز صادر نشده است/);
      assert.equal((await app.request(ROUTES.report.path('nope'))).status, 404);
    });

    it('shows the final text against the draft, what people said by stance, and each disposition', async () => {
      const a = await comment('تا ده شب باشد', 'c1', 'amend');
      const b = await comment(HOSTILE, 'c1', 'oppose');
      const w = await comment('کل متن خوب است', null, 'support');
      await store.replyToComment(a.id, { text: 'تا بیست و دو شد.', at: new Date(now).toISOString() });
      const issued = await store.issueConsultation('bazaar', {
        summary: 'ساعت کار بیشتر شد و ماده ۲ حذف شد.',
        clauses: [
          { id: 'c1', number: 1, heading: 'ماده ۱', text: 'ساعت کار از هشت تا بیست و دو است.' },
          { id: 'c3', number: 2, heading: 'ماده ۳', text: 'پسماند روزانه جمع می‌شود.' },
        ],
        dispositions: [
          { commentId: a.id, outcome: 'partly-accepted', reason: 'تا بیست و دو، نه ده شب.' },
          { commentId: b.id, outcome: 'not-accepted', reason: 'نامربوط' },
          { commentId: w.id, outcome: 'out-of-scope', reason: 'دربارهٔ شهرداری است' },
        ],
        at: new Date(now).toISOString(),
      });
      assert.equal(issued.outcome, 'ok');
      const res = await app.request(ROUTES.report.path('bazaar'));
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; /, csp);
      assert.doesNotMatch(csp, /unsafe-inline|script-src/);
      const html = await res.text();
      for (const id of ['clause-c1', 'clause-c2', 'clause-c3', 'clause-whole', `comment-${a.id}`, `comment-${b.id}`, `comment-${w.id}`])
        assert.ok(html.includes(`id="${id}"`), id);
      assert.match(html, /<ins><span class="vh">افزوده: <\/span>[^<]*دو/);
      assert.ok(html.includes('این بند در متن نهایی حذف شد.'), 'the removed clause');
      assert.ok(html.includes('بند تازه در متن نهایی'), 'the added clause');
      assert.ok(html.includes('بخشی پذیرفته شد') && html.includes('تا بیست و دو، نه ده شب.'), 'a disposition with its reason');
      assert.ok(html.includes('پاسخ رسمی') && html.includes('تا بیست و دو شد.'), 'the official reply');
      assert.ok(html.includes('بیرون از موضوع'), 'out of scope');
      assert.ok(html.includes('<li>مخالف: ۱</li>') && html.includes('<li>پیشنهاد اصلاح: ۱</li>'), 'counts by stance in Persian digits');
      assert.ok(!html.includes('<script') && !html.includes('<img'), 'hostile markup is text');
      for (const c of [a, b, w]) assert.ok(!html.includes(c.trackingCode), 'no tracking code on a public page');
      assert.ok(html.includes('&#60;script&#62;alert(1)&#60;/script&#62;'), 'shown as typed');
      assert.ok(html.includes('<bdi>&#60;script'), 'isolated from the page direction');
      const en = await (await app.request(ROUTES.report.path('bazaar', 'en'))).text();
      assert.ok(en.includes('<html lang="en" dir="ltr">') && en.includes('Partly accepted'), 'English');
    });

    it('shows a campaign of near-identical comments given one outcome as one entry, with its count and wordings', async () => {
      const base = 'ساعت کار بازارچه باید تا نیمه‌شب باشد تا کاسبان شب هم روزی داشته باشند و مردم خرید کنند.';
      const campaign = [
        await comment(base, 'c1', 'amend'),
        await comment(base, 'c1', 'amend'),
        await comment(base.replace(/ی/g, 'ي'), 'c1', 'amend'),
        await comment(`سلام. ${base}`, 'c1', 'amend'),
      ];
      // The same words, but an outcome of its own: its own entry (the report states only what each got).
      const apart = await comment(base, 'c1', 'amend');
      const other = await comment('پروانه رایگان باشد', 'c1', 'oppose');
      const same = { outcome: 'partly-accepted' as const, reason: 'تا بیست و دو، نه نیمه‌شب.' };
      const issued = await store.issueConsultation('bazaar', {
        summary: 'جمع‌بندی',
        clauses: [
          { id: 'c1', number: 1, heading: 'ماده ۱', text: 'ساعت کار از هشت تا بیست و دو است.' },
          { id: 'c2', number: 2, heading: 'ماده ۲', text: 'پروانه لازم است.' },
        ],
        dispositions: [
          ...campaign.map((x) => ({ commentId: x.id, ...same })),
          { commentId: apart.id, outcome: 'not-accepted', reason: 'دیر رسید' },
          { commentId: other.id, outcome: 'not-accepted', reason: 'درآمد شهرداری' },
        ],
        at: new Date(now).toISOString(),
      });
      assert.equal(issued.outcome, 'ok');
      const html = await (await app.request(ROUTES.report.path('bazaar'))).text();
      const clause = html.slice(html.indexOf('id="clause-c1"'), html.indexOf('id="clause-c2"'));
      assert.equal(clause.split('<article class="comment"').length - 1, 3, 'the campaign, the one apart, the other');
      assert.ok(clause.includes('۴ نفر با متنی نزدیک به هم'), 'the count');
      assert.ok(clause.includes('<summary>۲ متن گوناگون</summary>'), 'two wordings (ي/ی is the same wording)');
      assert.equal(clause.split('تا بیست و دو، نه نیمه‌شب.').length - 1, 1, 'the outcome once');
      for (const x of [...campaign, apart, other]) assert.ok(clause.includes(`id="comment-${x.id}"`), `an anchor for ${x.id}`);
      assert.ok(clause.includes('<li>پیشنهاد اصلاح: ۵</li>') && clause.includes('<li>مخالف: ۱</li>'), 'counts count every comment');
      // The route keeps the consultation's index: the page read again is the same page.
      assert.equal(await (await app.request(ROUTES.report.path('bazaar'))).text(), html, 'the same page again');
      const en = await (await app.request(ROUTES.report.path('bazaar', 'en'))).text();
      assert.ok(en.includes('4 people in nearly the same words') && en.includes('2 different wordings'), 'English');
    });
  });
}

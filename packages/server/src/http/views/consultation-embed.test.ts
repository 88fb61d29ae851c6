/**
 * The embed code of a draft (`GET /v1/consultations/:slug/embed`) through the HTTP app, on every
 * store: the tag with the draft's opening inside, escaped, in Persian or English, and clear
 * refusals.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ADMIN_ROUTES, Problem, ROUTES } from '@nazar/protocol';
import type { Hono } from 'hono';
import { createApp } from '../app.js';
import { STORE_FACTORIES, type StoreUnderTest } from '../../../test/support.js';

const TOKEN = 'test-admin-token-0123456789';
const T0 = Date.parse('2026-03-01T08:00:00.000Z');

const CLAUSES = [
  { heading: 'هدف', text: 'متن ماده یک' },
  { heading: null, text: 'متن ماده دو' },
  { text: 'متن ماده سه' },
  { heading: 'اجرا', text: 'متن ماده چهار' },
];

for (const factory of STORE_FACTORIES) {
  describe(`the embed code of a draft on the ${factory.name} store`, { skip: factory.skip }, () => {
    let sut: StoreUnderTest;
    let app: Hono;

    beforeEach(async () => {
      sut = factory.open();
      app = createApp(sut.store, { allowedOrigins: [], logger: { info() {}, error() {} }, now: () => new Date(T0), adminToken: TOKEN });
    });
    afterEach(async () => {
      await sut.dispose();
    });

    async function create(overrides: Record<string, unknown> = {}): Promise<void> {
      const res = await app.request(ADMIN_ROUTES.createConsultation.path(), {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          slug: 'test-draft',
          title: 'پیش‌نویس آزمایشی',
          summary: 'خلاصه',
          kind: 'regulation',
          issuingBody: 'فرمانداری',
          opensAt: new Date(T0 - 86_400_000).toISOString(),
          clauses: CLAUSES,
          ...overrides,
        }),
      });
      assert.equal(res.status, 201, await res.text());
    }

    async function embed(query: { clauses?: number | 'all'; lang?: string } = {}, slug = 'test-draft'): Promise<string> {
      const res = await app.request(ROUTES.consultationEmbed.path(slug, query));
      const text = await res.text();
      assert.equal(res.status, 200, text);
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
      return text;
    }

    const items = (html: string) => html.match(/<li>/g)?.length ?? 0;

    it('is the tag with the title, issuing body, summary and clauses, numbered in Persian digits', async () => {
      await create();
      const html = await embed();
      assert.match(html, /^<draft-consultation consultation="test-draft">\n/);
      assert.match(html, /<\/draft-consultation>\n$/);
      assert.ok(html.includes('<h2>پیش‌نویس آزمایشی</h2>') && html.includes('<p>فرمانداری</p>') && html.includes('<p>خلاصه</p>'), html);
      assert.ok(html.includes('<li><h3>ماده ۱ — هدف</h3><p>متن ماده یک</p></li>'), html);
      assert.ok(html.includes('<li><h3>ماده ۲</h3><p>متن ماده دو</p></li>'), html);
      assert.equal(items(html), 4, 'all four: fewer than the default opening of six');
      assert.ok(!html.includes('ماده دیگر'), 'nothing left out');
    });

    it('carries as many clauses as asked, and says how many more there are', async () => {
      await create();
      const two = await embed({ clauses: 2 });
      assert.equal(items(two), 2);
      assert.ok(two.includes('<p>و ۲ ماده دیگر.</p>'), two);
      assert.equal(items(await embed({ clauses: 'all' })), 4);
      const none = await embed({ clauses: 0 });
      assert.equal(items(none), 0);
      assert.ok(!none.includes('<ol>') && none.includes('و ۴ ماده دیگر.'), none);
    });

    it('escapes every text: an official’s title or clause is never markup', async () => {
      await create({
        title: 'آزمایش <script>alert(1)</script> "نقل" & \'تک\'',
        clauses: [{ heading: '<b>عنوان</b>', text: '<img src=x onerror=alert(1)>' }],
      });
      const html = await embed();
      assert.ok(!/<script|<img|<b>/.test(html), html);
      assert.ok(html.includes('آزمایش &lt;script&gt;alert(1)&lt;/script&gt; &quot;نقل&quot; &amp; &#39;تک&#39;'), html);
      assert.ok(html.includes('<h3>ماده ۱ — &lt;b&gt;عنوان&lt;/b&gt;</h3><p>&lt;img src=x onerror=alert(1)&gt;</p>'), html);
    });

    it('speaks English with lang=en, and Persian for Balochi until it is translated', async () => {
      await create();
      const en = await embed({ clauses: 1, lang: 'en' });
      assert.match(en, /^<draft-consultation consultation="test-draft" lang="en" dir="ltr">/);
      assert.ok(en.includes('<h3>Clause 1 — هدف</h3>') && en.includes('<p>And 3 more clauses.</p>'), en);
      const bal = await embed({ clauses: 1, lang: 'bal' });
      assert.ok(bal.includes('<h3>ماده ۱ — هدف</h3>') && !bal.includes('lang='), bal);
    });

    it('refuses a malformed request and an unknown draft with a problem', async () => {
      await create();
      for (const [path, status, code, field] of [
        [`${ROUTES.consultationEmbed.path('test-draft')}?clauses=six`, 400, 'validation', 'clauses'],
        [`${ROUTES.consultationEmbed.path('test-draft')}?clauses=-1`, 400, 'validation', 'clauses'],
        [ROUTES.consultationEmbed.path('test-draft', { lang: 'de' }), 400, 'validation', 'lang'],
        [ROUTES.consultationEmbed.path('Not A Slug!'), 400, 'validation', 'slug'],
        [ROUTES.consultationEmbed.path('no-such-draft'), 404, 'not-found', undefined],
      ] as const) {
        const res = await app.request(path);
        const text = await res.text();
        assert.equal(res.status, status, `${path}: ${text}`);
        assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
        const body = Problem.parse(JSON.parse(text));
        assert.equal(body.code, code);
        if (field)
          assert.ok(
            body.errors?.some((e) => e.field === field),
            text,
          );
      }
    });
  });
}

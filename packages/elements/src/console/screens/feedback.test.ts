// The service-feedback inbox in the console, against the real app behind msw.
import '../define.js';
import { ROUTES } from '@nazar/protocol';
import { HttpResponse } from 'msw';
import { API, SERVICE, testServer } from '@nazar/testing/client-server';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { axeViolations } from '@nazar/testing/axe';
import { useConsoleLocale } from '../locale.js';
import { $, $$, choose, mountScreen, parseCsv, savedExport, textOf, type } from '../test/support.js';
import type { ConsoleFeedback } from './feedback.js';

const server = testServer({ admin: true });

async function send(rating: number, text: string, categories: string[] = ['speed']): Promise<string> {
  const res = await fetch(new URL(ROUTES.feedback.path(SERVICE), API), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ rating, categories, text }),
  });
  equal(res.status, 201, 'feedback accepted');
  return ((await res.json()) as { trackingCode: string }).trackingCode;
}

async function open(role: 'admin' | 'moderator' | 'viewer' = 'moderator') {
  const mounted = await mountScreen<ConsoleFeedback>('nazar-console-feedback', {}, role);
  await until(() => $$(mounted.el, 'article').length || textOf(mounted.el).includes('بازخوردی با این'), 5000, 'the inbox');
  return mounted;
}

describe('<nazar-console-feedback>', () => {
  afterEach(async () => {
    document.querySelectorAll('nazar-console-feedback').forEach((e) => e.remove());
    sessionStorage.clear();
    await useConsoleLocale('fa');
  });

  it('lists feedback newest first and narrows it by rating and category on the server', async () => {
    await send(1, 'صف طولانی بود', ['speed']);
    await send(5, 'کارکنان خوش‌برخورد بودند', ['staff']);
    await send(1, 'مدارک زیادی خواستند', ['documents']);
    const { el } = await open();
    equal($$(el, 'article').length, 3, 'all three');
    assert($$(el, 'article')[0].textContent.includes('مدارک زیادی خواستند'), 'newest first');
    choose($<HTMLSelectElement>(el, '#f-rating')!, '1');
    choose($<HTMLSelectElement>(el, '#f-category')!, 'speed');
    $<HTMLButtonElement>(el, 'form[role="search"] button[type="submit"]')!.click();
    await until(() => $$(el, 'article').length === 1, 5000, 'one left');
    assert(textOf(el).includes('صف طولانی بود'), textOf(el));
    const asked = server.seen.filter((r) => r.url.includes('/v1/admin/feedback?')).at(-1)!.url;
    assert(asked.includes('rating=1') && asked.includes('category=speed'), asked);
  });

  it('answers a citizen: the status moves and the answer reaches the tracking code', async () => {
    const code = await send(2, 'نوبت اینترنتی کار نمی‌کرد');
    const { el } = await open();
    choose($<HTMLSelectElement>(el, `#st-${code}`)!, 'answered');
    type($<HTMLTextAreaElement>(el, `#an-${code}`)!, 'سامانهٔ نوبت‌دهی درست شد.');
    $<HTMLButtonElement>(el, 'article form button[type="submit"]')!.click();
    await until(async () => (await server.store.getFeedbackRecord(code))?.status === 'answered', 5000, 'answered');
    const tracked = (await (await fetch(new URL(ROUTES.tracking.path(code), API))).json()) as { answer?: { text: string } };
    equal(tracked.answer?.text, 'سامانهٔ نوبت‌دهی درست شد.', 'the citizen sees the answer');
    await until(() => textOf(el).includes('پاسخ رسمی'), 5000, 'shown');
  });

  it('keeps a typed answer through a failed save, and a viewer gets no answer form', async () => {
    const code = await send(3, 'متوسط');
    const { el } = await open();
    choose($<HTMLSelectElement>(el, `#st-${code}`)!, 'answered');
    type($<HTMLTextAreaElement>(el, `#an-${code}`)!, 'پیگیری می‌کنیم.');
    server.handler = server.offline;
    $<HTMLButtonElement>(el, 'article form button[type="submit"]')!.click();
    await until(() => $(el, '.error-summary'), 5000, 'the failure');
    el.remove();
    server.handler = server.online;
    const again = (await open()).el;
    equal($<HTMLTextAreaElement>(again, `#an-${code}`)!.value, 'پیگیری می‌کنیم.', 'the answer came back');
    equal($<HTMLSelectElement>(again, `#st-${code}`)!.value, 'answered', 'and the status');
    again.remove();
    const viewer = (await open('viewer')).el;
    equal($(viewer, `#an-${code}`), null, 'no answer form for a viewer');
  });

  it('exports the filtered list as CSV that parses back with Persian intact and no formula cells', async () => {
    await send(1, '=HYPERLINK("http://evil.example","بزن")');
    await send(4, 'خوب بود');
    const { el } = await open('viewer');
    choose($<HTMLSelectElement>(el, '#f-rating')!, '1');
    const bytes = new Uint8Array(await (await savedExport(el, 'CSV')).arrayBuffer());
    equal([...bytes.slice(0, 3)].join(','), '239,187,191', 'a UTF-8 byte-order mark');
    const csv = new TextDecoder().decode(bytes.slice(3));
    const rows = parseCsv(csv);
    equal(rows.length, 2, `a header and the one filtered row: ${csv}`);
    const text = rows[1][rows[0].indexOf('text')];
    equal(text, `'=HYPERLINK("http://evil.example","بزن")`, 'Persian intact, the formula guarded');
    assert(
      rows.slice(1).every((r) => r.every((cell) => !/^[=+\-@\t\r]/.test(cell))),
      'no cell a spreadsheet would run',
    );
    const asked = server.seen.filter((r) => r.url.includes('/v1/admin/exports/feedback')).at(-1)!.url;
    assert(asked.includes('rating=1') && asked.includes('format=csv'), asked);
  });

  it("shows a service's near-identical suggestions once, and answers all of them at once", async () => {
    const text = 'نوبت‌دهی اینترنتی راه بیندازید تا مردم ساعت‌ها در صف نمانند و کارشان زودتر انجام شود.';
    const a = await send(2, text);
    const b = await send(1, `سلام. ${text.replace(/ی/g, 'ي')}`);
    await send(4, 'کارکنان خوش‌برخورد بودند.');
    const { el, announced } = await open();
    choose($<HTMLSelectElement>(el, '#f-service')!, SERVICE);
    $<HTMLButtonElement>(el, 'form[role="search"] button[type="submit"]')!.click();
    await until(() => $(el, '[data-group]'), 5000, 'the group of suggestions');
    equal($$(el, '[data-group]').length, 1, 'one group');
    assert($(el, '[data-group]')!.textContent.includes('۲ بار'), $(el, '[data-group]')!.textContent);
    type($<HTMLTextAreaElement>(el, '[data-group] textarea')!, 'نوبت‌دهی اینترنتی از هفتهٔ آینده.');
    $<HTMLButtonElement>(el, '[data-group] button[type="submit"]')!.click();
    await until(async () => (await server.store.getFeedbackRecord(b))?.status === 'answered', 5000, 'both answered');
    equal((await server.store.getFeedbackRecord(a))?.status, 'answered');
    await until(() => announced.some((m) => m.includes('برای ۲ بازخورد ثبت شد')), 5000, 'announced');
  });

  it('takes both picked days in, and echoes them in the Jalali calendar', async () => {
    await send(3, 'امروز فرستاده شد');
    const { el } = await open();
    const now = new Date();
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    for (const id of ['#f-from', '#f-to']) {
      const field = $<HTMLInputElement>(el, id)!;
      field.value = today;
      field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    }
    $<HTMLButtonElement>(el, 'form[role="search"] button[type="submit"]')!.click();
    await until(() => server.seen.some((r) => r.url.includes('/v1/admin/feedback?') && r.url.includes('to=')), 5000, 'the dated read');
    await until(() => !el.shadowRoot!.querySelector('button[type="submit"][disabled]'), 5000, 'read');
    equal($$(el, 'article').length, 1, "today's feedback, with today as the last day");
    const asked = new URL(server.seen.filter((r) => r.url.includes('/v1/admin/feedback?')).at(-1)!.url);
    const nextDay = new Date(`${today}T00:00:00`);
    nextDay.setDate(nextDay.getDate() + 1);
    equal(asked.searchParams.get('to'), nextDay.toISOString(), 'to is the start of the next day (the server excludes it)');
    const jalaliYear = new Intl.DateTimeFormat('fa-IR', { year: 'numeric', timeZone: 'Asia/Tehran' }).format(now);
    assert($(el, '#f-to-day')!.textContent.includes(jalaliYear), `the Jalali day: ${$(el, '#f-to-day')!.textContent}`);
    equal($<HTMLInputElement>(el, '#f-to')!.getAttribute('aria-describedby'), 'f-to-day');
  });

  it('names a part beside the list that did not load, keeps the list, and loads it on retry', async () => {
    await send(1, 'صف طولانی بود');
    await send(5, 'عالی');
    const { el } = await open();
    server.handler = (r) => (r.url.includes('/stats') ? HttpResponse.error() : server.online(r));
    choose($<HTMLSelectElement>(el, '#f-service')!, SERVICE);
    $<HTMLButtonElement>(el, 'form[role="search"] button[type="submit"]')!.click();
    await until(() => $(el, '.missing'), 5000, 'the notice');
    assert(textOf(el).includes('بارگیری نشد: آمار خدمت'), textOf(el));
    equal($$(el, 'article').length, 2, 'the list is there');
    equal($(el, '#stats-title'), null, 'no figures');
    server.handler = server.online;
    [...$$<HTMLButtonElement>(el, '.missing button')][0].click();
    await until(() => $(el, '#stats-title'), 5000, 'the figures');
    equal($(el, '.missing'), null, 'the notice is gone');
    // The rating distribution and the weekly trend, each a chart with its numbers as a table.
    const tables = $$(el, 'section[aria-labelledby="stats-title"] table');
    equal(tables.length, 2, 'two tables beside the charts');
    const cells = [...tables[0].querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim()).join('='),
    );
    equal(cells.join('|'), '۱ ستاره=۱|۲ ستاره=۰|۳ ستاره=۰|۴ ستاره=۰|۵ ستاره=۱', 'the distribution in numbers');
    equal(await axeViolations(el), '', 'fa, with the figures');
    await useConsoleLocale('en');
    await el.updateComplete;
    equal(await axeViolations(el), '', 'en, with the figures');
  });

  it('is clean under axe in fa and en', async () => {
    await send(2, 'متن');
    const { el } = await open();
    equal(await axeViolations(el), '', 'fa');
    await useConsoleLocale('en');
    await el.updateComplete;
    equal(await axeViolations(el), '', 'en');
  });
});

// <service-feedback> in a real browser, talking to the real server app (memory store) through msw.
import './define.js';
import { parseTrackingCode, toPersianDigits } from '@nazar/protocol';
import { getOutbox } from '@nazar/client';
import { API, testServer } from '@nazar/testing/client-server';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { useLocale } from '../internal/locale.js';
import { axeViolations } from '@nazar/testing/axe';
import type { ServiceFeedback } from './service-feedback.js';

const server = testServer();
let serial = 0;

/** A fresh service per test, so earlier tests' outbox items (per owner) never show up. */
async function mount(attrs: Record<string, string> = {}): Promise<{ el: ServiceFeedback; service: string }> {
  const service = `svc-${Date.now()}-${serial++}`;
  await server.store.ensureService({
    id: service,
    title: 'صدور شناسنامه',
    categories: ['speed', 'staff', 'other'],
    registeredOrigin: null,
  });
  const el = document.createElement('service-feedback');
  el.setAttribute('service', service);
  el.setAttribute('api', API);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  await el.updateComplete;
  return { el, service };
}

const $ = <T extends Element = HTMLElement>(el: ServiceFeedback, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const text = (el: ServiceFeedback) => el.shadowRoot!.textContent.replace(/\s+/g, ' ');

function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function rate(el: ServiceFeedback, value: number): Promise<void> {
  const radios = el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="rating"]');
  radios[value - 1].click();
  await el.updateComplete;
}

async function send(el: ServiceFeedback): Promise<void> {
  $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
  await el.updateComplete;
}

async function rowsFor(service: string): Promise<number> {
  const summary = await server.store.ratingSummary(service);
  return summary.count;
}

describe('<service-feedback>', () => {
  afterEach(async () => {
    document.querySelectorAll('service-feedback').forEach((e) => e.remove());
    await useLocale('fa');
  });

  it('renders Persian, right to left, by default, with a real radio group for the rating', async () => {
    const { el } = await mount();
    await until(() => text(el).includes('صدور شناسنامه'), 3000, 'service title');
    equal(el.getAttribute('dir'), 'rtl');
    equal(el.getAttribute('lang'), 'fa');
    const radios = el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"][name="rating"]');
    equal(radios.length, 5, 'five rating radios');
    assert($(el, 'fieldset.rating legend')!.textContent.includes('امتیاز'), 'legend in Persian');
    assert(text(el).includes('۵'), 'rating numbers in Persian digits');
  });

  it('submits online: saved on this device, then received with a Persian-digit tracking code, one row', async () => {
    const { el, service } = await mount();
    const events: string[] = [];
    let delivered: CustomEvent | undefined;
    for (const t of ['nazar-queued', 'nazar-delivered', 'nazar-rejected'] as const) {
      el.addEventListener(t, (e) => {
        events.push(t);
        if (t === 'nazar-delivered') delivered = e as CustomEvent;
      });
    }
    await rate(el, 4);
    type($<HTMLTextAreaElement>(el, 'textarea')!, 'نوبت‌دهی اینترنتی لازم است.');
    $<HTMLInputElement>(el, 'input[name="category"]')!.click();
    await send(el);
    await until(() => delivered, 5000, 'nazar-delivered');
    const code = (delivered!.detail as { trackingCode: string }).trackingCode;
    assert(parseTrackingCode(code) === code, 'a valid tracking code');
    await el.updateComplete;
    const shown = $(el, '[part="tracking-code"]')!;
    equal(shown.getAttribute('dir'), 'ltr', 'code isolated left to right');
    equal(shown.textContent.replace(/-/g, ''), toPersianDigits(code), 'code shown in Persian digits');
    equal(events.join(','), 'nazar-queued,nazar-delivered');
    equal(await rowsFor(service), 1, 'exactly one row');
    const record = await server.store.getFeedbackRecord(code);
    equal(record?.feedback.rating, 4);
    equal(record?.feedback.text, 'نوبت‌دهی اینترنتی لازم است.');
  });

  it('copies the tracking code in Latin digits', async () => {
    const { el } = await mount();
    let copied = '';
    const clipboard = { writeText: async (s: string) => void (copied = s) };
    Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
    await rate(el, 5);
    await send(el);
    const button = await until(() => $<HTMLButtonElement>(el, '[part="copy-button"]'), 5000, 'copy button');
    button!.click();
    await until(() => copied, 2000, 'clipboard write');
    assert(/^[0-9]{10}$/.test(copied), `Latin digits only, got ${copied}`);
  });

  it('submits offline: saved at once, delivered exactly once when the network returns', async () => {
    const { el, service } = await mount();
    server.handler = server.offline;
    await rate(el, 2);
    type($<HTMLTextAreaElement>(el, 'textarea')!, 'offline words');
    await send(el);
    await until(() => text(el).includes('روی همین دستگاه ذخیره شد'), 3000, '"saved on this device"');
    await until(async () => (await getOutbox().list(`service-feedback:${service}`))[0]?.attempts, 5000, 'a failed attempt');
    await el.updateComplete;
    assert(text(el).includes('هنوز فرستاده نشده'), 'says it is waiting for a connection');
    equal(await rowsFor(service), 0, 'nothing on the server yet');
    server.handler = server.online;
    window.dispatchEvent(new Event('online'));
    await until(() => $(el, '[part="tracking-code"]'), 8000, 'delivered after coming online');
    equal(await rowsFor(service), 1, 'exactly one row');
    window.dispatchEvent(new Event('online'));
    await getOutbox().flush();
    equal(await rowsFor(service), 1, 'still exactly one row after another flush');
  });

  it('on browsers that evict storage after 7 days, says the item is waiting on this device', async () => {
    const outbox = getOutbox();
    // The user agent decides this (Safari, iOS); here the test stands in for it.
    const guess = outbox.evictionRisk;
    Object.defineProperty(outbox, 'evictionRisk', { value: true, configurable: true });
    try {
      const { el } = await mount();
      server.handler = server.offline;
      await rate(el, 3);
      await send(el);
      await until(() => $(el, '.status .notice.warning'), 3000, 'eviction warning');
      assert($(el, '.status .notice.warning')!.textContent.includes('هفت روز'), 'names the 7 days');
    } finally {
      Object.defineProperty(outbox, 'evictionRisk', { value: guess, configurable: true });
      server.handler = server.online;
    }
  });

  it('shows a server refusal with the reason, keeps the text, and lets the citizen resend', async () => {
    const { el, service } = await mount();
    let rejected: CustomEvent | undefined;
    el.addEventListener('nazar-rejected', (e) => (rejected = e));
    // The server refuses what the widget cannot check: here an over-long text sneaks past the
    // widget (the server's own limit says no), as it would from an older widget version.
    const longText = 'ب'.repeat(2001);
    server.handler = async (request) => {
      if (request.method !== 'POST') return server.online(request);
      // The widget would stop 2,001 characters itself; rewrite a short body into an over-long one
      // so the refusal really comes from the server's validation.
      const body = await request.clone().json();
      body.text = longText;
      return server.online(new Request(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify(body) }));
    };
    await rate(el, 1);
    type($<HTMLTextAreaElement>(el, 'textarea')!, 'متن من');
    await send(el);
    await until(() => rejected, 5000, 'nazar-rejected');
    await el.updateComplete;
    const summary = $(el, '[part="error-summary"]')!;
    assert(summary, 'error summary shown');
    assert(summary.textContent.includes('۲٬۰۰۰') || summary.textContent.includes('۲۰۰۰'), `reason names the limit: ${summary.textContent}`);
    equal($<HTMLTextAreaElement>(el, 'textarea')!.value, 'متن من', 'the citizen’s text is kept');
    equal((rejected!.detail as { problem: { code: string } }).problem.code, 'validation');
    const items = await getOutbox().list(`service-feedback:${service}`);
    equal(items[0]?.state, 'needs-attention', 'kept, not dropped');
    server.handler = server.online;
    await send(el);
    await until(() => $(el, '[part="tracking-code"]'), 5000, 'delivered after resend');
    equal(await rowsFor(service), 1);
  });

  it('refuses to send without a rating: the error summary takes focus and names the field', async () => {
    const { el } = await mount();
    type($<HTMLInputElement>(el, '#contact')!, 'not a contact');
    await send(el);
    const summary = $(el, '.error-summary')!;
    assert(summary, 'error summary');
    equal(el.shadowRoot!.activeElement, summary, 'focus moved to the summary');
    const items = [...summary.querySelectorAll('li')].map((li) => li.textContent.trim());
    equal(items.length, 2, `two problems: ${items.join(' | ')}`);
    equal($<HTMLInputElement>(el, '#contact')!.value, 'not a contact', 'input kept');
    summary.querySelector('button')!.click();
    equal(el.shadowRoot!.activeElement, $(el, 'input[name="rating"]'), 'the link moves focus to the field');
  });

  it('counts characters and announces the count politely', async () => {
    const { el } = await mount();
    type($<HTMLTextAreaElement>(el, 'textarea')!, 'سلام');
    await el.updateComplete;
    assert($(el, '#text-count')!.textContent.includes('۱٬۹۹۶'), $(el, '#text-count')!.textContent);
    const live = await until(
      () => {
        const region = $(el, '.field [aria-live="polite"]');
        return region?.textContent?.includes('۱٬۹۹۶') ? region : undefined;
      },
      3000,
      'polite announcement',
    );
    assert(live, 'live region');
  });

  it('tracks a previous submission from a code typed in Persian digits with spaces', async () => {
    const { el } = await mount();
    await rate(el, 3);
    await send(el);
    const code = (await until(
      async () => {
        const items = await getOutbox().list(`service-feedback:${el.service}`);
        return (items[0]?.response as { trackingCode?: string } | undefined)?.trackingCode;
      },
      5000,
      'tracking code',
    ))!;
    await server.store.updateSubmissionStatus(code, { status: 'answered', answer: 'نوبت‌دهی از ماه آینده برخط می‌شود.' });
    await el.updateComplete;
    const open = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent.includes('پیگیری'))!;
    open.click();
    const lookup = await until(
      () => $(el, 'nazar-tracking-lookup') as HTMLElement & { updateComplete: Promise<boolean> },
      3000,
      'tracking view loaded',
    );
    await lookup.updateComplete;
    const inner = <T extends Element = HTMLElement>(selector: string) => lookup.shadowRoot!.querySelector<T>(selector);
    const input = (await until(() => inner<HTMLInputElement>('#code'), 2000, 'code input'))!;
    await until(() => lookup.shadowRoot!.activeElement === input, 2000, 'focus on the code input');
    // A mistyped digit is caught before any request.
    const wrong = code.slice(0, 3) + String((Number(code[3]) + 1) % 10) + code.slice(4);
    const requestsBefore = server.seen.length;
    type(input, toPersianDigits(wrong));
    inner<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => inner('#code-error'), 2000, 'mistyped code refused');
    equal(server.seen.length, requestsBefore, 'no request for a mistyped code');
    type(input, toPersianDigits(`${code.slice(0, 4)} ${code.slice(4, 7)} ${code.slice(7)}`));
    inner<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => inner('.answer-text'), 5000, 'answer shown');
    equal(inner('.answer-text')!.textContent, 'نوبت‌دهی از ماه آینده برخط می‌شود.');
    equal(inner('.answer-text')!.getAttribute('dir'), 'auto');
    assert(inner('.status')!.textContent.includes('پاسخ داده شده'), 'status in Persian');
    equal(await axeViolations(el), '', 'tracking view is axe clean');
    // Back returns to where the citizen was.
    [...lookup.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent.includes('بازگشت'))!.click();
    await until(() => $(el, '[part="tracking-code"]'), 2000, 'back to the received status');
  });

  it('says so when no submission has the code', async () => {
    const { el } = await mount();
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent.includes('پیگیری'))!.click();
    const lookup = (await until(() => $(el, 'nazar-tracking-lookup'), 3000, 'tracking view'))!;
    const input = (await until(() => lookup.shadowRoot!.querySelector<HTMLInputElement>('#code'), 2000, 'input'))!;
    const valid = (await import('@nazar/protocol')).withCheckDigit('123456789');
    type(input, valid);
    lookup.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => lookup.shadowRoot!.querySelector('.notice.error'), 5000, 'not found shown');
    assert(lookup.shadowRoot!.querySelector('.notice.error')!.textContent.includes('پیدا نشد'));
  });

  it('shows the rating summary with the summary attribute', async () => {
    const { el, service } = await mount();
    for (const rating of [5, 4, 4]) {
      await server.store.createFeedback(
        { key: `k-${service}-${rating}-${Math.random()}`, requestHash: String(Math.random()) },
        { serviceId: service, rating, categories: [], text: null, contact: null, locale: 'fa' },
      );
    }
    el.summary = true;
    await until(() => $(el, '[part="summary"] .mean')?.textContent.includes('۴٫۳'), 3000, 'summary read again');
    assert(text(el).includes('۴٫۳') && text(el).includes('۳'), `mean and count in Persian digits: ${$(el, '.mean')!.textContent}`);
    equal(el.shadowRoot!.querySelectorAll('[part="summary"] tbody tr').length, 5);
  });

  // Issue 15: the page's reservation holds until the first render, and the summary keeps one
  // height from its first frame, whatever its read brings.
  it('keeps the reserved block size until drawn, and the summary its height before, without and after its read', async () => {
    const service = `svc-${Date.now()}-${serial++}`;
    await server.store.ensureService({ id: service, title: 'صدور شناسنامه', categories: ['speed'], registeredOrigin: null });
    // The summary's read answers late (past the first render's wait), then fails.
    server.handler = async (request) => {
      if (request.method !== 'GET' || !request.url.includes('/v1/services/')) return server.online(request);
      await new Promise((r) => setTimeout(r, 1800));
      return server.offline(request);
    };
    const el = document.createElement('service-feedback');
    el.setAttribute('service', service);
    el.setAttribute('api', API);
    el.setAttribute('summary', '');
    el.style.setProperty('--nazar-block-size', '900px');
    el.append(Object.assign(document.createElement('a'), { href: '/old-form', textContent: 'ثبت نظر' }));
    document.body.append(el);
    await new Promise((r) => requestAnimationFrame(r));
    assert(el.matches(':state(reserving)'), 'reserving before the first render');
    equal(Math.round(el.getBoundingClientRect().height), 900, 'the reserved block size holds after the upgrade');
    assert(el.shadowRoot!.querySelector('slot'), 'the page’s own content shows meanwhile');
    await el.updateComplete;
    assert(!el.matches(':state(reserving)'), 'drawn: the reservation ends');
    const summary = () => $(el, '[part="summary"]')!;
    equal(summary().getAttribute('aria-busy'), 'true');
    equal($(el, '.distribution')!.getAttribute('aria-hidden'), 'true', 'placeholder rows are not read out');
    equal(el.shadowRoot!.querySelectorAll('.distribution tbody tr').length, 5);
    const pending = summary().getBoundingClientRect().height;
    await until(() => summary().textContent.includes('بارگیری نشد'), 5000, 'read failed');
    equal(summary().getBoundingClientRect().height, pending, 'same height once the read failed');
    el.remove();
    server.handler = server.online;
    const { el: none } = await mount({ summary: '' });
    await until(() => $(none, '[part="summary"] .mean')?.textContent.includes('نخستین'), 3000, 'no ratings yet');
    equal(none.shadowRoot!.querySelectorAll('[part="summary"] tbody tr').length, 5, 'five rows of zeros');
    const zeros = $(none, '[part="summary"]')!.getBoundingClientRect().height;
    assert(Math.abs(zeros - pending) <= 1, `same height: placeholder ${pending}, no ratings ${zeros}`);
    equal(await axeViolations(none), '', 'no ratings yet');
  });

  it('speaks English, left to right, with lang="en"', async () => {
    const { el } = await mount({ lang: 'en' });
    await until(() => text(el).includes('How would you rate this service?'), 3000, 'English text');
    equal(el.getAttribute('dir'), 'ltr');
  });

  it('keeps the embedder’s own dir', async () => {
    const { el } = await mount({ dir: 'ltr' });
    equal(el.getAttribute('dir'), 'ltr');
  });

  it('is clean under axe-core in fa/RTL and en/LTR, in the form, error and received states', async () => {
    for (const lang of ['fa', 'en']) {
      const { el } = await mount({ lang, summary: '' });
      await until(() => $(el, '[part="summary"]'), 3000, 'summary');
      equal(await axeViolations(el), '', `${lang} form`);
      await send(el); // no rating: error state
      equal(await axeViolations(el), '', `${lang} errors`);
      await rate(el, 5);
      await send(el);
      await until(() => $(el, '[part="tracking-code"]'), 5000, 'received');
      equal(await axeViolations(el), '', `${lang} received`);
      el.remove();
    }
  });
});

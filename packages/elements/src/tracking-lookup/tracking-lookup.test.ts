// <nazar-tracking-lookup> in a real browser: real submissions made through the real server app
// (memory store) behind msw, then looked up by their tracking codes as a citizen would.
import './define.js';
import { generateTrackingCode, parseTrackingCode, ROUTES, toPersianDigits } from '@nazar/protocol';
import { API, SERVICE, testServer } from '@nazar/testing/client-server';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { axeViolations } from '@nazar/testing/axe';
import { useLocale } from '../internal/locale.js';
import type { NazarTrackingLookup } from './tracking-lookup.js';

const server = testServer();

/** Sends feedback the way the Outbox does (POST with an Idempotency-Key) and returns its code. */
async function submitFeedback(text: string): Promise<string> {
  const response = await fetch(new URL(ROUTES.feedback.path(SERVICE), API), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ rating: 2, categories: ['speed'], text }),
  });
  equal(response.status, 201, 'the feedback was accepted');
  return ((await response.json()) as { trackingCode: string }).trackingCode;
}

async function mount(attrs: Record<string, string> = {}): Promise<NazarTrackingLookup> {
  const el = document.createElement('nazar-tracking-lookup');
  el.api = API;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: NazarTrackingLookup, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const text = (el: NazarTrackingLookup) => el.shadowRoot!.textContent.replace(/\s+/g, ' ');

async function lookUp(el: NazarTrackingLookup, code: string): Promise<void> {
  const input = $<HTMLInputElement>(el, '#code')!;
  input.value = code;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  // The form's own submit button, as Enter in the field or a click would use it.
  $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
  await el.updateComplete;
}

const lookups = () => server.seen.filter((r) => r.method === 'GET' && r.url.includes('/v1/tracking/')).length;

describe('<nazar-tracking-lookup>', () => {
  afterEach(async () => {
    document.querySelectorAll('nazar-tracking-lookup').forEach((e) => e.remove());
    await useLocale('fa');
  });

  it('shows what became of a real submission and the official answer, from a code in Persian digits', async () => {
    const code = await submitFeedback('صف خیلی طولانی بود');
    await server.store.updateSubmissionStatus(code, { status: 'answered', answer: 'نوبت‌دهی اینترنتی راه افتاد.' });
    const el = await mount();
    await lookUp(el, toPersianDigits(code));
    await until(() => $(el, '[part="status"]') !== null, 5000, 'the result');
    const shown = text(el);
    assert(shown.includes('صدور شناسنامه'), `the service's title: ${shown}`);
    assert(shown.includes('پاسخ داده شده'), `the status: ${shown}`);
    assert(shown.includes('نوبت‌دهی اینترنتی راه افتاد.'), `the official answer: ${shown}`);
    equal($(el, '[role="status"]')!.textContent.trim(), 'پاسخ داده شده', 'the status is announced politely');
    equal(await axeViolations(el), '');
  });

  it('says when no answer has been given yet', async () => {
    const code = await submitFeedback('هنوز منتظرم');
    const el = await mount({ code });
    await until(() => $(el, '[part="status"]') !== null, 5000, 'the result of the code given as an attribute');
    assert(text(el).includes('هنوز پاسخی داده نشده است.'), text(el));
  });

  it('tells the citizen when no submission has a well-formed code', async () => {
    let unknown = generateTrackingCode();
    while ((await server.store.findByTrackingCode(unknown)) !== null) unknown = generateTrackingCode();
    const el = await mount();
    await lookUp(el, unknown);
    await until(() => text(el).includes('نظری با این کد پیدا نشد'), 5000, 'the not-found notice');
    equal($(el, '[part="status"]'), null, 'no result is shown');
    equal($(el, '[role="status"]')!.textContent.trim(), 'نظری با این کد پیدا نشد. رقم‌ها را بررسی کنید.');
  });

  it('catches a mistyped digit before asking the server, keeps what was typed and focuses the field', async () => {
    const code = await submitFeedback('کد را اشتباه می‌نویسم');
    const last = Number(code.at(-1));
    const mistyped = `${code.slice(0, -1)}${(last + 1) % 10}`;
    equal(parseTrackingCode(mistyped), null, 'the check digit refuses it');
    const el = await mount();
    const before = lookups();
    await lookUp(el, mistyped);
    await until(() => $(el, '#code-error') !== null, 3000, 'the field error');
    equal($(el, '#code-error')!.getAttribute('role'), 'alert');
    equal($<HTMLInputElement>(el, '#code')!.getAttribute('aria-invalid'), 'true');
    equal($<HTMLInputElement>(el, '#code')!.getAttribute('aria-describedby'), 'code-error');
    equal($<HTMLInputElement>(el, '#code')!.value, mistyped, 'the typed code stays');
    equal(el.shadowRoot!.activeElement?.id, 'code', 'focus is on the field');
    equal(lookups(), before, 'no request was made');
    equal(await axeViolations(el), '');
  });

  it('speaks English when the page does, left to right for the code', async () => {
    await useLocale('en');
    const code = await submitFeedback('english please');
    await server.store.updateSubmissionStatus(code, { status: 'answered', answer: 'Done.' });
    const el = await mount({ lang: 'en' });
    assert(text(el).includes('Track a previous submission'), text(el));
    equal($<HTMLInputElement>(el, '#code')!.getAttribute('dir'), 'ltr');
    await lookUp(el, code);
    await until(() => $(el, '[part="status"]') !== null, 5000, 'the result');
    assert(text(el).includes('Official answer') && text(el).includes('Answered') && text(el).includes('Done.'), text(el));
    equal(await axeViolations(el), '');
  });

  it('fires nazar-tracking-close when the citizen goes back', async () => {
    const el = await mount();
    const closed = new Promise<Event>((resolve) => el.addEventListener('nazar-tracking-close', resolve, { once: true }));
    $<HTMLButtonElement>(el, 'button.link')!.click();
    const event = await closed;
    assert(event.bubbles && event.composed, 'it crosses the shadow boundary to the widget that opened it');
  });
});

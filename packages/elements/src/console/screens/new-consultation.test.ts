// Creating a draft from pasted text in the console, against the real app behind msw.
import '../define.js';
import { testServer } from '@nazar/testing/client-server';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { axeViolations } from '@nazar/testing/axe';
import { useConsoleLocale } from '../locale.js';
import { $, $$, choose, mountScreen, textOf, type } from '../test/support.js';
import type { ConsoleNewConsultation } from './new-consultation.js';

const server = testServer({ admin: true });

const PASTED = [
  'پیش‌نویس آیین‌نامهٔ بازارچه‌های محلی',
  'ماده ۱ - تعاریف واژه‌ها.',
  'تبصره: بازارچهٔ موقت.',
  'ماده ۲ - ساعت کار از هشت تا بیست.',
].join('\n');

async function fillBasics(el: ConsoleNewConsultation): Promise<void> {
  type($<HTMLInputElement>(el, '#title')!, 'آیین‌نامهٔ بازارچه‌ها');
  type($<HTMLInputElement>(el, '#slug')!, 'bazaar-1405');
  type($<HTMLInputElement>(el, '#issuingBody')!, 'فرمانداری چابهار');
  type($<HTMLTextAreaElement>(el, '#pasted')!, PASTED);
  await el.updateComplete;
}

const submit = (el: ConsoleNewConsultation) => $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();

describe('<nazar-console-new-consultation>', () => {
  afterEach(async () => {
    document.querySelectorAll('nazar-console-new-consultation').forEach((e) => e.remove());
    sessionStorage.clear();
    await useConsoleLocale('fa');
  });

  it('splits pasted text into an editable preview and creates the draft with those clauses', async () => {
    const { el, went, announced } = await mountScreen<ConsoleNewConsultation>('nazar-console-new-consultation');
    await fillBasics(el);
    [...$$<HTMLButtonElement>(el, 'button')].find((b) => b.textContent.trim() === 'بخش‌بندی')!.click();
    await el.updateComplete;
    equal($$(el, 'ol > li').length, 3, 'three clauses in the preview');
    assert(
      announced.some((a) => a.includes('۳ بند')),
      `announced: ${announced.join('|')}`,
    );
    equal($<HTMLTextAreaElement>(el, '#summary')!.value, 'پیش‌نویس آیین‌نامهٔ بازارچه‌های محلی', 'the preamble becomes the summary');
    // The official corrects the split: the تبصره joins ماده ۱, and ماده ۲'s wording is edited.
    [...$$<HTMLButtonElement>(el, 'ol > li:nth-child(2) button')].find((b) => b.textContent.includes('پیوستن'))!.click();
    await el.updateComplete;
    type($<HTMLTextAreaElement>(el, '#t1')!, 'ساعت کار از هشت تا بیست و دو.');
    await el.updateComplete;
    submit(el);
    await until(() => went.length, 5000, 'the new consultation opened');
    equal(went[0].slug, 'bazaar-1405');
    const stored = await server.store.getConsultation('bazaar-1405');
    assert(stored, 'stored');
    equal(stored.clauses.length, 2, 'two clauses after the merge');
    equal(stored.clauses[0].heading, 'ماده ۱');
    assert(stored.clauses[0].text.includes('تبصره بازارچهٔ موقت.'), stored.clauses[0].text);
    equal(stored.clauses[1].text, 'ساعت کار از هشت تا بیست و دو.');
    equal(sessionStorage.length, 0, 'the kept draft is cleared once saved');
  });

  it('refuses a bill window under 30 days before sending, naming the field, and keeps every word', async () => {
    const { el } = await mountScreen<ConsoleNewConsultation>('nazar-console-new-consultation');
    await fillBasics(el);
    $$<HTMLInputElement>(el, 'input[name="kind"]')[1].click();
    $$<HTMLInputElement>(el, 'input[name="kind"]')[1].dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    const opens = $<HTMLInputElement>(el, '#opensAt')!.value;
    const closes = new Date(Date.parse(opens) + 10 * 86_400_000);
    type(
      $<HTMLInputElement>(el, '#closesAt')!,
      new Date(closes.getTime() - closes.getTimezoneOffset() * 60_000).toISOString().slice(0, 16),
    );
    [...$$<HTMLButtonElement>(el, 'button')].find((b) => b.textContent.trim() === 'بخش‌بندی')!.click();
    await el.updateComplete;
    const before = server.seen.length;
    submit(el);
    await el.updateComplete;
    await el.updateComplete;
    equal(server.seen.length, before, 'nothing sent');
    const summary = $(el, '.error-summary')!;
    equal(el.shadowRoot!.activeElement, summary, 'the error summary takes focus');
    assert(textOf(el).includes('دست‌کم ۳۰ روز'), textOf(el));
    equal($<HTMLInputElement>(el, '#title')!.value, 'آیین‌نامهٔ بازارچه‌ها', 'the title is still there');
    equal($<HTMLInputElement>(el, '#closesAt')!.getAttribute('aria-invalid'), 'true');
  });

  it('keeps the typed form across a failed save and a reload of the screen', async () => {
    const { el } = await mountScreen<ConsoleNewConsultation>('nazar-console-new-consultation');
    await fillBasics(el);
    [...$$<HTMLButtonElement>(el, 'button')].find((b) => b.textContent.trim() === 'بخش‌بندی')!.click();
    await el.updateComplete;
    server.handler = server.offline;
    submit(el);
    await until(() => $(el, '.error-summary'), 5000, 'the failure');
    assert(textOf(el).includes('کارساز پاسخ نداد'), textOf(el));
    el.remove();
    const again = (await mountScreen<ConsoleNewConsultation>('nazar-console-new-consultation')).el;
    equal($<HTMLInputElement>(again, '#slug')!.value, 'bazaar-1405', 'the form came back');
    equal($$(again, 'ol > li').length, 3, 'with its preview');
    server.handler = server.online;
    submit(again);
    await until(async () => (await server.store.getConsultation('bazaar-1405')) !== null, 5000, 'saved on retry');
  });

  it('shows the server refusing a slug already in use, and is clean under axe in fa and en', async () => {
    const { el } = await mountScreen<ConsoleNewConsultation>('nazar-console-new-consultation');
    equal(await axeViolations(el), '', 'empty form, fa');
    await fillBasics(el);
    [...$$<HTMLButtonElement>(el, 'button')].find((b) => b.textContent.trim() === 'بخش‌بندی')!.click();
    await el.updateComplete;
    equal(await axeViolations(el), '', 'with the preview, fa');
    choose($<HTMLSelectElement>(el, '#moderation')!, 'post');
    submit(el);
    await until(async () => (await server.store.getConsultation('bazaar-1405')) !== null, 5000, 'first saved');
    equal((await server.store.getConsultation('bazaar-1405'))!.moderation, 'post', 'post-moderation chosen');
    await useConsoleLocale('en');
    const second = (await mountScreen<ConsoleNewConsultation>('nazar-console-new-consultation')).el;
    await fillBasics(second);
    [...$$<HTMLButtonElement>(second, 'button')].find((b) => b.textContent.trim() === 'Split into clauses')!.click();
    await second.updateComplete;
    submit(second);
    await until(() => $(second, '.error-summary'), 5000, 'the refusal');
    equal(await axeViolations(second), '', 'with an error, en');
  });
});

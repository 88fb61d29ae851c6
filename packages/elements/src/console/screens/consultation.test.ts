// One consultation in the console: the keyboard moderation queue, replies, the clause × stance
// table, and the window — against the real app behind msw.
import '../define.js';
import { testServer } from '@nazar/testing/client-server';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { axeViolations } from '@nazar/testing/axe';
import { useConsoleLocale } from '../locale.js';
import { $, $$, mountScreen, press, seedComment, seedConsultation, textOf, type } from '../test/support.js';
import type { ConsoleConsultation } from './consultation.js';

const server = testServer({ admin: true });
const SLUG = 'vendors';

async function open(role: 'admin' | 'moderator' | 'viewer' = 'admin') {
  const mounted = await mountScreen<ConsoleConsultation>('nazar-console-consultation', { slug: SLUG }, role);
  // The consultation, then its queue (busy until both are in).
  await until(
    () => $(mounted.el, '#queue-item') || textOf(mounted.el).includes('صف بررسی خالی است'),
    5000,
    'the consultation and its queue',
  );
  await mounted.el.updateComplete;
  return mounted;
}

const item = (el: ConsoleConsultation) => $<HTMLElement>(el, '#queue-item')!;
const tab = (el: ConsoleConsultation, label: string) =>
  [...$$<HTMLButtonElement>(el, '.toolbar button')].find((b) => b.textContent.includes(label))!;

describe('<nazar-console-consultation>', () => {
  afterEach(async () => {
    document.querySelectorAll('nazar-console-consultation').forEach((e) => e.remove());
    sessionStorage.clear();
    await useConsoleLocale('fa');
  });

  it('moderates the queue from the keyboard: A publishes, N moves on, R asks a reason and rejects', async () => {
    await seedConsultation(server, SLUG);
    const first = await seedComment(server, SLUG, 'ساعت کار کم است', { daysAgo: 3 });
    const second = await seedComment(server, SLUG, 'تبلیغ فروشگاه من', { daysAgo: 2 });
    const third = await seedComment(server, SLUG, 'پروانه رایگان باشد', { daysAgo: 1 });
    const { el, announced } = await open();
    assert(textOf(el).includes('نظر ۱ از ۳'), textOf(el));
    // Newest first, as the server lists them.
    assert(item(el).textContent.includes('پروانه رایگان باشد'), 'the newest first');
    item(el).focus();
    press(item(el), 'a');
    await until(async () => (await server.store.getComment(third.id))!.status === 'published', 5000, 'published');
    await until(() => announced.some((a) => a.includes('منتشر شد') && a.includes('نظر ۱ از ۲')), 5000, `announced: ${announced.join('|')}`);
    equal(el.shadowRoot!.activeElement, item(el), 'focus stays on the next comment');
    press(item(el), 'n');
    await el.updateComplete;
    assert(item(el).textContent.includes('ساعت کار کم است'), 'N moved to the next');
    press(item(el), 'p');
    await el.updateComplete;
    assert(item(el).textContent.includes('تبلیغ فروشگاه من'), 'P moved back');
    press(item(el), 'r');
    await el.updateComplete;
    const reason = $<HTMLTextAreaElement>(el, '#reject-reason')!;
    equal(el.shadowRoot!.activeElement, reason, 'R opens the reason, focused');
    // Keys typed in the reason are text, not commands.
    press(reason, 'a');
    equal((await server.store.getComment(second.id))!.status, 'pending', 'typing "a" in the reason approves nothing');
    type(reason, 'تبلیغ تجاری است.');
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await until(async () => (await server.store.getComment(second.id))!.status === 'rejected', 5000, 'rejected');
    equal((await server.store.getComment(second.id))!.rejectionReason, 'تبلیغ تجاری است.');
    await until(() => textOf(el).includes('نظر ۱ از ۱'), 5000, 'one left');
    equal((await server.store.getComment(first.id))!.status, 'pending', 'the last one untouched');
  });

  it('shows a pasted campaign as one group, publishes it and answers every member at once', async () => {
    await seedConsultation(server, SLUG);
    const text = 'ساعت کار بازارچه برای فروشندگان محلی کافی نیست و باید تا ساعت بیست و دو شب ادامه یابد تا خانواده‌ها بتوانند خرید کنند.';
    const a = await seedComment(server, SLUG, text, { daysAgo: 3 });
    const b = await seedComment(server, SLUG, `سلام. ${text.replace(/ی/g, 'ي')}`, { daysAgo: 2 });
    await seedComment(server, SLUG, 'پارکینگ بازارچه کم است.', { daysAgo: 1 });
    const { el, announced } = await open('moderator');
    tab(el, 'گروه‌ها').click();
    await until(() => $(el, '[data-group]'), 5000, 'the group');
    equal($$(el, '[data-group]').length, 1, 'one group');
    assert(textOf(el).includes('۲ نظر مشابه'), textOf(el));
    [...$$<HTMLButtonElement>(el, '[data-group] button')].find((x) => x.textContent.includes('انتشار همه'))!.click();
    await until(async () => (await server.store.getComment(b.id))!.status === 'published', 5000, 'both published');
    equal((await server.store.getComment(a.id))!.status, 'published');
    await until(() => announced.some((m) => m.includes('۲ نظر منتشر شد')), 5000, 'announced');
    type($<HTMLTextAreaElement>(el, '[data-group] textarea[id^="gp-"]')!, 'ساعت کار تمدید شد.');
    const reply = () => [...$$<HTMLButtonElement>(el, '[data-group] button')].find((x) => x.textContent.includes('ثبت پاسخ برای همه'))!;
    await until(() => !reply().disabled, 5000, 'the group reloaded');
    reply().click();
    await until(async () => (await server.store.getComment(a.id))!.reply?.text === 'ساعت کار تمدید شد.', 5000, 'replied');
    equal((await server.store.getComment(b.id))!.reply?.text, 'ساعت کار تمدید شد.');
    equal(await axeViolations(el), '', 'groups, fa');
  });

  it('refuses a rejection without a reason, and a modifier key does nothing', async () => {
    await seedConsultation(server, SLUG);
    const only = await seedComment(server, SLUG, 'متن');
    const { el } = await open();
    item(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'a', ctrlKey: true, bubbles: true, composed: true }));
    press(item(el), 'r');
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await el.updateComplete;
    assert(textOf(el).includes('دلیل رد را بنویسید'), textOf(el));
    equal((await server.store.getComment(only.id))!.status, 'pending', 'still pending');
  });

  it('offers a viewer no moderation, and the server refuses it anyway', async () => {
    await seedConsultation(server, SLUG);
    await seedComment(server, SLUG, 'متن');
    const { el } = await open('viewer');
    equal($$(el, '[aria-keyshortcuts]').length, 0, 'no moderation buttons');
    press(item(el), 'a');
    await el.updateComplete;
    equal(tab(el, 'مهلت'), undefined, 'no window tab');
  });

  it('replies to a published comment; a failed reply keeps its text until it is saved', async () => {
    await seedConsultation(server, SLUG, { moderation: 'post' });
    const c = await seedComment(server, SLUG, 'پیشنهاد من', { moderation: 'post', stance: 'amend' });
    const { el } = await open('moderator');
    tab(el, 'همهٔ نظرها').click();
    await until(() => $(el, `#reply-${c.id}`), 5000, 'the reply field');
    type($<HTMLTextAreaElement>(el, `#reply-${c.id}`)!, 'بررسی می‌شود.');
    server.handler = server.offline;
    $<HTMLButtonElement>(el, 'article form button[type="submit"]')!.click();
    await until(() => $(el, '.error-summary'), 5000, 'the failure shown');
    equal($<HTMLTextAreaElement>(el, `#reply-${c.id}`)!.value, 'بررسی می‌شود.', 'the reply is still there');
    server.handler = server.online;
    $<HTMLButtonElement>(el, 'article form button[type="submit"]')!.click();
    await until(async () => (await server.store.getComment(c.id))!.reply?.text === 'بررسی می‌شود.', 5000, 'saved');
    await until(() => textOf(el).includes('پاسخ رسمی'), 5000, 'shown as the official reply');
  });

  it('shows the clause × stance table with totals, and is clean under axe in fa and en', async () => {
    await seedConsultation(server, SLUG, { moderation: 'post' });
    await seedComment(server, SLUG, 'موافقم', { moderation: 'post', stance: 'support' });
    await seedComment(server, SLUG, 'مخالفم', { moderation: 'post', stance: 'oppose', clauseId: 'c2' });
    await seedComment(server, SLUG, 'کل متن', { moderation: 'post', stance: 'oppose', clauseId: null });
    const { el } = await open();
    equal(await axeViolations(el), '', 'queue, fa');
    tab(el, 'جدول موضع‌ها').click();
    await el.updateComplete;
    const rows = $$<HTMLTableRowElement>(el, 'tbody tr').map((r) => [...r.cells].map((c) => c.textContent.trim()).join('|'));
    equal(rows.join('\n'), ['کل پیش‌نویس|۰|۱|۰|۱', 'ماده ۱|۱|۰|۰|۱', 'ماده ۲|۰|۱|۰|۱'].join('\n'));
    equal(await axeViolations(el), '', 'table, fa');
    await useConsoleLocale('en');
    await el.updateComplete;
    assert(textOf(el).includes('Support'), textOf(el));
    equal(await axeViolations(el), '', 'table, en');
  });

  it('extends the window forward with a reason; an earlier end is refused and the reason stays', async () => {
    await seedConsultation(server, SLUG);
    const { el, announced } = await open();
    tab(el, 'مهلت').click();
    await el.updateComplete;
    const before = (await server.store.getConsultation(SLUG))!.closesAt;
    const local = (ms: number) => {
      const d = new Date(ms);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    };
    // An end before the current one: refused by the server, named, nothing typed lost.
    $<HTMLInputElement>(el, '#closes')!.value = local(Date.parse(before) - 86_400_000);
    type($<HTMLTextAreaElement>(el, '#extend-reason')!, 'درخواست اتحادیهٔ فروشندگان');
    [...$$<HTMLButtonElement>(el, 'button[type="submit"]')].find((b) => b.textContent.trim() === 'تمدید')!.click();
    await until(() => $(el, '.error-summary'), 5000, 'the refusal');
    equal((await server.store.getConsultation(SLUG))!.closesAt, before, 'not moved');
    equal($<HTMLTextAreaElement>(el, '#extend-reason')!.value, 'درخواست اتحادیهٔ فروشندگان', 'the reason stays');
    // A week later: extended, announced, and the citizens' view shows the new end.
    const later = Date.parse(before) + 7 * 86_400_000;
    $<HTMLInputElement>(el, '#closes')!.value = local(later);
    [...$$<HTMLButtonElement>(el, 'button[type="submit"]')].find((b) => b.textContent.trim() === 'تمدید')!.click();
    await until(async () => (await server.store.getConsultation(SLUG))!.closesAt !== before, 5000, 'extended');
    equal(Date.parse((await server.store.getConsultation(SLUG))!.closesAt), Math.floor(later / 60_000) * 60_000);
    await until(() => announced.includes('مهلت تمدید شد.'), 5000, 'announced');
  });

  it('withdraws a consultation only after the official confirms, with the reason', async () => {
    await seedConsultation(server, SLUG);
    const { el } = await open();
    tab(el, 'مهلت').click();
    await el.updateComplete;
    type($<HTMLTextAreaElement>(el, '#withdraw-reason')!, 'قانون بالادستی تغییر کرد.');
    $<HTMLButtonElement>(el, 'button.danger')!.click();
    await el.updateComplete;
    assert(textOf(el).includes('خانهٔ تأیید'), 'asks for the confirmation');
    equal((await server.store.getConsultation(SLUG))!.withdrawnAt, null, 'not withdrawn yet');
    $<HTMLInputElement>(el, 'input[name="withdraw-sure"]')!.click();
    $<HTMLButtonElement>(el, 'button.danger')!.click();
    await until(async () => (await server.store.getConsultation(SLUG))!.withdrawnAt !== null, 5000, 'withdrawn');
  });
});

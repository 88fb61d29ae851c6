// Issuing the final text in the console: clause edits with their diff, a disposition for every
// published comment, the summary, publish — against the real app behind msw.
import '../define.js';
import { testServer } from '@nazar/testing/client-server';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { axeViolations } from '@nazar/testing/axe';
import { useConsoleLocale } from '../locale.js';
import { $, $$, choose, mountScreen, seedComment, seedConsultation, textOf, type } from '../test/support.js';
import type { ConsoleIssue } from './issue.js';

const server = testServer({ admin: true });
const SLUG = 'vendors';

async function open() {
  const mounted = await mountScreen<ConsoleIssue>('nazar-console-issue', { slug: SLUG });
  await until(() => $(mounted.el, 'form'), 5000, 'the issue form');
  return mounted;
}

const publish = (el: ConsoleIssue) => $<HTMLButtonElement>(el, 'form > button[type="submit"]')!.click();

describe('<nazar-console-issue>', () => {
  afterEach(async () => {
    document.querySelectorAll('nazar-console-issue').forEach((e) => e.remove());
    sessionStorage.clear();
    await useConsoleLocale('fa');
  });

  it('edits the final text with its diff, disposes of every comment, and issues it', async () => {
    await seedConsultation(server, SLUG, { closed: true, moderation: 'post' });
    const a = await seedComment(server, SLUG, 'تا ده شب باشد', { moderation: 'post', stance: 'amend' });
    const b = await seedComment(server, SLUG, 'پروانه لازم نیست', { moderation: 'post', clauseId: 'c2' });
    const { el, went } = await open();
    equal($$(el, 'fieldset[id^="d-"]').length, 2, 'one disposition per published comment');
    assert(
      server.seen.some((r) => r.url.includes(`/consultations/${SLUG}/comments?status=published&limit=500`)),
      'read 500 a page (10,000 comments: 20 reads, not 500)',
    );
    type($<HTMLTextAreaElement>(el, '#ft0')!, 'ساعت کار بازارچه از نه تا بیست و دو است.');
    await el.updateComplete;
    const added = $$(el, 'fieldset:first-of-type ins')
      .map((i) => i.textContent)
      .join(' ');
    assert(added.startsWith('افزوده:') && added.includes('دو'), `the added words, marked for screen readers too: ${added}`);
    assert($(el, 'fieldset:first-of-type del')!.textContent.includes('هشت'), 'the removed word');

    // Publishing without every disposition is refused in the screen, naming how many lack one.
    publish(el);
    await el.updateComplete;
    assert(textOf(el).includes('۲ نظر هنوز نتیجه و دلیل ندارد'), textOf(el));
    equal($<HTMLElement>(el, `#d-${a.id}`)!.getAttribute('aria-invalid'), 'true');

    choose($<HTMLSelectElement>(el, `#o-${a.id}`)!, 'partly-accepted');
    type($<HTMLTextAreaElement>(el, `#r-${a.id}`)!, 'تا ده شب پذیرفته نشد؛ تا ساعت بیست و دو شد.');
    choose($<HTMLSelectElement>(el, `#o-${b.id}`)!, 'out-of-scope');
    type($<HTMLTextAreaElement>(el, `#r-${b.id}`)!, 'پروانه برای ایمنی لازم است.');
    type($<HTMLTextAreaElement>(el, '#summary')!, 'ساعت کار دو ساعت بیشتر شد.');
    await el.updateComplete;
    publish(el);
    await until(() => went.length, 5000, 'back to the consultation');
    const stored = (await server.store.getConsultation(SLUG))!;
    assert(stored.issuedAt, 'issued');
    equal(stored.finalClauses![0].text, 'ساعت کار بازارچه از نه تا بیست و دو است.');
    equal(stored.finalClauses![0].id, 'c1', 'the amended clause keeps its id');
    equal(stored.outcomeSummary, 'ساعت کار دو ساعت بیشتر شد.');
    const disposed = await server.store.getComment(a.id);
    equal(disposed!.disposition?.outcome, 'partly-accepted');
    equal((await server.store.getComment(b.id))!.disposition?.outcome, 'out-of-scope', 'the fourth outcome');
    equal(sessionStorage.length, 0, 'the kept form is cleared once issued');
  });

  it('keeps everything typed when the server cannot be reached, and after a reload', async () => {
    await seedConsultation(server, SLUG, { closed: true, moderation: 'post' });
    const a = await seedComment(server, SLUG, 'نظر', { moderation: 'post' });
    const { el } = await open();
    choose($<HTMLSelectElement>(el, `#o-${a.id}`)!, 'accepted');
    type($<HTMLTextAreaElement>(el, `#r-${a.id}`)!, 'درست است.');
    type($<HTMLTextAreaElement>(el, '#ft1')!, 'متن تازهٔ ماده ۲');
    server.handler = server.offline;
    publish(el);
    await until(() => $(el, '.error-summary'), 5000, 'the failure');
    el.remove();
    server.handler = server.online;
    const again = (await open()).el;
    equal($<HTMLTextAreaElement>(again, `#r-${a.id}`)!.value, 'درست است.', 'the reason is back');
    equal($<HTMLSelectElement>(again, `#o-${a.id}`)!.value, 'accepted', 'and the outcome');
    equal($<HTMLTextAreaElement>(again, '#ft1')!.value, 'متن تازهٔ ماده ۲', 'and the final text');
  });

  it('removes a clause and adds one, and is clean under axe in fa and en', async () => {
    await seedConsultation(server, SLUG, { closed: true, moderation: 'post' });
    const { el, went } = await open();
    equal(await axeViolations(el), '', 'fa');
    $$<HTMLInputElement>(el, 'fieldset input[type="checkbox"]')[1].click();
    [...$$<HTMLButtonElement>(el, 'button')].find((b) => b.textContent.includes('افزودن بند تازه'))!.click();
    await el.updateComplete;
    type($<HTMLTextAreaElement>(el, '#ft2')!, 'بند تازه دربارهٔ پسماند.');
    type($<HTMLTextAreaElement>(el, '#summary')!, 'ماده ۲ حذف و بندی دربارهٔ پسماند افزوده شد.');
    await useConsoleLocale('en');
    await el.updateComplete;
    equal(await axeViolations(el), '', 'en');
    publish(el);
    await until(() => went.length, 5000, 'issued');
    const final = (await server.store.getConsultation(SLUG))!.finalClauses!;
    equal(final.map((c) => c.text).join('|'), 'ساعت کار بازارچه از هشت تا بیست است.|بند تازه دربارهٔ پسماند.');
  });
});

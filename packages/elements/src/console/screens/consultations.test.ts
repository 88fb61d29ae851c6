// The consultations list in the console: paged from the server, narrowed by status, the way into
// each consultation — real app behind msw.
import '../define.js';
import { testServer } from '@nazar/testing/client-server';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { CONSOLE_LIMITS } from '@nazar/protocol';
import { useConsoleLocale } from '../locale.js';
import { statusName } from '../messages.js';
import { $, $$, choose, mountScreen, parseCsv, savedExport, seedConsultation, textOf, cleanInBothLocales } from '../test/support.js';
import type { ConsoleConsultations } from './consultations.js';

const server = testServer({ admin: true });
const DAY = 86_400_000;

/** `n` open consultations, the newest last, each with a title of its own. */
async function openConsultations(n: number): Promise<void> {
  const now = Date.now();
  for (let i = 1; i <= n; i++) {
    const at = new Date(now - DAY + i * 1000).toISOString();
    await server.store.createConsultation({
      slug: `draft-${i}`,
      title: `پیش‌نویس شمارهٔ ${i}`,
      summary: '',
      kind: 'regulation',
      issuingBody: 'فرمانداری چابهار',
      opensAt: at,
      closesAt: new Date(now + 13 * DAY).toISOString(),
      moderation: 'pre',
      clauses: [{ id: 'c1', heading: 'ماده ۱', text: 'متن.' }],
      at,
    });
  }
}

async function open(role: 'admin' | 'moderator' | 'viewer' = 'admin') {
  const mounted = await mountScreen<ConsoleConsultations>('nazar-console-consultations', {}, role);
  await until(() => $(mounted.el, 'tbody tr') || textOf(mounted.el).includes('رایزنی‌ای نیست'), 5000, 'the list');
  return mounted;
}

const rows = (el: Element) => $$(el, 'tbody tr');

describe('<nazar-console-consultations>', () => {
  afterEach(async () => {
    document.querySelectorAll('nazar-console-consultations').forEach((e) => e.remove());
    sessionStorage.clear();
    await useConsoleLocale('fa');
  });

  it('pages the list from the server, newest first, and narrows it by status there', async () => {
    const page = CONSOLE_LIMITS.pageSize;
    await openConsultations(page + 2);
    await seedConsultation(server, 'closed-one', { closed: true });
    const { el } = await open();
    equal(rows(el).length, page, 'one page');
    assert(rows(el)[0].textContent.includes(`شمارهٔ ${page + 2}`), `newest first: ${rows(el)[0].innerHTML}`);
    const more = [...$$<HTMLButtonElement>(el, 'button')].find((b) => b.textContent.includes('بیشتر'))!;
    more.click();
    await until(() => rows(el).length === page + 3, 5000, 'the next page');
    assert(![...$$<HTMLButtonElement>(el, 'button')].some((b) => b.textContent.includes('بیشتر')), 'no more after the last page');
    assert(
      server.seen.some((r) => r.url.includes('/v1/admin/consultations?cursor=')),
      'the next page came from the server',
    );
    choose($<HTMLSelectElement>(el, '#status')!, 'review');
    await until(() => rows(el).length === 1, 5000, 'only the one in review');
    assert(rows(el)[0].textContent.includes(statusName('review')), rows(el)[0].textContent);
    assert(
      server.seen.some((r) => r.url.includes('/v1/admin/consultations?status=review')),
      'filtered by the server',
    );
    choose($<HTMLSelectElement>(el, '#status')!, 'withdrawn');
    await until(() => textOf(el).includes('رایزنی‌ای نیست'), 5000, 'none withdrawn');
  });

  it('shows the window with the days left, opens a consultation, and offers a new draft only to admins', async () => {
    await seedConsultation(server, 'vendors');
    const { el, went } = await open();
    assert(/۱۳ روز مانده|۱۲ روز مانده/.test(rows(el)[0].textContent), rows(el)[0].textContent);
    $<HTMLAnchorElement>(el, 'tbody a')!.click();
    equal(JSON.stringify(went.at(-1)), JSON.stringify({ screen: 'consultation', slug: 'vendors' }));
    assert(textOf(el).includes('پیش‌نویس تازه'), 'an admin may start a draft');
    el.remove();
    const moderator = (await open('moderator')).el;
    assert(!textOf(moderator).includes('پیش‌نویس تازه'), 'a moderator may not');
  });

  it('exports the list with its status filter, as CSV that parses back with Persian intact', async () => {
    await seedConsultation(server, 'vendors');
    await seedConsultation(server, 'old', { closed: true });
    const { el } = await open('viewer');
    choose($<HTMLSelectElement>(el, '#status')!, 'open');
    await until(() => rows(el).length === 1, 5000, 'the open one');
    const bytes = new Uint8Array(await (await savedExport(el, 'CSV')).arrayBuffer());
    equal([...bytes.slice(0, 3)].join(','), '239,187,191', 'a UTF-8 byte-order mark');
    const table = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    equal(table.length, 2, 'a header and the open one');
    equal(table[1][table[0].indexOf('slug')], 'vendors');
    equal(table[1][table[0].indexOf('title')], 'آیین‌نامهٔ ساماندهی دست‌فروشان');
    assert(
      server.seen.some((r) => r.url.includes('/v1/admin/exports/consultations?status=open&format=csv')),
      'with the filter',
    );
  });

  it('is clean under axe in fa and en', async () => {
    await seedConsultation(server, 'vendors');
    const { el } = await open();
    await cleanInBothLocales(el, 'days left');
  });
});

// The console's first screen: what is open, what waits for an official, participation by week —
// real app behind msw.
import '../define.js';
import { ROUTES } from '@nazar/protocol';
import { API, SERVICE, testServer } from '@nazar/testing/client-server';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { useConsoleLocale } from '../locale.js';
import { $, $$, mountScreen, seedComment, seedConsultation, textOf, cleanInBothLocales } from '../test/support.js';
import type { ConsoleOverview } from './overview.js';

const server = testServer({ admin: true });

async function send(rating: number): Promise<void> {
  const res = await fetch(new URL(ROUTES.feedback.path(SERVICE), API), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ rating, categories: [], text: 'متن' }),
  });
  equal(res.status, 201, 'feedback accepted');
}

async function open(role: 'admin' | 'viewer' = 'admin') {
  const mounted = await mountScreen<ConsoleOverview>('nazar-console-overview', {}, role);
  await until(() => $(mounted.el, '.cards') || $(mounted.el, '.error-summary'), 5000, 'the overview');
  return mounted;
}

const figures = (el: Element) => $$(el, '.card .figure').map((f) => f.textContent.trim());

describe('<nazar-console-overview>', () => {
  afterEach(async () => {
    document.querySelectorAll('nazar-console-overview').forEach((e) => e.remove());
    sessionStorage.clear();
    await useConsoleLocale('fa');
  });

  it('counts what is open and what waits, lists the open consultations, and charts the weeks with a table', async () => {
    await seedConsultation(server, 'vendors');
    await seedConsultation(server, 'old', { closed: true });
    await seedComment(server, 'vendors', 'نظر یکم', { daysAgo: 0 });
    await seedComment(server, 'vendors', 'نظر دوم', { daysAgo: 0 });
    await send(2);
    const { el, went } = await open('viewer');
    equal(figures(el).join(' '), '۱ ۲ ۱ ۰', 'open consultations, comments to moderate, feedback to answer, active polls');
    const open_ = $$(el, 'ul li');
    equal(open_.length, 1, 'the open one only');
    assert(/آیین‌نامهٔ ساماندهی/.test(open_[0].textContent) && /روز مانده/.test(open_[0].textContent), open_[0].textContent);
    // The participation chart says its numbers in a table: this week, 2 comments and 1 feedback.
    const weeks = $$(el, 'table tbody tr');
    assert(weeks.length >= 2, `weeks: ${weeks.length}`);
    const thisWeek = weeks.at(-1)!.textContent.replace(/\s+/g, ' ');
    assert(thisWeek.includes('۳') && thisWeek.includes('۲ نظر، ۱ بازخورد، ۰ رأی'), thisWeek);
    $<HTMLAnchorElement>(el, 'a.card[href="#feedback"]')!.click();
    equal(went.at(-1)?.screen, 'feedback', 'a card leads to its list');
    $<HTMLAnchorElement>(el, 'ul li a')!.click();
    equal(JSON.stringify(went.at(-1)), JSON.stringify({ screen: 'consultation', slug: 'vendors' }));
  });

  it('explains a failed read instead of an empty screen', async () => {
    server.handler = server.offline;
    const { el } = await open();
    assert($(el, '.error-summary'), 'the failure is shown');
    equal($(el, '.cards'), null);
    assert(!textOf(el).includes('در حال بارگیری'), 'not left loading');
  });

  it('is clean under axe in fa and en', async () => {
    await seedConsultation(server, 'vendors');
    await seedComment(server, 'vendors', 'نظر', { daysAgo: 0 });
    const { el } = await open();
    await cleanInBothLocales(el, 'days left');
  });
});

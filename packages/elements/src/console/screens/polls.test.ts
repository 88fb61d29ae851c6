// Polls in the console: create, results as a chart with its table, close — real app behind msw.
import '../define.js';
import { ADMIN_ROUTES, ROUTES } from '@nazar/protocol';
import { ADMIN_TOKEN, API, testServer } from '@nazar/testing/client-server';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { axeViolations } from '@nazar/testing/axe';
import { useConsoleLocale } from '../locale.js';
import { $, $$, mountScreen, parseCsv, savedExport, textOf, type } from '../test/support.js';
import type { ConsolePolls } from './polls.js';

const server = testServer({ admin: true });

async function open(role: 'admin' | 'viewer' = 'admin') {
  const mounted = await mountScreen<ConsolePolls>('nazar-console-polls', {}, role);
  await until(() => $(mounted.el, 'table') || textOf(mounted.el).includes('نظرسنجی‌ای نیست'), 5000, 'the list');
  return mounted;
}

async function vote(slug: string, optionIds: string[]): Promise<void> {
  const res = await fetch(new URL(ROUTES.vote.path(slug), API), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ optionIds, voter: { type: 'device', key: crypto.randomUUID().replace(/-/g, '') } }),
  });
  equal(res.status, 201, `vote accepted: ${await res.clone().text()}`);
}

describe('<nazar-console-polls>', () => {
  afterEach(async () => {
    document.querySelectorAll('nazar-console-polls').forEach((e) => e.remove());
    sessionStorage.clear();
    await useConsoleLocale('fa');
  });

  it('creates a poll, shows its results as bars with a table, and closes it after confirming', async () => {
    const { el } = await open();
    [...$$<HTMLButtonElement>(el, 'button')].find((b) => b.textContent.includes('نظرسنجی تازه'))!.click();
    await el.updateComplete;
    type($<HTMLInputElement>(el, '#p-slug')!, 'park-hours');
    type($<HTMLInputElement>(el, '#p-question')!, 'پارک تا چه ساعتی باز باشد؟');
    type($<HTMLInputElement>(el, '#p-o0')!, 'ساعت ۲۲');
    type($<HTMLInputElement>(el, '#p-o1')!, 'نیمه‌شب');
    [...$$<HTMLButtonElement>(el, 'button')].find((b) => b.textContent.includes('افزودن گزینه'))!.click();
    await el.updateComplete;
    type($<HTMLInputElement>(el, '#p-o2')!, 'همیشه');
    // Open from an hour ago, so citizens can vote at once.
    const hourAgo = Date.now() - 3_600_000;
    type($<HTMLInputElement>(el, '#p-opens')!, new Date(hourAgo - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await until(() => $(el, '#poll-title'), 5000, 'the new poll');
    const stored = await server.store.getPoll('park-hours');
    equal(stored?.options.map((o) => o.label).join('|'), 'ساعت ۲۲|نیمه‌شب|همیشه');

    // Options get ids o1, o2, o3 in order.
    await vote('park-hours', ['o3']);
    await vote('park-hours', ['o3']);
    await vote('park-hours', ['o2']);
    $$<HTMLButtonElement>(el, 'tbody button')[0].click();
    await until(() => textOf(el).includes('۳ رأی‌دهنده'), 5000, 'the results');
    const cells = $$<HTMLTableRowElement>(el, 'figure tbody tr').map((r) => [...r.cells].map((c) => c.textContent.trim()).join('='));
    equal(cells.join('|'), 'ساعت ۲۲=۰|نیمه‌شب=۱|همیشه=۲', 'the table beside the chart');

    const confirm = window.confirm;
    let asked = '';
    window.confirm = (m?: string) => ((asked = m ?? ''), false);
    [...$$<HTMLButtonElement>(el, 'button')].find((b) => b.textContent.includes('بستن نظرسنجی'))!.click();
    equal((await server.store.getPoll('park-hours'))!.closedAt, null, 'not closed when the official says no');
    assert(asked.includes('پارک تا چه ساعتی'), asked);
    window.confirm = () => true;
    try {
      [...$$<HTMLButtonElement>(el, 'button')].find((b) => b.textContent.includes('بستن نظرسنجی'))!.click();
      await until(async () => (await server.store.getPoll('park-hours'))!.closedAt !== null, 5000, 'closed');
    } finally {
      window.confirm = confirm;
    }
  });

  it('refuses a poll with one option on the screen, keeps the form, and offers a viewer no creation', async () => {
    const { el } = await open();
    [...$$<HTMLButtonElement>(el, 'button')].find((b) => b.textContent.includes('نظرسنجی تازه'))!.click();
    await el.updateComplete;
    type($<HTMLInputElement>(el, '#p-question')!, 'پرسش');
    type($<HTMLInputElement>(el, '#p-o0')!, 'تنها گزینه');
    await el.updateComplete;
    const before = server.seen.length;
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await el.updateComplete;
    equal(server.seen.length, before, 'nothing sent');
    assert(textOf(el).includes('گزینه‌ها'), textOf(el));
    equal($<HTMLInputElement>(el, '#p-o0')!.value, 'تنها گزینه');
    el.remove();
    const viewer = (await open('viewer')).el;
    assert(![...$$<HTMLButtonElement>(viewer, 'button')].some((b) => b.textContent.includes('نظرسنجی تازه')), 'no creation for a viewer');
  });

  it('exports the list of polls as CSV, Persian intact', async () => {
    const made = await fetch(new URL(ADMIN_ROUTES.createPoll.path(), API), {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        slug: 'bus-routes',
        question: 'کدام مسیر اتوبوس؟',
        options: ['الف', 'ب'],
        mode: 'single',
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        resultsVisibility: 'always',
      }),
    });
    equal(made.status, 201, await made.clone().text());
    const { el } = await open('viewer');
    const bytes = new Uint8Array(await (await savedExport(el, 'CSV')).arrayBuffer());
    const table = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    equal(table.length, 2, 'a header and the poll');
    equal(table[1][table[0].indexOf('question')], 'کدام مسیر اتوبوس؟');
    equal(table[1][table[0].indexOf('status')], 'open');
    // With a poll chosen, its votes' export and the list's are two groups that say which is which.
    $<HTMLButtonElement>(el, 'tbody button, tbody a')!.click();
    await until(() => $$(el, '.toolbar[role="group"]').length === 2, 5000, 'the chosen poll');
    equal(
      $$(el, '.toolbar[role="group"]')
        .map((g) => g.getAttribute('aria-label'))
        .join(' | '),
      'این نظرسنجی | فهرست نظرسنجی‌ها',
    );
  });

  it('is clean under axe in fa and en', async () => {
    const { el } = await open();
    [...$$<HTMLButtonElement>(el, 'button')].find((b) => b.textContent.includes('نظرسنجی تازه'))!.click();
    await el.updateComplete;
    equal(await axeViolations(el), '', 'fa');
    await useConsoleLocale('en');
    await el.updateComplete;
    equal(await axeViolations(el), '', 'en');
  });
});

// <quick-poll> in a real browser against the real server app (memory store) through msw.
import './define.js';
import { ADMIN_ROUTES } from '@nazar/protocol';
import { getOutbox } from '@nazar/client';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { useLocale } from '../internal/locale.js';
import { axeViolations } from '@nazar/testing/axe';
import type { QuickPoll } from './quick-poll.js';
import { API, DAY, testApp } from '@nazar/testing/elements-app';

const server = testApp();
const admin = server.admin;

const OPTIONS = ['مسیر بندر — دانشگاه', 'مسیر کنارک — مرکز شهر', 'مسیر فرودگاه — بازار', 'مسیر تیس — پارک ساحلی'];

async function createPoll(
  options: {
    mode?: 'single' | 'multiple';
    maxChoices?: number;
    visibility?: 'always' | 'after-vote' | 'after-close';
    opensInDays?: number;
  } = {},
): Promise<string> {
  const slug = server.slug('poll');
  await admin('POST', ADMIN_ROUTES.createPoll.path(), {
    slug,
    question: 'کدام مسیر اتوبوس زودتر راه‌اندازی شود؟',
    options: OPTIONS.map((label) => ({ label })),
    mode: options.mode ?? 'single',
    ...(options.maxChoices ? { maxChoices: options.maxChoices } : {}),
    opensAt: new Date(server.clock + (options.opensInDays ?? -1) * DAY).toISOString(),
    closesAt: new Date(server.clock + ((options.opensInDays ?? -1) + 30) * DAY).toISOString(),
    resultsVisibility: options.visibility ?? 'after-vote',
  });
  return slug;
}

async function mount(slug: string, attrs: Record<string, string> = {}): Promise<QuickPoll> {
  const el = document.createElement('quick-poll');
  el.setAttribute('poll', slug);
  el.setAttribute('api', API);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  await until(() => el.shadowRoot?.querySelector('[part="question"]'), 5000, 'poll rendered');
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const text = (el: Element) => el.shadowRoot!.textContent.replace(/\s+/g, ' ');
const inputs = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="option"]')];

async function vote(el: QuickPoll, ...indexes: number[]): Promise<void> {
  for (const i of indexes) inputs(el)[i].click();
  await el.updateComplete;
  $<HTMLButtonElement>(el, '[part="submit"]')!.click();
  await el.updateComplete;
}

describe('<quick-poll>', () => {
  afterEach(async () => {
    document.querySelectorAll('quick-poll').forEach((e) => e.remove());
    server.offline = false;
    localStorage.removeItem('nazar:voter-key');
    await useLocale('fa');
  });

  it('asks the question as a real radio group, then shows results after the vote (after-vote rule)', async () => {
    const slug = await createPoll();
    const el = await mount(slug);
    let code = '';
    el.addEventListener('nazar-delivered', (e) => (code = e.detail.trackingCode));
    equal(el.getAttribute('dir'), 'rtl');
    equal(inputs(el).length, 4);
    equal(inputs(el)[0].type, 'radio');
    equal($(el, '[part="results"]'), null, 'no results before voting');
    assert(text(el).includes('پس از رأی دادن'), 'says when results appear');
    equal(await axeViolations(el), '', 'axe clean before voting');
    await vote(el, 1);
    await until(() => $(el, '[part="results"]'), 5000, 'results after voting');
    const rows = [...el.shadowRoot!.querySelectorAll('[part="results"] tbody tr')];
    equal(rows.length, 4);
    assert(
      rows[1].textContent.includes('۱۰۰٪') && rows[1].textContent.includes('۱'),
      `share and count in Persian digits: ${rows[1].textContent}`,
    );
    assert(rows[1].classList.contains('mine'), 'my choice marked');
    assert(text(el).includes('رأی شما:') && text(el).includes(OPTIONS[1]), 'you voted for …');
    equal(await axeViolations(el), '', 'axe clean with results');
    // The vote's tracking code says it was counted, and nothing about the choice.
    const tracked = await (await server.fetch(new Request(new URL(`/v1/tracking/${code}`, API)))).json();
    equal(tracked.kind, 'vote');
    equal(tracked.status, 'counted');
    assert(!JSON.stringify(tracked).includes('o2'), `no choice in the tracking answer: ${JSON.stringify(tracked)}`);
  });

  it('remembers the vote on this device after a reload', async () => {
    const slug = await createPoll();
    let el = await mount(slug);
    await vote(el, 2);
    await until(() => $(el, '[part="results"]'), 5000, 'results');
    el.remove();
    el = await mount(slug);
    await until(() => text(el).includes(OPTIONS[2]) && $(el, '[part="results"]'), 3000, 'remembered with results');
    equal(inputs(el).length, 0, 'no second ballot');
  });

  it('votes offline: saved on the device, counted once when back online', async () => {
    const slug = await createPoll({ visibility: 'always' });
    const el = await mount(slug);
    server.offline = true;
    await vote(el, 0);
    await until(() => text(el).includes('روی همین دستگاه ذخیره شد'), 3000, 'saved on the device');
    await until(async () => (await getOutbox().list(`quick-poll:${slug}`))[0]?.attempts, 5000, 'a failed attempt');
    server.offline = false;
    window.dispatchEvent(new Event('online'));
    await until(() => $(el, '[part="results"] tbody tr')?.textContent?.includes('۱'), 8000, 'counted');
    await getOutbox().flush();
    const full = await admin<{ results: { totalVoters: number } }>('GET', ADMIN_ROUTES.poll.path(slug));
    equal(full.results.totalVoters, 1, 'exactly one vote');
  });

  it('multiple choice: a checkbox group with a maximum, over the maximum refused with the selection kept', async () => {
    const slug = await createPoll({ mode: 'multiple', maxChoices: 2, visibility: 'always' });
    const el = await mount(slug);
    equal(inputs(el)[0].type, 'checkbox');
    assert(text(el).includes('حداکثر ۲ گزینه'), 'says the maximum');
    await vote(el, 0, 1, 3);
    await until(() => $(el, '.error-summary'), 2000, 'error summary');
    equal(el.shadowRoot!.activeElement, $(el, '.error-summary'), 'focus on the summary');
    equal(inputs(el).filter((i) => i.checked).length, 3, 'selection kept');
    inputs(el)[3].click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await until(() => text(el).includes('رأی شما:'), 5000, 'voted');
    assert(text(el).includes(OPTIONS[0]) && text(el).includes(OPTIONS[1]));
  });

  it('shows the server’s already-voted refusal clearly when another tab voted first', async () => {
    const slug = await createPoll({ visibility: 'always' });
    const el = await mount(slug);
    server.offline = true;
    await vote(el, 0);
    await until(() => text(el).includes('روی همین دستگاه ذخیره شد'), 3000, 'saved');
    // Another tab of this browser (same device key) votes while this one is offline.
    const other = await server.fetch(
      new Request(new URL(`/v1/polls/${slug}/votes`, API), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `other-tab-${Date.now()}-abc` },
        body: JSON.stringify({ optionIds: ['o3'], voter: { type: 'device', key: localStorage.getItem('nazar:voter-key') } }),
      }),
    );
    equal(other.status, 201, `the other tab’s vote counts: ${await other.clone().text()}`);
    server.offline = false;
    window.dispatchEvent(new Event('online'));
    await until(() => $(el, '.refused'), 8000, 'refusal shown');
    assert($(el, '.refused')!.textContent.includes('پیش‌تر در این نظرسنجی رأی داده شده است'), $(el, '.refused')!.textContent);
    const items = await getOutbox().list(`quick-poll:${slug}`);
    equal(items[0]?.state, 'needs-attention');
    equal(items[0]?.problem?.code, 'already-voted');
    const full = await admin<{ results: { totalVoters: number } }>('GET', ADMIN_ROUTES.poll.path(slug));
    equal(full.results.totalVoters, 1, 'still one vote from this device');
  });

  it('keeps results hidden until close with the after-close rule, and shows final results after', async () => {
    const slug = await createPoll({ visibility: 'after-close' });
    let el = await mount(slug);
    await vote(el, 3);
    await until(() => text(el).includes('رأی شما:'), 5000, 'voted');
    equal($(el, '[part="results"]'), null, 'no results before close');
    assert(text(el).includes('پس از پایان'), 'says results come after close');
    el.remove();
    server.clock += 40 * DAY;
    try {
      el = await mount(slug);
      await until(() => $(el, '[part="results"]'), 3000, 'final results');
      assert(text(el).includes('نتیجه نهایی'));
      assert(text(el).includes('رأی‌گیری پایان یافته است'), 'closed state');
      equal(await axeViolations(el), '', 'axe clean (closed)');
    } finally {
      server.clock -= 40 * DAY;
    }
  });

  it('refuses a vote that reaches the server after close, clearly, keeping the choice', async () => {
    const slug = await createPoll({ visibility: 'always' });
    const el = await mount(slug);
    server.offline = true;
    await vote(el, 1);
    await until(() => text(el).includes('روی همین دستگاه ذخیره شد'), 3000, 'saved');
    server.clock += 40 * DAY;
    try {
      server.offline = false;
      window.dispatchEvent(new Event('online'));
      await until(() => $(el, '.refused'), 8000, 'refusal');
      assert($(el, '.refused')!.textContent.includes('بسته شده'), 'says the poll closed');
      await until(() => $(el, '.refused')?.textContent?.includes(OPTIONS[1]), 3000, 'the choice is kept on screen');
      equal(inputs(el).length, 0, 'no ballot on a closed poll');
      const items = await getOutbox().list(`quick-poll:${slug}`);
      equal(items[0]?.state, 'needs-attention');
    } finally {
      server.clock -= 40 * DAY;
    }
  });

  it('is read-only before it opens', async () => {
    const slug = await createPoll({ opensInDays: 2 });
    const el = await mount(slug);
    equal(inputs(el).length, 0);
    assert(text(el).includes('هنوز آغاز نشده'));
    equal(await axeViolations(el), '', 'axe clean (scheduled)');
  });

  it('speaks English, left to right; bars grow from the start side in both directions', async () => {
    const slug = await createPoll({ visibility: 'always' });
    const el = await mount(slug, { lang: 'en' });
    await until(() => text(el).includes('Vote'), 3000, 'English');
    equal(el.getAttribute('dir'), 'ltr');
    await vote(el, 0);
    const bar = await until(() => $(el, '[part="bar"]'), 5000, 'bars');
    const track = bar!.parentElement!.getBoundingClientRect();
    const ltr = bar!.getBoundingClientRect();
    assert(Math.abs(ltr.left - track.left) < 1, 'LTR: the bar starts at the left');
    equal(await axeViolations(el), '', 'axe clean (en)');
    el.remove();
    await useLocale('fa');
    const rtlEl = await mount(slug);
    const rtlBar = await until(() => $(rtlEl, '[part="bar"]'), 5000, 'bars');
    const rtlTrack = rtlBar!.parentElement!.getBoundingClientRect();
    assert(Math.abs(rtlBar!.getBoundingClientRect().right - rtlTrack.right) < 1, 'RTL: the bar starts at the right');
  });
});

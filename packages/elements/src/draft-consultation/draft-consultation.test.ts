// <draft-consultation> in a real browser against the real server app (memory store) through msw.
// Officials act through the real admin API; the test moves the app's clock.
import './define.js';
import { ADMIN_ROUTES, ROUTES, type Consultation } from '@nazar/protocol';
import { getOutbox } from '@nazar/client';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { useLocale } from '../internal/locale.js';
import { axeViolations } from '@nazar/testing/axe';
import type { DraftConsultation } from './draft-consultation.js';
import { API, DAY, testApp } from '@nazar/testing/elements-app';

const server = testApp();
const admin = server.admin;

const CLAUSES = Array.from({ length: 12 }, (_, i) => ({
  heading: i % 3 === 0 ? `عنوان ماده ${i + 1}` : null,
  text: `متن ماده ${i + 1}: دست‌فروشان در محدوده‌های تعیین‌شده و در ساعت‌های مقرر فعالیت می‌کنند و شهرداری جای مناسب فراهم می‌کند.`,
}));

async function createDraft(
  options: {
    opensInDays?: number;
    moderation?: 'pre' | 'post';
    kind?: 'regulation' | 'bill';
    closesAt?: string;
    clauses?: { heading: string | null; text: string }[];
  } = {},
): Promise<string> {
  const slug = server.slug('draft');
  await admin('POST', ADMIN_ROUTES.createConsultation.path(), {
    slug,
    title: 'دستورالعمل ساماندهی دست‌فروشان',
    summary: 'این پیش‌نویس برای نظرخواهی عمومی منتشر شده است.',
    kind: options.kind ?? 'regulation',
    issuingBody: 'فرمانداری شهرستان چابهار',
    opensAt: new Date(server.clock + (options.opensInDays ?? -2) * DAY).toISOString(),
    ...(options.closesAt ? { closesAt: options.closesAt } : {}),
    moderation: options.moderation ?? 'pre',
    clauses: options.clauses ?? CLAUSES,
  });
  return slug;
}

async function mount(slug: string, attrs: Record<string, string> = {}): Promise<DraftConsultation> {
  const el = document.createElement('draft-consultation');
  el.setAttribute('consultation', slug);
  el.setAttribute('api', API);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  // The header renders first, the first clauses in the next frame.
  await until(() => el.shadowRoot?.querySelector('li.clause'), 5000, 'clauses rendered');
  return el;
}

const $ = <T extends Element = HTMLElement>(root: Element, selector: string) => root.shadowRoot!.querySelector<T>(selector);
const text = (root: Element) => root.shadowRoot!.textContent.replace(/\s+/g, ' ');
const clauseSection = (el: Element, id: string) => $(el, `#clause-${id}`)!;

async function openClause(el: DraftConsultation, id: string): Promise<HTMLElement & { updateComplete: Promise<boolean> }> {
  clauseSection(el, id).querySelector<HTMLButtonElement>('.comment-toggle')!.click();
  const panel = await until(() => clauseSection(el, id).querySelector('nazar-comment-panel'), 3000, `panel of ${id}`);
  await (panel as unknown as { updateComplete: Promise<boolean> }).updateComplete;
  return panel as HTMLElement & { updateComplete: Promise<boolean> };
}

function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function comment(panel: Element, stance: 'support' | 'oppose' | 'amend', words: string): Promise<void> {
  const root = panel.shadowRoot!;
  root.querySelector<HTMLInputElement>(`input[id$="-stance-${stance}"]`)!.click();
  await (panel as unknown as { updateComplete: Promise<boolean> }).updateComplete;
  type(root.querySelector<HTMLTextAreaElement>('textarea[id$="-text"]')!, words);
  root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

async function adminComments(slug: string, status: string) {
  return (
    await admin<{ comments: { id: string; text: string; clauseId: string | null; trackingCode: string }[] }>(
      'GET',
      ADMIN_ROUTES.comments.path(slug, { status }),
    )
  ).comments;
}

describe('<draft-consultation>', () => {
  afterEach(async () => {
    document.querySelectorAll('draft-consultation').forEach((e) => e.remove());
    server.offline = false;
    history.replaceState(null, '', location.pathname + location.search);
    await useLocale('fa');
  });

  it('shows an open draft in Persian: numbered clauses, the window in the Jalali calendar and a countdown', async () => {
    const slug = await createDraft();
    const el = await mount(slug);
    equal(el.getAttribute('dir'), 'rtl');
    await until(() => el.shadowRoot!.querySelectorAll('.clause:not(.whole)').length === 12, 3000, 'all 12 clauses');
    const banner = $(el, '[part="banner"]')!.textContent;
    assert(banner.includes('باز برای نظرخواهی تا'), banner);
    assert(banner.includes('۱۲ روز مانده'), `countdown in Persian digits: ${JSON.stringify(banner)}`);
    assert(/آذر|دی|بهمن|اسفند|فروردین|۱۴۰۵/.test(banner), `Jalali date: ${banner}`);
    assert(text(el).includes('ماده ۳'), 'clause numbers in Persian digits');
    equal(await axeViolations(el), '', 'axe clean');
  });

  it('speaks English, left to right, with lang="en"', async () => {
    const slug = await createDraft();
    const el = await mount(slug, { lang: 'en' });
    await until(() => text(el).includes('Open for comments until'), 3000, 'English banner');
    equal(el.getAttribute('dir'), 'ltr');
    assert(text(el).includes('Clause 3'), 'English clause numbers');
    assert(text(el).includes('12 days left'), 'English countdown');
    await openClause(el, 'c3');
    equal(await axeViolations(el), '', 'axe clean in English with a panel open');
  });

  it('comments on clause 3 online: amend prefilled with the clause, saved, received, pending moderation, URL updated', async () => {
    const slug = await createDraft();
    const el = await mount(slug);
    const panel = await openClause(el, 'c3');
    equal(location.hash, '#clause-c3', 'the address follows the citizen');
    const root = panel.shadowRoot!;
    root.querySelector<HTMLInputElement>('input[id$="-stance-amend"]')!.click();
    await panel.updateComplete;
    const proposed = root.querySelector<HTMLTextAreaElement>('textarea[id$="-proposedText"]')!;
    equal(proposed.value, CLAUSES[2].text, 'proposed wording starts from the clause text');
    type(proposed, CLAUSES[2].text.replace('ساعت‌های مقرر', 'ساعت ۸ تا ۲۰'));
    type(root.querySelector<HTMLTextAreaElement>('textarea[id$="-text"]')!, 'ساعت‌ها باید روشن باشد.');
    type(root.querySelector<HTMLInputElement>('input[id$="-displayName"]')!, 'مریم');
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => root.querySelector('[part="tracking-code"]'), 5000, 'tracking code');
    assert(root.textContent.includes('پس از بررسی'), 'says it waits for moderation');
    const pending = await adminComments(slug, 'pending');
    equal(pending.length, 1);
    equal(pending[0].clauseId, 'c3');
    equal(pending[0].text, 'ساعت‌ها باید روشن باشد.');
    equal((await adminComments(slug, 'published')).length, 0, 'not published before approval');
    equal(await axeViolations(el), '', 'axe clean after sending');
  });

  it('comments offline: saved on this device, delivered exactly once when back online', async () => {
    const slug = await createDraft({ moderation: 'post' });
    const el = await mount(slug);
    const panel = await openClause(el, 'c3');
    server.offline = true;
    await comment(panel, 'oppose', 'متن آفلاین');
    await until(() => panel.shadowRoot!.textContent.includes('روی همین دستگاه ذخیره شد'), 3000, 'saved');
    await until(async () => (await getOutbox().list(`draft-consultation:${slug}:c3`))[0]?.attempts, 5000, 'a failed attempt');
    server.offline = false;
    window.dispatchEvent(new Event('online'));
    await until(() => panel.shadowRoot!.querySelector('[part="tracking-code"]'), 8000, 'delivered');
    await getOutbox().flush();
    equal((await adminComments(slug, 'published')).length, 1, 'exactly one comment');
    // Post-moderation: it is listed at once, and the count on the clause follows.
    await until(() => panel.shadowRoot!.textContent.includes('متن آفلاین'), 3000, 'listed in the clause');
    await until(() => clauseSection(el, 'c3').querySelector('.comment-toggle')!.textContent.includes('۱'), 3000, 'count updated');
  });

  it('opens and scrolls to a deep-linked clause (#clause-<id> and the clause attribute)', async () => {
    const slug = await createDraft();
    history.replaceState(null, '', '#clause-c9');
    const el = await mount(slug);
    await until(() => clauseSection(el, 'c9')?.querySelector('nazar-comment-panel'), 3000, 'clause 9 opened');
    await until(() => Math.abs(clauseSection(el, 'c9').getBoundingClientRect().top) < 50, 3000, 'scrolled to clause 9');
    el.remove();
    history.replaceState(null, '', location.pathname);
    const byAttr = await mount(slug, { clause: 'c11' });
    await until(() => clauseSection(byAttr, 'c11')?.querySelector('nazar-comment-panel'), 3000, 'clause 11 opened by attribute');
  });

  it('is read-only before it opens, and after it closes (review)', async () => {
    const slug = await createDraft({ opensInDays: 3 });
    const el = await mount(slug);
    assert($(el, '[part="banner"]')!.textContent.includes('آغاز می‌شود'), 'scheduled banner');
    equal(el.shadowRoot!.querySelectorAll('.comment-toggle').length, 0, 'no comment controls');
    equal(await axeViolations(el), '', 'axe clean (scheduled)');
    el.remove();
    server.clock += 20 * DAY;
    try {
      const review = await mount(slug);
      assert($(review, '[part="banner"]')!.textContent.includes('در دست بررسی'), 'review banner');
      const panel = await openClause(review, 'c1');
      equal(panel.shadowRoot!.querySelector('form'), null, 'no form in review');
      equal(await axeViolations(review), '', 'axe clean (review)');
    } finally {
      server.clock -= 20 * DAY;
    }
  });

  it('says so when the citizen is offline near the deadline, and shows a late comment’s refusal with the text to copy', async () => {
    const slug = await createDraft({ opensInDays: -13.5 }); // closes in about 12 hours
    const el = await mount(slug);
    assert($(el, '[part="banner"]')!.textContent.includes('ساعت مانده'), 'hours countdown');
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(navigator, 'onLine', { get: () => false, configurable: true });
    try {
      server.offline = true;
      window.dispatchEvent(new Event('offline'));
      const panel = await openClause(el, 'c2');
      await until(() => panel.shadowRoot!.querySelector('.notice.warning'), 2000, 'offline-near-deadline warning');
      await comment(panel, 'support', 'دیر رسیدم');
      await until(() => panel.shadowRoot!.textContent.includes('روی همین دستگاه ذخیره شد'), 3000, 'saved');
      server.clock += DAY; // the window closes while the citizen is offline
      server.offline = false;
    } finally {
      Object.defineProperty(navigator, 'onLine', onLine);
      delete (navigator as { onLine?: boolean }).onLine;
    }
    try {
      window.dispatchEvent(new Event('online'));
      const panel = clauseSection(el, 'c2').querySelector('nazar-comment-panel')!;
      await until(() => panel.shadowRoot!.querySelector('.refused'), 8000, 'refusal shown');
      assert(panel.shadowRoot!.querySelector('.refused')!.textContent.includes('مهلت'), 'says the deadline passed');
      equal(panel.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea[id$="-text"]')!.value, 'دیر رسیدم', 'text kept');
      const items = await getOutbox().list(`draft-consultation:${slug}:c2`);
      equal(items[0]?.state, 'needs-attention');
      equal(items[0]?.problem?.code, 'closed');
      equal((await adminComments(slug, 'pending')).length, 0, 'nothing stored after the deadline');
    } finally {
      server.clock -= DAY;
    }
  });

  it('after issue: shows the final text with a word diff, the outcome, dispositions, and the citizen’s answer via tracking', async () => {
    const slug = await createDraft({ moderation: 'pre' });
    let el = await mount(slug);
    const panel = await openClause(el, 'c2');
    await comment(panel, 'oppose', 'ساعت کار کوتاه است.');
    await until(() => panel.shadowRoot!.querySelector('[part="tracking-code"]'), 5000, 'received');
    el.remove();
    const [pending] = await adminComments(slug, 'pending');
    await admin('POST', ADMIN_ROUTES.approve.path(pending.id));
    await admin('POST', ADMIN_ROUTES.reply.path(pending.id), { text: 'نظر شما در متن نهایی اعمال شد.' });
    server.clock += 15 * DAY;
    try {
      const finalClauses = CLAUSES.map((c, i) => ({
        id: `c${i + 1}`,
        heading: c.heading,
        text: i === 1 ? c.text.replace('ساعت‌های مقرر', 'ساعت ۷ تا ۲۲') : c.text,
      }));
      finalClauses.splice(5, 1); // clause 6 removed
      finalClauses.push({ heading: null, text: 'ماده تازه درباره بازارچه‌های موقت.' } as never);
      await admin<Consultation>('POST', ADMIN_ROUTES.issue.path(slug), {
        summary: 'ساعت فعالیت بر پایه نظرها گسترش یافت.',
        clauses: finalClauses,
        dispositions: [{ commentId: pending.id, outcome: 'accepted', reason: 'ساعت فعالیت افزایش یافت.' }],
      });
      el = await mount(slug);
      assert($(el, '[part="banner"]')!.textContent.includes('ابلاغ شد'), 'issued banner');
      assert($(el, '[part="outcome"]')!.textContent.includes('ساعت فعالیت بر پایه نظرها گسترش یافت.'), 'outcome summary');
      const c2 = clauseSection(el, 'c2');
      const added = [...c2.querySelectorAll('ins')].map((x) => x.textContent).join(' ');
      const removed = [...c2.querySelectorAll('del')].map((x) => x.textContent).join(' ');
      assert(added.includes('۷') && added.includes('۲۲'), `addition marked: ${added}`);
      assert(removed.includes('مقرر'), `removal marked: ${removed}`);
      equal(clauseSection(el, 'c1').querySelector('ins'), null, 'unchanged clause has no marks');
      // The last clauses come in a later batch.
      assert((await until(() => $(el, '.removed'), 3000, 'removed clauses'))!.textContent.includes('ماده ۶'), 'removed clause listed');
      assert((await until(() => $(el, '.badge'), 3000, 'new clause'))!.textContent.includes('ماده تازه'), 'new clause marked');
      const opened = await openClause(el, 'c2');
      await until(() => opened.shadowRoot!.querySelector('.disposition'), 3000, 'disposition shown');
      assert(opened.shadowRoot!.querySelector('.disposition')!.textContent.includes('پذیرفته شد: ساعت فعالیت افزایش یافت.'));
      assert(opened.shadowRoot!.querySelector('.reply')!.textContent.includes('نظر شما در متن نهایی اعمال شد.'), 'official reply');
      // The citizen who commented from this device is offered their answer.
      const own = await until(() => $(el, '.own button'), 3000, 'own comments listed');
      own!.click();
      const lookup = await until(() => $(el, 'nazar-tracking-lookup'), 3000, 'tracking view');
      await until(() => lookup!.shadowRoot?.textContent?.includes('ساعت فعالیت افزایش یافت.'), 5000, 'answer via tracking');
      equal(await axeViolations(el), '', 'axe clean (issued)');
    } finally {
      server.clock -= 15 * DAY;
    }
  });

  it('shows a withdrawn draft with the reason', async () => {
    const slug = await createDraft();
    await admin('POST', ADMIN_ROUTES.withdraw.path(slug), { reason: 'قانون بالادستی تغییر کرد.' });
    const el = await mount(slug);
    const banner = $(el, '[part="banner"]')!.textContent;
    assert(banner.includes('پس گرفته شد') && banner.includes('قانون بالادستی تغییر کرد.'), banner);
    equal(el.shadowRoot!.querySelectorAll('form').length, 0);
    equal(await axeViolations(el), '', 'axe clean (withdrawn)');
  });

  it('renders every state in English too, axe clean', async () => {
    const scheduled = await createDraft({ opensInDays: 3 });
    const open = await createDraft();
    const withdrawn = await createDraft();
    await admin('POST', ADMIN_ROUTES.withdraw.path(withdrawn), { reason: 'Superseded by a national rule.' });
    const issued = await createDraft({ opensInDays: -20 });
    await admin('POST', ADMIN_ROUTES.issue.path(issued), {
      summary: 'Hours were extended.',
      clauses: CLAUSES.map((c, i) => ({ id: `c${i + 1}`, heading: c.heading, text: i === 0 ? `${c.text} (amended)` : c.text })),
      dispositions: [],
    });
    const review = await createDraft({ opensInDays: -20 });
    const expected: [string, string][] = [
      [scheduled, 'The comment period opens on'],
      [open, 'Open for comments until'],
      [review, 'the comments are under review'],
      [issued, 'The final text was issued on'],
      [withdrawn, 'This draft was withdrawn on'],
    ];
    for (const [slug, words] of expected) {
      const el = await mount(slug, { lang: 'en' });
      await until(() => $(el, '[part="banner"]')?.textContent?.includes(words), 3000, `English banner "${words}"`);
      equal(el.getAttribute('dir'), 'ltr');
      equal(await axeViolations(el), '', `axe clean (${words})`);
      el.remove();
    }
  });

  it('shows a clear error for an unknown draft', async () => {
    const el = document.createElement('draft-consultation');
    el.setAttribute('consultation', 'no-such-draft');
    el.setAttribute('api', API);
    let error: CustomEvent | undefined;
    el.addEventListener('nazar-error', (e) => (error = e));
    document.body.append(el);
    await until(() => error, 3000, 'nazar-error');
    await until(() => el.shadowRoot!.querySelector('[role="alert"]'), 2000, 'message');
    assert(text(el).includes('پیدا نشد'));
  });

  it('shows the page’s own text inside the tag until the draft is shown, and keeps it when the draft cannot load', async () => {
    const slug = await createDraft();
    const el = document.createElement('draft-consultation');
    el.setAttribute('consultation', slug);
    el.setAttribute('api', API);
    el.innerHTML = '<h2>متن پیش‌نویس در صفحه</h2><ol><li>ماده ۱ به روایت صفحه</li></ol>';
    const own = el.querySelector('li')!;
    server.offline = true;
    document.body.append(el);
    assert(el.shadowRoot, 'upgraded at once');
    assert(own.checkVisibility(), 'the page text stays on screen while the widget starts');
    const busy: string[] = [];
    const watch = new MutationObserver(() => {
      const loading = $(el, 'section[aria-busy]');
      if (loading) busy.push(loading.getAttribute('aria-busy')!);
    });
    watch.observe(el.shadowRoot, { childList: true, subtree: true });
    await until(() => $(el, '[role="alert"]'), 3000, 'load error');
    watch.disconnect();
    assert(busy.length && busy.every((b) => b === 'false'), `not busy while the page's own text is readable (${busy.join()})`);
    assert(own.checkVisibility(), 'kept (with the error) when the draft cannot load');
    assert(text(el).includes('بارگیری نشد'));
    // Back online: the header and the first clauses replace the page text together; until then
    // they are laid out hidden behind it. Checked after every change to the widget's DOM.
    const seen: string[] = [];
    const shown = (node: Element | null) => Boolean(node?.checkVisibility({ visibilityProperty: true }));
    new MutationObserver(() => {
      const header = shown($(el, '#title'));
      const clause = shown($(el, 'li.clause'));
      const page = shown(own);
      if (header && !clause) seen.push('the header alone');
      if (header === page) seen.push(header ? 'both the page text and the header' : 'neither the page text nor the header');
    }).observe(el.shadowRoot, { childList: true, subtree: true, attributes: true });
    server.offline = false;
    $(el, '.base button')!.click();
    await until(() => shown($(el, 'li.clause')), 5000, 'clauses shown');
    equal(seen.join(', '), '', 'always either the page text or the header with clauses');
    assert(!own.checkVisibility(), 'the page text is hidden once the widget shows the draft');
    equal(el.shadowRoot.querySelectorAll('slot').length, 0);
    equal(await axeViolations(el), '', 'axe clean');
  });

  it('takes the embed code the server gives (the draft’s opening inside the tag) as a webmaster pastes it', async () => {
    const slug = await createDraft();
    const res = await fetch(new URL(ROUTES.consultationEmbed.path(slug, { clauses: 2 }).slice(1), API));
    equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    const holder = document.createElement('div');
    holder.innerHTML = await res.text(); // the webmaster's paste
    const el = holder.querySelector('draft-consultation')!;
    el.setAttribute('api', API);
    document.body.append(el);
    const opening = [...el.querySelectorAll('li')];
    equal(opening.length, 2);
    assert(opening[0].checkVisibility() && opening[0].textContent.includes('ماده ۱'), 'the opening is on screen at once');
    await until(() => el.shadowRoot!.querySelectorAll('li.clause').length === 12, 5000, 'the whole draft');
    assert(!opening[0].checkVisibility(), 'the opening gives way to the widget');
  });

  it('without content inside the tag, shows that it is loading, then the draft', async () => {
    const slug = await createDraft();
    const el = document.createElement('draft-consultation');
    el.setAttribute('consultation', slug);
    el.setAttribute('api', API);
    let loading = '';
    const seen: string[] = [];
    const shown = (node: Element | null) => Boolean(node?.checkVisibility({ visibilityProperty: true }));
    document.body.append(el);
    new MutationObserver(() => {
      loading ||= $(el, '[aria-busy="true"]')?.textContent ?? '';
      // The header and the first clauses are laid out hidden, then replace the notice together.
      const header = shown($(el, '#title'));
      if (header && !shown($(el, 'li.clause'))) seen.push('the header alone');
      if (header && shown($(el, '[aria-busy="true"]'))) seen.push('the header with the loading notice');
    }).observe(el.shadowRoot!, { childList: true, subtree: true, attributes: true });
    await until(() => shown($(el, 'li.clause')), 5000, 'clauses shown');
    assert(loading.includes('در حال بارگیری'), `said it was loading: «${loading}»`);
    equal(seen.join(', '), '', 'the loading notice, then the header with clauses');
    equal($(el, '[aria-busy]'), null, 'the loading notice is gone');
  });

  describe('a big draft (500 clauses), checked and rendered a batch per task', () => {
    const BIG = Array.from({ length: 500 }, (_, i) => ({
      heading: null,
      text: `متن ماده ${i + 1} از پیش‌نویس بزرگ، یگانه-${i + 1}-پایان.`,
    }));
    const count = (el: Element) => el.shadowRoot?.querySelectorAll('li.clause').length ?? 0;
    /** The clause count at the first frame that shows any (polling with timers could run after several batches). */
    const firstFrameCount = async (el: Element) => {
      for (let i = 0; i < 600 && !count(el); i++) await new Promise((r) => requestAnimationFrame(r));
      return count(el);
    };

    it('shows the first clauses before the rest, then puts every clause in the DOM (no virtualisation)', async () => {
      const slug = await createDraft({ clauses: BIG });
      const el = document.createElement('draft-consultation');
      el.setAttribute('consultation', slug);
      el.setAttribute('api', API);
      let rendered = false;
      el.addEventListener('nazar-rendered', () => (rendered = true));
      document.body.append(el);
      const first = await firstFrameCount(el);
      assert(first > 0 && first < 500, `the first render is a batch, not the whole draft (${first} clauses)`);
      await until(() => rendered, 10_000, 'nazar-rendered');
      equal(count(el), 500, 'every clause in the DOM');
      // Find-in-page and screen readers reach the last clause's text.
      assert(text(el).includes('یگانه-500-پایان'), 'the last clause’s text is in the DOM');
      equal(el.shadowRoot!.querySelectorAll('li.clause .comment-toggle').length, 500, 'every clause has its comment control');
      assert(!el.shadowRoot!.querySelector('.clauses + .hint'), 'the "still rendering" hint is gone');
    });

    it('opens and scrolls to a deep-linked clause of a later batch (#clause-c480), and its form sends a comment', async () => {
      const slug = await createDraft({ clauses: BIG });
      history.replaceState(null, '', '#clause-c480');
      const el = await mount(slug);
      const panel = (await until(() => clauseSection(el, 'c480')?.querySelector('nazar-comment-panel'), 10_000, 'clause 480 opened'))!;
      await until(() => Math.abs(clauseSection(el, 'c480').getBoundingClientRect().top) < 50, 3000, 'scrolled to clause 480');
      await (panel as unknown as { updateComplete: Promise<boolean> }).updateComplete;
      let delivered: CustomEvent | undefined;
      el.addEventListener('nazar-delivered', (e) => (delivered = e));
      await comment(panel, 'support', 'با ماده ۴۸۰ موافقم.');
      await until(() => delivered, 5000, 'nazar-delivered');
      const pending = await adminComments(slug, 'pending');
      equal(pending.length, 1);
      equal(pending[0].clauseId, 'c480');
    });

    it('after a comment is delivered, re-reads the draft batch by batch: no clause leaves the page, the new count shows', async () => {
      const slug = await createDraft({ clauses: BIG, moderation: 'post' });
      const el = await mount(slug, { clause: 'c480' });
      let rendered = false;
      el.addEventListener('nazar-rendered', () => (rendered = true));
      await until(() => rendered, 10_000, 'nazar-rendered');
      const list = el.shadowRoot!.querySelector('ol.clauses')!;
      let removed = 0;
      new MutationObserver((records) =>
        records.forEach((r) => (removed += [...r.removedNodes].filter((n) => n instanceof HTMLLIElement).length)),
      ).observe(list, { childList: true });
      const toggle = () => clauseSection(el, 'c480').querySelector('.comment-toggle')!.textContent ?? '';
      const before = toggle();
      const panel = (await until(() => clauseSection(el, 'c480')?.querySelector('nazar-comment-panel'), 5000, 'clause 480 opened'))!;
      await (panel as unknown as { updateComplete: Promise<boolean> }).updateComplete;
      rendered = false;
      await comment(panel, 'support', 'با ماده ۴۸۰ موافقم.');
      await until(() => rendered, 10_000, 'the re-read draft rendered');
      await until(() => toggle() !== before, 5000, `the count of clause 480 changes (${before})`);
      assert(toggle().includes('۱'), toggle());
      equal(removed, 0, 'no clause left the page while the draft was re-read');
      equal(count(el), 500);
    });

    for (const [what, tamper] of [
      ['a clause of a later batch', (body: Consultation) => ((body.clauses[300] as unknown as { text: number }).text = 42)],
      ['the head (title)', (body: Consultation) => ((body as unknown as { title: number }).title = 42)],
      [
        'the count of a clause of a later batch',
        (body: Consultation) => ((body.counts.byClause['c300'] as unknown as { total: string }).total = 'many'),
      ],
    ] as const) {
      it(`fails the whole draft, with a clear error, when ${what} is malformed`, async () => {
        const slug = await createDraft({ clauses: BIG });
        await admin('POST', ADMIN_ROUTES.approve.path((await commentOn(slug, 'c300')).id));
        await checkRefused(slug, tamper);
      });
    }

    async function commentOn(slug: string, clauseId: string) {
      const el = await mount(slug, { clause: clauseId });
      const panel = (await until(() => clauseSection(el, clauseId)?.querySelector('nazar-comment-panel'), 10_000, `${clauseId} opened`))!;
      await (panel as unknown as { updateComplete: Promise<boolean> }).updateComplete;
      let delivered: CustomEvent | undefined;
      el.addEventListener('nazar-delivered', (e) => (delivered = e));
      await comment(panel, 'support', 'موافقم.');
      await until(() => delivered, 5000, 'nazar-delivered');
      el.remove();
      return (await adminComments(slug, 'pending'))[0];
    }

    async function checkRefused(slug: string, tamper: (body: Consultation) => unknown) {
      const realFetch = window.fetch;
      window.fetch = async (input, init) => {
        const res = await realFetch(input, init);
        if (!String(input instanceof Request ? input.url : input).endsWith(`/v1/consultations/${slug}`)) return res;
        const body = (await res.json()) as Consultation;
        tamper(body);
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      };
      try {
        const el = document.createElement('draft-consultation');
        el.setAttribute('consultation', slug);
        el.setAttribute('api', API);
        let error: CustomEvent<{ problem: { code: string } }> | undefined;
        el.addEventListener('nazar-error', (e) => (error = e));
        document.body.append(el);
        await until(() => error, 10_000, 'nazar-error');
        equal(error!.detail.problem.code, 'bad-response');
        await until(() => el.shadowRoot!.querySelector('[role="alert"]'), 2000, 'message');
        equal(count(el), 0, 'no half-checked draft is left on screen');
      } finally {
        window.fetch = realFetch;
      }
    }
  });
});

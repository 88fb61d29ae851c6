/**
 * Demo content: three e-services of a county governorate (فرمانداری) with some feedback, so that
 * the demo page's summaries are not empty, and a draft regulation open for comment
 * (`seed-consultation.ts`). No Node built-ins: the browser playground seeds its memory store with
 * the same content.
 */
import type { FeedbackCategory } from '@nazar/protocol';
import { seedDemoConsultation } from './consultation.js';
import { seedDemoPolls } from './polls.js';
import type { NewFeedback, Store } from '../store/store.js';

export { DEMO_CONSULTATION, DEMO_CONSULTATION_SLUG } from './consultation.js';
export { DEMO_MULTIPLE_POLL_SLUG, DEMO_POLL_SLUG, DEMO_POLLS, seedPollVotes, type SeedVotesOptions } from './polls.js';

export interface DemoService {
  id: string;
  title: string;
  categories: readonly FeedbackCategory[];
}

/** The demo page uses these ids and titles in `<service-feedback service=… label=…>`. */
export const DEMO_SERVICES = [
  {
    id: 'public-complaints',
    title: 'رسیدگی به شکایات و درخواست‌های مردمی',
    categories: ['speed', 'clarity', 'staff', 'online', 'other'],
  },
  {
    id: 'ngo-permit',
    title: 'صدور پروانه فعالیت سازمان‌های مردم‌نهاد',
    categories: ['speed', 'documents', 'cost', 'staff', 'online', 'other'],
  },
  {
    id: 'gathering-permit',
    title: 'صدور مجوز برگزاری تجمعات و مراسم عمومی',
    categories: ['speed', 'documents', 'clarity', 'staff', 'other'],
  },
] as const satisfies readonly DemoService[];

type SeedFeedback = Pick<NewFeedback, 'rating' | 'categories' | 'text'> & { answer?: string };

const DEMO_FEEDBACK: Record<(typeof DEMO_SERVICES)[number]['id'], SeedFeedback[]> = {
  'public-complaints': [
    { rating: 5, categories: ['speed'], text: 'شکایتم درباره‌ی آسفالت کوچه ظرف یک هفته پیگیری شد. ممنون.' },
    { rating: 4, categories: ['staff'], text: 'کارشناس مربوط با حوصله توضیح داد.' },
    {
      rating: 2,
      categories: ['clarity', 'online'],
      text: 'معلوم نیست درخواست به کدام اداره ارجاع شده است.',
      answer: 'درخواست شما به شهرداری ارجاع شد و نتیجه از طریق همین کد رهگیری اعلام می‌شود.',
    },
    { rating: 4, categories: [], text: null },
    { rating: 3, categories: ['speed'], text: null },
  ],
  'ngo-permit': [
    { rating: 3, categories: ['documents'], text: 'فهرست مدارک لازم کامل در سایت نیامده بود و دو بار مراجعه کردم.' },
    { rating: 4, categories: ['staff'], text: null },
    { rating: 2, categories: ['speed', 'cost'], text: 'استعلام‌ها بیش از دو ماه طول کشید.' },
    { rating: 5, categories: [], text: 'روند ثبت برخط خیلی بهتر از قبل شده است.' },
  ],
  'gathering-permit': [
    { rating: 4, categories: ['speed'], text: 'مجوز مراسم محله پیش از موعد صادر شد.' },
    { rating: 3, categories: ['clarity'], text: 'شرایط صدور مجوز برای مراسم‌های کوچک روشن نیست.' },
    { rating: 5, categories: ['staff'], text: null },
  ],
};

export interface SeedOptions {
  /** The seed time: the demo consultation opens two days before it. Defaults to real time. */
  now?: () => Date;
}

/**
 * Fills a store with demo content, each part only where the store has none of its kind: the
 * services and their feedback when there is no service, the draft regulation when there is no
 * consultation, the polls (`bus-routes`, `service-priorities`) when there is no poll. Returns what
 * it added (`seeded`: anything).
 */
export async function seedDemoContent(
  store: Store,
  options: SeedOptions = {},
): Promise<{ seeded: boolean; services: boolean; consultation: boolean; polls: boolean }> {
  const now = options.now ?? (() => new Date());
  const services = await seedDemoServices(store);
  const consultation = await seedDemoConsultation(store, now());
  const polls = await seedDemoPolls(store, now());
  return { seeded: services || consultation || polls, services, consultation, polls };
}

async function seedDemoServices(store: Store): Promise<boolean> {
  if ((await store.countServices()) > 0) return false;
  for (const service of DEMO_SERVICES) {
    await store.ensureService({ id: service.id, title: service.title, categories: service.categories, registeredOrigin: null });
    const rows = DEMO_FEEDBACK[service.id];
    for (const [i, row] of rows.entries()) {
      const key = `seed-${service.id}-${i + 1}`;
      const result = await store.createFeedback(
        { key, requestHash: `seed:${key}` },
        { serviceId: service.id, rating: row.rating, categories: row.categories, text: row.text, contact: null, locale: 'fa' },
      );
      if (row.answer && result.outcome === 'created') {
        await store.updateSubmissionStatus(result.submission.trackingCode, { status: 'answered', answer: row.answer });
      }
    }
  }
  return true;
}

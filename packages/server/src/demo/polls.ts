/**
 * The demo's polls, for the voting forum of a county site (Chabahar): which city bus route to
 * start first (single choice, results after voting) and which services to bring online first
 * (up to three, results always shown), each with a few hundred seeded votes so that the results
 * look real. No Node built-ins: the browser playground seeds its memory store with them too.
 */
import type { PollMode, ResultsVisibility } from '@nazar/protocol';
import { DAY_MS } from '../domain/consultation-rules.js';
import type { NewVote, Store } from '../store/store.js';
import { seededRandom } from './seeded-random.js';

export const DEMO_POLL_SLUG = 'bus-routes';
export const DEMO_MULTIPLE_POLL_SLUG = 'service-priorities';

export interface DemoPoll {
  slug: string;
  question: string;
  description: string | null;
  /** Labels; ids are o1, o2, … in this order. */
  options: readonly string[];
  mode: PollMode;
  maxChoices: number;
  resultsVisibility: ResultsVisibility;
  /** Seeded voters, and the relative weight of each option in their choices. */
  voters: number;
  weights: readonly number[];
}

export const DEMO_POLLS = [
  {
    slug: DEMO_POLL_SLUG,
    question: 'کدام مسیر اتوبوس شهری باید زودتر راه‌اندازی شود؟',
    description:
      'شورای ترافیک شهرستان چابهار برای سال ۱۴۰۵ اعتبار راه‌اندازی یک خط تازه‌ی اتوبوس شهری را دارد. ' +
      'نظر شما در تعیین اولویت این خط به شورا گزارش می‌شود. هر دستگاه یک رأی دارد و نتیجه پس از رأی دادن نمایش داده می‌شود.',
    options: [
      'پایانه مسافربری — بیمارستان امام علی (ع) — دانشگاه دریانوردی',
      'مرکز شهر — بازار — بندر شهید بهشتی',
      'کمب — منطقه آزاد — مجتمع‌های تجاری',
      'چابهار — روستای تیس و ساحل',
      'چابهار — فرودگاه کنارک',
    ],
    mode: 'single',
    maxChoices: 1,
    resultsVisibility: 'after-vote',
    voters: 386,
    weights: [34, 22, 16, 18, 10],
  },
  {
    slug: DEMO_MULTIPLE_POLL_SLUG,
    question: 'برای کدام خدمات فرمانداری، درخواست برخط بیش از همه لازم است؟',
    description: 'حداکثر سه گزینه را انتخاب کنید. نتیجه در تدوین برنامه‌ی دولت الکترونیک شهرستان در نظر گرفته می‌شود.',
    options: [
      'رسیدگی به شکایات و درخواست‌های مردمی',
      'صدور پروانه فعالیت سازمان‌های مردم‌نهاد',
      'صدور مجوز برگزاری تجمعات و مراسم عمومی',
      'استعلام‌ها و گواهی‌های اداری',
      'ثبت‌نام و پیگیری کمک‌های بلاعوض پس از حوادث طبیعی',
      'نوبت‌دهی ملاقات مردمی با فرماندار',
    ],
    mode: 'multiple',
    maxChoices: 3,
    resultsVisibility: 'always',
    voters: 214,
    weights: [30, 9, 7, 22, 18, 14],
  },
] as const satisfies readonly DemoPoll[];

/** Picks `n` distinct indexes, each draw weighted by `weights` among those left. */
export function weightedPicks(random: () => number, weights: readonly number[], n: number): number[] {
  const left = weights.map((w, i) => ({ w, i }));
  const picked: number[] = [];
  while (picked.length < n && left.length > 0) {
    const total = left.reduce((s, x) => s + x.w, 0);
    let r = random() * total;
    let k = 0;
    while (k < left.length - 1 && r >= left[k].w) r -= left[k++].w;
    picked.push(left[k].i);
    left.splice(k, 1);
  }
  return picked;
}

export interface SeedVotesOptions {
  /** How many votes. */
  count: number;
  /** Option weights (one per option, in order). */
  weights: readonly number[];
  /** How many options each voter picks at most (1 for single choice). */
  maxChoices: number;
  /** Votes spread evenly from `from` to `to` (ISO instants). */
  from: string;
  to: string;
  /** PRNG seed. */
  seed?: number;
  /** Votes per store transaction (default 5,000). */
  batch?: number;
}

/**
 * Adds `count` synthetic votes to a poll through the store's bulk path (`createVotes`), with
 * synthetic voter hashes (`seed:<slug>:<n>`, never a real device's). Demo and benchmark data.
 */
export async function seedPollVotes(store: Store, slug: string, options: SeedVotesOptions): Promise<number> {
  const random = seededRandom(options.seed ?? 1405);
  const from = Date.parse(options.from);
  const span = Math.max(0, Date.parse(options.to) - from);
  const batch = options.batch ?? 5000;
  let created = 0;
  for (let start = 0; start < options.count; start += batch) {
    const items: { idempotency: { key: string; requestHash: string }; vote: NewVote }[] = [];
    for (let i = start; i < Math.min(options.count, start + batch); i++) {
      // Most multiple-choice voters pick fewer than the maximum.
      const n = options.maxChoices === 1 ? 1 : 1 + Math.floor(random() * random() * options.maxChoices);
      const picks = weightedPicks(random, options.weights, n);
      const key = `seed-vote-${slug}-${i + 1}`;
      items.push({
        idempotency: { key, requestHash: `seed:${key}` },
        vote: {
          pollSlug: slug,
          optionIds: picks.map((p) => `o${p + 1}`),
          voter: { hash: `seed:${slug}:${i + 1}`, tier: 'seed' },
          at: new Date(from + Math.floor((span * (i + 1)) / (options.count + 1))).toISOString(),
        },
      });
    }
    for (const r of await store.createVotes(items)) if (r.outcome === 'created') created++;
  }
  return created;
}

/**
 * The demo polls, when the store has no poll: open from three days before `now` until 30 days
 * after, with their seeded votes spread over the days since opening.
 */
export async function seedDemoPolls(store: Store, now: Date): Promise<boolean> {
  if ((await store.countPolls()) > 0) return false;
  const opensAt = new Date(now.getTime() - 3 * DAY_MS).toISOString();
  const closesAt = new Date(now.getTime() + 30 * DAY_MS).toISOString();
  for (const [n, poll] of DEMO_POLLS.entries()) {
    const { created } = await store.createPoll({
      slug: poll.slug,
      question: poll.question,
      description: poll.description,
      options: poll.options.map((label, i) => ({ id: `o${i + 1}`, label })),
      mode: poll.mode,
      maxChoices: poll.maxChoices,
      opensAt,
      closesAt,
      resultsVisibility: poll.resultsVisibility,
      at: opensAt,
    });
    if (!created) continue;
    await seedPollVotes(store, poll.slug, {
      count: poll.voters,
      weights: poll.weights,
      maxChoices: poll.maxChoices,
      from: opensAt,
      to: new Date(now.getTime() - 60_000).toISOString(),
      seed: 1405 + n,
    });
  }
  return true;
}

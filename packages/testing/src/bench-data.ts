/**
 * A large synthetic draft for the benchmark ("a draft of 500 clauses and 5,000 comments"):
 * Persian-looking clauses of varied length and published comments spread unevenly over them.
 * Deterministic (a seeded generator), so runs compare. No Node built-ins: it can fill the memory
 * store in a browser as well as a SQLite file.
 */
import { DAY_MS, defaultClosesAt } from '@nazar/server';
import type { NewComment, Store } from '@nazar/server/store';
import { seededRandom } from './seeded-random.js';

export interface LargeConsultationOptions {
  /** Number of clauses (default 500). */
  clauses?: number;
  /** Number of published comments (default 5,000). */
  comments?: number;
  /** The consultation is open at this moment (opened 7 days before). Default: real time. */
  now?: Date;
  slug?: string;
  /** Every n-th comment gets an official reply (default 25; 0 for none). */
  replyEvery?: number;
  /** Seed of the generator (default 1). */
  seed?: number;
}

export const LARGE_CONSULTATION_SLUG = 'large-draft';

const WORDS = (
  'شهرداری موظف است در اجرای این ماده با همکاری دستگاه‌های اجرایی ذی‌ربط ضوابط لازم را تهیه و پس از تصویب ' +
  'کمیته ابلاغ کند و گزارش عملکرد را هر شش ماه به شورای اداری شهرستان ارائه نماید حقوق شهروندان در استفاده ' +
  'از معابر عمومی و خدمات شهری باید رعایت شود دستگاه‌های مسئول مکلف‌اند اطلاعات مربوط را به‌صورت عمومی ' +
  'منتشر کنند و به درخواست‌ها و اعتراض‌ها ظرف مهلت مقرر پاسخ دهند هزینه‌های اجرای این دستورالعمل از محل ' +
  'اعتبارات مصوب سالانه تأمین می‌شود نظارت بر حسن اجرا بر عهده فرمانداری است'
).split(' ');

const COMMENT_WORDS = (
  'به نظر من این بند باید روشن‌تر نوشته شود چون معلوم نیست چه کسی مسئول است و مهلت اجرا چقدر است ' +
  'پیشنهاد می‌کنم نظر مردم محله هم پرسیده شود در عمل این کار شدنی نیست مگر بودجه کافی داشته باشد ' +
  'از این تصمیم حمایت می‌کنم ولی نگران اجرای آن هستم لطفاً برای کسب‌وکارهای کوچک استثنا قائل شوید'
).split(' ');

const NAMES = ['مریم', 'عبدالله', 'زهرا بلوچ', 'حسین', 'فاطمه', 'یک شهروند', 'انجمن صنفی', 'رضا'];

function sentence(random: () => number, words: readonly string[], min: number, max: number): string {
  const n = min + Math.floor(random() * (max - min + 1));
  const out: string[] = [];
  let i = Math.floor(random() * words.length);
  for (let k = 0; k < n; k++) {
    out.push(words[i % words.length]);
    i += 1 + Math.floor(random() * 3);
  }
  return `${out.join(' ')}.`;
}

/**
 * Creates an open, post-moderated consultation with `clauses` clauses and `comments` published
 * comments (about a tenth on the whole draft, the rest skewed towards some clauses), some with
 * official replies. Returns its slug. Leaves an existing consultation with that slug alone.
 */
export async function buildLargeConsultation(store: Store, options: LargeConsultationOptions = {}): Promise<string> {
  const clauseCount = options.clauses ?? 500;
  const commentCount = options.comments ?? 5000;
  const now = options.now ?? new Date();
  const slug = options.slug ?? LARGE_CONSULTATION_SLUG;
  const replyEvery = options.replyEvery ?? 25;
  const random = seededRandom(options.seed ?? 1);

  const opensAt = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  const clauses = Array.from({ length: clauseCount }, (_, i) => ({
    id: `c${i + 1}`,
    heading: i % 5 === 0 ? `بخش ${Math.floor(i / 5) + 1}` : null,
    text: Array.from({ length: 1 + Math.floor(random() * 3) }, () => sentence(random, WORDS, 12, 40)).join(' '),
  }));
  const { created } = await store.createConsultation({
    slug,
    title: `پیش‌نویس بزرگ آزمایشی با ${clauseCount} ماده`,
    summary: 'پیش‌نویسی ساختگی برای سنجش سرعت ابزار نظرخواهی.',
    kind: 'regulation',
    issuingBody: 'فرمانداری (داده آزمایشی)',
    opensAt,
    closesAt: defaultClosesAt('regulation', opensAt),
    moderation: 'post',
    clauses,
    at: opensAt,
  });
  if (!created) return slug;

  const span = now.getTime() - Date.parse(opensAt) - 60_000;
  const stances: NewComment['stance'][] = ['support', 'oppose', 'amend'];
  const items = Array.from({ length: commentCount }, (_, i) => {
    // A tenth on the whole draft; the rest skewed (squared) towards the first clauses.
    const clauseId = random() < 0.1 ? null : clauses[Math.floor(random() ** 2 * clauseCount)].id;
    const stance = stances[i % 3];
    const key = `bench-${slug}-${i + 1}`;
    const comment: NewComment = {
      consultationSlug: slug,
      clauseId,
      stance,
      text: sentence(random, COMMENT_WORDS, 8, 60),
      proposedText: stance === 'amend' ? sentence(random, WORDS, 12, 30) : null,
      displayName: random() < 0.5 ? NAMES[Math.floor(random() * NAMES.length)] : null,
      contact: null,
      locale: 'fa',
      moderation: 'post',
      at: new Date(Date.parse(opensAt) + Math.floor((span * (i + random())) / commentCount)).toISOString(),
    };
    return { idempotency: { key, requestHash: `bench:${key}` }, comment };
  });
  const results = await store.createComments(items);

  if (replyEvery > 0) {
    for (let i = replyEvery - 1; i < results.length; i += replyEvery) {
      const comment = await store.getCommentByTrackingCode(results[i].submission.trackingCode);
      if (comment) {
        await store.replyToComment(comment.id, {
          text: 'از نظر شما سپاسگزاریم؛ در بررسی متن نهایی در نظر گرفته می‌شود.',
          at: now.toISOString(),
        });
      }
    }
  }
  return slug;
}

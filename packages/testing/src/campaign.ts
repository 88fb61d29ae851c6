/**
 * A generated mass-comment campaign mixed with distinct comments on the same topic, for measuring
 * near-duplicate grouping (precision and recall of "same group" over pairs). Seeded: the same
 * seed gives the same texts.
 */
import { seededRandom } from './seeded-random.js';

export interface LabelledText {
  id: string;
  text: string;
  /** The campaign it copies, or null for a distinct comment. */
  campaign: string | null;
}

const CAMPAIGNS = [
  'ساعت کار بازارچه برای فروشندگان محلی کافی نیست و باید تا ساعت ۲۲ شب ادامه یابد تا خانواده‌ها پس از کار بتوانند خرید کنند و درآمد فروشندگان هم بیشتر شود.',
  'ما ساکنان محله با ساختن بازارچه در کنار مدرسه مخالفیم؛ رفت‌وآمد خودروها برای کودکان خطرناک است و شهرداری باید جای دیگری را برای بازارچه برگزیند.',
];

const SYNONYMS: Record<string, string[]> = {
  کافی: ['بس', 'کافی'],
  باید: ['لازم است', 'بهتر است'],
  خانواده‌ها: ['مردم', 'خانواده ها', 'شهروندان'],
  خرید: ['خرید روزانه', 'خرید'],
  بیشتر: ['افزون‌تر', 'بیش‌تر'],
  مخالفیم: ['مخالف هستیم', 'موافق نیستیم'],
  خطرناک: ['پرخطر', 'خطرناک'],
  کودکان: ['بچه‌ها', 'دانش‌آموزان'],
  برگزیند: ['پیدا کند', 'انتخاب کند'],
};
const OPENERS = ['سلام.', 'با احترام،', 'من یکی از فروشندگان هستم.', 'به نام خدا.', 'از شهرداری سپاسگزارم.'];
const CLOSERS = ['لطفاً رسیدگی کنید.', 'با سپاس.', 'امیدوارم شنیده شود.', 'این خواستهٔ همهٔ ماست.'];

const TOPIC = [
  'بازارچه',
  'شهرداری',
  'پروانه',
  'فروشندگان',
  'ساعت',
  'محله',
  'پارکینگ',
  'پسماند',
  'نظافت',
  'اجاره',
  'غرفه',
  'خیابان',
  'ترافیک',
  'مالیات',
  'بهداشت',
  'نور',
  'امنیت',
  'تعطیلی',
  'جمعه',
  'بارش',
  'سایبان',
  'آب',
  'برق',
];
const GLUE = ['و', 'که', 'برای', 'در', 'از', 'با', 'به', 'را', 'هم', 'نیز', 'باید', 'است', 'نیست', 'بهتر', 'بیشتر', 'کمتر'];
const FRAMES = [
  'به نظر من {a} {g} {b} {g} {c} مهم‌تر از {d} است.',
  'پیشنهاد می‌کنم {a} {g} {b} را {g} {c} بررسی کنید.',
  'مشکل اصلی {a} است {g} {b} {g} {c} را بدتر کرده است.',
  'اگر {a} {g} {b} درست شود {c} {g} {d} هم بهتر می‌شود.',
  'چرا دربارهٔ {a} و {b} چیزی در این ماده نیامده؟ {c} {g} {d} هم فراموش شده است.',
];

/** One edited copy of a campaign text: each edit as a campaigner's paste would change it. */
function variant(base: string, rnd: () => number): string {
  let words = base.split(' ');
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  // Synonyms for a word or two.
  words = words.map((w) => (SYNONYMS[w] && rnd() < 0.35 ? pick(SYNONYMS[w]) : w));
  // A word dropped or two swapped.
  if (rnd() < 0.3) words.splice(Math.floor(rnd() * words.length), 1);
  if (rnd() < 0.3) {
    const i = Math.floor(rnd() * (words.length - 1));
    [words[i], words[i + 1]] = [words[i + 1], words[i]];
  }
  let text = words.join(' ');
  if (rnd() < 0.4) text = `${pick(OPENERS)} ${text}`;
  if (rnd() < 0.4) text = `${text} ${pick(CLOSERS)}`;
  // Keyboard and typing differences.
  if (rnd() < 0.5) text = text.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
  if (rnd() < 0.5) text = text.replace(/\u200C/g, rnd() < 0.5 ? ' ' : '');
  if (rnd() < 0.3) text = text.replace(/۲۲/g, '22');
  if (rnd() < 0.3) text = text.replace(/[.؛،]/g, '');
  if (rnd() < 0.2) text = text.replace(/ /g, '  ');
  if (rnd() < 0.2) text = text.replace(/ا/, 'اَ');
  return text;
}

function distinct(rnd: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const sentences = 1 + Math.floor(rnd() * 3);
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    out.push(pick(FRAMES).replace(/\{([abcdg])\}/g, (_, k: string) => (k === 'g' ? pick(GLUE) : pick(TOPIC))));
  }
  return out.join(' ');
}

/**
 * A hard case: a comment of its own that answers a campaign by quoting part of it (a third to two
 * thirds of its words, from its start or its end), then disagrees, in a word or with a sentence more.
 */
function reply(rnd: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const words = pick(CAMPAIGNS).split(' ');
  const n = Math.max(3, Math.round(words.length * (1 / 3 + rnd() / 3)));
  const quoted = (rnd() < 0.5 ? words.slice(0, n) : words.slice(-n)).join(' ');
  const lead = pick(['در پاسخ به این متن که', 'با این حرف که', 'دیدم بعضی نوشته‌اند']);
  // Half say little more than that they disagree: the hardest to tell from a copy.
  return rnd() < 0.5 ? `${lead} «${quoted}» موافق نیستم.` : `${lead} «${quoted}» موافق نیستم. ${distinct(rnd)}`;
}

/**
 * `copies` edited copies of each campaign, `distinctCount` distinct comments and `replies` distinct
 * comments that quote a campaign (hard cases: they share its words but are not copies), shuffled.
 */
export function generateCampaign(seed: number, copies: number, distinctCount: number, replies = 0): LabelledText[] {
  const rnd = seededRandom(seed);
  const items: LabelledText[] = [];
  CAMPAIGNS.forEach((base, c) => {
    for (let i = 0; i < copies; i++) items.push({ id: `k${c}-${i}`, text: i === 0 ? base : variant(base, rnd), campaign: `campaign-${c}` });
  });
  for (let i = 0; i < distinctCount; i++) items.push({ id: `d-${i}`, text: distinct(rnd), campaign: null });
  for (let i = 0; i < replies; i++) items.push({ id: `r-${i}`, text: reply(rnd), campaign: null });
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * Pairwise precision and recall of a grouping against the labels: a pair is "together" when both
 * are in one group; truly together when both copy the same campaign. Counted from the contingency
 * table, not pair by pair.
 */
export function pairwiseScores(
  items: readonly LabelledText[],
  groupOf: (id: string) => string,
): { precision: number; recall: number; groups: number } {
  const cells = new Map<string, number>();
  const byGroup = new Map<string, number>();
  const byTruth = new Map<string, number>();
  for (const item of items) {
    const g = groupOf(item.id);
    const t = item.campaign ?? `alone-${item.id}`;
    cells.set(`${g}|${t}`, (cells.get(`${g}|${t}`) ?? 0) + 1);
    byGroup.set(g, (byGroup.get(g) ?? 0) + 1);
    byTruth.set(t, (byTruth.get(t) ?? 0) + 1);
  }
  let together = 0;
  for (const n of cells.values()) together += pairs(n);
  let predicted = 0;
  for (const n of byGroup.values()) predicted += pairs(n);
  let truth = 0;
  for (const n of byTruth.values()) truth += pairs(n);
  return { precision: predicted ? together / predicted : 1, recall: truth ? together / truth : 1, groups: byGroup.size };
}

/**
 * The demo's draft regulation: a county governorate's directive on street vendors, open for
 * comment, with a few published comments (one answered by an official) and one awaiting
 * moderation. No Node built-ins: the browser playground seeds its memory store with it too.
 */
import { defaultClosesAt, DAY_MS } from '../domain/consultation-rules.js';
import type { NewComment, Store } from '../store/store.js';

export const DEMO_CONSULTATION_SLUG = 'street-vendors-1405';

export const DEMO_CONSULTATION = {
  slug: DEMO_CONSULTATION_SLUG,
  title: 'دستورالعمل ساماندهی دست‌فروشان و بازارچه‌های موقت شهرستان چابهار',
  summary:
    'پیش‌نویس این دستورالعمل برای ساماندهی فعالیت دست‌فروشان در معابر عمومی و ایجاد بازارچه‌های موقت در شهر چابهار تهیه شده است. ' +
    'شهروندان، کسبه و دست‌فروشان می‌توانند تا پایان مهلت، درباره‌ی کل پیش‌نویس یا هر یک از مواد آن نظر بدهند. ' +
    'نظرها پس از بررسی منتشر می‌شوند و متن نهایی همراه با پاسخ به نظرها اعلام خواهد شد.',
  kind: 'regulation',
  issuingBody: 'فرمانداری شهرستان چابهار',
  moderation: 'pre',
  /** Ids are c1, c2, … in this order. */
  clauses: [
    {
      heading: 'هدف',
      text:
        'هدف از این دستورالعمل، ساماندهی فعالیت دست‌فروشان و عرضه‌کنندگان دوره‌گرد در معابر عمومی شهرستان چابهار، ' +
        'حفظ حق شهروندان در استفاده از پیاده‌روها و معابر، و فراهم کردن امکان کسب روزی حلال برای خانوارهای کم‌درآمد است.',
    },
    {
      heading: 'تعاریف',
      text:
        'در این دستورالعمل، «دست‌فروش» شخصی است که بدون محل ثابت کسب، کالا یا خدمات را در معابر و اماکن عمومی عرضه می‌کند؛ ' +
        '«بازارچه موقت» محلی است که با مجوز شهرداری برای مدت معین به عرضه کالا اختصاص می‌یابد؛ ' +
        'و «کمیته» کمیته ساماندهی موضوع ماده ۳ است.',
    },
    {
      heading: 'کمیته ساماندهی',
      text:
        'کمیته ساماندهی به ریاست فرماندار یا معاون وی و با عضویت شهردار، رئیس اداره صنعت، معدن و تجارت، ' +
        'رئیس اداره تعاون، کار و رفاه اجتماعی، فرمانده انتظامی شهرستان، رئیس شورای اسلامی شهر و نماینده اتاق اصناف ' +
        'تشکیل می‌شود و دست‌کم ماهی یک بار جلسه دارد.',
    },
    {
      heading: 'ثبت‌نام و کارت فعالیت',
      text:
        'دست‌فروشان متقاضی باید در سامانه شهرداری ثبت‌نام کنند. به متقاضیانی که شرایط این دستورالعمل را داشته باشند، ' +
        'کارت فعالیت یک‌ساله رایگان و قابل تمدید صادر می‌شود. اولویت با سرپرستان خانوار، افراد دارای معلولیت ' +
        'و مددجویان نهادهای حمایتی است.',
    },
    {
      heading: 'مکان‌های مجاز',
      text:
        'شهرداری مکلف است ظرف سه ماه از ابلاغ این دستورالعمل، دست‌کم پنج محل برای برپایی بازارچه‌های موقت در مناطق مختلف شهر، ' +
        'از جمله محدوده بازار سنتی، اسکله صیادی و بلوار ساحلی، تعیین کند و پس از تصویب کمیته اعلام نماید.',
    },
    {
      heading: 'ساعات فعالیت',
      text:
        'فعالیت در بازارچه‌های موقت از ساعت ۱۶ تا ۲۳ مجاز است. در ماه مبارک رمضان، ایام نوروز و مناسبت‌های ملی و مذهبی، ' +
        'کمیته می‌تواند ساعات فعالیت را تغییر دهد.',
    },
    {
      heading: 'ممنوعیت‌ها',
      text:
        'عرضه کالا در سواره‌رو، ایستگاه‌های حمل‌ونقل عمومی، ورودی مدارس، مراکز درمانی و اماکن مذهبی ' +
        'و نیز سد کردن بیش از یک‌سوم عرض پیاده‌رو ممنوع است.',
    },
    {
      heading: 'کالاهای مجاز',
      text:
        'عرضه کالای قاچاق، تاریخ‌گذشته یا فاقد مجوز بهداشتی و عرضه خوراک طبخ‌شده بدون رعایت ضوابط بهداشتی ممنوع است. ' +
        'فهرست کالاهای مجاز را کمیته تعیین می‌کند و هر شش ماه بازنگری می‌نماید.',
    },
    {
      heading: 'بهداشت و پسماند',
      text:
        'هر دارنده کارت فعالیت مسئول پاکیزگی محدوده فعالیت خود است و باید پسماند را در پایان هر روز در مخازن تعیین‌شده تخلیه کند. ' +
        'شهرداری مخازن و سرویس‌های بهداشتی لازم را در بازارچه‌ها فراهم می‌کند.',
    },
    {
      heading: 'عوارض',
      text:
        'برای استفاده از غرفه‌های بازارچه موقت، عوارض ماهانه‌ای که شورای اسلامی شهر تصویب می‌کند دریافت می‌شود. ' +
        'دارندگان کارت از گروه‌های دارای اولویت موضوع ماده ۴ از پرداخت عوارض معاف‌اند.',
    },
    {
      heading: 'بیمه و توانمندسازی',
      text:
        'اداره تعاون، کار و رفاه اجتماعی با همکاری سازمان تأمین اجتماعی، امکان بیمه خویش‌فرمای دست‌فروشان دارای کارت را فراهم می‌کند ' +
        'و دوره‌های آموزش مهارت و اداره کسب‌وکار کوچک برگزار می‌نماید.',
    },
    {
      heading: 'نظارت',
      text:
        'نظارت بر اجرای این دستورالعمل بر عهده شهرداری است. مأموران شهرداری در برخورد با دست‌فروشان موظف به رعایت احترام ' +
        'و کرامت انسانی‌اند و توقیف کالا فقط با تنظیم صورت‌جلسه و تحویل رسید به دست‌فروش مجاز است.',
    },
    {
      heading: 'تخلفات',
      text:
        'در صورت تخلف از ضوابط این دستورالعمل، بار نخست تذکر کتبی داده می‌شود، بار دوم کارت فعالیت به مدت یک ماه تعلیق ' +
        'و در صورت تکرار، با رأی کمیته لغو می‌شود.',
    },
    {
      heading: 'رسیدگی به اعتراض',
      text:
        'دست‌فروشان می‌توانند ظرف ده روز از ابلاغ تصمیم، به کمیته اعتراض کنند. ' +
        'کمیته ظرف پانزده روز به اعتراض رسیدگی می‌کند و نتیجه را به‌صورت کتبی به معترض اعلام می‌نماید.',
    },
    {
      heading: 'اجرا',
      text:
        'این دستورالعمل در پانزده ماده پس از تصویب شورای اداری شهرستان و ابلاغ فرماندار لازم‌الاجراست ' +
        'و شهرداری گزارش اجرای آن را هر شش ماه به کمیته ارائه می‌کند.',
    },
  ],
} as const;

interface SeedComment {
  clauseId: string | null;
  stance: NewComment['stance'];
  text: string;
  proposedText?: string;
  displayName?: string;
  /** Hours before the seed time. */
  hoursAgo: number;
  /** Approved by a moderator (else left pending). */
  published: boolean;
  reply?: string;
}

const DEMO_COMMENTS: SeedComment[] = [
  {
    clauseId: 'c4',
    stance: 'support',
    text: 'صدور کارت رایگان کار خوبی است. سال‌ها بدون هیچ مجوزی کار کرده‌ایم و هر روز نگران جمع‌آوری بساطمان بودیم.',
    displayName: 'مریم بلوچ',
    hoursAgo: 44,
    published: true,
  },
  {
    clauseId: 'c10',
    stance: 'oppose',
    text: 'گرفتن عوارض ماهانه از دست‌فروش کم‌درآمد منصفانه نیست. دست‌کم در سال اول که بازارچه‌ها تازه راه افتاده‌اند، غرفه‌ها رایگان باشد.',
    displayName: 'عبدالرحمن',
    hoursAgo: 39,
    published: true,
    reply: 'از نظر شما سپاسگزاریم. پیشنهاد معافیت سال نخست در جلسه کمیته ساماندهی بررسی می‌شود و نتیجه همراه متن نهایی اعلام خواهد شد.',
  },
  {
    clauseId: 'c7',
    stance: 'amend',
    text: 'یک‌سوم عرض پیاده‌رو زیاد است. در خیابان امام خمینی پیاده‌رو باریک است و سالمندان و کسانی که با ویلچر رفت‌وآمد می‌کنند نمی‌توانند عبور کنند.',
    proposedText:
      'عرضه کالا در سواره‌رو، ایستگاه‌های حمل‌ونقل عمومی، ورودی مدارس، مراکز درمانی و اماکن مذهبی ' +
      'و نیز سد کردن بیش از یک‌چهارم عرض پیاده‌رو ممنوع است؛ در هر حال دست‌کم ۱۲۰ سانتی‌متر از عرض پیاده‌رو باید آزاد بماند.',
    hoursAgo: 30,
    published: true,
  },
  {
    clauseId: null,
    stance: 'support',
    text: 'خوشحالم که بالاخره برای ساماندهی دست‌فروشان فکری شده است. امیدوارم صدای خود دست‌فروشان هم در تصمیم‌ها شنیده شود.',
    hoursAgo: 26,
    published: true,
  },
  {
    clauseId: 'c3',
    stance: 'amend',
    text: 'در کمیته‌ای که درباره‌ی دست‌فروشان تصمیم می‌گیرد، باید نماینده‌ای از خود دست‌فروشان هم حضور داشته باشد.',
    proposedText:
      'کمیته ساماندهی به ریاست فرماندار یا معاون وی و با عضویت شهردار، رئیس اداره صنعت، معدن و تجارت، ' +
      'رئیس اداره تعاون، کار و رفاه اجتماعی، فرمانده انتظامی شهرستان، رئیس شورای اسلامی شهر، نماینده اتاق اصناف ' +
      'و دو نماینده منتخب دست‌فروشان دارای کارت فعالیت تشکیل می‌شود و دست‌کم ماهی یک بار جلسه دارد.',
    displayName: 'انجمن حمایت از کودکان کار چابهار',
    hoursAgo: 20,
    published: true,
  },
  {
    clauseId: 'c6',
    stance: 'oppose',
    text: 'ساعت ۱۶ برای شروع کار دیر است. ماهی‌فروشان کنار اسکله صبح زود کار می‌کنند؛ فعالیت صبحگاهی هم باید مجاز باشد.',
    displayName: 'یک صیاد',
    hoursAgo: 9,
    published: true,
  },
  {
    clauseId: 'c12',
    stance: 'support',
    text: 'بند مربوط به رسید توقیف کالا بسیار لازم است. پارسال اجناس مرا بردند و هیچ رسیدی ندادند.',
    hoursAgo: 3,
    published: false,
  },
];

/**
 * Adds the demo consultation unless the store has one already. Opens two days before `now` for
 * the regulation's 14 days, under pre-moderation. Returns whether it added it.
 */
export async function seedDemoConsultation(store: Store, now: Date): Promise<boolean> {
  if ((await store.countConsultations()) > 0) return false;
  const opensAt = new Date(now.getTime() - 2 * DAY_MS).toISOString();
  const { created } = await store.createConsultation({
    slug: DEMO_CONSULTATION.slug,
    title: DEMO_CONSULTATION.title,
    summary: DEMO_CONSULTATION.summary,
    kind: DEMO_CONSULTATION.kind,
    issuingBody: DEMO_CONSULTATION.issuingBody,
    opensAt,
    closesAt: defaultClosesAt(DEMO_CONSULTATION.kind, opensAt),
    moderation: DEMO_CONSULTATION.moderation,
    clauses: DEMO_CONSULTATION.clauses.map((c, i) => ({ id: `c${i + 1}`, heading: c.heading, text: c.text })),
    at: opensAt,
  });
  if (!created) return false;
  for (const [i, seed] of DEMO_COMMENTS.entries()) {
    const at = new Date(now.getTime() - seed.hoursAgo * 3_600_000);
    const key = `seed-${DEMO_CONSULTATION_SLUG}-comment-${i + 1}`;
    const result = await store.createComment(
      { key, requestHash: `seed:${key}` },
      {
        consultationSlug: DEMO_CONSULTATION_SLUG,
        clauseId: seed.clauseId,
        stance: seed.stance,
        text: seed.text,
        proposedText: seed.proposedText ?? null,
        displayName: seed.displayName ?? null,
        contact: null,
        locale: 'fa',
        moderation: DEMO_CONSULTATION.moderation,
        at: at.toISOString(),
      },
    );
    if (result.outcome !== 'created') continue;
    const comment = await store.getCommentByTrackingCode(result.submission.trackingCode);
    if (!comment) continue;
    const moderatedAt = new Date(at.getTime() + 2 * 3_600_000);
    if (seed.published) await store.moderateComment(comment.id, { status: 'published', reason: null, at: moderatedAt.toISOString() });
    if (seed.reply) {
      await store.replyToComment(comment.id, { text: seed.reply, at: new Date(moderatedAt.getTime() + 3_600_000).toISOString() });
    }
  }
  return true;
}

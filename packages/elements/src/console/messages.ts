import { msg, str } from '@lit/localize';
import type { FieldError } from '@nazar/protocol';
import { ConsoleError } from './api.js';
import { num } from './locale.js';

/** A sentence for any failure, in the console's language (never the server's English title). */
export function failureText(error: unknown): string {
  const code = error instanceof ConsoleError ? error.code : 'internal';
  switch (code) {
    case 'network':
    case 'timeout':
      return msg('کارساز پاسخ نداد. اتصال را بررسی کنید و دوباره بکوشید؛ آنچه نوشته‌اید نگه داشته شده است.', { id: 'c.problem.network' });
    case 'unauthorized':
      return msg('این کلید شناخته نشد، باطل شده یا زمانش گذشته است.', { id: 'c.problem.unauthorized' });
    case 'forbidden':
      return msg('نقش شما اجازهٔ این کار را نمی‌دهد.', { id: 'c.problem.forbidden' });
    case 'validation':
      return msg('برخی خانه‌ها نیاز به اصلاح دارند.', { id: 'c.problem.validation' });
    case 'not-found':
      return msg('پیدا نشد؛ شاید پاک یا جابه‌جا شده است.', { id: 'c.problem.not-found' });
    case 'invalid-state':
      return msg('این کار در وضعیت کنونی ممکن نیست (برای نمونه، رایزنی هنوز باز است یا پیش‌تر صادر شده).', {
        id: 'c.problem.invalid-state',
      });
    case 'closed':
      return msg('این مورد بسته شده است.', { id: 'c.problem.closed' });
    case 'rate-limited':
      return msg('درخواست‌ها بیش از اندازه بود. کمی بعد دوباره بکوشید.', { id: 'c.problem.rate-limited' });
    case 'unavailable':
      return msg('کارساز موقتاً در دسترس نیست. کمی بعد دوباره بکوشید.', { id: 'c.problem.unavailable' });
    case 'payload-too-large':
      return msg('متن بیش از اندازه بلند است.', { id: 'c.problem.too-large' });
    default:
      return msg('خطایی در کارساز رخ داد. دوباره بکوشید؛ اگر تکرار شد به پشتیبانی خبر دهید.', { id: 'c.problem.generic' });
  }
}

/** One field error, e.g. «عنوان: بیش از ۳۰۰ نویسه». */
export function fieldErrorText(error: FieldError, label: string): string {
  const limit = error.limit === undefined ? '' : num(error.limit);
  switch (error.code) {
    case 'required':
      return msg(str`${label}: لازم است.`, { id: 'c.field.required' });
    case 'too-long':
      return limit
        ? msg(str`${label}: بیش از ${limit} نویسه است.`, { id: 'c.field.too-long' })
        : msg(str`${label}: بیش از اندازه بلند است.`, { id: 'c.field.too-long-plain' });
    case 'too-short':
      return limit
        ? msg(str`${label}: دست‌کم ${limit} لازم است.`, { id: 'c.field.too-short' })
        : msg(str`${label}: بیش از اندازه کوتاه است.`, { id: 'c.field.too-short-plain' });
    case 'out-of-range':
      return msg(str`${label}: بیرون از بازهٔ پذیرفتنی است.`, { id: 'c.field.out-of-range' });
    case 'duplicate':
      return msg(str`${label}: تکراری است.`, { id: 'c.field.duplicate' });
    default:
      return msg(str`${label}: درست نیست.`, { id: 'c.field.invalid' });
  }
}

export const roleName = (role: string) =>
  role === 'admin'
    ? msg('مدیر', { id: 'c.role.admin' })
    : role === 'moderator'
      ? msg('ناظر', { id: 'c.role.moderator' })
      : msg('بیننده', { id: 'c.role.viewer' });

export const statusName = (status: string): string => {
  switch (status) {
    case 'scheduled':
      return msg('زمان‌بندی‌شده', { id: 'c.status.scheduled' });
    case 'open':
      return msg('باز', { id: 'c.status.open' });
    case 'review':
      return msg('در دست بررسی', { id: 'c.status.review' });
    case 'issued':
      return msg('صادرشده', { id: 'c.status.issued' });
    case 'withdrawn':
      return msg('پس‌گرفته', { id: 'c.status.withdrawn' });
    case 'pending':
      return msg('در انتظار بررسی', { id: 'c.status.pending' });
    case 'published':
      return msg('منتشرشده', { id: 'c.status.published' });
    case 'rejected':
      return msg('ردشده', { id: 'c.status.rejected' });
    case 'received':
      return msg('دریافت‌شده', { id: 'c.status.received' });
    case 'in-progress':
      return msg('در دست پیگیری', { id: 'c.status.in-progress' });
    case 'answered':
      return msg('پاسخ‌داده', { id: 'c.status.answered' });
    case 'closed':
      return msg('بسته', { id: 'c.status.closed' });
    default:
      return status;
  }
};

export const stanceName = (stance: string): string =>
  stance === 'support'
    ? msg('موافق', { id: 'c.stance.support' })
    : stance === 'oppose'
      ? msg('مخالف', { id: 'c.stance.oppose' })
      : msg('پیشنهاد اصلاح', { id: 'c.stance.amend' });

export const outcomeName = (outcome: string): string => {
  switch (outcome) {
    case 'accepted':
      return msg('پذیرفته شد', { id: 'c.outcome.accepted' });
    case 'partly-accepted':
      return msg('بخشی پذیرفته شد', { id: 'c.outcome.partly-accepted' });
    case 'not-accepted':
      return msg('پذیرفته نشد', { id: 'c.outcome.not-accepted' });
    default:
      return msg('بیرون از موضوع', { id: 'c.outcome.out-of-scope' });
  }
};

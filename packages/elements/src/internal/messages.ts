import { msg, str } from '@lit/localize';
import type { FieldError, Problem } from '@nazar/protocol/browser';
import { formatNumber } from './format.js';
import type { NazarLocale } from './locale.js';

/**
 * Citizen-facing text for problem codes. The server's `title`/`detail` are for developers and
 * are never shown: every code the widgets can meet has a translated sentence here.
 */
export function problemMessage(problem: Pick<Problem, 'code'>): string {
  switch (problem.code) {
    case 'validation':
      return msg('برخی پاسخ‌ها نیاز به اصلاح دارند.', { id: 'problem.validation' });
    case 'network':
      return msg('اتصال برقرار نیست. نظر شما روی همین دستگاه ذخیره شده است و هر وقت برخط شوید فرستاده می‌شود.', { id: 'problem.network' });
    case 'timeout':
      return msg('پاسخ کارساز بیش از اندازه طول کشید. دوباره تلاش می‌کنیم.', { id: 'problem.timeout' });
    case 'rate-limited':
      return msg('از این اتصال درخواست‌های زیادی رسیده است. کمی بعد دوباره تلاش می‌کنیم.', { id: 'problem.rate-limited' });
    case 'unknown-service':
    case 'origin-not-allowed':
      return msg('این خدمت هنوز برای دریافت نظر آماده نشده است. لطفاً به مدیر تارنما خبر دهید.', { id: 'problem.unknown-service' });
    case 'not-found':
      return msg('چیزی پیدا نشد.', { id: 'problem.not-found' });
    case 'closed':
      return msg('این مورد بسته شده است و دیگر نظری نمی‌پذیرد.', { id: 'problem.closed' });
    case 'already-voted':
      return msg('از این دستگاه پیش‌تر رأی داده شده است.', { id: 'problem.already-voted' });
    case 'idempotency-conflict':
      return msg('این ارسال با ارسالی پیشین تداخل دارد. لطفاً دوباره بفرستید.', { id: 'problem.idempotency-conflict' });
    case 'payload-too-large':
      return msg('متن فرستاده‌شده بیش از اندازه بلند است.', { id: 'problem.payload-too-large' });
    case 'storage-unavailable':
      return msg('این مرورگر نمی‌تواند نظر شما را روی دستگاه ذخیره کند. تا دریافت آن، این صفحه را باز نگه دارید.', {
        id: 'problem.storage-unavailable',
      });
    case 'unavailable':
      return msg('خدمت موقتاً در دسترس نیست. دوباره تلاش می‌کنیم.', { id: 'problem.unavailable' });
    case 'bad-response':
    case 'internal':
    default:
      return msg('در سامانه ما اشکالی پیش آمد. لطفاً بعداً دوباره تلاش کنید.', { id: 'problem.generic' });
  }
}

/** Names of fields as the citizen sees them (for the error summary). */
export function fieldLabel(field: string): string {
  const root = field.split('.')[0];
  switch (root) {
    case 'rating':
      return msg('امتیاز', { id: 'field.rating' });
    case 'categories':
      return msg('موضوع‌ها', { id: 'field.categories' });
    case 'text':
      return msg('پیشنهاد شما', { id: 'field.text' });
    case 'contact':
      return msg('شماره همراه یا رایانامه', { id: 'field.contact' });
    case 'code':
      return msg('کد رهگیری', { id: 'field.code' });
    default:
      return msg('فرم', { id: 'field.other' });
  }
}

/** One sentence per field error, specific enough to fix it (GOV.UK style). */
export function fieldErrorMessage(error: FieldError, locale: NazarLocale): string {
  const root = error.field.split('.')[0];
  if (root === 'rating') return msg('امتیازی از ۱ تا ۵ انتخاب کنید.', { id: 'error.rating' });
  if (root === 'contact')
    return msg('شماره همراهی مانند ۰۹۱۵ ۱۲۳ ۴۵۶۷ یا رایانامه‌ای مانند name@example.com بنویسید، یا این بخش را خالی بگذارید.', {
      id: 'error.contact',
    });
  if (root === 'code') return msg('کد رهگیری را بررسی کنید: ۱۰ رقم دارد و شاید یکی از رقم‌ها اشتباه نوشته شده باشد.', { id: 'error.code' });
  if (error.code === 'too-long') {
    const limit = formatNumber(error.limit ?? 0, locale);
    return msg(str`حداکثر ${limit} نویسه بنویسید.`, { id: 'error.too-long' });
  }
  if (error.code === 'unknown-category' || root === 'categories')
    return msg('موضوع‌ها را از فهرست انتخاب کنید.', { id: 'error.categories' });
  if (error.code === 'required') return msg('این بخش لازم است.', { id: 'error.required' });
  return msg('این پاسخ را بررسی کنید.', { id: 'error.invalid' });
}

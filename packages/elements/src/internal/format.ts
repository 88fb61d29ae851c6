import { toPersianDigits } from '@nazar/protocol/browser';
import { intlLocale, type NazarLocale } from './locale.js';

// Building an Intl formatter costs far more than using one (a 500-clause draft formats thousands
// of numbers): keep one per locale and options.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(
  kind: string,
  locale: NazarLocale,
  options: object | undefined,
  make: () => T,
): T {
  const key = `${kind}|${locale}|${options ? JSON.stringify(options) : ''}`;
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/** Numbers in the locale's digits through Intl (Persian digits and separators for fa and bal). */
export function formatNumber(value: number, locale: NazarLocale, options?: Intl.NumberFormatOptions): string {
  return cached('n', locale, options, () => new Intl.NumberFormat(intlLocale(locale), options)).format(value);
}

/** Codes keep leading zeros, so they are mapped digit by digit, never through NumberFormat. */
export function formatCode(code: string, locale: NazarLocale): string {
  return locale === 'en' ? code : toPersianDigits(code);
}

/**
 * A date in the Jalali calendar for fa/bal (fa-IR defaults to it) and Gregorian for en, in Iran's
 * time zone. `dateStyle: 'long'` only: fa's `full` pattern puts the year first (persian-rtl.md §1).
 */
export function formatDate(iso: string | number | Date, locale: NazarLocale): string {
  return cached(
    'd',
    locale,
    undefined,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'Asia/Tehran' }),
  ).format(new Date(iso));
}

export function formatDateTime(iso: string | number | Date, locale: NazarLocale): string {
  return cached(
    'dt',
    locale,
    undefined,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Tehran' }),
  ).format(new Date(iso));
}

/** "3 minutes ago", "دیروز" … for the age of a queued item. */
export function formatAge(fromMs: number, nowMs: number, locale: NazarLocale): string {
  const seconds = Math.round((fromMs - nowMs) / 1000);
  const rtf = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(0, 'minute');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

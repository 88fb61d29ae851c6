import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from './generated/locale-codes.js';

export type ConsoleLocale = 'fa' | 'en';

/**
 * The console's own localization: its strings live in xliff/console/ and its modules in
 * console/generated/, so a citizen's page never pays for them. (@lit/localize is one per page: the
 * console is meant for a page of its own, /console, not beside the widgets.)
 */
const localization = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: () => import('./generated/locales/en.js'),
});

export function useConsoleLocale(locale: ConsoleLocale): Promise<void> {
  if (localization.getLocale() === locale) return Promise.resolve();
  return localization.setLocale(locale).catch(() => undefined);
}

export function consoleLocale(): ConsoleLocale {
  return localization.getLocale() as ConsoleLocale;
}

/** Persian digits and the Jalali calendar for fa (fa-IR's defaults), Gregorian for en. */
export const intlTag = (locale: ConsoleLocale) => (locale === 'en' ? 'en' : 'fa-IR');

const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

export function num(value: number): string {
  const locale = consoleLocale();
  return cached(`n${locale}`, () => new Intl.NumberFormat(intlTag(locale))).format(value);
}

/** Items joined as the language joins them ("الف، ب و پ"; "a, b and c"). */
export function list(items: string[]): string {
  const locale = consoleLocale();
  return cached(`l${locale}`, () => new Intl.ListFormat(intlTag(locale), { type: 'conjunction' })).format(items);
}

/** A date (Jalali in Persian), in Iran's time zone. */
export function date(iso: string, withTime = false): string {
  const locale = consoleLocale();
  const options: Intl.DateTimeFormatOptions = withTime
    ? { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tehran' }
    : { dateStyle: 'medium', timeZone: 'Asia/Tehran' };
  return cached(`d${locale}${withTime}`, () => new Intl.DateTimeFormat(intlTag(locale), options)).format(new Date(iso));
}

/** Whole days from now until `iso` (0 on the last day; negative once past). */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.ceil((Date.parse(iso) - now) / 86_400_000);
}

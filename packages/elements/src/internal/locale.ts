import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from '../generated/locale-codes.js';

export type NazarLocale = 'fa' | 'en' | 'bal';

/**
 * Persian is the source locale: the default audience pays no bytes for a translation chunk, and
 * Balochi falls back to Persian (not English) for every unit not yet translated in xliff/bal.xlf,
 * which Iranian Baloch readers read (MediaWiki's bcc does the same).
 */
const loaders = {
  en: () => import('../generated/locales/en.js'),
  bal: () => import('../generated/locales/bal.js'),
} satisfies Record<(typeof targetLocales)[number], () => Promise<unknown>>;

// @lit/localize is a page-wide singleton: configure it once per copy of this module.
const localization = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => loaders[locale as keyof typeof loaders](),
});

export const getLocale = localization.getLocale as () => NazarLocale;

let pending: Promise<void> | undefined;
let wanted: NazarLocale | undefined;

/** Switches every Nazar widget on the page to `locale` (one locale per page: lit-localize is global). */
export function useLocale(locale: NazarLocale): Promise<void> {
  if (wanted === locale && pending) return pending;
  if (!wanted && localization.getLocale() === locale) return Promise.resolve();
  wanted = locale;
  pending = localization.setLocale(locale).catch(() => {
    // A missing translation chunk must not break the widget: it stays in the current locale.
  });
  return pending;
}

/** Maps any BCP 47 tag to a Nazar locale: fa-* → fa, bal/bcc/bgn/bgp-* → bal, en-* → en. */
export function toNazarLocale(tag: string | null | undefined): NazarLocale | undefined {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'fa' || primary === 'per' || primary === 'fas') return 'fa';
  if (primary === 'bal' || primary === 'bcc' || primary === 'bgn' || primary === 'bgp') return 'bal';
  if (primary === 'en') return 'en';
  return undefined;
}

/**
 * The locale for a widget: its own `lang`, the nearest ancestor's `lang`, the page's, else Persian.
 * (Not navigator.languages: a Persian county page should not turn English on an English phone.)
 */
export function resolveLocale(host: Element): NazarLocale {
  const own = host.getAttribute('lang');
  if (own) return toNazarLocale(own) ?? 'fa';
  const ancestor = host.parentElement?.closest('[lang]')?.getAttribute('lang');
  return toNazarLocale(ancestor ?? document.documentElement.lang) ?? 'fa';
}

/** Direction by locale. Hard-coded: ICU reports `ltr` for bal (persian-rtl.md §3). */
export function directionOf(locale: NazarLocale): 'rtl' | 'ltr' {
  return locale === 'en' ? 'ltr' : 'rtl';
}

/** The tag Intl gets: Balochi is formatted as fa-IR (no ICU data for bal; Persian digits, Jalali). */
export function intlLocale(locale: NazarLocale): string {
  return locale === 'en' ? 'en' : 'fa-IR';
}

const embedderSet = new WeakMap<Element, { dir: boolean; lang: boolean }>();

/**
 * Resolves a widget's locale, switches the page's Nazar locale to it, and sets `dir` and `lang`
 * on the host, except where the embedder set them: a Persian widget on an English page must still
 * be right to left, and an embedder's explicit `dir` wins.
 */
export function adoptLocale(host: HTMLElement): NazarLocale {
  let set = embedderSet.get(host);
  if (!set) embedderSet.set(host, (set = { dir: host.hasAttribute('dir'), lang: host.hasAttribute('lang') }));
  const locale = resolveLocale(host);
  if (!set.dir) host.setAttribute('dir', directionOf(locale));
  if (!set.lang) host.setAttribute('lang', locale);
  void useLocale(locale);
  return locale;
}

/**
 * The embed code of a draft: `<draft-consultation>` with the draft's opening inside it, as HTML a
 * webmaster pastes or a CMS includes. That text is on screen as fast as the page's own, without
 * JavaScript, and when the adapter is unreachable; the widget replaces it with the whole draft.
 * Every text is escaped: titles and clauses are officials' words, never markup.
 * No Node built-ins (the app also runs in browsers).
 */
import type { Consultation } from '@nazar/protocol';

export type EmbedLocale = 'fa' | 'en';

/** How many clauses the opening carries unless asked: a phone's first screen and more. */
export const EMBED_DEFAULT_CLAUSES = 6;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const LABELS: Record<EmbedLocale, { clause: (n: string) => string; more: (n: string) => string; comment: string }> = {
  fa: {
    clause: (n) => `ماده ${n}`,
    more: (n) => `و ${n} ماده دیگر.`,
    comment: 'متن پیش‌نویس برای خواندن بدون جاوااسکریپت؛ ابزار نظرخواهی آن را با متن کامل و امکان نظر دادن جایگزین می‌کند.',
  },
  en: {
    clause: (n) => `Clause ${n}`,
    more: (n) => `And ${n} more clauses.`,
    comment:
      'The draft as readable text without JavaScript; the consultation widget replaces it with the whole draft and the comment forms.',
  },
};

/**
 * The embed code of `draft`: its title, issuing body, summary and first `clauses` clauses (all of
 * them with `'all'`), of the final text once issued (what the widget shows).
 */
export function consultationEmbed(draft: Consultation, options: { clauses: number | 'all'; locale: EmbedLocale }): string {
  const { locale } = options;
  const labels = LABELS[locale];
  const digits = new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : 'en', { useGrouping: false });
  const text = draft.outcome?.clauses ?? draft.clauses;
  const shown = options.clauses === 'all' ? text : text.slice(0, options.clauses);
  const rest = text.length - shown.length;
  const langAttributes = locale === 'en' ? ' lang="en" dir="ltr"' : '';
  const lines = [
    `<draft-consultation consultation="${escapeHtml(draft.slug)}"${langAttributes}>`,
    `  <!-- ${labels.comment} -->`,
    '  <article>',
    `    <h2>${escapeHtml(draft.title)}</h2>`,
    `    <p>${escapeHtml(draft.issuingBody)}</p>`,
    ...(draft.summary ? [`    <p>${escapeHtml(draft.summary)}</p>`] : []),
    ...(shown.length
      ? [
          '    <ol>',
          ...shown.map((c) => {
            const title = labels.clause(digits.format(c.number)) + (c.heading ? ` — ${escapeHtml(c.heading)}` : '');
            return `      <li><h3>${title}</h3><p>${escapeHtml(c.text)}</p></li>`;
          }),
          '    </ol>',
        ]
      : []),
    ...(rest > 0 ? [`    <p>${labels.more(digits.format(rest))}</p>`] : []),
    '  </article>',
    '</draft-consultation>',
  ];
  return `${lines.join('\n')}\n`;
}

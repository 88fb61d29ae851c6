/**
 * The public "response to comments" report of an issued consultation, as an HTML page: the
 * official summary; per clause the final text with its changes against the draft, what people
 * said (published comments by stance), and for every comment what was done with it and why, with
 * the official reply. Near-identical comments (a pasted campaign) that got the same stance,
 * disposition and reply are one entry with their count and their different wordings, as the
 * moderator grouped them (domain/near-duplicates.ts), so a 300-copy campaign is one entry, not 300.
 * Every citizen's text goes through `escapeHtml`; bidi controls are
 * neutralised by `<bdi>` around each text and `unicode-bidi: plaintext`. Printable; linkable per
 * clause (`#clause-<id>`) and per comment (`#comment-<public id>`; never a tracking code, which opens
 * the official answer: the citizen's tracking lookup gives their comment's id to link it).
 * No Node built-ins (the app also runs in browsers).
 */
import { STANCES, type Clause } from '@nazar/protocol';
import { diffWords, edges } from '@nazar/protocol/diff';
import type { CommentRecord, ConsultationRecord } from '../../store/store.js';
import { KeyedGroupIndex, indexComments, normalizeForMatching } from '../../domain/near-duplicates.js';

export type ReportLocale = 'fa' | 'en';

const TEXT = {
  fa: {
    title: 'گزارش پاسخ به نظرها',
    issuedBy: 'صادرکننده',
    window: 'مهلت نظرخواهی',
    issuedAt: 'تاریخ صدور',
    summary: 'جمع‌بندی',
    whole: 'کل پیش‌نویس',
    clause: (n: number) => `بند ${n}`,
    finalText: 'متن نهایی',
    removed: 'این بند در متن نهایی حذف شد.',
    added: 'بند تازه در متن نهایی',
    unchanged: 'بی‌تغییر نسبت به پیش‌نویس',
    said: 'نظرهای منتشرشده',
    none: 'نظری منتشر نشد.',
    alike: (n: string) => `${n} نفر با متنی نزدیک به هم`,
    wordings: (n: string) => `${n} متن گوناگون`,
    stance: { support: 'موافق', oppose: 'مخالف', amend: 'پیشنهاد اصلاح' } as Record<string, string>,
    outcome: {
      accepted: 'پذیرفته شد',
      'partly-accepted': 'بخشی پذیرفته شد',
      'not-accepted': 'پذیرفته نشد',
      'out-of-scope': 'بیرون از موضوع',
    } as Record<string, string>,
    proposed: 'متن پیشنهادی',
    reason: 'دلیل',
    reply: 'پاسخ رسمی',
    ins: 'افزوده',
    del: 'حذف‌شده',
    notIssued: 'این رایزنی هنوز صادر نشده است؛ گزارش پاسخ به نظرها پس از صدور متن نهایی منتشر می‌شود.',
    notFound: 'چنین رایزنی‌ای نیست.',
    other: 'English',
  },
  en: {
    title: 'Response to comments',
    issuedBy: 'Issued by',
    window: 'Comment window',
    issuedAt: 'Issued on',
    summary: 'Summary',
    whole: 'The whole draft',
    clause: (n: number) => `Clause ${n}`,
    finalText: 'Final text',
    removed: 'This clause was removed from the final text.',
    added: 'New clause in the final text',
    unchanged: 'Unchanged from the draft',
    said: 'Published comments',
    none: 'No comments were published.',
    alike: (n: string) => `${n} people in nearly the same words`,
    wordings: (n: string) => `${n} different wordings`,
    stance: { support: 'Support', oppose: 'Oppose', amend: 'Proposes an amendment' } as Record<string, string>,
    outcome: {
      accepted: 'Accepted',
      'partly-accepted': 'Partly accepted',
      'not-accepted': 'Not accepted',
      'out-of-scope': 'Out of scope',
    } as Record<string, string>,
    proposed: 'Proposed wording',
    reason: 'Reason',
    reply: 'Official reply',
    ins: 'added',
    del: 'removed',
    notIssued: 'This consultation has not been issued yet; the response to comments is published with the final text.',
    notFound: 'There is no such consultation.',
    other: 'فارسی',
  },
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A citizen's or an official's text: escaped, isolated from the page's direction. */
const userText = (text: string) => `<bdi>${escapeHtml(text)}</bdi>`;

export const REPORT_STYLE = `
body{font-family:Vazirmatn,Tahoma,"Segoe UI",system-ui,sans-serif;line-height:1.8;margin:0 auto;max-inline-size:52rem;padding:1rem;color:#1b1f24}
h1{font-size:1.6rem;margin-block:0 .5rem}h2{font-size:1.25rem;margin-block:2rem .5rem;border-block-end:2px solid #0b5cab}
.meta{color:#57606a}.text,.comment p{white-space:pre-wrap;unicode-bidi:plaintext;overflow-wrap:anywhere}
ins{background:#d7f5dd;text-decoration:underline}del{background:#fbe0de}del+ins{margin-inline-start:.3em}
.counts{display:flex;gap:1rem;flex-wrap:wrap;padding:0;list-style:none}
.comment{border:1px solid #8c959f;border-radius:.5rem;padding:.5rem 1rem;margin-block:.75rem}
.comment:target,.comment:has(:target){outline:3px solid #ffbf47}.outcome{font-weight:700}
nav a{color:#0b5cab}.vh{position:absolute;inline-size:1px;block-size:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@media print{details::details-content{content-visibility:visible}}
@media (forced-colors:active){ins,del{background:none}}
@media print{nav{display:none}section{break-inside:auto}.comment{break-inside:avoid}a[href^="http"]::after{content:" (" attr(href) ")"}body{max-inline-size:none}}
`;

function page(locale: ReportLocale, title: string, body: string, otherHref: string): string {
  const t = TEXT[locale];
  return `<!doctype html>
<html lang="${locale}" dir="${locale === 'en' ? 'ltr' : 'rtl'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title><style>${REPORT_STYLE}</style></head>
<body><nav><a href="${escapeHtml(otherHref)}" lang="${locale === 'en' ? 'fa' : 'en'}">${t.other}</a></nav>
${body}
</body></html>`;
}

export function reportMessagePage(locale: ReportLocale, kind: 'not-issued' | 'not-found', otherHref: string): string {
  const t = TEXT[locale];
  return page(locale, t.title, `<main><h1>${t.title}</h1><p>${kind === 'not-issued' ? t.notIssued : t.notFound}</p></main>`, otherHref);
}

/**
 * The report's entries, in order of their first comment: near-identical comments (a group never
 * mixes stances) that were given the same disposition and reply share one (the report never states for a comment an
 * outcome or a reply it did not get); every other comment is an entry of its own.
 */
function entries(list: readonly CommentRecord[], index: KeyedGroupIndex): CommentRecord[][] {
  indexComments(index, list);
  // Only once all are in: a later comment can bridge, and so merge, two earlier groups.
  const byKey = new Map<string, CommentRecord[]>();
  for (const x of list) {
    const group = index.groupOf(x.id)!;
    const d = x.disposition;
    const key = JSON.stringify([group, d?.outcome ?? null, d?.reason ?? null, x.reply?.text ?? null, x.proposedText ?? null]);
    const members = byKey.get(key);
    if (members) members.push(x);
    else byKey.set(key, [x]);
  }
  return [...byKey.values()];
}

/** A group's wordings (the same after normalising counts once), with how many sent each, most first. */
function distinctWordings(members: readonly CommentRecord[]): [string, number][] {
  const seen = new Map<string, [string, number]>();
  for (const m of members) {
    const key = normalizeForMatching(m.text);
    const known = seen.get(key);
    if (known) known[1]++;
    else seen.set(key, [m.text, 1]);
  }
  return [...seen.values()].sort((a, b) => b[1] - a[1]);
}

/**
 * `index` groups the comments (a route keeps one per consultation, so a reload shingles only the
 * comments it has not seen: 10,000 comments cost about 1.5 s the first time).
 */
export function renderReport(
  c: ConsultationRecord,
  comments: readonly CommentRecord[],
  locale: ReportLocale,
  otherHref: string,
  index = new KeyedGroupIndex(),
): string {
  const t = TEXT[locale];
  const tag = locale === 'en' ? 'en' : 'fa-IR';
  const day = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'Asia/Tehran' });
  const num = new Intl.NumberFormat(tag);
  const fmt = (iso: string) => day.format(new Date(iso));
  const final = c.finalClauses ?? [];
  const finalById = new Map(final.filter((x) => x.id).map((x) => [x.id, x]));
  const draftIds = new Set(c.clauses.map((x) => x.id));
  const byClause = new Map<string | null, CommentRecord[]>();
  for (const comment of comments) {
    const list = byClause.get(comment.clauseId);
    if (list) list.push(comment);
    else byClause.set(comment.clauseId, [comment]);
  }
  const heading = (x: Clause) => escapeHtml(x.heading || t.clause(x.number));

  const diffOf = (before: string, after: string) =>
    diffWords(before, after, locale === 'en' ? 'en' : 'fa')
      .map((p) => {
        if (p.kind === 'same') return escapeHtml(p.text);
        const [lead, words, trail] = edges(p.text);
        const tag = p.kind === 'added' ? 'ins' : 'del';
        return `${lead}<${tag}><span class="vh">${p.kind === 'added' ? t.ins : t.del}: </span>${escapeHtml(words)}</${tag}>${trail}`;
      })
      .join('');

  const said = (list: readonly CommentRecord[] | undefined) => {
    if (!list?.length) return `<p class="meta">${t.none}</p>`;
    const counts = STANCES.map((s) => `<li>${t.stance[s]}: ${num.format(list.filter((x) => x.stance === s).length)}</li>`).join('');
    const items = entries(list, index)
      .map((members) => {
        const [x] = members;
        const d = x.disposition;
        const alike = members.length > 1;
        // Every member keeps its own anchor (a citizen's tracking lookup links to it).
        const anchors = members
          .slice(1)
          .map((m) => `<span id="comment-${escapeHtml(m.id)}"></span>`)
          .join('');
        const wordings = alike ? distinctWordings(members) : [];
        return `<article class="comment" id="comment-${escapeHtml(x.id)}">${anchors}
<p class="meta">${t.stance[x.stance] ?? escapeHtml(x.stance)} · ${
          alike ? `${t.alike(num.format(members.length))} · ${fmt(x.createdAt)} – ${fmt(members.at(-1)!.createdAt)}` : fmt(x.createdAt)
        }${!alike && x.displayName ? ` · ${userText(x.displayName)}` : ''}</p>
<p>${userText(x.text)}</p>
${x.proposedText ? `<p><strong>${t.proposed}:</strong> ${userText(x.proposedText)}</p>` : ''}
${d ? `<p><span class="outcome">${t.outcome[d.outcome] ?? escapeHtml(d.outcome)}</span> — ${t.reason}: ${userText(d.reason)}</p>` : ''}
${x.reply ? `<p><strong>${t.reply}:</strong> ${userText(x.reply.text)}</p>` : ''}
${
  wordings.length > 1
    ? `<details><summary>${t.wordings(num.format(wordings.length))}</summary><ul>${wordings
        .map(([text, n]) => `<li>${userText(text)}${n > 1 ? ` (${num.format(n)})` : ''}</li>`)
        .join('')}</ul></details>`
    : ''
}
</article>`;
      })
      .join('\n');
    return `<h3>${t.said}</h3><ul class="counts">${counts}</ul>${items}`;
  };

  const sections = c.clauses.map((draft) => {
    const kept = finalById.get(draft.id);
    const body = kept
      ? `<h3>${t.finalText}</h3><p class="text">${kept.text === draft.text ? escapeHtml(kept.text) : diffOf(draft.text, kept.text)}</p>${
          kept.text === draft.text ? `<p class="meta">${t.unchanged}</p>` : ''
        }`
      : `<p class="meta">${t.removed}</p><p class="text"><del>${escapeHtml(draft.text)}</del></p>`;
    return `<section id="clause-${escapeHtml(draft.id)}"><h2>${heading(draft)}</h2>${body}${said(byClause.get(draft.id))}</section>`;
  });
  const added = final
    .filter((x) => !draftIds.has(x.id))
    .map(
      (x) =>
        `<section id="clause-${escapeHtml(x.id)}"><h2>${heading(x)}</h2><p class="meta">${t.added}</p><p class="text"><ins>${escapeHtml(x.text)}</ins></p></section>`,
    );
  const whole = `<section id="clause-whole"><h2>${t.whole}</h2>${said(byClause.get(null))}</section>`;

  const body = `<main>
<header><p class="meta">${t.title}</p><h1>${userText(c.title)}</h1>
<p class="meta">${t.issuedBy}: ${userText(c.issuingBody)} · ${t.window}: ${fmt(c.opensAt)} – ${fmt(c.closesAt)} · ${t.issuedAt}: ${fmt(c.issuedAt!)}</p></header>
<section id="summary"><h2>${t.summary}</h2><p class="text">${escapeHtml(c.outcomeSummary ?? '')}</p></section>
${whole}
${sections.join('\n')}
${added.join('\n')}
</main>`;
  return page(locale, `${t.title}: ${c.title}`, body, otherHref);
}

import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import {
  ADMIN_GROUP_ROUTES,
  ADMIN_OPS_LIMITS,
  ADMIN_OPS_ROUTES,
  FEEDBACK_CATEGORIES,
  FEEDBACK_STATUSES,
  type AdminFeedback,
  type AdminFeedbackPage,
  type AdminServiceList,
  type FeedbackGroupList,
  type GroupActionResult,
  type FeedbackStatus,
  type ServiceStats,
  type SiteList,
} from '@nazar/protocol';
import { barChart } from '../chart.js';
import { clearDraft, readDraft, saveDraft } from '../drafts.js';
import { date, list, num } from '../locale.js';
import { statusName } from '../messages.js';
import { ConsoleScreen } from '../screen.js';

/** The moves the server allows (admin-ops FEEDBACK_MOVES): what the status select offers. */
const NEXT: Record<FeedbackStatus, FeedbackStatus[]> = {
  received: ['in-progress', 'answered', 'closed'],
  'in-progress': ['answered', 'closed'],
  answered: ['answered', 'closed'],
  closed: [],
};

const FILTERS = ['site', 'service', 'status', 'rating', 'category', 'from', 'to', 'q'] as const;
type Filter = (typeof FILTERS)[number];

export const categoryName = (c: string): string => {
  switch (c) {
    case 'speed':
      return msg('سرعت', { id: 'c.category.speed' });
    case 'clarity':
      return msg('روشنی راهنما', { id: 'c.category.clarity' });
    case 'staff':
      return msg('رفتار کارکنان', { id: 'c.category.staff' });
    case 'online':
      return msg('خدمت برخط', { id: 'c.category.online' });
    case 'documents':
      return msg('مدارک', { id: 'c.category.documents' });
    case 'cost':
      return msg('هزینه', { id: 'c.category.cost' });
    default:
      return msg('دیگر', { id: 'c.category.other' });
  }
};

/**
 * The service-feedback inbox: by site and service, filtered by rating, category, status, date and
 * text, paged from the server; moderators answer and move the status (the citizen sees it through
 * the tracking code); per service, the rating distribution and its weekly trend; export.
 */
export class ConsoleFeedback extends ConsoleScreen {
  @state() private items: AdminFeedback[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loaded = false;
  @state() private filters: Partial<Record<Filter, string>> = {};
  @state() private sites: SiteList['sites'] = [];
  @state() private services: AdminServiceList['services'] = [];
  @state() private stats: ServiceStats | null = null;
  @state() private similar: FeedbackGroupList['groups'] = [];
  /** The parts of the screen beside the list that did not load (named in a notice, with a retry). */
  @state() private missing: string[] = [];

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    void this.start();
  }

  private async start(): Promise<void> {
    const [sites, services] = await Promise.all([
      this.side(msg('فهرست تارنماها', { id: 'c.feedback.part-sites' }), this.ctx.api.get<SiteList>(ADMIN_OPS_ROUTES.sites.path())),
      this.side(
        msg('فهرست خدمت‌ها', { id: 'c.feedback.part-services' }),
        this.ctx.api.get<AdminServiceList>(ADMIN_OPS_ROUTES.services.path()),
      ),
    ]);
    this.sites = sites?.sites ?? [];
    this.services = services?.services ?? [];
    await this.load();
  }

  /** A read beside the list: its failure does not hide the list, but the notice names what is missing. */
  private async side<T>(part: string, read: Promise<T>): Promise<T | null> {
    try {
      const value = await read;
      this.missing = this.missing.filter((m) => m !== part);
      return value;
    } catch {
      if (!this.missing.includes(part)) this.missing = [...this.missing, part];
      return null;
    }
  }

  /** The list's filters as a query: the same for the list and its export. */
  private query(): URLSearchParams {
    const params = new URLSearchParams();
    for (const key of FILTERS) {
      const value = this.filters[key]?.trim();
      if (!value) continue;
      if (key !== 'from' && key !== 'to') {
        params.set(key, value);
        continue;
      }
      // The days as the official picked them, both included: \`to\` is the start of the next day
      // (the server's \`to\` is exclusive).
      const day = new Date(`${value}T00:00:00`);
      if (key === 'to') day.setDate(day.getDate() + 1);
      params.set(key, day.toISOString());
    }
    return params;
  }

  private async load(more = false): Promise<void> {
    const params = this.query();
    if (more && this.nextCursor) params.set('cursor', this.nextCursor);
    const qs = params.toString();
    const page = await this.act(() => this.ctx.api.get<AdminFeedbackPage>(ADMIN_OPS_ROUTES.feedback.path(qs ? `?${qs}` : '')));
    if (!page) return;
    this.items = more ? [...this.items, ...page.feedback] : page.feedback;
    this.nextCursor = page.nextCursor;
    this.loaded = true;
    const service = this.filters.service;
    const statsPart = msg('آمار خدمت', { id: 'c.feedback.part-stats' });
    const similarPart = msg('پیشنهادهای همانند', { id: 'c.feedback.similar' });
    // Without a service there is nothing of the service's to miss.
    if (!service) this.missing = this.missing.filter((m) => m !== statsPart && m !== similarPart);
    this.stats = service ? await this.side(statsPart, this.ctx.api.get<ServiceStats>(ADMIN_OPS_ROUTES.serviceStats.path(service))) : null;
    this.similar = service
      ? ((await this.side(similarPart, this.ctx.api.get<FeedbackGroupList>(ADMIN_GROUP_ROUTES.feedbackGroups.path({ service }))))?.groups ??
        [])
      : [];
  }

  private setFilter(key: Filter, value: string): void {
    this.filters = { ...this.filters, [key]: value };
  }

  override render() {
    const select = (key: Filter, label: string, options: [string, string][]) =>
      html`<div class="field">
        <label for="f-${key}">${label}</label>
        <select id="f-${key}" @change=${(e: Event) => this.setFilter(key, (e.target as HTMLSelectElement).value)}>
          <option value="">${msg('همه', { id: 'c.all' })}</option>
          ${options.map(([value, text]) => html`<option value=${value} ?selected=${this.filters[key] === value}>${text}</option>`)}
        </select>
      </div>`;
    return html`<h2 tabindex="-1">${msg('بازخورد خدمات', { id: 'c.nav.feedback' })}</h2>
      <form
        class="row"
        role="search"
        aria-label=${msg('پالایش بازخوردها', { id: 'c.feedback.filters' })}
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.load();
        }}
      >
        ${select(
          'site',
          msg('تارنما', { id: 'c.feedback.site' }),
          this.sites.map((s) => [s.id, s.name]),
        )}
        ${select(
          'service',
          msg('خدمت', { id: 'c.feedback.service' }),
          this.services.map((s) => [s.id, s.title]),
        )}
        ${select(
          'rating',
          msg('امتیاز', { id: 'c.feedback.rating' }),
          [5, 4, 3, 2, 1].map((r) => [String(r), num(r)]),
        )}
        ${select(
          'category',
          msg('موضوع', { id: 'c.feedback.category' }),
          FEEDBACK_CATEGORIES.map((c) => [c, categoryName(c)]),
        )}
        ${select(
          'status',
          msg('وضعیت', { id: 'c.consultations.status' }),
          FEEDBACK_STATUSES.map((s) => [s, statusName(s)]),
        )}
        ${this.dateField('from', msg('از تاریخ', { id: 'c.feedback.from' }))}
        ${this.dateField('to', msg('تا تاریخ', { id: 'c.feedback.to' }))}
        <div class="field">
          <label for="f-q">${msg('متن', { id: 'c.feedback.q' })}</label>
          <input id="f-q" type="search" .value=${this.filters.q ?? ''} @input=${(e: Event) => this.setFilter('q', (e.target as HTMLInputElement).value)} />
        </div>
        <div class="field"><button type="submit" ?disabled=${this.busy}>${msg('نمایش', { id: 'c.feedback.apply' })}</button></div>
      </form>
      ${this.renderExport('feedback', () => this.query())}
      ${this.renderFailure()} ${this.renderMissing()} ${this.stats ? this.renderStats(this.stats) : nothing} ${this.renderSimilar()}
      ${this.loaded && !this.items.length ? html`<p>${msg('بازخوردی با این پالایه‌ها نیست.', { id: 'c.feedback.none' })}</p>` : nothing}
      ${this.items.map((item) => this.renderItem(item))}
      ${
        this.nextCursor
          ? html`<p><button class="secondary" type="button" ?disabled=${this.busy} @click=${() => this.load(true)}>${msg('بیشتر', { id: 'c.more' })}</button></p>`
          : nothing
      }`;
  }

  /** A date filter, with the picked day echoed in the console's calendar (a date input shows the browser's, Gregorian). */
  private dateField(key: 'from' | 'to', label: string) {
    const value = this.filters[key];
    return html`<div class="field">
      <label for="f-${key}">${label}</label>
      <input
        id="f-${key}"
        type="date"
        aria-describedby="f-${key}-day"
        .value=${value ?? ''}
        @change=${(e: Event) => this.setFilter(key, (e.target as HTMLInputElement).value)}
      />
      <span class="hint" id="f-${key}-day">${value ? date(`${value}T12:00:00`) : ''}</span>
    </div>`;
  }

  private renderMissing() {
    if (!this.missing.length) return nothing;
    return html`<div class="missing" role="alert">
      <p>${msg(str`بارگیری نشد: ${list(this.missing)}. بقیهٔ صفحه درست است.`, { id: 'c.feedback.missing' })}</p>
      <button type="button" class="secondary" @click=${() => this.start()}>${msg('تلاش دوباره', { id: 'c.retry' })}</button>
    </div>`;
  }

  private renderStats(stats: ServiceStats) {
    return html`<section aria-labelledby="stats-title">
      <h3 id="stats-title">${msg(str`${stats.title}: ${num(stats.count)} بازخورد، میانگین ${stats.mean === null ? '—' : num(stats.mean)}`, { id: 'c.feedback.stats' })}</h3>
      ${barChart(
        msg('پراکندگی امتیازها', { id: 'c.feedback.distribution' }),
        stats.distribution.map((count, i) => ({ label: msg(str`${num(i + 1)} ستاره`, { id: 'c.feedback.stars' }), value: count })),
        msg('شمار', { id: 'c.overview.count' }),
      )}
      ${barChart(
        msg('روند هفتگی', { id: 'c.feedback.trend' }),
        stats.weeks.map((w) => ({
          label: msg(str`هفتهٔ ${date(w.weekStart)}`, { id: 'c.overview.week' }),
          value: w.count,
          note: w.mean === null ? '' : msg(str`میانگین ${num(w.mean)}`, { id: 'c.feedback.mean' }),
        })),
        msg('شمار', { id: 'c.overview.count' }),
      )}
    </section>`;
  }

  /** Suggestions many people sent in nearly the same words: one line each, with how many. */
  private renderSimilar() {
    if (!this.similar.length) return nothing;
    return html`<section aria-labelledby="similar-title">
      <h3 id="similar-title">${msg('پیشنهادهای همانند', { id: 'c.feedback.similar' })}</h3>
      <ul class="plain">
        ${this.similar.map((g) => {
          const key = `group-answer:${g.id}`;
          const open = g.members.filter((m) => m.status !== 'closed').length;
          const answerAll = async (e: Event) => {
            e.preventDefault();
            const form = e.target as HTMLFormElement;
            const status = (form.elements.namedItem('status') as HTMLSelectElement).value as FeedbackStatus;
            const answer = (form.elements.namedItem('answer') as HTMLTextAreaElement).value.trim();
            const done = await this.act(() =>
              this.ctx.api.post<GroupActionResult>(ADMIN_GROUP_ROUTES.answerFeedbackGroup.path(g.id), {
                service: this.filters.service,
                status,
                ...(answer ? { answer } : {}),
              }),
            );
            if (!done) return;
            clearDraft(key);
            this.ctx.announce(msg(str`برای ${num(done.updated)} بازخورد ثبت شد.`, { id: 'c.feedback.group-saved' }));
            await this.load();
          };
          return html`<li class="item" data-group=${g.id}>
            <strong>${msg(str`${num(g.size)} بار`, { id: 'c.feedback.times' })}</strong>:
            <span class="user-text">${g.members[0].text}</span>
            ${
              this.ctx.can('moderate') && open
                ? html`<form @submit=${answerAll}>
                  <div class="row">
                    <div class="field">
                      <label for="gs-${g.id}">${msg('وضعیت تازه', { id: 'c.feedback.new-status' })}</label>
                      <select id="gs-${g.id}" name="status">
                        ${(['answered', 'in-progress', 'closed'] as const).map((st) => html`<option value=${st}>${statusName(st)}</option>`)}
                      </select>
                    </div>
                    <div class="field grow">
                      <label for="ga-${g.id}">${msg('پاسخ به همه', { id: 'c.groups.reply' })}</label>
                      <textarea
                        id="ga-${g.id}"
                        name="answer"
                        rows="2"
                        maxlength=${ADMIN_OPS_LIMITS.answer}
                        .value=${readDraft<string>(key) ?? ''}
                        @input=${(e: Event) => saveDraft(key, (e.target as HTMLTextAreaElement).value)}
                      ></textarea>
                    </div>
                  </div>
                  <button type="submit" ?disabled=${this.busy}>${msg('ثبت برای همه', { id: 'c.feedback.group-save' })}</button>
                </form>`
                : nothing
            }
          </li>`;
        })}
      </ul>
    </section>`;
  }

  private renderItem(item: AdminFeedback) {
    const key = `answer:${item.trackingCode}`;
    const draft = readDraft<{ status: FeedbackStatus | ''; answer: string }>(key) ?? { status: '', answer: item.answer ?? '' };
    const moves = NEXT[item.status];
    const keep = (patch: Partial<typeof draft>) => saveDraft(key, { ...(readDraft<typeof draft>(key) ?? draft), ...patch });
    const save = async (e: Event) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const status = (form.elements.namedItem('status') as HTMLSelectElement).value as FeedbackStatus;
      const answer = (form.elements.namedItem('answer') as HTMLTextAreaElement).value.trim();
      if (!status) return;
      const saved = await this.act(
        () =>
          this.ctx.api.post<AdminFeedback>(ADMIN_OPS_ROUTES.feedbackStatus.path(item.trackingCode), {
            status,
            ...(answer ? { answer } : {}),
          }),
        msg('ثبت شد؛ شهروند آن را با کد رهگیری می‌بیند.', { id: 'c.feedback.saved' }),
      );
      if (!saved) return;
      clearDraft(key);
      this.items = this.items.map((f) => (f.trackingCode === saved.trackingCode ? saved : f));
    };
    return html`<article class="item" aria-labelledby="fb-${item.trackingCode}">
      <p class="meta" id="fb-${item.trackingCode}">
        ${item.serviceTitle} · ${msg(str`امتیاز ${num(item.rating)} از ۵`, { id: 'c.feedback.rated' })} · ${statusName(item.status)} ·
        ${date(item.createdAt, true)} · ${msg('کد رهگیری', { id: 'c.comment.code' })} <span dir="ltr">${item.trackingCode}</span>
      </p>
      ${item.categories.length ? html`<p class="meta">${item.categories.map(categoryName).join('، ')}</p>` : nothing}
      ${item.text ? html`<p class="user-text">${item.text}</p>` : nothing}
      ${item.contact ? html`<p class="meta"><span dir="ltr">${item.contact.value}</span></p>` : nothing}
      ${
        item.answer
          ? html`<div class="card">
            <strong>${msg('پاسخ رسمی', { id: 'c.reply.official' })}</strong>
            <p class="user-text">${item.answer}</p>
          </div>`
          : nothing
      }
      ${
        this.ctx.can('moderate') && moves.length
          ? html`<form @submit=${save}>
            <div class="row">
              <div class="field">
                <label for="st-${item.trackingCode}">${msg('وضعیت تازه', { id: 'c.feedback.new-status' })}</label>
                <select id="st-${item.trackingCode}" name="status" @change=${(e: Event) => keep({ status: (e.target as HTMLSelectElement).value as FeedbackStatus })}>
                  ${moves.map((s) => html`<option value=${s} ?selected=${draft.status === s}>${statusName(s)}</option>`)}
                </select>
              </div>
              <div class="field grow">
                <label for="an-${item.trackingCode}">${msg('پاسخ به شهروند', { id: 'c.feedback.answer' })}</label>
                <textarea
                  id="an-${item.trackingCode}"
                  name="answer"
                  rows="2"
                  maxlength=${ADMIN_OPS_LIMITS.answer}
                  .value=${draft.answer}
                  @input=${(e: Event) => keep({ answer: (e.target as HTMLTextAreaElement).value })}
                ></textarea>
              </div>
            </div>
            <button type="submit" ?disabled=${this.busy}>${msg('ثبت', { id: 'c.feedback.save' })}</button>
          </form>`
          : nothing
      }
    </article>`;
  }
}

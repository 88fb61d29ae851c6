import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { ADMIN_OPS_ROUTES, type AdminOverview } from '@nazar/protocol';
import { barChart } from '../chart.js';
import { date, daysUntil, num } from '../locale.js';
import { ConsoleScreen } from '../screen.js';

/** The first screen: what is open, what waits for an official, and participation by week. */
export class ConsoleOverview extends ConsoleScreen {
  @state() private data: AdminOverview | null = null;

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    void this.load();
  }

  private async load(): Promise<void> {
    const data = await this.act(() => this.ctx.api.get<AdminOverview>(ADMIN_OPS_ROUTES.overview.path()));
    if (data) this.data = data;
  }

  override render() {
    const d = this.data;
    return html`<h2 tabindex="-1">${msg('نمای کلی', { id: 'c.overview.title' })}</h2>
      ${this.renderFailure()}
      ${
        d
          ? html`<div class="cards">
              <a class="card" href="#consultations" @click=${this.goTo('consultations')}>
                <span class="figure">${num(d.openConsultations.length)}</span>${msg('رایزنی باز', { id: 'c.overview.open' })}</a
              >
              <a class="card" href="#consultations" @click=${this.goTo('consultations')}>
                <span class="figure">${num(d.counts.pendingComments)}</span>${msg('نظر در انتظار بررسی', { id: 'c.overview.pending' })}</a
              >
              <a class="card" href="#feedback" @click=${this.goTo('feedback')}>
                <span class="figure">${num(d.counts.feedbackWaiting)}</span>${msg('بازخورد در انتظار پاسخ', { id: 'c.overview.feedback' })}</a
              >
              <a class="card" href="#polls" @click=${this.goTo('polls')}>
                <span class="figure">${num(d.counts.activePolls)}</span>${msg('نظرسنجی فعال', { id: 'c.overview.polls' })}</a
              >
            </div>
            <h3>${msg('رایزنی‌های باز', { id: 'c.overview.open-list' })}</h3>
            ${
              d.openConsultations.length
                ? html`<ul>
                  ${d.openConsultations.map(
                    (c) =>
                      html`<li>
                        <a
                          href="#consultation/${encodeURIComponent(c.slug)}"
                          @click=${(e: Event) => {
                            e.preventDefault();
                            this.ctx.go({ screen: 'consultation', slug: c.slug });
                          }}
                          >${c.title}</a
                        >
                        — ${msg(str`${num(Math.max(0, daysUntil(c.closesAt)))} روز مانده`, { id: 'c.overview.days-left' })}
                        (${msg(str`تا ${date(c.closesAt)}`, { id: 'c.overview.until' })})
                      </li>`,
                  )}
                </ul>`
                : html`<p>${msg('اکنون رایزنی بازی نیست.', { id: 'c.overview.none-open' })}</p>`
            }
            <h3>${msg('مشارکت در هفته‌های اخیر', { id: 'c.overview.participation' })}</h3>
            ${barChart(
              msg('نظرها، بازخوردها و رأی‌ها در هر هفته', { id: 'c.overview.chart' }),
              d.weeks.map((w) => ({
                label: msg(str`هفتهٔ ${date(w.weekStart)}`, { id: 'c.overview.week' }),
                value: w.comments + w.feedback + w.votes,
                note: msg(str`${num(w.comments)} نظر، ${num(w.feedback)} بازخورد، ${num(w.votes)} رأی`, { id: 'c.overview.week-note' }),
              })),
              msg('شمار', { id: 'c.overview.count' }),
            )}`
          : this.failure
            ? nothing
            : html`<p role="status">${msg('در حال بارگیری…', { id: 'c.loading' })}</p>`
      }`;
  }

  private goTo(screen: 'consultations' | 'feedback' | 'polls') {
    return (e: Event) => {
      e.preventDefault();
      this.ctx.go({ screen });
    };
  }
}

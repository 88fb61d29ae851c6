import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { ADMIN_ROUTES, CONSULTATION_STATUSES, type AdminConsultationPage, type AdminConsultationSummary } from '@nazar/protocol';
import { date, daysUntil, num } from '../locale.js';
import { statusName } from '../messages.js';
import { ConsoleScreen } from '../screen.js';

/** Every consultation, newest first, paged from the server, filtered by status. */
export class ConsoleConsultations extends ConsoleScreen {
  @state() private items: AdminConsultationSummary[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loaded = false;
  @state() private status = '';

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    void this.load();
  }

  private async load(more = false): Promise<void> {
    const page = await this.act(() =>
      this.ctx.api.get<AdminConsultationPage>(
        ADMIN_ROUTES.consultations.path({ status: this.status || null, cursor: more ? this.nextCursor : null }),
      ),
    );
    if (!page) return;
    this.items = more ? [...this.items, ...page.consultations] : page.consultations;
    this.nextCursor = page.nextCursor;
    this.loaded = true;
  }

  override render() {
    return html`<h2 tabindex="-1">${msg('رایزنی‌ها', { id: 'c.consultations.title' })}</h2>
      ${
        this.ctx.can('manage')
          ? html`<p>
            <a
              class="button"
              href="#new-consultation"
              @click=${(e: Event) => {
                e.preventDefault();
                this.ctx.go({ screen: 'new-consultation' });
              }}
              >${msg('پیش‌نویس تازه', { id: 'c.consultations.new' })}</a
            >
          </p>`
          : nothing
      }
      <div class="field">
        <label for="status">${msg('وضعیت', { id: 'c.consultations.status' })}</label>
        <select
          id="status"
          @change=${(e: Event) => {
            this.status = (e.target as HTMLSelectElement).value;
            void this.load();
          }}
        >
          <option value="">${msg('همه', { id: 'c.all' })}</option>
          ${CONSULTATION_STATUSES.map((s) => html`<option value=${s} ?selected=${this.status === s}>${statusName(s)}</option>`)}
        </select>
      </div>
      ${this.renderExport('consultations', () => new URLSearchParams(this.status ? { status: this.status } : {}))}
      ${this.renderFailure()}
      ${this.loaded && !this.items.length ? html`<p>${msg('رایزنی‌ای نیست.', { id: 'c.consultations.none' })}</p>` : nothing}
      ${
        this.items.length
          ? html`<table class="data">
            <caption class="visually-hidden">${msg('رایزنی‌ها', { id: 'c.consultations.title' })}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('عنوان', { id: 'c.consultations.col-title' })}</th>
                <th scope="col">${msg('وضعیت', { id: 'c.consultations.status' })}</th>
                <th scope="col">${msg('مهلت', { id: 'c.consultations.col-window' })}</th>
                <th scope="col">${msg('در انتظار بررسی', { id: 'c.status.pending' })}</th>
                <th scope="col">${msg('منتشرشده', { id: 'c.status.published' })}</th>
              </tr>
            </thead>
            <tbody>
              ${this.items.map((c) => this.renderRow(c))}
            </tbody>
          </table>`
          : nothing
      }
      ${
        this.nextCursor
          ? html`<p><button class="secondary" type="button" ?disabled=${this.busy} @click=${() => this.load(true)}>${msg('بیشتر', { id: 'c.more' })}</button></p>`
          : nothing
      }`;
  }

  private renderRow(c: AdminConsultationSummary) {
    const left = daysUntil(c.closesAt);
    return html`<tr>
      <td>
        <a
          href="#consultation/${encodeURIComponent(c.slug)}"
          @click=${(e: Event) => {
            e.preventDefault();
            this.ctx.go({ screen: 'consultation', slug: c.slug });
          }}
          >${c.title}</a
        >
      </td>
      <td>${statusName(c.status)}</td>
      <td>
        ${date(c.opensAt)} – ${date(c.closesAt)}
        ${c.status === 'open' ? html`<br /><span class="meta">${msg(str`${num(Math.max(0, left))} روز مانده`, { id: 'c.overview.days-left' })}</span>` : nothing}
      </td>
      <td>${num(c.counts.pending)}</td>
      <td>${num(c.counts.published)}</td>
    </tr>`;
  }
}

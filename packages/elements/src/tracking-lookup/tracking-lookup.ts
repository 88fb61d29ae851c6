import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { ROUTES, TrackingLookup, parseTrackingCode, type FieldError, type Problem } from '@nazar/protocol/browser';
import { getJson } from '@nazar/client';
import { baseStyles } from '../internal/base.styles.js';
import { formatDateTime, formatNumber } from '../internal/format.js';
import { formPartsStyles } from '../internal/form-parts.js';
import { resolveLocale, type NazarLocale } from '../internal/locale.js';
import { fieldErrorMessage, problemMessage } from '../internal/messages.js';
import { commentStatusLabel, dispositionLabel, statusLabel } from './status-messages.js';
import { trackingLookupStyles } from './tracking-lookup.styles.js';

/**
 * "Track a previous submission": takes a tracking code in any digits and shows what became of the
 * submission and the official answer. Used inside the Nazar widgets (loaded on demand, so a page
 * pays for it only when a citizen opens it); not a public tag of its own yet.
 *
 * @attr api - Base URL of the Nazar adapter.
 * @attr lang - The widget's locale.
 * @event nazar-tracking-close - The citizen pressed "back".
 * @csspart status - The result.
 * @csspart report-link - For a published comment on an issued consultation, the link to it in the public report.
 */
@localized()
export class NazarTrackingLookup extends LitElement {
  static override styles = [baseStyles, formPartsStyles, trackingLookupStyles];

  @property() api = '';
  /** A code to look up at once (e.g. one of this device's own submissions). */
  @property() code = '';

  @state() private input = '';
  @state() private error: FieldError | undefined;
  @state() private result: TrackingLookup | undefined;
  @state() private problem: Problem | undefined;
  @state() private busy = false;
  @state() private announcement = '';

  private get locale(): NazarLocale {
    return resolveLocale(this);
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('code') && this.code) {
      this.input = this.code;
      void this.lookup();
    }
  }

  override focus(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
  }

  private async lookup(event?: Event): Promise<void> {
    event?.preventDefault();
    this.result = undefined;
    this.problem = undefined;
    const code = parseTrackingCode(this.input);
    if (!code) {
      // A mistyped digit is caught here, by the check digit, before any request.
      this.error = { field: 'code', code: 'invalid' };
      await this.updateComplete;
      this.focus();
      return;
    }
    this.error = undefined;
    if (!this.api) return;
    this.busy = true;
    const result = await getJson({ api: this.api }, ROUTES.tracking.path(code), TrackingLookup);
    this.busy = false;
    if (result.ok) this.result = result.data;
    else this.problem = result.problem;
    this.announcement = result.ok ? this.statusText(result.data) : this.problemText(result.problem);
  }

  private problemText(problem: Problem): string {
    return problem.code === 'not-found'
      ? msg('نظری با این کد پیدا نشد. رقم‌ها را بررسی کنید.', { id: 'sf.track.not-found' })
      : problemMessage(problem);
  }

  private statusText(r: TrackingLookup): string {
    if (r.kind === 'vote') return msg('رأی شما شمرده شده است.', { id: 'track.vote-counted' });
    return r.kind === 'feedback' ? statusLabel(r.status) : commentStatusLabel(r.status);
  }

  private renderAnswer(r: TrackingLookup) {
    const locale = this.locale;
    if (r.kind === 'feedback') {
      return r.answer
        ? html`<div class="answer">
            <h4>${msg('پاسخ رسمی', { id: 'sf.track.answer' })}</h4>
            <p dir="auto" class="answer-text">${r.answer.text}</p>
            <p class="hint">${formatDateTime(r.answer.answeredAt, locale)}</p>
          </div>`
        : html`<p class="hint">${msg('هنوز پاسخی داده نشده است.', { id: 'sf.track.no-answer' })}</p>`;
    }
    if (r.kind === 'vote') return nothing;
    return html`
      ${
        r.rejectionReason
          ? html`<div class="answer">
            <h4>${msg('دلیل منتشر نشدن', { id: 'track.rejection' })}</h4>
            <p dir="auto" class="answer-text">${r.rejectionReason}</p>
          </div>`
          : nothing
      }
      ${
        r.disposition
          ? html`<div class="answer">
            <h4>${msg('نتیجه در متن نهایی', { id: 'track.disposition' })}: ${dispositionLabel(r.disposition.outcome)}</h4>
            <p dir="auto" class="answer-text">${r.disposition.reason}</p>
          </div>`
          : nothing
      }
      ${
        r.reply
          ? html`<div class="answer">
            <h4>${msg('پاسخ رسمی', { id: 'sf.track.answer' })}</h4>
            <p dir="auto" class="answer-text">${r.reply.text}</p>
            <p class="hint">${formatDateTime(r.reply.at, locale)}</p>
          </div>`
          : nothing
      }
      ${
        r.subject.status === 'issued' && r.status === 'published' && this.api
          ? html`<p>
              <a part="report-link" href=${`${new URL(ROUTES.report.path(r.subject.slug, locale === 'en' ? 'en' : 'fa'), this.api).href}#comment-${r.commentId}`}
                >${msg('نظر شما در گزارش پاسخ به نظرها', { id: 'track.report' })}</a
              >
            </p>`
          : nothing
      }
      ${
        !r.reply && !r.disposition && !r.rejectionReason
          ? html`<p class="hint">${msg('هنوز پاسخی داده نشده است.', { id: 'sf.track.no-answer' })}</p>`
          : nothing
      }
    `;
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent('nazar-tracking-close', { bubbles: true, composed: true }));
  }

  override render() {
    const r = this.result;
    const locale = this.locale;
    return html`
      <form class="stack" novalidate @submit=${this.lookup}>
        <h3>${msg('پیگیری نظری که پیش‌تر فرستاده‌اید', { id: 'sf.track.open' })}</h3>
        <div class="field ${this.error ? 'invalid' : ''}">
          <label for="code">${msg('کد رهگیری', { id: 'field.code' })}</label>
          ${this.error ? html`<p class="field-error" id="code-error" role="alert">${fieldErrorMessage(this.error, locale)}</p>` : nothing}
          <input
            id="code"
            type="text"
            inputmode="numeric"
            dir="ltr"
            autocomplete="off"
            spellcheck="false"
            .value=${this.input}
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby=${this.error ? 'code-error' : nothing}
            @input=${(e: Event) => (this.input = (e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${msg('نمایش وضعیت', { id: 'sf.track.submit' })}</button>
          <button type="button" class="link" @click=${this.close}>${msg('بازگشت', { id: 'sf.track.back' })}</button>
        </div>
        ${this.problem ? html`<p class="notice error">${this.problemText(this.problem)}</p>` : nothing}
        ${
          r
            ? html`<div class="result" part="status">
              <dl>
                <dt>
                  ${
                    r.kind === 'feedback'
                      ? msg('خدمت', { id: 'sf.track.subject' })
                      : r.kind === 'vote'
                        ? msg('نظرسنجی', { id: 'qp.kind' })
                        : msg('پیش‌نویس', { id: 'track.consultation' })
                  }
                </dt>
                <dd>
                  <bdi dir="auto">${r.subject.title}</bdi>
                  ${
                    r.kind === 'comment' && r.subject.clauseNumber !== null
                      ? html`— ${msg(str`بند ${formatNumber(r.subject.clauseNumber, locale)}`, { id: 'track.clause' })}`
                      : nothing
                  }
                </dd>
                <dt>${msg('زمان فرستادن', { id: 'sf.track.sent' })}</dt>
                <dd>${formatDateTime(r.createdAt, locale)}</dd>
                <dt>${msg('وضعیت', { id: 'sf.track.status' })}</dt>
                <dd class="status">${this.statusText(r)}</dd>
              </dl>
              ${this.renderAnswer(r)}
            </div>`
            : nothing
        }
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nazar-tracking-lookup': NazarTrackingLookup;
  }
  interface HTMLElementEventMap {
    'nazar-tracking-close': CustomEvent<void>;
  }
}

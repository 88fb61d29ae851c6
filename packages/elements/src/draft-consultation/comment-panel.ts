import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import {
  CONSULTATION_LIMITS,
  CommentAccepted,
  CommentPage,
  ROUTES,
  checkComment,
  textLength,
  type Clause,
  type CommentSubmission,
  type FieldError,
  type PublishedComment,
  type Stance,
  safeParse,
} from '@nazar/protocol/browser';
import { getJson, type OutboxItem } from '@nazar/client';
import { baseStyles } from '../internal/base.styles.js';
import { formatDate, formatNumber } from '../internal/format.js';
import { copyText, countMessage, errorSummary, formPartsStyles, textField, trackingCodeBox } from '../internal/form-parts.js';
import { resolveLocale, type NazarLocale } from '../internal/locale.js';
import { fieldErrorMessage, problemMessage } from '../internal/messages.js';
import { OutboxController } from '../internal/outbox-controller.js';
import { dispositionText, stanceLabel } from './labels.js';
import { commentPanelStyles } from './comment-panel.styles.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The comments on one clause (or on the whole draft) and the form to add one. Internal to
 * `<draft-consultation>`: it is created only for clauses the citizen opens, so a 500-clause draft
 * does not fetch or render 500 comment lists.
 *
 * @event nazar-queued / nazar-delivered / nazar-rejected - as for every Nazar widget (bubble, composed).
 */
@localized()
export class NazarCommentPanel extends LitElement {
  static override styles = [baseStyles, formPartsStyles, commentPanelStyles];

  @property() api = '';
  @property() slug = '';
  /** The clause, or null for the whole draft. */
  @property({ attribute: false }) clause: Clause | null = null;
  /** True while the consultation accepts comments. */
  @property({ type: Boolean }) writable = false;
  @property() closesAt = '';

  @state() private comments: PublishedComment[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loading = false;
  @state() private loadFailed = false;
  @state() private stance: Stance | '' = '';
  @state() private text = '';
  @state() private proposedText = '';
  @state() private displayName = '';
  @state() private contact = '';
  @state() private errors: FieldError[] = [];
  @state() private showErrors = false;
  @state() private item: OutboxItem | undefined;
  @state() private copied = false;
  @state() private announcement = '';
  @state() private online = navigator.onLine;

  private readonly items = new OutboxController(this, {
    owner: () => this.owner,
    item: () => this.item,
    changed: (item) => {
      if (this.item && item.id !== this.item.id) return false;
      this.item = item;
    },
    delivered: (item) => {
      const accepted = safeParse(CommentAccepted, item.response);
      this.announcement = msg('نظر شما دریافت شد. کد رهگیری در زیر آمده است.', { id: 'dc.announce.received' });
      if (accepted.success && accepted.data.status === 'published') void this.loadComments();
      return accepted.success ? accepted.data.trackingCode : '';
    },
    rejected: (item, problem) => {
      this.restoreForm(item);
      this.announcement = problemMessage(problem);
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.error-summary, .refused')?.focus());
    },
  });
  private readonly onOnline = () => (this.online = navigator.onLine);

  private get locale(): NazarLocale {
    return resolveLocale(this);
  }

  private get owner(): string {
    return `draft-consultation:${this.slug}:${this.clause?.id ?? 'whole'}`;
  }

  private get idPrefix(): string {
    return this.clause?.id ?? 'whole';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOnline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOnline);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('slug') || changed.has('clause') || changed.has('api')) {
      this.comments = [];
      this.nextCursor = null;
      void this.loadComments();
      void this.restoreItem();
    }
  }

  /** Fetches a page of published comments (newest first). */
  private async loadComments(cursor: string | null = null): Promise<void> {
    if (!this.api || !this.slug) return;
    this.loading = true;
    this.loadFailed = false;
    const path = ROUTES.comments.path(this.slug, { clause: this.clause?.id ?? 'whole', cursor });
    const result = await getJson({ api: this.api }, path, CommentPage);
    this.loading = false;
    if (!result.ok) {
      this.loadFailed = true;
      return;
    }
    this.comments = cursor ? [...this.comments, ...result.data.comments] : result.data.comments;
    this.nextCursor = result.data.nextCursor;
  }

  /** After a reload: this clause's comment still on its way, refused, or just received. */
  private async restoreItem(): Promise<void> {
    const items = await this.items.list();
    const item =
      items.filter((i) => i.state !== 'delivered').at(-1) ??
      items.filter((i) => i.state === 'delivered' && Date.now() - i.updatedAt < DAY_MS).at(-1);
    if (!item) return;
    this.item = item;
    if (item.state === 'needs-attention') this.restoreForm(item);
  }

  private restoreForm(item: OutboxItem): void {
    const body = item.body as Partial<CommentSubmission>;
    this.stance = body.stance ?? '';
    this.text = body.text ?? '';
    this.proposedText = body.proposedText ?? '';
    this.displayName = body.displayName ?? '';
    this.contact = body.contact ?? '';
    this.errors = item.problem?.errors ?? [];
    this.showErrors = true;
  }

  /** The body this form would send. */
  private body(): CommentSubmission {
    const body = { text: this.text, locale: this.locale, clauseId: this.clause?.id ?? null } as CommentSubmission;
    if (this.stance) body.stance = this.stance;
    if (this.stance === 'amend') body.proposedText = this.proposedText;
    if (this.displayName.trim()) body.displayName = this.displayName.trim();
    if (this.contact.trim()) body.contact = this.contact.trim();
    return body;
  }

  /** Everything wrong at once (GOV.UK): no stance yet, and what the server would say of the rest. */
  private validate(): FieldError[] {
    const body = this.body();
    if (body.stance !== undefined) return checkComment(body);
    return [{ field: 'stance', code: 'required' }, ...checkComment({ ...body, stance: 'support' })];
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.errors = this.validate();
    this.showErrors = true;
    if (this.errors.length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
      return;
    }
    const body = this.body();
    await this.items.send({ api: this.api, path: ROUTES.comment.path(this.slug) }, body, (item) => {
      this.item = item;
      this.showErrors = false;
      if (item.state !== 'delivered') {
        this.announcement = msg('روی همین دستگاه ذخیره شد. در نخستین فرصت فرستاده می‌شود.', { id: 'sf.announce.saved' });
      }
    });
  }

  private writeAnother(): void {
    this.item = undefined;
    this.stance = '';
    this.text = '';
    this.proposedText = '';
    this.errors = [];
    this.showErrors = false;
    this.copied = false;
  }

  private async discard(): Promise<void> {
    if (this.item) await this.items.instance?.discard(this.item.id);
    this.writeAnother();
  }

  private error(field: string): FieldError | undefined {
    return this.showErrors ? this.errors.find((e) => e.field === field) : undefined;
  }

  private fieldLabel = (field: string): string => {
    switch (field) {
      case 'stance':
        return msg('دیدگاه شما', { id: 'dc.field.stance' });
      case 'text':
        return msg('نظر شما', { id: 'dc.field.text' });
      case 'proposedText':
        return msg('متن پیشنهادی', { id: 'dc.field.proposed' });
      case 'displayName':
        return msg('نام نمایشی', { id: 'dc.field.name' });
      case 'contact':
        return msg('شماره همراه یا رایانامه', { id: 'field.contact' });
      default:
        return msg('فرم', { id: 'field.other' });
    }
  };

  private focusField(field: string): void {
    const id = field === 'stance' ? `${this.idPrefix}-stance-support` : `${this.idPrefix}-${field}`;
    this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`)?.focus();
  }

  // ——— rendering ———

  override render() {
    return html`
      ${this.renderComments()}
      ${this.writable || this.item ? this.renderWrite() : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  private renderComments() {
    const locale = this.locale;
    return html`
      <section class="comments" aria-label=${msg('نظرهای منتشرشده', { id: 'dc.comments.label' })}>
        ${
          this.loadFailed
            ? html`<p class="notice">
              ${msg('نظرها بارگیری نشد.', { id: 'dc.comments.failed' })}
              <button type="button" class="link" @click=${() => this.loadComments()}>${msg('تلاش دوباره', { id: 'dc.retry' })}</button>
            </p>`
            : !this.loading && !this.comments.length
              ? html`<p class="hint">${msg('هنوز نظری منتشر نشده است.', { id: 'dc.comments.none' })}</p>`
              : nothing
        }
        <ol class="comment-list">
          ${this.comments.map(
            (c) => html`<li class="comment">
              <article aria-label=${stanceLabel(c.stance)}>
                <p class="meta">
                  <span class="stance stance-${c.stance}">${stanceLabel(c.stance)}</span>
                  <bdi dir="auto" class="author">${c.displayName ?? msg('یک شهروند', { id: 'dc.comment.anonymous' })}</bdi>
                  <span class="date">${formatDate(c.createdAt, locale)}</span>
                </p>
                <p class="comment-text" dir="auto">${c.text}</p>
                ${
                  c.proposedText
                    ? html`<div class="proposed">
                      <p class="label">${msg('متن پیشنهادی:', { id: 'dc.comment.proposed' })}</p>
                      <p dir="auto">${c.proposedText}</p>
                    </div>`
                    : nothing
                }
                ${
                  c.reply
                    ? html`<div class="reply">
                      <p class="label">${msg('پاسخ رسمی', { id: 'sf.track.answer' })}</p>
                      <p dir="auto">${c.reply.text}</p>
                    </div>`
                    : nothing
                }
                ${c.disposition ? html`<p class="disposition disposition-${c.disposition.outcome}">${dispositionText(c.disposition)}</p>` : nothing}
              </article>
            </li>`,
          )}
        </ol>
        ${
          this.nextCursor
            ? html`<button type="button" ?disabled=${this.loading} @click=${() => this.loadComments(this.nextCursor)}>
              ${msg('نظرهای بیشتر', { id: 'dc.comments.more' })}
            </button>`
            : nothing
        }
      </section>
    `;
  }

  private renderWrite() {
    const item = this.item;
    if (item && item.state !== 'needs-attention') return this.renderStatus(item);
    return this.renderForm();
  }

  private renderStatus(item: OutboxItem) {
    const locale = this.locale;
    if (item.state === 'delivered') {
      const accepted = safeParse(CommentAccepted, item.response);
      const code = accepted.success ? accepted.data.trackingCode : '';
      return html`
        <div class="status received" part="status">
          <p class="status-title">${msg('نظر شما دریافت شد. سپاسگزاریم.', { id: 'dc.status.received' })}</p>
          <p>
            ${
              accepted.success && accepted.data.status === 'published'
                ? msg('نظر شما منتشر شد.', { id: 'dc.status.published' })
                : msg('پس از بررسی کارشناسان منتشر می‌شود. پاسخ و نتیجه را با کد رهگیری ببینید.', { id: 'dc.status.pending' })
            }
          </p>
          ${code ? trackingCodeBox(code, locale, this.copied, () => this.copyCode(code)) : nothing}
          ${
            this.writable
              ? html`<button type="button" @click=${this.writeAnother}>${msg('نوشتن نظری دیگر', { id: 'dc.another' })}</button>`
              : nothing
          }
        </div>
      `;
    }
    return html`
      <div class="status saved" part="status">
        <p class="status-title">${msg('روی همین دستگاه ذخیره شد', { id: 'sf.status.saved' })}</p>
        <p>
          ${
            item.attempts > 0 || !this.online
              ? msg('هنوز فرستاده نشده است، چون اتصال برقرار نیست. هر وقت برخط شوید خودکار فرستاده می‌شود، حتی اگر این صفحه را ببندید.', {
                  id: 'sf.status.waiting',
                })
              : msg('در حال فرستادن…', { id: 'sf.status.sending' })
          }
        </p>
      </div>
    `;
  }

  private async copyCode(code: string): Promise<void> {
    const how = await copyText(code, this.renderRoot as ShadowRoot, '.code-value');
    this.copied = how === 'copied';
    this.announcement =
      how === 'copied'
        ? msg('کد رهگیری رونوشت شد.', { id: 'sf.announce.copied' })
        : msg('کد را انتخاب کنید و رونوشت بگیرید.', { id: 'sf.announce.copy-manually' });
  }

  private async copyOwnText(): Promise<void> {
    const how = await copyText(this.text, this.renderRoot as ShadowRoot, `#${CSS.escape(`${this.idPrefix}-text`)}`);
    this.announcement =
      how === 'copied'
        ? msg('متن نظر شما رونوشت شد.', { id: 'dc.announce.text-copied' })
        : msg('متن را انتخاب کنید و رونوشت بگیرید.', { id: 'dc.announce.text-select' });
  }

  private renderForm() {
    const locale = this.locale;
    const p = this.idPrefix;
    const refused = this.item?.state === 'needs-attention' ? this.item : undefined;
    const closedRefusal = refused?.problem?.code === 'closed';
    const nearDeadline =
      this.closesAt && !this.online && Date.parse(this.closesAt) - Date.now() < DAY_MS && Date.parse(this.closesAt) > Date.now();
    const textUsed = textLength(this.text.trim());
    const stanceError = this.error('stance');
    const textError = this.error('text');
    const proposedError = this.error('proposedText');
    const nameError = this.error('displayName');
    const contactError = this.error('contact');
    const title = this.clause
      ? msg(str`نظر شما درباره ماده ${formatNumber(this.clause.number, locale)}`, { id: 'dc.form.title-clause' })
      : msg('نظر شما درباره کل پیش‌نویس', { id: 'dc.form.title-whole' });
    return html`
      <form class="comment-form stack" novalidate @submit=${this.submit} aria-label=${title}>
        <h4>${title}</h4>
        ${
          nearDeadline
            ? html`<p class="notice warning" role="note">
              ${msg('اتصال شما برقرار نیست و مهلت نظرخواهی کمتر از یک روز دیگر تمام می‌شود. نظری که اکنون بنویسید روی دستگاه ذخیره می‌شود، اما اگر پس از پایان مهلت به کارساز برسد پذیرفته نمی‌شود.', { id: 'dc.offline-deadline' })}
            </p>`
            : nothing
        }
        ${
          closedRefusal
            ? html`<div class="error-summary refused" role="alert" tabindex="-1">
              <h3>${msg('مهلت نظرخواهی پیش از رسیدن نظر شما تمام شد', { id: 'dc.refused.closed-title' })}</h3>
              <p>${msg('نظر شما پذیرفته نشد، چون پس از پایان مهلت به کارساز رسید. متن شما در زیر مانده است تا آن را رونوشت کنید.', { id: 'dc.refused.closed' })}</p>
              <div class="actions">
                <button type="button" @click=${this.copyOwnText}>${msg('رونوشت متن من', { id: 'dc.copy-text' })}</button>
                <button type="button" class="link" @click=${this.discard}>${msg('کنار گذاشتن این نظر', { id: 'dc.discard' })}</button>
              </div>
            </div>`
            : refused && !refused.problem?.errors?.length
              ? html`<div class="error-summary refused" role="alert" tabindex="-1">
                <h3>${msg('نظر شما پذیرفته نشد', { id: 'dc.refused.title' })}</h3>
                <p>${problemMessage(refused.problem ?? { code: 'internal' })}</p>
              </div>`
              : errorSummary(this.showErrors ? this.errors : [], locale, (f) => this.focusField(f), this.fieldLabel)
        }

        <fieldset class="stances ${stanceError ? 'invalid' : ''}" ?disabled=${closedRefusal}>
          <legend>${msg('دیدگاه شما درباره این متن', { id: 'dc.stance.legend' })}</legend>
          ${stanceError ? html`<p class="field-error">${fieldErrorMessage(stanceError, locale)}</p>` : nothing}
          <div class="stance-options">
            ${(['support', 'oppose', 'amend'] as const).map(
              (s) => html`<label class="choice">
                <input
                  type="radio"
                  id="${p}-stance-${s}"
                  name="${p}-stance"
                  .checked=${this.stance === s}
                  @change=${() => {
                    this.stance = s;
                    if (s === 'amend' && !this.proposedText && this.clause) this.proposedText = this.clause.text;
                    if (this.showErrors) this.errors = this.validate();
                  }}
                />
                <span>${stanceLabel(s)}</span>
              </label>`,
            )}
          </div>
        </fieldset>

        <div class="field ${textError ? 'invalid' : ''}">
          <label for="${p}-text">${msg('نظر شما', { id: 'dc.field.text' })}</label>
          ${textError ? html`<p class="field-error" id="${p}-text-error">${fieldErrorMessage(textError, locale)}</p>` : nothing}
          <textarea
            id="${p}-text"
            rows="5"
            dir="auto"
            .value=${this.text}
            ?readonly=${closedRefusal}
            aria-invalid=${textError ? 'true' : 'false'}
            aria-describedby="${textError ? `${p}-text-error ` : ''}${p}-text-count"
            @input=${(e: Event) => {
              this.text = (e.target as HTMLTextAreaElement).value;
              if (this.showErrors) this.errors = this.validate();
            }}
          ></textarea>
          <p id="${p}-text-count" class="count ${textUsed > CONSULTATION_LIMITS.commentText ? 'over' : ''}" aria-live="polite">
            ${countMessage(textUsed, CONSULTATION_LIMITS.commentText, locale)}
          </p>
        </div>

        ${
          this.stance === 'amend'
            ? html`<div class="field ${proposedError ? 'invalid' : ''}">
              <label for="${p}-proposedText">${msg('متن پیشنهادی شما', { id: 'dc.field.proposed-label' })}</label>
              <p class="hint" id="${p}-proposed-hint">${msg('متن کنونی را به شکلی که پیشنهاد می‌کنید ویرایش کنید.', { id: 'dc.proposed.hint' })}</p>
              ${proposedError ? html`<p class="field-error" id="${p}-proposed-error">${fieldErrorMessage(proposedError, locale)}</p>` : nothing}
              <textarea
                id="${p}-proposedText"
                rows="5"
                dir="auto"
                .value=${this.proposedText}
                ?readonly=${closedRefusal}
                aria-invalid=${proposedError ? 'true' : 'false'}
                aria-describedby="${proposedError ? `${p}-proposed-error ` : ''}${p}-proposed-hint"
                @input=${(e: Event) => (this.proposedText = (e.target as HTMLTextAreaElement).value)}
              ></textarea>
            </div>`
            : nothing
        }

        ${textField({
          id: `${p}-displayName`,
          label: msg('نام نمایشی (اختیاری)', { id: 'dc.field.name-label' }),
          hint: msg('با نظر شما منتشر می‌شود. می‌توانید خالی بگذارید.', { id: 'dc.name.hint' }),
          error: nameError,
          locale,
          value: this.displayName,
          onInput: (v) => (this.displayName = v),
          autocomplete: 'nickname',
          readonly: closedRefusal,
        })}
        ${textField({
          id: `${p}-contact`,
          label: msg('شماره همراه یا رایانامه، اگر پاسخ می‌خواهید (اختیاری)', { id: 'sf.contact.label' }),
          hint: msg('فقط کارشناسان آن را می‌بینند و هرگز منتشر نمی‌شود.', { id: 'sf.contact.hint' }),
          error: contactError,
          locale,
          value: this.contact,
          onInput: (v) => (this.contact = v),
          autocomplete: 'off',
          spellcheck: false,
          readonly: closedRefusal,
        })}

        <p class="privacy">
          ${msg('نظر شما پس از بررسی کارشناسان با نام نمایشی‌تان منتشر می‌شود. شماره همراه یا رایانامه منتشر نمی‌شود. بدون کوکی و بدون ردیابی.', { id: 'dc.privacy' })}
        </p>
        ${
          closedRefusal
            ? nothing
            : html`<div class="actions">
              <button class="primary" type="submit" part="submit">
                ${refused ? msg('فرستادن دوباره', { id: 'sf.resend' }) : msg('فرستادن نظر', { id: 'dc.send' })}
              </button>
              ${refused ? html`<button type="button" class="link" @click=${this.discard}>${msg('کنار گذاشتن این نظر', { id: 'dc.discard' })}</button>` : nothing}
            </div>`
        }
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nazar-comment-panel': NazarCommentPanel;
  }
}

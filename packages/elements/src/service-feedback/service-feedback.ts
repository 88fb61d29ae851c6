import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import {
  FEEDBACK_CATEGORIES,
  LIMITS,
  ROUTES,
  FeedbackAccepted,
  ServiceSummary,
  checkFeedback,
  textLength,
  type FeedbackCategory,
  type FeedbackSubmission,
  type FieldError,
  type Problem,
  safeParse,
} from '@nazar/protocol/browser';
import { getJson, type Outbox, type OutboxItem } from '@nazar/client';
import { baseStyles } from '../internal/base.styles.js';
import { emit } from '../internal/events.js';
import { formatAge, formatNumber } from '../internal/format.js';
import { copyText, countMessage, errorSummary, formPartsStyles, textField, trackingCodeBox } from '../internal/form-parts.js';
import { fieldErrorMessage, problemMessage } from '../internal/messages.js';
import { NazarElement } from '../internal/nazar-element.js';
import { OutboxController } from '../internal/outbox-controller.js';
import { serviceFeedbackStyles } from './service-feedback.styles.js';

type View = 'form' | 'status' | 'track';

/** How long a delivered item keeps showing its tracking code after a reload. */
const SHOW_DELIVERED_FOR_MS = 60 * 60 * 1000;
/** GOV.UK character count: tell screen readers the count after the citizen pauses typing. */
const COUNT_ANNOUNCE_DELAY_MS = 1000;

/**
 * Rate an e-service and suggest how to improve it, inline on the service's page.
 *
 * Pressing send saves the feedback on this device first (the Outbox, IndexedDB), shows
 * "saved on this device", and sends it when the network allows; the citizen then gets a tracking
 * code. A refusal by the server is shown with its reason and the text stays editable.
 *
 * Registration lives in `define.ts`; importing this module defines nothing. Anything inside the tag
 * (a link to the old feedback form) is fallback content: shown until the widget renders, never
 * slotted into it, and kept if the widget cannot load.
 *
 * @summary Feedback on one e-service: rating 1–5, topics, a suggestion, an optional private contact.
 *
 * @attr {string} lang - `fa` (default), `en` or `bal` (Balochi, Persian until translated); else the nearest `lang` on the page.
 * @attr {string} dir - Set only to override: the widget sets `rtl` for `fa`/`bal` and `ltr` for `en`.
 *
 * @event {CustomEvent<NazarQueuedDetail>} nazar-queued - Saved on this device (IndexedDB), not yet sent: `detail: { itemId, owner }`.
 * @event {CustomEvent<NazarDeliveredDetail>} nazar-delivered - Received by the server: `detail: { itemId, owner, trackingCode }`.
 * @event {CustomEvent<NazarRejectedDetail>} nazar-rejected - Refused by the server; kept for the citizen to edit and resend: `detail: { itemId, owner, problem }`.
 * @event {CustomEvent<NazarErrorDetail>} nazar-error - Misconfigured (no `service`, no `api`): `detail: { problem }`.
 *
 * @csspart base - The outer box.
 * @csspart heading - The title.
 * @csspart summary - The rating summary.
 * @csspart rating - The rating radio group.
 * @csspart rating-option - Each rating choice.
 * @csspart categories - The topics checkbox group.
 * @csspart textarea - The suggestion box.
 * @csspart contact - The contact input.
 * @csspart submit - The send button.
 * @csspart status - The status panel (saved, received, refused).
 * @csspart tracking-code - The tracking code.
 * @csspart copy-button - The copy button.
 * @csspart error-summary - The list of problems shown after send.
 *
 * @cssproperty [--nazar-color-primary=#0b5cab] - Buttons, selected choices, links, bars.
 * @cssproperty [--nazar-color-on-primary=#ffffff] - Text on the primary colour.
 * @cssproperty [--nazar-color-text=#1b1f24] - Body text.
 * @cssproperty [--nazar-color-muted=#57606a] - Secondary text and hints.
 * @cssproperty [--nazar-color-surface=#ffffff] - Background.
 * @cssproperty [--nazar-color-subtle=#f3f5f7] - Quiet backgrounds (bars' tracks, the code box).
 * @cssproperty [--nazar-color-border=#8c959f] - Borders.
 * @cssproperty [--nazar-color-danger=#b3261e] - Errors and refusals.
 * @cssproperty [--nazar-color-success=#1a7f37] - Received, accepted.
 * @cssproperty [--nazar-color-focus=#ffbf47] - The focus ring.
 * @cssproperty [--nazar-radius=0.5rem] - Corner radius.
 * @cssproperty [--nazar-space=1rem] - Base spacing.
 * @cssproperty [--nazar-font-family=inherit] - Font (the page's by default: no font is downloaded).
 * @cssproperty [--nazar-font-size=inherit] - Font size (the page's by default).
 * @cssproperty [--nazar-block-size=auto] - The room the page reserved until the widget is drawn (docs/webmaster.md, "Keep the page still").
 */
export class ServiceFeedback extends NazarElement {
  static override styles = [baseStyles, formPartsStyles, serviceFeedbackStyles];

  /** The service's id, e.g. `birth-certificate`: letters, digits, `.`, `_`, `-`, up to 80 (required). */
  @property({ reflect: true }) service = '';
  /** The service's name as the page shows it; titles the service when its first feedback registers it. */
  @property() label = '';
  /** Show the rating summary: how many rated it, the mean, the distribution. */
  @property({ type: Boolean }) summary = false;

  @state() private view: View = 'form';
  @state() private rating = 0;
  @state() private categories = new Set<FeedbackCategory>();
  @state() private text = '';
  @state() private contact = '';
  @state() private errors: FieldError[] = [];
  @state() private showErrors = false;
  @state() private touched = new Set<string>();
  @state() private item: OutboxItem | undefined;
  @state() private service_: ServiceSummary | undefined;
  /** The summary's read: its rows are drawn in placeholders of their final height until it is in. */
  @state() private summaryRead: 'pending' | 'done' | 'failed' = 'pending';
  @state() private announcement = '';
  @state() private countAnnouncement = '';
  @state() private copied = false;
  @state() private storageWarning = false;
  @state() private configProblem: Problem | undefined;
  @state() private now = Date.now();

  private countTimer: ReturnType<typeof setTimeout> | undefined;
  /** The service and adapter the last load was for (the first one starts before the first render). */
  private loadedFor: string | undefined;
  private readonly items = new OutboxController(this, {
    owner: () => this.owner,
    item: () => this.item,
    changed: (item) => {
      if (this.item && item.id !== this.item.id && this.view !== 'form') return false;
      if (!this.item || item.id === this.item.id) this.item = item;
      this.now = Date.now();
    },
    delivered: (item) => {
      const accepted = safeParse(FeedbackAccepted, item.response);
      this.view = 'status';
      this.announcement = msg('دریافت شد. کد رهگیری شما در زیر آمده است.', { id: 'sf.announce.received' });
      void this.refreshSummary();
      return accepted.success ? accepted.data.trackingCode : '';
    },
    rejected: (item, problem) => {
      this.restoreForm(item);
      this.announcement = problemMessage(problem);
      void this.updateComplete.then(() => this.errorSummary?.focus());
    },
    storageFailed: () => (this.storageWarning = true),
  });

  /** The page's Outbox once connected (e2e/outbox-chaos.e2e.test.ts sends through it, as a widget would). */
  private get outbox(): Outbox | undefined {
    return this.items.instance;
  }

  private get errorSummary(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.error-summary');
  }

  private get owner(): string {
    return `service-feedback:${this.service}`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.countTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('service') || changed.has('api')) && this.readKey() !== this.loadedFor) void this.load();
    else if (changed.has('summary') && this.summary && this.hasUpdated) void this.refreshSummary();
  }

  /** The first render waits a while for the outbox and the summary: drawn once, with its data. */
  protected override firstRead(): Promise<void> {
    return this.load();
  }

  private readKey(): string {
    return `${this.service}\n${this.apiBase ?? ''}`;
  }

  private async load(): Promise<void> {
    this.loadedFor = this.readKey();
    this.configProblem = undefined;
    const api = this.apiBase;
    if (!this.service || !api) {
      const field = this.service ? 'api' : 'service';
      this.configProblem = {
        type: 'urn:nazar:problem:validation',
        title: 'validation',
        status: 400,
        code: 'validation',
        errors: [{ field, code: 'required' }],
      };
      emit(this, 'nazar-error', { problem: this.configProblem });
      return;
    }
    this.pickItem(await this.items.list());
    // A service the adapter does not know yet is registered by the first feedback: nothing to show.
    await this.refreshSummary();
  }

  /** After a reload: the newest item still on its way, else one just received. */
  private pickItem(items: OutboxItem[]): void {
    const pending = items.filter((i) => i.state !== 'delivered');
    const recent = items.filter((i) => i.state === 'delivered' && Date.now() - i.updatedAt < SHOW_DELIVERED_FOR_MS);
    const item = pending.at(-1) ?? recent.at(-1);
    if (!item) return;
    this.item = item;
    if (item.state === 'needs-attention') this.restoreForm(item);
    else this.view = 'status';
  }

  /** Puts a refused item's answers back in the form, with the server's reasons. */
  private restoreForm(item: OutboxItem): void {
    const body = item.body as Partial<FeedbackSubmission>;
    this.rating = body.rating ?? 0;
    this.categories = new Set(body.categories ?? []);
    this.text = body.text ?? '';
    this.contact = body.contact ?? '';
    this.errors = item.problem?.errors ?? [];
    this.showErrors = true;
    this.view = 'form';
  }

  private async refreshSummary(): Promise<void> {
    const api = this.apiBase;
    if (!api || !this.service) return;
    const result = await getJson({ api }, ROUTES.service.path(this.service), ServiceSummary);
    if (result.ok) this.service_ = result.data;
    // A service nobody has rated is not registered yet: it has no ratings, which is no failure.
    if (result.ok || result.problem.code === 'not-found') this.summaryRead = 'done';
    else if (this.summaryRead !== 'done') this.summaryRead = 'failed';
  }

  // ——— validation (the server checks the same rules; these only spare a round trip) ———

  /** The body this form would send; `rating` absent until one is chosen (so the check says "required"). */
  private body(): FeedbackSubmission {
    const body = { locale: this.locale } as FeedbackSubmission;
    if (this.rating >= 1) body.rating = this.rating;
    if (this.categories.size) body.categories = [...this.categories];
    if (this.text.trim()) body.text = this.text;
    if (this.contact.trim()) body.contact = this.contact.trim();
    const label = this.label.trim();
    if (label) body.serviceLabel = label.slice(0, LIMITS.serviceLabel);
    return body;
  }

  /** Everything wrong at once (GOV.UK): no rating yet, and what the server would say of the rest. */
  private validate(): FieldError[] {
    const body = this.body();
    if (body.rating !== undefined) return checkFeedback(body);
    return [{ field: 'rating', code: 'required' }, ...checkFeedback({ ...body, rating: 1 })];
  }

  private visibleError(field: string): FieldError | undefined {
    if (!this.showErrors && !this.touched.has(field)) return undefined;
    return this.errors.find((e) => e.field.split('.')[0] === field);
  }

  /** Re-checks as the citizen edits, so a fixed field's error disappears at once. */
  private revalidate(): void {
    this.errors = this.validate();
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.errors = this.validate();
    this.showErrors = true;
    if (this.errors.length) {
      await this.updateComplete;
      this.errorSummary?.focus();
      return;
    }
    const api = this.apiBase;
    if (!api) return;
    const body = this.body();
    try {
      await this.items.send({ api, path: ROUTES.feedback.path(this.service) }, body, (item) => {
        // Only now, with the item durably stored, does the citizen hear "saved".
        this.item = item;
        this.view = 'status';
        this.showErrors = false;
        this.touched = new Set();
        if (item.state !== 'delivered') {
          this.announcement = msg('روی همین دستگاه ذخیره شد. در نخستین فرصت فرستاده می‌شود.', { id: 'sf.announce.saved' });
        }
      });
    } catch {
      // The Outbox falls back to memory on storage failure, so this is a bug: keep the text on screen.
      this.announcement = problemMessage({ code: 'internal' });
    }
  }

  private sendAnother(): void {
    this.item = undefined;
    this.rating = 0;
    this.categories = new Set();
    this.text = '';
    this.contact = '';
    this.errors = [];
    this.showErrors = false;
    this.copied = false;
    this.view = 'form';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name="rating"]')?.focus());
  }

  private async discardItem(): Promise<void> {
    if (!this.item) return;
    await this.outbox?.discard(this.item.id);
    this.sendAnother();
  }

  private async copyCode(code: string): Promise<void> {
    const how = await copyText(code, this.renderRoot as ShadowRoot, '.code-value');
    this.copied = how === 'copied';
    this.announcement =
      how === 'copied'
        ? msg('کد رهگیری رونوشت شد.', { id: 'sf.announce.copied' })
        : msg('کد را انتخاب کنید و رونوشت بگیرید.', { id: 'sf.announce.copy-manually' });
  }

  private onText(e: Event): void {
    this.text = (e.target as HTMLTextAreaElement).value;
    if (this.showErrors || this.touched.has('text')) this.revalidate();
    clearTimeout(this.countTimer);
    this.countTimer = setTimeout(() => (this.countAnnouncement = this.countMessage()), COUNT_ANNOUNCE_DELAY_MS);
  }

  private countMessage(): string {
    return countMessage(textLength(this.text.trim()), LIMITS.feedbackText, this.locale);
  }

  private touch(field: string): void {
    this.touched = new Set(this.touched).add(field);
    this.revalidate();
  }

  private focusField(field: string): void {
    const root = field.split('.')[0];
    const target = this.renderRoot.querySelector<HTMLElement>(
      root === 'rating' ? 'input[name="rating"]' : root === 'categories' ? 'input[name="category"]' : `#${root}`,
    );
    target?.focus();
  }

  // ——— tracking (a separate chunk, loaded when the citizen asks for it) ———

  private async openTrack(): Promise<void> {
    await import('../tracking-lookup/define.js');
    this.view = 'track';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('nazar-tracking-lookup')?.focus();
  }

  private closeTrack(): void {
    this.view = this.item && this.item.state !== 'needs-attention' ? 'status' : 'form';
  }

  // ——— rendering ———

  private ratingLabel(value: number): string {
    switch (value) {
      case 1:
        return msg('خیلی بد', { id: 'sf.rating.1' });
      case 2:
        return msg('بد', { id: 'sf.rating.2' });
      case 3:
        return msg('متوسط', { id: 'sf.rating.3' });
      case 4:
        return msg('خوب', { id: 'sf.rating.4' });
      default:
        return msg('خیلی خوب', { id: 'sf.rating.5' });
    }
  }

  private categoryLabel(category: FeedbackCategory): string {
    switch (category) {
      case 'speed':
        return msg('سرعت انجام کار', { id: 'sf.category.speed' });
      case 'clarity':
        return msg('راهنمایی روشن', { id: 'sf.category.clarity' });
      case 'staff':
        return msg('برخورد کارکنان', { id: 'sf.category.staff' });
      case 'online':
        return msg('سامانه یا تارنمای خدمت', { id: 'sf.category.online' });
      case 'documents':
        return msg('مدارک درخواستی', { id: 'sf.category.documents' });
      case 'cost':
        return msg('هزینه', { id: 'sf.category.cost' });
      default:
        return msg('موضوعی دیگر', { id: 'sf.category.other' });
    }
  }

  private get serviceName(): string {
    return this.label || this.service_?.title || '';
  }

  override render() {
    const name = this.serviceName;
    return html`
      <section class="base" part="base" aria-labelledby="heading">
        <h2 id="heading" part="heading">
          ${
            name
              ? html`${msg('نظر شما درباره', { id: 'sf.heading.prefix' })} <bdi class="name" dir="auto">${name}</bdi>`
              : msg('نظر شما درباره این خدمت', { id: 'sf.heading.generic' })
          }
        </h2>
        ${this.summary ? this.renderSummary() : nothing}
        ${
          this.configProblem
            ? html`<p class="notice error" role="alert">${msg('این فرم نظرسنجی درست راه‌اندازی نشده است.', { id: 'sf.config-error' })}</p>`
            : this.view === 'track'
              ? html`<nazar-tracking-lookup
                api=${this.apiBase ?? ''}
                lang=${this.locale}
                @nazar-tracking-close=${this.closeTrack}
              ></nazar-tracking-lookup>`
              : this.view === 'status' && this.item
                ? this.renderStatus(this.item)
                : this.renderForm()
        }
        ${this.storageWarning ? html`<p class="notice warning">${problemMessage({ code: 'storage-unavailable' })}</p>` : nothing}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </section>
    `;
  }

  /**
   * The mean and one row per rating, always: five rows are known before the read, so they are
   * drawn in placeholders of their final height while it is on its way (hidden from assistive
   * technology, which hears "loading" instead), and with zeros for a service nobody has rated yet.
   * The summary never changes its height, and nothing under it moves.
   */
  private renderSummary() {
    const s = this.summaryRead === 'done' ? (this.service_ ?? { count: 0, mean: null, distribution: [0, 0, 0, 0, 0] }) : undefined;
    const locale = this.locale;
    const max = Math.max(...(s?.distribution ?? []), 1);
    return html`
      <div class="summary" part="summary" aria-busy=${this.summaryRead === 'pending' ? 'true' : 'false'}>
        <p class="mean">
          ${
            !s
              ? this.summaryRead === 'pending'
                ? msg('در حال بارگیری امتیازها…', { id: 'sf.summary.loading' })
                : msg('امتیازها بارگیری نشد.', { id: 'sf.summary.failed' })
              : s.count === 0
                ? msg('هنوز امتیازی ثبت نشده است. نخستین نفر باشید.', { id: 'sf.summary.none' })
                : msg(
                    str`امتیاز ${formatNumber(s.mean ?? 0, locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 })} از ۵ با نظر ${formatNumber(s.count, locale)} نفر`,
                    { id: 'sf.summary.mean' },
                  )
          }
        </p>
        <table class=${s ? 'distribution' : 'distribution placeholder'} aria-hidden=${s ? nothing : 'true'}>
          <caption class="visually-hidden">${msg('امتیازها به تفکیک نمره', { id: 'sf.summary.caption' })}</caption>
          <thead class="visually-hidden">
            <tr>
              <th scope="col">${msg('امتیاز', { id: 'field.rating' })}</th>
              <th scope="col">${msg('سهم', { id: 'sf.summary.share' })}</th>
              <th scope="col">${msg('تعداد افراد', { id: 'sf.summary.people' })}</th>
            </tr>
          </thead>
          <tbody>
            ${[5, 4, 3, 2, 1].map((value) => {
              const n = s?.distribution[value - 1] ?? 0;
              // A bar's width is set as a property (through the CSSOM): a strict CSP refuses style attributes
              // (style-src-attr), and lit's styleMap writes the attribute on its first render. e2e/csp.e2e.test.ts.
              return html`<tr>
                <th scope="row">${formatNumber(value, locale)} <span class="visually-hidden">${this.ratingLabel(value)}</span></th>
                <td class="bar-cell"><span class="bar" .style=${`inline-size: ${s ? (n / max) * 100 : 100}%`}></span
                  ><span class="visually-hidden">${formatNumber(s?.count ? n / s.count : 0, locale, { style: 'percent' })}</span></td>
                <td class="count">${s ? formatNumber(n, locale) : '–'}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderErrorSummary() {
    if (!this.showErrors) return nothing;
    const refusal = this.item?.state === 'needs-attention' && this.item.problem?.code !== 'validation' ? this.item.problem : undefined;
    return html`${refusal ? html`<p class="notice error">${problemMessage(refusal)}</p>` : nothing}
    ${errorSummary(this.errors, this.locale, (f) => this.focusField(f))}`;
  }

  private renderForm() {
    const ratingError = this.visibleError('rating');
    const textError = this.visibleError('text');
    const contactError = this.visibleError('contact');
    const refused = this.item?.state === 'needs-attention' ? this.item : undefined;
    const used = textLength(this.text.trim());
    const left = LIMITS.feedbackText - used;
    const categories = this.service_?.categories?.length ? this.service_.categories : FEEDBACK_CATEGORIES;
    return html`
      <form class="stack" novalidate @submit=${this.submit}>
        ${
          refused && !refused.problem?.errors?.length
            ? html`<div class="error-summary" part="error-summary" role="alert" tabindex="-1">
              <h3>${msg('نظر شما پذیرفته نشد', { id: 'sf.refused.title' })}</h3>
              <p>${problemMessage(refused.problem ?? { code: 'internal' })}</p>
              <p>${msg('پاسخ‌های شما در زیر نگه داشته شده است. می‌توانید آن‌ها را تغییر دهید و دوباره بفرستید.', { id: 'sf.refused.kept' })}</p>
            </div>`
            : this.renderErrorSummary()
        }
        <fieldset class="rating ${ratingError ? 'invalid' : ''}" part="rating" aria-describedby=${ratingError ? 'rating-error' : nothing}>
          <legend>${msg('به این خدمت چه امتیازی می‌دهید؟', { id: 'sf.rating.legend' })}</legend>
          ${ratingError ? html`<p class="field-error" id="rating-error">${fieldErrorMessage(ratingError, this.locale)}</p>` : nothing}
          <div class="rating-options">
            ${[1, 2, 3, 4, 5].map(
              (value) => html`
                <label class="rating-option" part="rating-option">
                  <input
                    type="radio"
                    name="rating"
                    .value=${String(value)}
                    .checked=${this.rating === value}
                    @change=${() => {
                      this.rating = value;
                      this.touch('rating');
                    }}
                  />
                  <span class="rating-number">${formatNumber(value, this.locale)}</span>
                  <span class="rating-word">${this.ratingLabel(value)}</span>
                </label>
              `,
            )}
          </div>
        </fieldset>

        <fieldset class="categories" part="categories">
          <legend>${msg('درباره چه بود؟ (اختیاری)', { id: 'sf.categories.legend' })}</legend>
          <div class="category-options">
            ${categories.map(
              (c) => html`<label class="check">
                <input
                  type="checkbox"
                  name="category"
                  .value=${c}
                  .checked=${this.categories.has(c)}
                  @change=${(e: Event) => {
                    const next = new Set(this.categories);
                    if ((e.target as HTMLInputElement).checked) next.add(c);
                    else next.delete(c);
                    this.categories = next;
                  }}
                />
                <span>${this.categoryLabel(c)}</span>
              </label>`,
            )}
          </div>
        </fieldset>

        <div class="field ${textError ? 'invalid' : ''}">
          <label for="text">${msg('این خدمت چگونه می‌تواند بهتر شود؟ (اختیاری)', { id: 'sf.text.label' })}</label>
          ${textError ? html`<p class="field-error" id="text-error">${fieldErrorMessage(textError, this.locale)}</p>` : nothing}
          <textarea
            id="text"
            part="textarea"
            rows="4"
            dir="auto"
            .value=${this.text}
            aria-invalid=${textError ? 'true' : 'false'}
            aria-describedby=${textError ? 'text-error text-count' : 'text-count'}
            @input=${this.onText}
            @blur=${() => this.touch('text')}
          ></textarea>
          <p id="text-count" class="count ${left < 0 ? 'over' : ''}" aria-hidden="true">${this.countMessage()}</p>
          <div class="visually-hidden" aria-live="polite">${this.countAnnouncement}</div>
        </div>

        ${textField({
          id: 'contact',
          part: 'contact',
          label: msg('شماره همراه یا رایانامه، اگر پاسخ می‌خواهید (اختیاری)', { id: 'sf.contact.label' }),
          hint: msg('فقط کارشناسان آن را می‌بینند و هرگز منتشر نمی‌شود.', { id: 'sf.contact.hint' }),
          error: contactError,
          locale: this.locale,
          value: this.contact,
          onInput: (v) => {
            this.contact = v;
            if (this.showErrors || this.touched.has('contact')) this.revalidate();
          },
          onBlur: () => this.touch('contact'),
          autocomplete: 'off',
          spellcheck: false,
        })}

        <p class="privacy">
          ${msg('امتیاز و پیشنهاد شما برای فرمانداری فرستاده می‌شود. بدون کوکی و بدون ردیابی.', { id: 'sf.privacy' })}
        </p>

        <div class="actions">
          <button class="primary" type="submit" part="submit">
            ${refused ? msg('فرستادن دوباره', { id: 'sf.resend' }) : msg('فرستادن', { id: 'sf.send' })}
          </button>
          ${
            refused
              ? html`<button type="button" class="link" @click=${this.discardItem}>${msg('کنار گذاشتن این نظر', { id: 'sf.discard' })}</button>`
              : nothing
          }
          <button type="button" class="link" @click=${this.openTrack}>
            ${msg('پیگیری نظری که پیش‌تر فرستاده‌اید', { id: 'sf.track.open' })}
          </button>
        </div>
      </form>
    `;
  }

  private renderStatus(item: OutboxItem) {
    if (item.state === 'delivered') {
      const accepted = safeParse(FeedbackAccepted, item.response);
      const code = accepted.success ? accepted.data.trackingCode : '';
      return html`
        <div class="status received" part="status">
          <p class="status-title">${msg('دریافت شد. سپاسگزاریم.', { id: 'sf.status.received' })}</p>
          ${code ? trackingCodeBox(code, this.locale, this.copied, () => this.copyCode(code)) : nothing}
          <div class="actions">
            <button type="button" @click=${this.sendAnother}>${msg('ثبت نظری دیگر', { id: 'sf.another' })}</button>
            <button type="button" class="link" @click=${this.openTrack}>${msg('پیگیری نظری که پیش‌تر فرستاده‌اید', { id: 'sf.track.open' })}</button>
          </div>
        </div>
      `;
    }
    const age = formatAge(item.createdAt, this.now, this.locale);
    const waiting = item.attempts > 0 || (typeof navigator !== 'undefined' && navigator.onLine === false);
    return html`
      <div class="status saved" part="status">
        <p class="status-title">${msg('روی همین دستگاه ذخیره شد', { id: 'sf.status.saved' })}</p>
        <p>
          ${
            waiting
              ? msg('هنوز فرستاده نشده است، چون اتصال برقرار نیست. هر وقت برخط شوید خودکار فرستاده می‌شود، حتی اگر این صفحه را ببندید.', {
                  id: 'sf.status.waiting',
                })
              : msg('در حال فرستادن…', { id: 'sf.status.sending' })
          }
        </p>
        <p class="hint">${msg(str`ذخیره‌شده ${age}.`, { id: 'sf.status.age' })}</p>
        ${
          this.outbox?.evictionRisk
            ? html`<p class="notice warning">
              ${msg('این مرورگر داده‌های ذخیره‌شده تارنماها را پس از هفت روز بی‌استفاده پاک می‌کند. نظر شما روی همین دستگاه در انتظار است؛ اگر تا آن زمان فرستاده نشد، این صفحه را دوباره باز کنید.', { id: 'sf.status.eviction' })}
            </p>`
            : nothing
        }
        ${
          this.outbox && !this.outbox.durable
            ? html`<div class="kept">
              <p class="hint">${msg('این مرورگر نمی‌تواند نظر را روی دستگاه نگه دارد؛ تا رسیدن آن، متن شما اینجاست:', { id: 'sf.status.kept' })}</p>
              <p dir="auto" class="kept-text">${(item.body as Partial<FeedbackSubmission>).text ?? ''}</p>
            </div>`
            : nothing
        }
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'service-feedback': ServiceFeedback;
  }
}

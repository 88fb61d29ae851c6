import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import {
  ADMIN_LIMITS,
  ADMIN_ROUTES,
  POLL_LIMITS,
  RESULTS_VISIBILITY,
  type AdminPoll,
  type AdminPollPage,
  type AdminPollSummary,
  type CreatePollRequest,
  type FieldError,
  type PollMode,
  type ResultsVisibility,
} from '@nazar/protocol';
import { barChart } from '../chart.js';
import { clearDraft, readDraft, saveDraft } from '../drafts.js';
import { date, num } from '../locale.js';
import { fieldErrorText, statusName } from '../messages.js';
import { ConsoleScreen } from '../screen.js';

interface PollForm {
  slug: string;
  question: string;
  description: string;
  options: string[];
  mode: PollMode;
  maxChoices: string;
  opensAt: string;
  closesAt: string;
  resultsVisibility: ResultsVisibility;
}

const DRAFT_KEY = 'new-poll';
const localValue = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const toIso = (value: string) => (value ? new Date(value).toISOString() : '');

function emptyForm(): PollForm {
  const now = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
  return {
    slug: '',
    question: '',
    description: '',
    options: ['', ''],
    mode: 'single',
    maxChoices: '',
    opensAt: localValue(now),
    closesAt: localValue(now + 7 * 86_400_000),
    resultsVisibility: 'after-vote',
  };
}

export const visibilityName = (v: string) =>
  v === 'always'
    ? msg('همیشه', { id: 'c.polls.always' })
    : v === 'after-vote'
      ? msg('پس از رأی دادن', { id: 'c.polls.after-vote' })
      : msg('پس از پایان', { id: 'c.polls.after-close' });

/** Polls: the list, a poll's results as a chart with its table, close; create (admins). */
export class ConsolePolls extends ConsoleScreen {
  @state() private polls: AdminPollSummary[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loaded = false;
  @state() private selected: AdminPoll | null = null;
  @state() private creating = false;
  @state() private form: PollForm = readDraft<PollForm>(DRAFT_KEY) ?? emptyForm();

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    void this.load();
  }

  private async load(more = false): Promise<void> {
    const page = await this.act(() => this.ctx.api.get<AdminPollPage>(ADMIN_ROUTES.polls.path({ cursor: more ? this.nextCursor : null })));
    if (!page) return;
    this.polls = more ? [...this.polls, ...page.polls] : page.polls;
    this.nextCursor = page.nextCursor;
    this.loaded = true;
  }

  private async open(slug: string): Promise<void> {
    const poll = await this.act(() => this.ctx.api.get<AdminPoll>(ADMIN_ROUTES.poll.path(slug)));
    if (poll) this.selected = poll;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#poll-title')?.focus();
  }

  private set(patch: Partial<PollForm>): void {
    this.form = { ...this.form, ...patch };
    saveDraft(DRAFT_KEY, this.form);
  }

  private label(field: string): string {
    const root = field.split('.')[0];
    switch (root) {
      case 'slug':
        return msg('نشانی کوتاه', { id: 'c.new.slug' });
      case 'question':
        return msg('پرسش', { id: 'c.polls.question' });
      case 'options':
        return msg('گزینه‌ها', { id: 'c.polls.options' });
      case 'closesAt':
        return msg('پایان', { id: 'c.polls.closes' });
      case 'opensAt':
        return msg('آغاز', { id: 'c.polls.opens' });
      case 'maxChoices':
        return msg('بیشترین شمار گزینه‌ها', { id: 'c.polls.max-choices' });
      default:
        return field;
    }
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault();
    const f = this.form;
    const options = f.options.map((o) => o.trim()).filter(Boolean);
    const local: FieldError[] = [];
    if (!f.question.trim()) local.push({ field: 'question', code: 'required' });
    if (options.length < POLL_LIMITS.minOptions) local.push({ field: 'options', code: 'too-short', limit: POLL_LIMITS.minOptions });
    if (local.length) {
      this.failure = msg('برخی خانه‌ها نیاز به اصلاح دارند.', { id: 'c.problem.validation' });
      this.fieldErrors = local;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
      return;
    }
    const body: CreatePollRequest = {
      slug: f.slug.trim(),
      question: f.question.trim(),
      description: f.description.trim() || null,
      options,
      mode: f.mode,
      ...(f.mode === 'multiple' && f.maxChoices ? { maxChoices: Number(f.maxChoices) } : {}),
      opensAt: toIso(f.opensAt),
      closesAt: toIso(f.closesAt),
      resultsVisibility: f.resultsVisibility,
    };
    const created = await this.act(
      () => this.ctx.api.post<AdminPoll>(ADMIN_ROUTES.createPoll.path(), body),
      msg('نظرسنجی ساخته شد.', { id: 'c.polls.created' }),
    );
    if (!created) return;
    clearDraft(DRAFT_KEY);
    this.form = emptyForm();
    this.creating = false;
    await this.load();
    await this.open(created.slug);
  }

  private async close(poll: AdminPoll): Promise<void> {
    if (!confirm(msg(str`نظرسنجی «${poll.question}» اکنون بسته شود؟`, { id: 'c.polls.confirm-close' }))) return;
    const closed = await this.act(
      () => this.ctx.api.post<AdminPoll>(ADMIN_ROUTES.closePoll.path(poll.slug)),
      msg('نظرسنجی بسته شد.', { id: 'c.polls.closed' }),
    );
    if (closed) {
      this.selected = closed;
      await this.load();
    }
  }

  override render() {
    return html`<h2 tabindex="-1">${msg('نظرسنجی‌ها', { id: 'c.nav.polls' })}</h2>
      ${
        this.ctx.can('manage') && !this.creating
          ? html`<p><button type="button" @click=${() => (this.creating = true)}>${msg('نظرسنجی تازه', { id: 'c.polls.new' })}</button></p>`
          : nothing
      }
      ${this.renderFailure((f) => this.label(f), fieldErrorText)} ${this.creating ? this.renderForm() : nothing}
      ${this.selected ? this.renderPoll(this.selected) : nothing}
      ${
        this.polls.length
          ? this.renderExport('polls', () => new URLSearchParams(), msg('فهرست نظرسنجی‌ها', { id: 'c.polls.list' }))
          : nothing
      }
      ${this.loaded && !this.polls.length ? html`<p>${msg('نظرسنجی‌ای نیست.', { id: 'c.polls.none' })}</p>` : nothing}
      ${
        this.polls.length
          ? html`<table class="data">
            <caption class="visually-hidden">${msg('نظرسنجی‌ها', { id: 'c.nav.polls' })}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('پرسش', { id: 'c.polls.question' })}</th>
                <th scope="col">${msg('وضعیت', { id: 'c.consultations.status' })}</th>
                <th scope="col">${msg('مهلت', { id: 'c.consultations.col-window' })}</th>
                <th scope="col">${msg('رأی‌دهندگان', { id: 'c.polls.voters' })}</th>
              </tr>
            </thead>
            <tbody>
              ${this.polls.map(
                (p) =>
                  html`<tr>
                    <td><button class="secondary" type="button" @click=${() => this.open(p.slug)}>${p.question}</button></td>
                    <td>${statusName(p.status)}</td>
                    <td>${date(p.opensAt)} – ${date(p.closedAt ?? p.closesAt)}</td>
                    <td>${num(p.totalVoters)}</td>
                  </tr>`,
              )}
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

  private renderPoll(poll: AdminPoll) {
    const open = poll.status !== 'closed';
    return html`<section class="item" aria-labelledby="poll-title">
      <h3 id="poll-title" tabindex="-1">${poll.question}</h3>
      <p class="meta">
        ${statusName(poll.status)} · ${date(poll.opensAt, true)} – ${date(poll.closedAt ?? poll.closesAt, true)} ·
        ${msg(str`نمایش نتیجه: ${visibilityName(poll.resultsVisibility)}`, { id: 'c.polls.visibility-is' })}
      </p>
      ${barChart(
        msg(str`نتیجه: ${num(poll.results.totalVoters)} رأی‌دهنده`, { id: 'c.polls.results' }),
        poll.options.map((o) => ({ label: o.label, value: poll.results.counts[o.id] ?? 0 })),
        msg('رأی', { id: 'c.polls.votes' }),
      )}
      <div class="toolbar" role="group" aria-label=${msg('این نظرسنجی', { id: 'c.polls.this-poll' })}>
        ${
          this.ctx.can('manage') && open
            ? html`<button type="button" class="danger" ?disabled=${this.busy} @click=${() => this.close(poll)}>${msg('بستن نظرسنجی', { id: 'c.polls.close' })}</button>`
            : nothing
        }
        ${this.exportButtons('votes', () => new URLSearchParams({ poll: poll.slug }))}
      </div>
    </section>`;
  }

  private renderForm() {
    const f = this.form;
    const text = (field: 'slug' | 'question', label: string) =>
      html`<div class="field">
        <label for="p-${field}">${label}</label>
        <input id="p-${field}" .value=${f[field]} @input=${(e: Event) => this.set({ [field]: (e.target as HTMLInputElement).value })} />
      </div>`;
    return html`<form class="item" @submit=${(e: Event) => this.create(e)} novalidate aria-labelledby="new-poll-title">
      <h3 id="new-poll-title">${msg('نظرسنجی تازه', { id: 'c.polls.new' })}</h3>
      ${text('slug', this.label('slug'))} ${text('question', this.label('question'))}
      <div class="field">
        <label for="p-description">${msg('توضیح (اختیاری)', { id: 'c.polls.description' })}</label>
        <textarea id="p-description" maxlength=${ADMIN_LIMITS.pollDescription} .value=${f.description} @input=${(e: Event) => this.set({ description: (e.target as HTMLTextAreaElement).value })}></textarea>
      </div>
      <fieldset class="field">
        <legend>${this.label('options')}</legend>
        ${f.options.map(
          (o, i) =>
            html`<div class="row">
              <div class="field">
                <label for="p-o${i}">${msg(str`گزینهٔ ${num(i + 1)}`, { id: 'c.polls.option-n' })}</label>
                <input id="p-o${i}" .value=${o} @input=${(e: Event) => this.set({ options: this.form.options.map((x, j) => (j === i ? (e.target as HTMLInputElement).value : x)) })} />
              </div>
              ${
                f.options.length > POLL_LIMITS.minOptions
                  ? html`<div class="field">
                    <button class="secondary" type="button" @click=${() => this.set({ options: this.form.options.filter((_, j) => j !== i) })}>
                      ${msg(str`حذف گزینهٔ ${num(i + 1)}`, { id: 'c.polls.remove-option' })}
                    </button>
                  </div>`
                  : nothing
              }
            </div>`,
        )}
        ${
          f.options.length < POLL_LIMITS.maxOptions
            ? html`<button class="secondary" type="button" @click=${() => this.set({ options: [...this.form.options, ''] })}>${msg('افزودن گزینه', { id: 'c.polls.add-option' })}</button>`
            : nothing
        }
      </fieldset>
      <div class="row">
        <div class="field">
          <label for="p-mode">${msg('گونهٔ پاسخ', { id: 'c.polls.mode' })}</label>
          <select id="p-mode" @change=${(e: Event) => this.set({ mode: (e.target as HTMLSelectElement).value as PollMode })}>
            <option value="single" ?selected=${f.mode === 'single'}>${msg('یک گزینه', { id: 'c.polls.single' })}</option>
            <option value="multiple" ?selected=${f.mode === 'multiple'}>${msg('چند گزینه', { id: 'c.polls.multiple' })}</option>
          </select>
        </div>
        ${
          f.mode === 'multiple'
            ? html`<div class="field">
              <label for="p-max">${this.label('maxChoices')}</label>
              <input id="p-max" type="number" min="1" max=${f.options.length} .value=${f.maxChoices} @input=${(e: Event) => this.set({ maxChoices: (e.target as HTMLInputElement).value })} />
            </div>`
            : nothing
        }
        <div class="field">
          <label for="p-visibility">${msg('نمایش نتیجه به شهروندان', { id: 'c.polls.visibility' })}</label>
          <select id="p-visibility" @change=${(e: Event) => this.set({ resultsVisibility: (e.target as HTMLSelectElement).value as ResultsVisibility })}>
            ${RESULTS_VISIBILITY.map((v) => html`<option value=${v} ?selected=${f.resultsVisibility === v}>${visibilityName(v)}</option>`)}
          </select>
        </div>
      </div>
      <div class="row">
        <div class="field">
          <label for="p-opens">${this.label('opensAt')}</label>
          <input id="p-opens" type="datetime-local" .value=${f.opensAt} @input=${(e: Event) => this.set({ opensAt: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="p-closes">${this.label('closesAt')}</label>
          <input id="p-closes" type="datetime-local" .value=${f.closesAt} @input=${(e: Event) => this.set({ closesAt: (e.target as HTMLInputElement).value })} />
        </div>
      </div>
      <button type="submit" ?disabled=${this.busy}>${msg('ساختن نظرسنجی', { id: 'c.polls.create' })}</button>
      <button type="button" class="secondary" @click=${() => (this.creating = false)}>${msg('انصراف', { id: 'c.cancel' })}</button>
    </form>`;
  }
}

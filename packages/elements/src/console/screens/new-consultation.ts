import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import {
  ADMIN_LIMITS,
  ADMIN_ROUTES,
  MIN_WINDOW_DAYS,
  type Consultation,
  type ConsultationKind,
  type CreateConsultationRequest,
  type FieldError,
} from '@nazar/protocol';
import { clearDraft, readDraft, saveDraft } from '../drafts.js';
import { date, num } from '../locale.js';
import { fieldErrorText } from '../messages.js';
import { ConsoleScreen } from '../screen.js';
import { splitClauses, type SplitClause } from '../split-clauses.js';

interface Form {
  title: string;
  slug: string;
  kind: ConsultationKind;
  issuingBody: string;
  summary: string;
  opensAt: string;
  closesAt: string;
  moderation: 'pre' | 'post';
  pasted: string;
  clauses: SplitClause[] | null;
}

const DRAFT_KEY = 'new-consultation';
const DAY = 86_400_000;

/** `datetime-local` value (the browser's zone) ↔ ISO instant. */
const localValue = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};
const toIso = (value: string) => (value ? new Date(value).toISOString() : '');

function emptyForm(): Form {
  const opens = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
  return {
    title: '',
    slug: '',
    kind: 'regulation',
    issuingBody: '',
    summary: '',
    opensAt: localValue(opens),
    closesAt: localValue(opens + MIN_WINDOW_DAYS.regulation * DAY),
    moderation: 'pre',
    pasted: '',
    clauses: null,
  };
}

/**
 * A new draft from pasted text: split into clauses by its numbering (split-clauses.ts), shown as
 * an editable preview (merge, remove, add, edit heading and text) and saved only when the
 * official says so. Everything typed is kept (drafts.ts) until the consultation is created.
 */
export class ConsoleNewConsultation extends ConsoleScreen {
  @state() private form: Form = readDraft<Form>(DRAFT_KEY) ?? emptyForm();
  @state() private localErrors: FieldError[] = [];

  private set(patch: Partial<Form>): void {
    this.form = { ...this.form, ...patch };
    saveDraft(DRAFT_KEY, this.form);
  }

  private label(field: string): string {
    const root = field.split('.')[0];
    switch (root) {
      case 'title':
        return msg('عنوان', { id: 'c.new.title-label' });
      case 'slug':
        return msg('نشانی کوتاه', { id: 'c.new.slug' });
      case 'summary':
        return msg('خلاصه', { id: 'c.new.summary' });
      case 'issuingBody':
        return msg('دستگاه صادرکننده', { id: 'c.new.issuing-body' });
      case 'opensAt':
        return msg('آغاز رایزنی', { id: 'c.new.opens' });
      case 'closesAt':
        return msg('پایان رایزنی', { id: 'c.new.closes' });
      case 'clauses': {
        const n = Number(field.split('.')[1]);
        return Number.isInteger(n) ? msg(str`بند ${num(n + 1)}`, { id: 'c.new.clause-n' }) : msg('بندها', { id: 'c.new.clauses' });
      }
      default:
        return field;
    }
  }

  private checkLocally(): FieldError[] {
    const f = this.form;
    const errors: FieldError[] = [];
    if (!f.title.trim()) errors.push({ field: 'title', code: 'required' });
    if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(f.slug)) errors.push({ field: 'slug', code: f.slug ? 'invalid' : 'required' });
    if (!f.issuingBody.trim()) errors.push({ field: 'issuingBody', code: 'required' });
    if (!f.opensAt) errors.push({ field: 'opensAt', code: 'required' });
    const days = (Date.parse(toIso(f.closesAt)) - Date.parse(toIso(f.opensAt))) / DAY;
    if (f.closesAt && f.opensAt && days < MIN_WINDOW_DAYS[f.kind])
      errors.push({ field: 'closesAt', code: 'too-short', limit: MIN_WINDOW_DAYS[f.kind] });
    if (!f.clauses?.length) errors.push({ field: 'clauses', code: 'required' });
    f.clauses?.forEach((c, i) => {
      if (!c.text.trim()) errors.push({ field: `clauses.${i}.text`, code: 'required' });
    });
    return errors;
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    this.localErrors = this.checkLocally();
    if (this.localErrors.length) {
      this.failure = msg('برخی خانه‌ها نیاز به اصلاح دارند.', { id: 'c.problem.validation' });
      this.fieldErrors = this.localErrors;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
      return;
    }
    const f = this.form;
    const body: CreateConsultationRequest = {
      slug: f.slug,
      title: f.title.trim(),
      summary: f.summary.trim(),
      kind: f.kind,
      issuingBody: f.issuingBody.trim(),
      opensAt: toIso(f.opensAt),
      closesAt: toIso(f.closesAt),
      moderation: f.moderation,
      clauses: (f.clauses ?? []).map((c) => ({ heading: c.heading?.trim() || null, text: c.text.trim() })),
    };
    const created = await this.act(
      () => this.ctx.api.post<Consultation>(ADMIN_ROUTES.createConsultation.path(), body),
      msg('پیش‌نویس ساخته شد.', { id: 'c.new.created' }),
    );
    if (!created) return;
    clearDraft(DRAFT_KEY);
    this.ctx.go({ screen: 'consultation', slug: created.slug });
  }

  override render() {
    const f = this.form;
    const describe = (e: FieldError, label: string) =>
      e.field === 'closesAt' && e.code === 'too-short'
        ? msg(str`پنجرهٔ رایزنی برای این گونه دست‌کم ${num(MIN_WINDOW_DAYS[f.kind])} روز است.`, { id: 'c.new.too-short' })
        : fieldErrorText(e, label);
    const errorOf = (field: string) => this.fieldErrors.find((e) => e.field === field || e.field.startsWith(`${field}.`));
    const input = (field: keyof Form, label: string, type = 'text', hint?: string) => {
      const error = errorOf(field);
      return html`<div class="field">
        <label for=${field}>${label}</label>
        ${hint ? html`<p class="hint" id="${field}-hint">${hint}</p>` : nothing}
        ${error ? html`<p class="error-text" id="${field}-error">${describe(error, label)}</p>` : nothing}
        <input
          id=${field}
          type=${type}
          .value=${f[field]}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${[hint ? `${field}-hint` : '', error ? `${field}-error` : ''].filter(Boolean).join(' ') || nothing}
          @input=${(e: Event) => this.set({ [field]: (e.target as HTMLInputElement).value })}
        />
        ${type === 'datetime-local' && f[field] ? html`<p class="meta">${date(toIso(f[field] as string), true)}</p>` : nothing}
      </div>`;
    };
    return html`<h2 tabindex="-1">${msg('پیش‌نویس تازه', { id: 'c.consultations.new' })}</h2>
      ${this.renderFailure((field) => this.label(field), describe)}
      <form @submit=${(e: Event) => this.save(e)} novalidate>
        ${input('title', this.label('title'))}
        ${input('slug', this.label('slug'), 'text', msg('حروف کوچک لاتین، رقم و خط تیره؛ در نشانی صفحه می‌آید، مانند street-vendors-1405.', { id: 'c.new.slug-hint' }))}
        <fieldset class="field">
          <legend>${msg('گونه', { id: 'c.new.kind' })}</legend>
          ${(['regulation', 'bill'] as const).map(
            (k) =>
              html`<label
                ><input
                  type="radio"
                  name="kind"
                  .checked=${f.kind === k}
                  @change=${() => this.set({ kind: k, closesAt: localValue(Date.parse(toIso(f.opensAt) || new Date().toISOString()) + MIN_WINDOW_DAYS[k] * DAY) })}
                />
                ${
                  k === 'regulation'
                    ? msg(str`آیین‌نامه (دست‌کم ${num(MIN_WINDOW_DAYS.regulation)} روز)`, { id: 'c.new.regulation' })
                    : msg(str`لایحه (دست‌کم ${num(MIN_WINDOW_DAYS.bill)} روز)`, { id: 'c.new.bill' })
                }</label
              >`,
          )}
        </fieldset>
        ${input('issuingBody', this.label('issuingBody'))}
        <div class="field">
          <label for="summary">${this.label('summary')}</label>
          <textarea id="summary" .value=${f.summary} maxlength=${ADMIN_LIMITS.summary} @input=${(e: Event) => this.set({ summary: (e.target as HTMLTextAreaElement).value })}></textarea>
        </div>
        <div class="row">${input('opensAt', this.label('opensAt'), 'datetime-local')} ${input('closesAt', this.label('closesAt'), 'datetime-local')}</div>
        <div class="field">
          <label for="moderation">${msg('بررسی نظرها', { id: 'c.new.moderation' })}</label>
          <select id="moderation" @change=${(e: Event) => this.set({ moderation: (e.target as HTMLSelectElement).value as 'pre' | 'post' })}>
            <option value="pre" ?selected=${f.moderation === 'pre'}>${msg('پیش از انتشار (پیشنهادی)', { id: 'c.new.pre' })}</option>
            <option value="post" ?selected=${f.moderation === 'post'}>${msg('پس از انتشار', { id: 'c.new.post' })}</option>
          </select>
        </div>
        <div class="field">
          <label for="pasted">${msg('متن پیش‌نویس', { id: 'c.new.pasted' })}</label>
          <p class="hint" id="pasted-hint">
            ${msg(
              'متن کامل را بچسبانید و «بخش‌بندی» را بزنید. هر سطری که با «ماده ۱»، «تبصره»، «بند الف»، «الف)» یا «۱.» آغاز شود بند تازه‌ای می‌شود؛ پیش از ذخیره می‌توانید بندها را ویرایش کنید.',
              {
                id: 'c.new.pasted-hint',
              },
            )}
          </p>
          <textarea id="pasted" rows="10" aria-describedby="pasted-hint" .value=${f.pasted} @input=${(e: Event) => this.set({ pasted: (e.target as HTMLTextAreaElement).value })}></textarea>
          <p><button class="secondary" type="button" @click=${() => this.split()}>${msg('بخش‌بندی', { id: 'c.new.split' })}</button></p>
        </div>
        ${f.clauses ? this.renderPreview(f.clauses) : nothing}
        <p><button type="submit" ?disabled=${this.busy}>${msg('ذخیرهٔ پیش‌نویس', { id: 'c.new.save' })}</button></p>
      </form>`;
  }

  private split(): void {
    const { preamble, clauses } = splitClauses(this.form.pasted);
    // Unnumbered text is one clause, not nothing.
    const found = clauses.length ? clauses : this.form.pasted.trim() ? [{ heading: null, text: this.form.pasted.trim() }] : [];
    this.set({ clauses: found, summary: this.form.summary || (clauses.length ? preamble : '') });
    this.ctx.announce(msg(str`${num(found.length)} بند یافت شد. پیش‌نمایش را بررسی کنید.`, { id: 'c.new.split-done' }));
  }

  private renderPreview(clauses: SplitClause[]) {
    // Handlers read the current clauses, not the ones of the render that made them.
    const now = () => this.form.clauses ?? [];
    const update = (i: number, patch: Partial<SplitClause>) =>
      this.set({ clauses: now().map((c, j) => (j === i ? { ...c, ...patch } : c)) });
    const merge = (i: number) => {
      const current = now();
      const merged = [...current];
      merged[i - 1] = {
        ...merged[i - 1],
        text: `${merged[i - 1].text}\n${[current[i].heading, current[i].text].filter(Boolean).join(' ')}`,
      };
      merged.splice(i, 1);
      this.set({ clauses: merged });
    };
    return html`<section aria-labelledby="preview-title">
      <h3 id="preview-title">${msg(str`پیش‌نمایش: ${num(clauses.length)} بند`, { id: 'c.new.preview' })}</h3>
      <ol>
        ${clauses.map(
          (c, i) =>
            html`<li class="item">
              <div class="field">
                <label for="h${i}">${msg('عنوان بند', { id: 'c.new.heading' })}</label>
                <input id="h${i}" .value=${c.heading ?? ''} @input=${(e: Event) => update(i, { heading: (e.target as HTMLInputElement).value })} />
              </div>
              <div class="field">
                <label for="t${i}">${msg('متن بند', { id: 'c.new.text' })}</label>
                <textarea id="t${i}" .value=${c.text} @input=${(e: Event) => update(i, { text: (e.target as HTMLTextAreaElement).value })}></textarea>
              </div>
              <div class="toolbar">
                ${i > 0 ? html`<button class="secondary" type="button" @click=${() => merge(i)}>${msg('پیوستن به بند پیشین', { id: 'c.new.merge' })}</button>` : nothing}
                <button class="secondary" type="button" @click=${() => this.set({ clauses: [...now().slice(0, i + 1), { heading: null, text: '' }, ...now().slice(i + 1)] })}>
                  ${msg('افزودن بند پس از این', { id: 'c.new.add' })}
                </button>
                <button class="secondary" type="button" @click=${() => this.set({ clauses: now().filter((_, j) => j !== i) })}>${msg('حذف بند', { id: 'c.new.remove' })}</button>
              </div>
            </li>`,
        )}
      </ol>
    </section>`;
  }
}

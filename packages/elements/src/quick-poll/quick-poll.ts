import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import {
  Poll,
  ROUTES,
  VOTER_KEY_HEADER,
  VoteAccepted,
  checkVote,
  type FieldError,
  type PollResults,
  type Problem,
  type VoteSubmission,
  safeParse,
} from '@nazar/protocol/browser';
import { getJson, uuidV4, type OutboxItem } from '@nazar/client';
import { baseStyles } from '../internal/base.styles.js';
import { storedVoterKey, VOTER_KEY_STORAGE } from '../internal/config.js';
import { emit } from '../internal/events.js';
import { formatDate, formatNumber } from '../internal/format.js';
import { errorSummary, formPartsStyles } from '../internal/form-parts.js';
import { problemMessage } from '../internal/messages.js';
import { NazarElement } from '../internal/nazar-element.js';
import { OutboxController } from '../internal/outbox-controller.js';
import { quickPollStyles } from './quick-poll.styles.js';

const choiceKey = (slug: string) => `nazar:poll:${slug}`;

/** The page's storage, when the browser lets the widget use it (private modes may not). */
function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

let memoryVoterKey: string | undefined;

/**
 * The voter key this device already has, without making one. A device without one has not voted,
 * and the server answers a read without a key exactly as it would with a new one: so a first read
 * sends none, and matches the read the loader started (nazar.js, which does the same).
 */
export function existingVoterKey(): string | undefined {
  return storedVoterKey() ?? memoryVoterKey;
}

/**
 * This device's voter key: random, made once, kept in the page's storage under `nazar:`. It stops a
 * second vote from the same browser; it does not stop a person with two browsers (docs/webmaster.md).
 */
export function voterKey(): string {
  const stored = storedVoterKey();
  if (stored) return (memoryVoterKey = stored);
  const key = memoryVoterKey ?? uuidV4();
  try {
    storage()?.setItem(VOTER_KEY_STORAGE, key);
  } catch {
    // Storage full or refused: the key lives as long as the page.
  }
  memoryVoterKey = key;
  return key;
}

/**
 * A poll: the question, a real radio group (one choice) or checkbox group (several), then the
 * results as an accessible bar chart when the poll's rules allow. Votes go through the Outbox, so
 * a vote cast offline is sent when the network returns.
 *
 * Registration lives in `define.ts`; importing this module defines nothing. Anything inside the tag
 * (a link to the poll's page) is fallback content: shown until the widget renders, never slotted.
 *
 * @summary The voting forum, on any page.
 *
 * @attr {string} lang - `fa` (default), `en` or `bal` (Balochi, Persian until translated); else the nearest `lang` on the page.
 * @attr {string} dir - Set only to override: the widget sets `rtl` for `fa`/`bal` and `ltr` for `en`.
 *
 * @event {CustomEvent<NazarQueuedDetail>} nazar-queued - The vote was saved on this device, not yet sent: `detail: { itemId, owner }`.
 * @event {CustomEvent<NazarDeliveredDetail>} nazar-delivered - The server counted it: `detail: { itemId, owner, trackingCode }`.
 * @event {CustomEvent<NazarRejectedDetail>} nazar-rejected - The server refused it (`already-voted`, `closed` …); the choice is kept: `detail: { itemId, owner, problem }`.
 * @event {CustomEvent<NazarErrorDetail>} nazar-error - The poll could not be loaded, or the element is misconfigured: `detail: { problem }`.
 *
 * @csspart base - The outer box.
 * @csspart question - The question.
 * @csspart option - Each choice.
 * @csspart submit - The vote button.
 * @csspart status - The citizen's own vote (saved on this device, or counted).
 * @csspart error-summary - The list of problems shown after voting.
 * @csspart results - The results table.
 * @csspart bar - Each result bar.
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
export class QuickPoll extends NazarElement {
  static override styles = [baseStyles, formPartsStyles, quickPollStyles];

  /** The poll's slug, as the officials created it (required). */
  @property({ reflect: true }) poll = '';

  @state() private data: Poll | undefined;
  @state() private loadProblem: Problem | undefined;
  @state() private selected: string[] = [];
  @state() private errors: FieldError[] = [];
  @state() private item: OutboxItem | undefined;
  @state() private results: PollResults | null = null;
  @state() private myChoice: string[] = [];
  @state() private announcement = '';

  private readonly items = new OutboxController(this, {
    owner: () => this.owner,
    item: () => this.item,
    changed: (item) => {
      this.item = item;
    },
    delivered: (item) => {
      const accepted = safeParse(VoteAccepted, item.response);
      if (!accepted.success) return undefined;
      this.results = accepted.data.results ?? this.results;
      this.remember(accepted.data.optionIds);
      return accepted.data.trackingCode;
    },
    rejected: (item, problem) => {
      this.selected = (item.body as VoteSubmission).optionIds;
      this.announcement = this.refusalText(problem);
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.refused')?.focus());
    },
    // After the event: a reload that finds no adapter says so with `nazar-error`, after it.
    settled: (item) => {
      const code = item.problem?.code;
      if (item.state === 'delivered') this.announcement = msg('رأی شما ثبت شد.', { id: 'qp.announce.counted' });
      // The poll may have closed, or another tab voted: show the poll as it is now.
      else if (code !== 'closed' && code !== 'already-voted') return;
      void this.load();
    },
  });

  /** The poll and adapter the last load was for (the first one starts before the first render). */
  private loadedFor: string | undefined;

  private get owner(): string {
    return `quick-poll:${this.poll}`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('poll') || changed.has('api')) && this.readKey() !== this.loadedFor) void this.load();
  }

  /** The first render waits a while for the poll: drawn once, at its size, not a loading line first. */
  protected override firstRead(): Promise<void> {
    return this.load();
  }

  /** Holds the page's reservation until the poll (or why it could not load) is drawn. */
  protected override reserving(): boolean {
    return !this.data && !this.loadProblem;
  }

  private readKey(): string {
    return `${this.poll}\n${this.apiBase ?? ''}`;
  }

  private async load(): Promise<void> {
    this.loadedFor = this.readKey();
    const api = this.apiBase;
    this.loadProblem = undefined;
    if (!this.poll || !api) {
      this.loadProblem = { type: 'urn:nazar:problem:validation', title: 'validation', status: 400, code: 'validation' };
      emit(this, 'nazar-error', { problem: this.loadProblem });
      return;
    }
    try {
      this.myChoice = JSON.parse(storage()?.getItem(choiceKey(this.poll)) ?? '[]') as string[];
    } catch {
      this.myChoice = [];
    }
    this.item = (await this.items.list()).at(-1);
    if (this.item?.state === 'needs-attention') this.selected = (this.item.body as VoteSubmission).optionIds;
    const known = existingVoterKey();
    const result = await getJson({ api }, ROUTES.poll.path(this.poll), Poll, known ? { [VOTER_KEY_HEADER]: known } : {});
    if (!result.ok) {
      this.loadProblem = result.problem;
      emit(this, 'nazar-error', { problem: result.problem });
      return;
    }
    this.data = result.data;
    this.results = result.data.results;
  }

  private remember(optionIds: string[]): void {
    if (!optionIds.length) return;
    this.myChoice = optionIds;
    try {
      storage()?.setItem(choiceKey(this.poll), JSON.stringify(optionIds));
    } catch {
      // Not remembered after a reload; the server still knows this device voted.
    }
  }

  private refusalText(problem: Problem): string {
    if (problem.code === 'already-voted') return msg('از این دستگاه پیش‌تر در این نظرسنجی رأی داده شده است.', { id: 'qp.refused.already' });
    if (problem.code === 'closed') return msg('این نظرسنجی بسته شده است و رأی تازه نمی‌پذیرد.', { id: 'qp.refused.closed' });
    return problemMessage(problem);
  }

  private toggle(id: string, checked: boolean): void {
    const d = this.data!;
    if (d.mode === 'single') this.selected = [id];
    else this.selected = checked ? [...new Set([...this.selected, id])] : this.selected.filter((x) => x !== id);
    if (this.errors.length) this.errors = this.validate();
  }

  private body(): VoteSubmission {
    return { optionIds: this.selected, voter: { type: 'device', key: voterKey() } };
  }

  private validate(): FieldError[] {
    // "Choose at least one" before anything else the server would say.
    if (!this.selected.length) return [{ field: 'optionIds', code: 'required' }];
    return checkVote(this.body(), this.data!);
  }

  private async vote(event: Event): Promise<void> {
    event.preventDefault();
    this.errors = this.validate();
    if (this.errors.length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
      return;
    }
    const api = this.apiBase;
    if (!api) return;
    const body = this.body();
    await this.items.send({ api, path: ROUTES.vote.path(this.poll) }, body, (item) => {
      this.item = item;
      if (item.state !== 'delivered')
        this.announcement = msg('رأی شما روی همین دستگاه ذخیره شد و فرستاده خواهد شد.', { id: 'qp.announce.saved' });
    });
  }

  private optionLabel(id: string): string {
    return this.data?.options.find((o) => o.id === id)?.label ?? id;
  }

  // ——— rendering ———

  override render() {
    if (this.loadProblem) {
      return html`<section class="base" part="base">
        <p class="notice error" role="alert">
          ${
            this.loadProblem.code === 'not-found'
              ? msg('این نظرسنجی پیدا نشد.', { id: 'qp.not-found' })
              : msg('نظرسنجی بارگیری نشد. اتصال را بررسی کنید.', { id: 'qp.load-failed' })
          }
        </p>
        <button type="button" @click=${() => this.load()}>${msg('تلاش دوباره', { id: 'dc.retry' })}</button>
      </section>`;
    }
    const d = this.data;
    if (!d)
      return html`<section class="base" part="base" aria-busy="true"><p class="hint">${msg('در حال بارگیری نظرسنجی…', { id: 'qp.loading' })}</p></section>`;
    const item = this.item;
    const pending = item?.state === 'queued' || item?.state === 'sending';
    const refused = item?.state === 'needs-attention' ? item : undefined;
    const hasVoted = d.voted || this.myChoice.length > 0 || pending || item?.state === 'delivered';
    const showForm = d.status === 'open' && !hasVoted;
    return html`
      <section class="base stack" part="base" aria-labelledby="question">
        <p class="kind">${msg('نظرسنجی', { id: 'qp.kind' })} · ${this.windowText(d)}</p>
        ${showForm ? this.renderForm(d) : this.renderQuestion(d)}
        ${
          refused?.problem && !showForm
            ? html`<div class="notice error refused" role="alert" tabindex="-1">
              <p>${this.refusalText(refused.problem)}</p>
              <p>
                ${msg('گزینه شما:', { id: 'qp.refused.choice' })}
                ${(refused.body as VoteSubmission).optionIds.map((id, i) => html`${i ? '، ' : ''}<bdi dir="auto">${this.optionLabel(id)}</bdi>`)}
              </p>
            </div>`
            : nothing
        }
        ${hasVoted ? this.renderMine() : nothing} ${this.renderResults(d)}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </section>
    `;
  }

  private windowText(d: Poll): string {
    const opens = formatDate(d.opensAt, this.locale);
    const closes = formatDate(d.closesAt, this.locale);
    if (d.status === 'scheduled') return msg(str`از ${opens} باز می‌شود`, { id: 'qp.window.scheduled' });
    if (d.status === 'open') return msg(str`باز تا ${closes}`, { id: 'qp.window.open' });
    return msg('بسته شده', { id: 'qp.window.closed' });
  }

  private renderQuestion(d: Poll) {
    return html`
      <h2 id="question" part="question"><bdi dir="auto">${d.question}</bdi></h2>
      ${d.description ? html`<p dir="auto" class="description">${d.description}</p>` : nothing}
      ${d.status === 'scheduled' ? html`<p class="notice">${msg('رأی‌گیری هنوز آغاز نشده است.', { id: 'qp.scheduled' })}</p>` : nothing}
      ${d.status === 'closed' ? html`<p class="notice">${msg('رأی‌گیری پایان یافته است.', { id: 'qp.closed' })}</p>` : nothing}
    `;
  }

  private renderForm(d: Poll) {
    const refused = this.item?.state === 'needs-attention' ? this.item : undefined;
    const max = formatNumber(d.maxChoices, this.locale);
    return html`
      <form class="stack" novalidate @submit=${this.vote}>
        ${refused?.problem ? html`<div class="error-summary refused" role="alert" tabindex="-1"><p>${this.refusalText(refused.problem)}</p></div>` : nothing}
        ${errorSummary(
          this.errors,
          this.locale,
          () => this.renderRoot.querySelector<HTMLInputElement>('input[name="option"]')?.focus(),
          () => msg('گزینه‌ها', { id: 'qp.field.options' }),
        )}
        <fieldset class=${this.errors.length ? 'invalid' : ''} aria-describedby=${d.mode === 'multiple' ? 'hint' : nothing}>
          <legend id="question" part="question"><bdi dir="auto">${d.question}</bdi></legend>
          ${d.description ? html`<p dir="auto" class="description">${d.description}</p>` : nothing}
          ${d.mode === 'multiple' ? html`<p class="hint" id="hint">${msg(str`حداکثر ${max} گزینه را انتخاب کنید.`, { id: 'qp.hint.max' })}</p>` : nothing}
          <div class="options">
            ${d.options.map(
              (o) => html`<label class="option" part="option">
                <input
                  type=${d.mode === 'single' ? 'radio' : 'checkbox'}
                  name="option"
                  .value=${o.id}
                  .checked=${this.selected.includes(o.id)}
                  @change=${(e: Event) => this.toggle(o.id, (e.target as HTMLInputElement).checked)}
                />
                <bdi dir="auto">${o.label}</bdi>
              </label>`,
            )}
          </div>
        </fieldset>
        <div class="actions">
          <button class="primary" type="submit" part="submit">${refused ? msg('فرستادن دوباره', { id: 'sf.resend' }) : msg('ثبت رأی', { id: 'qp.vote' })}</button>
        </div>
      </form>
    `;
  }

  private renderMine() {
    const item = this.item;
    const waiting = item?.state === 'queued' || item?.state === 'sending';
    const ids = this.myChoice.length ? this.myChoice : waiting ? (item.body as VoteSubmission).optionIds : [];
    const choice = ids.map((id) => this.optionLabel(id));
    return html`
      <div class="status ${waiting ? 'saved' : 'received'}" part="status">
        ${
          choice.length
            ? html`<p class="status-title">${msg('رأی شما:', { id: 'qp.mine' })} ${choice.map((c, i) => html`${i ? '، ' : ''}<bdi dir="auto">${c}</bdi>`)}</p>`
            : html`<p class="status-title">${msg('از این دستگاه رأی داده‌اید.', { id: 'qp.voted' })}</p>`
        }
        ${
          waiting
            ? html`<p>${msg('رأی شما روی همین دستگاه ذخیره شد و هر وقت برخط شوید فرستاده می‌شود.', { id: 'qp.waiting' })}</p>`
            : nothing
        }
      </div>
    `;
  }

  private renderResults(d: Poll) {
    const r = this.results;
    if (!r) {
      if (d.resultsVisibility === 'after-close' && d.status !== 'closed') {
        return html`<p class="hint">${msg('نتیجه پس از پایان رأی‌گیری نمایش داده می‌شود.', { id: 'qp.results.after-close' })}</p>`;
      }
      if (d.resultsVisibility === 'after-vote' && d.status === 'open') {
        return html`<p class="hint">${msg('نتیجه پس از رأی دادن نمایش داده می‌شود.', { id: 'qp.results.after-vote' })}</p>`;
      }
      return nothing;
    }
    const locale = this.locale;
    const total = formatNumber(r.totalVoters, locale);
    const votes = Object.values(r.counts).reduce((a, b) => a + b, 0);
    return html`
      <table class="results" part="results">
        <caption>
          ${d.status === 'closed' ? msg('نتیجه نهایی', { id: 'qp.results.final' }) : msg('نتیجه تاکنون', { id: 'qp.results.now' })}
          — ${msg(str`${total} نفر رأی داده‌اند`, { id: 'qp.results.total' })}
        </caption>
        <thead class="visually-hidden">
          <tr>
            <th scope="col">${msg('گزینه', { id: 'qp.results.option' })}</th>
            <th scope="col">${msg('درصد', { id: 'qp.results.percent' })}</th>
            <th scope="col">${msg('تعداد رأی', { id: 'qp.results.count' })}</th>
          </tr>
        </thead>
        <tbody>
          ${d.options.map((o) => {
            const n = r.counts[o.id] ?? 0;
            const share = votes ? n / votes : 0;
            // A bar's width is set as a property (through the CSSOM): a strict CSP refuses style attributes
            // (style-src-attr), and lit's styleMap writes the attribute on its first render. e2e/csp.e2e.test.ts.
            return html`<tr class=${this.myChoice.includes(o.id) ? 'mine' : ''}>
              <th scope="row"><bdi dir="auto">${o.label}</bdi></th>
              <td class="bar-cell">
                <span class="track" aria-hidden="true"><span class="bar" part="bar" .style=${`inline-size: ${(share * 100).toFixed(1)}%`}></span></span>
                <span class="percent">${formatNumber(share, locale, { style: 'percent', maximumFractionDigits: 0 })}</span>
              </td>
              <td class="count">${formatNumber(n, locale)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'quick-poll': QuickPoll;
  }
}

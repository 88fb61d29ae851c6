import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { msg, str } from '@lit/localize';
import {
  Clauses,
  CommentAccepted,
  Consultation,
  CountsByClause,
  ROUTES,
  groupTrackingCode,
  safeParse,
  type Clause,
  type Problem,
  type StanceCounts,
} from '@nazar/protocol/browser';
import { getJson, getOutbox, type OutboxItem, type Schema } from '@nazar/client';
import { baseStyles } from '../internal/base.styles.js';
import { intlReady } from '../internal/config.js';
import { emit } from '../internal/events.js';
import { formatCode, formatDate, formatNumber } from '../internal/format.js';
import { formPartsStyles } from '../internal/form-parts.js';
import { getLocale } from '../internal/locale.js';
import { NazarElement } from '../internal/nazar-element.js';
import { diffWords, edges } from '@nazar/protocol/diff';
import { kindLabel } from './labels.js';
import { draftConsultationStyles } from './draft-consultation.styles.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/**
 * Clauses checked and rendered in the first task, then per following task: no task long enough to
 * jank a phone (each batch is well under 50 ms at 4× CPU slowdown; bench/draft.ts). The first batch
 * fills a phone's screen and no more: its layout is the first frame's cost.
 */
const FIRST_BATCH = 3;
const BATCH = 8;

/** A draft whose displayed clauses, and their counts, are checked a batch at a time. */
interface DraftHead {
  data: Consultation;
  /** The displayed clauses (the final text once issued, else the draft's) still to check, as received. */
  unchecked: unknown[];
  /** The counts per clause still to check, as received. */
  uncheckedCounts: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The entries of `counts` for these clauses (own keys only), and the rest. */
function splitCounts(counts: Record<string, unknown>, clauses: unknown[]): [Record<string, unknown>, Record<string, unknown>] {
  const ids = new Set(clauses.map((c) => (isRecord(c) ? c.id : undefined)));
  const entries = Object.entries(counts);
  return [Object.fromEntries(entries.filter(([id]) => ids.has(id))), Object.fromEntries(entries.filter(([id]) => !ids.has(id)))];
}

/** A draft checked without its displayed clauses and their counts (draftShell), and those, as received. */
interface DraftShell {
  shell: Consultation;
  cut: unknown[];
  cutCounts: Record<string, unknown>;
  unchecked: unknown[];
  uncheckedCounts: Record<string, unknown>;
}

/**
 * Checks a draft against the protocol without its displayed clauses and their counts per clause,
 * which draftHead (the first `first`) and renderRest (the rest, a batch per task) check: the same
 * shapes as a whole check, so the same answer once all of it passed. A whole check of 500
 * clauses before showing any would be one long task, and even the head's check, with zod's first
 * use of every schema in it, was 27–49 ms at 4× CPU slowdown (measured): hence two tasks.
 */
function draftShell(raw: unknown, first: number): DraftShell | undefined {
  const outcome = isRecord(raw) && isRecord(raw.outcome) ? raw.outcome : undefined;
  const list = outcome ? outcome.clauses : isRecord(raw) ? raw.clauses : undefined;
  const counts = isRecord(raw) && isRecord(raw.counts) ? raw.counts : undefined;
  if (!isRecord(raw) || !Array.isArray(list) || !counts || !isRecord(counts.byClause)) return undefined; // the whole check fails too
  const cut = list.slice(0, first);
  const [cutCounts, uncheckedCounts] = splitCounts(counts.byClause, cut);
  const bare = { ...raw, counts: { ...counts, byClause: {} } };
  const shell = safeParse(Consultation, outcome ? { ...bare, outcome: { ...outcome, clauses: [] } } : { ...bare, clauses: [] });
  return shell.success ? { shell: shell.data, cut, cutCounts, unchecked: list.slice(first), uncheckedCounts } : undefined;
}

/** The shell with its first displayed clauses and their counts, checked. */
function draftHead(s: DraftShell): DraftHead | undefined {
  const clauses = safeParse(Clauses, s.cut);
  const byClause = safeParse(CountsByClause, s.cutCounts);
  if (!clauses.success || !byClause.success) return undefined;
  const d = s.shell;
  const counts = { ...d.counts, byClause: byClause.data };
  const data = d.outcome ? { ...d, counts, outcome: { ...d.outcome, clauses: clauses.data } } : { ...d, counts, clauses: clauses.data };
  return { data, unchecked: s.unchecked, uncheckedCounts: s.uncheckedCounts };
}

/** Checks a draft's shell, then its head, a task each (see draftShell). */
async function checkHead(raw: unknown, first: number): Promise<DraftHead | undefined> {
  const shell = draftShell(raw, first);
  if (!shell) return undefined;
  await nextTask();
  return draftHead(shell);
}

/** Any JSON: the draft is checked by `checkHead` in the next tasks (parsing 200 KB is a task's worth). */
const AnyJson: Schema<unknown> = { safeParse: (data) => ({ success: true, data }) };

const BAD_RESPONSE: Problem = { type: 'urn:nazar:problem:bad-response', title: 'bad-response', status: 200, code: 'bad-response' };

/**
 * Yields to the browser between batches with a message task: a frame that is due renders between
 * two batches, and input is handled. Not `scheduler.yield()`: in Chromium its continuations run
 * ahead of rendering, so a page rendering a big draft painted only every 150–170 ms (long
 * animation frames, measured at 4× CPU slowdown). Not a chain of `setTimeout`s either: clamped
 * to 4 ms after five, and throttled in a background tab.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/**
 * Resolves once the browser had the chance to paint: the header, then the first clauses, are on
 * screen before the rest are checked. Not longer than 100 ms, since a hidden tab runs no
 * animation frames.
 */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      setTimeout(resolve, 0);
    });
  });
}

/**
 * A draft regulation or bill put before the public, clause by clause: read it, see what others
 * said, comment on a clause or on the whole draft within the legal window, and, once issued, see
 * what changed and how the comments were answered.
 *
 * Every clause stays in the DOM (find-in-page and screen readers reach all of them); long drafts
 * are rendered in small batches and off-screen clauses skip layout with `content-visibility`.
 *
 * Registration lives in `define.ts`, which also registers `nazar-comment-panel`, the comments of
 * one clause that this element renders inside itself; importing this module defines nothing.
 *
 * @summary Clause-by-clause public comment on a draft regulation.
 *
 * @attr {string} lang - `fa` (default), `en` or `bal` (Balochi, Persian until translated); else the nearest `lang` on the page.
 * @attr {string} dir - Set only to override: the widget sets `rtl` for `fa`/`bal` and `ltr` for `en`.
 *
 * @event {CustomEvent<NazarQueuedDetail>} nazar-queued - A comment was saved on this device, not yet sent: `detail: { itemId, owner }`.
 * @event {CustomEvent<NazarDeliveredDetail>} nazar-delivered - A comment reached the server: `detail: { itemId, owner, trackingCode }`.
 * @event {CustomEvent<NazarRejectedDetail>} nazar-rejected - The server refused a comment (e.g. `closed`); its text is kept: `detail: { itemId, owner, problem }`.
 * @event {CustomEvent<NazarErrorDetail>} nazar-error - The draft could not be loaded, or the element is misconfigured: `detail: { problem }`.
 * @event {CustomEvent<void>} nazar-rendered - Every clause of the draft is in the DOM (a long draft renders in batches).
 *
 * @slot - The draft's text, or its opening, as the page publishes it: shown until the widget has
 *   the draft (so the text is read at the speed of plain HTML, and without JavaScript), kept if the
 *   draft cannot be loaded, hidden once the widget shows the draft.
 *
 * @csspart base - The outer box.
 * @csspart heading - The title.
 * @csspart banner - The status and window of the consultation.
 * @csspart clause - Each clause.
 * @csspart report-link - Once issued, the link to the public response-to-comments report.
 * @csspart comment-button - The control that opens a clause's comments.
 * @csspart outcome - The summary of the issued text.
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
export class DraftConsultation extends NazarElement {
  static override styles = [baseStyles, formPartsStyles, draftConsultationStyles];

  /** The draft's slug, as the officials created it (required). */
  @property({ reflect: true }) consultation = '';
  /** A clause id (`c4`) to open and scroll to; `#clause-c4` in the page address does the same. */
  @property() clause = '';

  @state() private data: Consultation | undefined;
  @state() private loadProblem: Problem | undefined;
  @state() private opened = new Set<string>();
  @state() private rendered = 0;
  /**
   * While a draft is first shown, its header and first clauses are laid out hidden behind what is
   * on screen (the page's own text, or the loading notice), a part per frame, and then replace it
   * together: 1, the header's top is laid out; 2, the whole header; 0, shown (see load).
   */
  @state() private staged: 0 | 1 | 2 = 0;
  @state() private now = Date.now();
  @state() private ownComments: { code: string; clauseId: string | null }[] = [];
  @state() private trackingCode: string | undefined;
  @state() private tracking = false;

  private clock: ReturnType<typeof setInterval> | undefined;
  /** Displayed clauses, and counts per clause, not checked yet (see draftHead). */
  private unchecked: unknown[] = [];
  /**
   * How many displayed clauses are checked; during a refresh the ones after them are still the
   * previous reading's, on screen until their batch replaces them.
   */
  private checked = 0;
  private uncheckedCounts: Record<string, unknown> = {};

  /** Displayed clauses received, checked or not. */
  private get total(): number {
    return this.checked + this.unchecked.length;
  }
  /** Bumped by every load: an older load's batches stop. */
  private generation = 0;
  private pendingScroll: string | undefined;
  private readonly onHash = () => {
    const id = this.linkedClause();
    if (id) void this.openClause(id, true);
  };
  private readonly onDelivered = () => {
    void this.refresh();
    void this.loadOwnComments();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    this.addEventListener('nazar-delivered', this.onDelivered);
    this.clock = setInterval(() => (this.now = Date.now()), 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    this.removeEventListener('nazar-delivered', this.onDelivered);
    clearInterval(this.clock);
    this.generation++;
  }

  /** The first render waits a task, so evaluating this module and rendering are not one long task. */
  protected override beforeFirstUpdate(): Promise<void> {
    return nextTask();
  }

  /**
   * Holds the page's reservation (`--nazar-block-size`) while the page's own text is what shows:
   * until the draft is drawn, or the load failed (then that text stays, with a notice).
   */
  protected override reserving(): boolean {
    return !this.loadProblem && (!this.data || this.staged !== 0);
  }

  /** Whether the page put content inside the tag (the draft's text, a link to it). */
  private hasOwnContent(): boolean {
    return [...this.childNodes].some((n) => n.nodeType === Node.ELEMENT_NODE || n.textContent?.trim());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('consultation') || changed.has('api')) void this.load();
    if (changed.has('clause') && this.clause && this.data) void this.openClause(this.clause, true);
  }

  private async load(): Promise<void> {
    const api = this.apiBase;
    const generation = ++this.generation;
    this.loadProblem = undefined;
    if (!this.consultation || !api) {
      this.fail({ type: 'urn:nazar:problem:validation', title: 'validation', status: 400, code: 'validation' });
      return;
    }
    const result = await getJson({ api }, ROUTES.consultation.path(this.consultation), AnyJson);
    if (generation !== this.generation) return;
    if (!result.ok) {
      this.fail(result.problem);
      return;
    }
    // Parsing the draft is one task, checking its head the next two (checkHead), making the
    // formatters the header needs (Intl objects are costly to build) the next, rendering the one after.
    await nextTask();
    if (generation !== this.generation) return;
    const head = await checkHead(result.data, FIRST_BATCH);
    if (generation !== this.generation) return;
    if (!head) {
      this.fail(BAD_RESPONSE);
      return;
    }
    await intlReady();
    await nextTask();
    formatDate(0, this.locale);
    formatNumber(0, this.locale);
    await nextTask();
    if (generation !== this.generation) return;
    // Laying out the header and the first clauses at once (text shaping, fonts) is one long frame
    // on a phone (the header alone took 40–54 ms at 4× CPU slowdown, measured). So they are laid
    // out hidden behind what is on screen, the header's top, its rest, then the clauses, a frame
    // each (renderRest), and shown together: no frame shows the header alone, and what they
    // shaped while hidden is not shaped again.
    this.staged = 1;
    this.accept(head, 0);
    const linked = this.linkedClause();
    if (linked) void this.openClause(linked, true);
    void this.renderRest(generation);
  }

  private fail(problem: Problem): void {
    this.generation++;
    this.loadProblem = problem;
    emit(this, 'nazar-error', { problem });
  }

  /** Takes a checked head; `rendered` clauses of it are shown now, the rest by renderRest. */
  private accept(head: DraftHead, rendered: number): void {
    this.data = head.data;
    this.unchecked = head.unchecked;
    this.uncheckedCounts = head.uncheckedCounts;
    this.checked = this.displayedClauses().length;
    this.rendered = Math.min(rendered, this.displayedClauses().length);
  }

  /**
   * Checks and renders the rest of a long draft a batch per task, so no single task blocks the
   * page; every clause ends up in the DOM (no virtualisation: find-in-page and screen readers
   * reach all of them). A clause that fails the check fails the draft, as a whole check would.
   */
  private async renderRest(generation: number): Promise<void> {
    /** Renders, scrolls to a linked clause once the draft shows, lets a frame paint; false if a newer load took over. */
    const painted = async () => {
      await this.updateComplete;
      if (this.pendingScroll && !this.staged) this.scrollToClause(this.pendingScroll);
      await afterPaint();
      return generation === this.generation;
    };
    if (!(await painted())) return;
    if (this.staged === 1) {
      this.staged = 2;
      if (!(await painted())) return;
    }
    if (this.rendered < this.displayedClauses().length) {
      this.rendered = this.displayedClauses().length;
      if (!(await painted())) return;
    }
    if (this.staged) {
      this.staged = 0;
      if (!(await painted())) return;
    }
    void this.loadOwnComments();
    const counts = this.data!.counts.byClause;
    while (this.unchecked.length || Object.keys(this.uncheckedCounts).length) {
      await nextTask();
      if (generation !== this.generation) return;
      const batch = safeParse(Clauses, this.unchecked.slice(0, BATCH));
      // With the last batch, the counts of clauses not displayed (those the final text dropped).
      const [mine, rest] =
        this.unchecked.length > BATCH ? splitCounts(this.uncheckedCounts, this.unchecked.slice(0, BATCH)) : [this.uncheckedCounts, {}];
      const batchCounts = safeParse(CountsByClause, mine);
      if (!batch.success || !batchCounts.success) {
        this.fail(BAD_RESPONSE);
        return;
      }
      this.unchecked = this.unchecked.slice(BATCH);
      this.uncheckedCounts = rest;
      // A refresh's batch replaces the previous reading's counts (a clause may have none now).
      for (const c of this.displayedClauses().slice(this.checked, this.checked + batch.data.length)) delete counts[c.id];
      Object.assign(counts, batchCounts.data);
      // In place: after a first load this appends; in a refresh it replaces the previous reading.
      this.displayedClauses().splice(this.checked, batch.data.length, ...batch.data);
      this.checked += batch.data.length;
      this.rendered = Math.max(this.rendered, this.checked);
      this.requestUpdate();
      await this.updateComplete;
      if (this.pendingScroll) this.scrollToClause(this.pendingScroll);
    }
    await this.updateComplete;
    if (generation === this.generation) this.dispatchEvent(new CustomEvent('nazar-rendered', { bubbles: true, composed: true }));
  }

  /**
   * Re-reads the draft (counts change as comments are published) and checks it batch by batch
   * again, as the first load does: checking and re-rendering 500 clauses at once after every
   * delivered comment would freeze a phone. While the draft keeps its state and its clauses, the
   * clauses on screen stay until their batch is checked, with their counts: nothing leaves the
   * page, nothing jumps. A draft that changed state (closed, issued) is shown afresh.
   */
  private async refresh(): Promise<void> {
    const api = this.apiBase;
    if (!api || !this.consultation || !this.data) return;
    const generation = ++this.generation;
    const result = await getJson({ api }, ROUTES.consultation.path(this.consultation), AnyJson);
    if (!result.ok || generation !== this.generation) return;
    await nextTask();
    const head = await checkHead(result.data, FIRST_BATCH);
    if (!head || generation !== this.generation) return;
    const before = { data: this.data, total: this.total, kept: this.displayedClauses().slice(FIRST_BATCH, this.rendered) };
    this.accept(head, FIRST_BATCH);
    // A draft's clauses change only with its state (issued: the final text), so while the state
    // and the number of clauses hold, the previous reading's later clauses and counts stay on
    // screen until their batches replace them.
    if (head.data.status === before.data.status && this.total === before.total) {
      this.displayedClauses().push(...before.kept);
      for (const c of before.kept) {
        const count = before.data.counts.byClause[c.id];
        if (count) this.data.counts.byClause[c.id] = count;
      }
      this.rendered = this.displayedClauses().length;
    }
    void this.renderRest(generation);
  }

  /** Tracking codes of this device's delivered comments on this draft. */
  private async loadOwnComments(): Promise<void> {
    const items: OutboxItem[] = await getOutbox().list();
    const prefix = `draft-consultation:${this.consultation}:`;
    this.ownComments = items
      .filter((i) => i.owner.startsWith(prefix) && i.state === 'delivered')
      .flatMap((i) => {
        const a = safeParse(CommentAccepted, i.response);
        return a.success ? [{ code: a.data.trackingCode, clauseId: a.data.clauseId }] : [];
      });
  }

  private linkedClause(): string | undefined {
    const match = /^#clause-(.+)$/.exec(location.hash);
    if (match) return decodeURIComponent(match[1]);
    return this.clause || undefined;
  }

  private displayedClauses(): Clause[] {
    return this.data?.outcome?.clauses ?? this.data?.clauses ?? [];
  }

  private async openClause(id: string, scroll: boolean): Promise<void> {
    if (!this.data) return;
    const exists =
      id === 'whole' ||
      this.displayedClauses().some((c) => c.id === id) ||
      this.data.clauses.some((c) => c.id === id) ||
      // a clause of a later batch, not checked yet: it is scrolled to once rendered
      this.unchecked.some((c) => isRecord(c) && c.id === id);
    if (!exists) return;
    this.opened = new Set(this.opened).add(id);
    if (scroll) {
      this.pendingScroll = id;
      await this.updateComplete;
      this.scrollToClause(id);
    }
  }

  private scrollToClause(id: string): void {
    const section = this.renderRoot.querySelector<HTMLElement>(`#clause-${CSS.escape(id)}`);
    if (!section) return; // not rendered yet: the next batch tries again
    this.pendingScroll = undefined;
    section.scrollIntoView({ block: 'start' });
    section.querySelector<HTMLElement>('.clause-title')?.focus({ preventScroll: true });
    this.settleScroll(section);
  }

  /**
   * Clauses above the target skip layout (`content-visibility: auto`) and are laid out at their
   * real height only once near the viewport, which moves the target after the scroll: scroll
   * again for a few frames, until it stays put or the citizen scrolls or types themselves.
   */
  private settleScroll(section: HTMLElement): void {
    const top = section.getBoundingClientRect().top;
    let frames = 8;
    let citizen = false;
    const events = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
    const stop = () => (citizen = true);
    for (const e of events) addEventListener(e, stop, { capture: true, passive: true });
    const check = () => {
      if (!citizen && frames-- > 0 && section.isConnected) {
        if (Math.abs(section.getBoundingClientRect().top - top) > 1) section.scrollIntoView({ block: 'start' });
        requestAnimationFrame(check);
        return;
      }
      for (const e of events) removeEventListener(e, stop, { capture: true });
    };
    requestAnimationFrame(check);
  }

  private toggle(id: string): void {
    const next = new Set(this.opened);
    if (next.has(id)) next.delete(id);
    else {
      next.add(id);
      // The address follows the citizen, so the link they share opens this clause.
      history.replaceState(history.state, '', `#clause-${encodeURIComponent(id)}`);
    }
    this.opened = next;
  }

  private async showAnswer(code: string): Promise<void> {
    await import('../tracking-lookup/define.js');
    this.trackingCode = code;
    this.tracking = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('nazar-tracking-lookup')?.focus();
  }

  // ——— rendering ———

  override render() {
    if (this.loadProblem) {
      return html`<section class="base" part="base">
        <p class="notice error" role="alert">
          ${
            this.loadProblem.code === 'not-found'
              ? msg('این پیش‌نویس پیدا نشد.', { id: 'dc.not-found' })
              : msg('پیش‌نویس بارگیری نشد. اتصال را بررسی کنید.', { id: 'dc.load-failed' })
          }
        </p>
        <button type="button" @click=${() => this.load()}>${msg('تلاش دوباره', { id: 'dc.retry' })}</button>
        <slot></slot>
      </section>`;
    }
    const d = this.data;
    if (!d) return this.renderLoading();
    const locale = this.locale;
    const api = this.apiBase;
    // While staged, the loading view (with the page's own text) stays, the draft hidden behind it.
    const top = this.staged === 1;
    return html`
      ${this.staged ? this.renderLoading() : nothing}
      <article class=${this.staged ? 'base staged' : 'base'} part="base" aria-labelledby="title">
        <header class="stack">
          <p class="kind">${kindLabel(d.kind)} · <bdi dir="auto">${d.issuingBody}</bdi></p>
          <h2 id="title" part="heading"><bdi dir="auto">${d.title}</bdi></h2>
          ${d.summary ? html`<p class="summary" dir="auto">${d.summary}</p>` : nothing}
          ${top ? nothing : this.renderBanner(d)}
        </header>
        ${d.outcome && !top ? this.renderOutcome(d) : nothing} ${top ? nothing : this.renderOwnComments()}
        ${
          this.tracking
            ? html`<nazar-tracking-lookup
              api=${api ?? ''}
              lang=${locale}
              code=${this.trackingCode ?? ''}
              @nazar-tracking-close=${() => (this.tracking = false)}
            ></nazar-tracking-lookup>`
            : nothing
        }
        <ol class="clauses" aria-label=${msg('مواد پیش‌نویس', { id: 'dc.clauses.label' })}>
          ${this.displayedClauses()
            .slice(0, this.rendered)
            .map((c) => this.guardedClause(d, c, api))}
        </ol>
        ${
          this.rendered < this.total
            ? html`<p class="hint" aria-live="polite">${msg('بقیه مواد در حال نمایش است…', { id: 'dc.rendering' })}</p>`
            : nothing
        }
        ${d.outcome && !top ? this.renderRemovedClauses(d) : nothing} ${top ? nothing : this.renderWhole(d)}
      </article>
    `;
  }

  private renderLoading() {
    // Not busy when the page's own text is showing: a screen reader may hold back a busy
    // region's content, and that text is the draft, readable now.
    return html`<section class="base" part="base" aria-busy=${this.hasOwnContent() ? 'false' : 'true'}>
      <p class="hint">${msg('در حال بارگیری پیش‌نویس…', { id: 'dc.loading' })}</p>
      <slot></slot>
    </section>`;
  }

  private renderBanner(d: Consultation) {
    const locale = this.locale;
    const opens = formatDate(d.opensAt, locale);
    const closes = formatDate(d.closesAt, locale);
    let text: string;
    let countdown: string | undefined;
    switch (d.status) {
      case 'scheduled':
        text = msg(str`نظرخواهی از ${opens} آغاز می‌شود و تا ${closes} ادامه دارد.`, { id: 'dc.banner.scheduled' });
        break;
      case 'open':
        text = msg(str`باز برای نظرخواهی تا ${closes}`, { id: 'dc.banner.open' });
        countdown = this.countdown(Date.parse(d.closesAt) - this.now);
        break;
      case 'review':
        text = msg(str`نظرخواهی در ${closes} پایان یافت؛ نظرها در دست بررسی است.`, { id: 'dc.banner.review' });
        break;
      case 'issued': {
        const issued = formatDate(d.outcome?.issuedAt ?? d.closesAt, locale);
        text = msg(str`متن نهایی در ${issued} ابلاغ شد.`, { id: 'dc.banner.issued' });
        break;
      }
      default: {
        const at = formatDate(d.withdrawal?.at ?? d.closesAt, locale);
        text = msg(str`این پیش‌نویس در ${at} پس گرفته شد.`, { id: 'dc.banner.withdrawn' });
      }
    }
    return html`
      <div class="banner banner-${d.status}" part="banner">
        <p class="banner-text">${text}${countdown ? html` <strong class="countdown">${countdown}</strong>` : nothing}</p>
        ${d.status === 'withdrawn' && d.withdrawal?.reason ? html`<p dir="auto">${d.withdrawal.reason}</p>` : nothing}
        ${d.extensions.map((x) => {
          const until = formatDate(x.closesAt, locale);
          const reason = x.reason;
          return html`<p class="extension">${msg(str`مهلت نظرخواهی تا ${until} تمدید شد: ${reason}`, { id: 'dc.banner.extended' })}</p>`;
        })}
        ${
          d.status === 'open'
            ? html`<p class="hint">${msg('درباره هر ماده جداگانه یا درباره کل پیش‌نویس نظر بدهید.', { id: 'dc.banner.how' })}</p>`
            : nothing
        }
      </div>
    `;
  }

  /** "۵ روز مانده", "۳ ساعت مانده": the time left, in the locale's digits; hours in the last two days. */
  private countdown(ms: number): string {
    const locale = this.locale;
    if (ms >= 2 * DAY_MS) {
      const n = formatNumber(Math.round(ms / DAY_MS), locale);
      return msg(str`${n} روز مانده`, { id: 'dc.countdown.days' });
    }
    if (ms >= HOUR_MS) {
      const n = formatNumber(Math.floor(ms / HOUR_MS), locale);
      return msg(str`${n} ساعت مانده`, { id: 'dc.countdown.hours' });
    }
    const n = formatNumber(Math.max(1, Math.ceil(ms / 60_000)), locale);
    return msg(str`${n} دقیقه مانده`, { id: 'dc.countdown.minutes' });
  }

  private renderOutcome(d: Consultation) {
    const o = d.outcome!;
    const locale = this.locale;
    const accepted = formatNumber(o.dispositions.accepted, locale);
    const partly = formatNumber(o.dispositions['partly-accepted'], locale);
    const not = formatNumber(o.dispositions['not-accepted'], locale);
    return html`
      <section class="outcome" part="outcome" aria-labelledby="outcome-title">
        <h3 id="outcome-title">${msg('نتیجه نظرخواهی', { id: 'dc.outcome.title' })}</h3>
        <p dir="auto" class="outcome-summary">${o.summary}</p>
        <p>${msg(str`${accepted} نظر پذیرفته شد، ${partly} نظر بخشی پذیرفته شد و ${not} نظر پذیرفته نشد.`, { id: 'dc.outcome.counts' })}</p>
        ${
          o.dispositions['out-of-scope']
            ? html`<p>${msg(str`${formatNumber(o.dispositions['out-of-scope'], locale)} نظر بیرون از موضوع این پیش‌نویس بود.`, { id: 'dc.outcome.out-of-scope' })}</p>`
            : nothing
        }
        <p class="hint">${msg('تغییرهای هر ماده نسبت به پیش‌نویس در زیر نشان داده شده است: افزوده‌ها با زیرخط و حذف‌شده‌ها با خط‌خوردگی.', { id: 'dc.outcome.legend' })}</p>
        ${
          this.apiBase
            ? html`<p>
              <a part="report-link" href=${new URL(ROUTES.report.path(d.slug, locale === 'en' ? 'en' : 'fa'), this.apiBase).href}
                >${msg('گزارش پاسخ به نظرها: با هر نظر چه شد و چرا', { id: 'dc.outcome.report' })}</a
              >
            </p>`
            : nothing
        }
      </section>
    `;
  }

  private renderOwnComments() {
    if (!this.ownComments.length) return nothing;
    const locale = this.locale;
    return html`
      <section class="own" aria-labelledby="own-title">
        <h3 id="own-title">${msg('نظرهایی که از این دستگاه فرستاده‌اید', { id: 'dc.own.title' })}</h3>
        <ul>
          ${this.ownComments.map(
            (c) => html`<li>
              <bdi dir="ltr" lang="en" class="code">${formatCode(groupTrackingCode(c.code), locale)}</bdi>
              <button type="button" class="link" @click=${() => this.showAnswer(c.code)}>${msg('دیدن وضعیت و پاسخ', { id: 'dc.own.show' })}</button>
            </li>`,
          )}
        </ul>
      </section>
    `;
  }

  private clauseTitle(c: Clause) {
    const n = formatNumber(c.number, this.locale);
    return html`${msg(str`ماده ${n}`, { id: 'dc.clause.number' })}${c.heading ? html` — <bdi dir="auto">${c.heading}</bdi>` : nothing}`;
  }

  /**
   * A clause is rendered again only when something it shows changed: each batch of a long draft
   * is one more update of the whole list, and rendering all clauses every time made each batch
   * cost more than the one before (a 500-clause draft's last batches: 40–90 ms at 4× CPU).
   */
  private guardedClause(d: Consultation, c: Clause, api: string | undefined) {
    const deps = [
      c,
      d.counts.byClause[c.id],
      this.opened.has(c.id),
      d.status,
      d.slug,
      d.closesAt,
      d.outcome,
      d.outcome ? d.clauses : undefined,
      this.locale,
      getLocale(),
      api,
    ];
    return guard(deps, () => this.renderClause(d, c));
  }

  private renderClause(d: Consultation, c: Clause) {
    const draft = d.outcome ? d.clauses.find((x) => x.id === c.id) : c;
    const counts = d.counts.byClause[c.id];
    const open = this.opened.has(c.id);
    return html`
      <li class="clause" id="clause-${c.id}" part="clause">
        <h3 class="clause-title" tabindex="-1">
          ${this.clauseTitle(c)}
          ${d.outcome && !draft ? html`<span class="badge">${msg('ماده تازه', { id: 'dc.clause.new' })}</span>` : nothing}
        </h3>
        ${d.outcome && draft && draft.text !== c.text ? this.renderDiff(draft.text, c.text) : html`<p class="clause-text" dir="auto">${c.text}</p>`}
        ${draft ? this.renderCommentToggle(d, c.id, counts, open) : nothing}
        ${open && draft ? this.renderPanel(d, draft) : nothing}
      </li>
    `;
  }

  private renderDiff(before: string, after: string) {
    return html`<p class="clause-text diff" dir="auto">
      ${diffWords(before, after, this.locale === 'en' ? 'en' : 'fa').map((part) => {
        if (part.kind === 'same') return part.text;
        const [lead, words, trail] = edges(part.text);
        return part.kind === 'added'
          ? html`${lead}<ins><span class="visually-hidden">${msg('افزوده:', { id: 'dc.diff.added' })} </span>${words}</ins>${trail}`
          : html`${lead}<del><span class="visually-hidden">${msg('حذف‌شده:', { id: 'dc.diff.removed' })} </span>${words}</del>${trail}`;
      })}
    </p>`;
  }

  private renderRemovedClauses(d: Consultation) {
    // Which draft clauses the final text dropped, and their counts, are known once all is checked.
    if (this.unchecked.length || Object.keys(this.uncheckedCounts).length) return nothing;
    const finalIds = new Set(d.outcome!.clauses.map((c) => c.id));
    const removed = d.clauses.filter((c) => !finalIds.has(c.id));
    if (!removed.length) return nothing;
    return html`
      <section class="removed" aria-labelledby="removed-title">
        <h3 id="removed-title">${msg('موادی که از متن نهایی حذف شد', { id: 'dc.removed.title' })}</h3>
        <ol class="clauses">
          ${removed.map(
            (c) => html`<li class="clause" id="clause-${c.id}">
              <h3 class="clause-title" tabindex="-1">${this.clauseTitle(c)}</h3>
              <p class="clause-text" dir="auto"><del>${c.text}</del></p>
              ${this.renderCommentToggle(d, c.id, d.counts.byClause[c.id], this.opened.has(c.id))}
              ${this.opened.has(c.id) ? this.renderPanel(d, c) : nothing}
            </li>`,
          )}
        </ol>
      </section>
    `;
  }

  private renderCommentToggle(d: Consultation, id: string, counts: StanceCounts | undefined, open: boolean) {
    const total = counts?.total ?? 0;
    const n = formatNumber(total, this.locale);
    if (d.status === 'scheduled') return nothing;
    const label =
      d.status === 'open'
        ? id === 'whole'
          ? msg(str`نظر درباره کل پیش‌نویس (${n} نظر)`, { id: 'dc.toggle.whole-open' })
          : msg(str`نظر درباره این ماده (${n} نظر)`, { id: 'dc.toggle.open' })
        : msg(str`دیدن نظرها (${n} نظر)`, { id: 'dc.toggle.read' });
    return html`<button
      type="button"
      class="comment-toggle"
      part="comment-button"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls="panel-${id}"
      @click=${() => this.toggle(id)}
    >
      ${label}
    </button>`;
  }

  private renderPanel(d: Consultation, c: Clause | null) {
    const id = c?.id ?? 'whole';
    return html`<nazar-comment-panel
      id="panel-${id}"
      lang=${this.locale}
      api=${this.apiBase ?? ''}
      slug=${d.slug}
      .clause=${c}
      ?writable=${d.status === 'open'}
      .closesAt=${d.closesAt}
    ></nazar-comment-panel>`;
  }

  private renderWhole(d: Consultation) {
    if (d.status === 'scheduled') return nothing;
    const open = this.opened.has('whole');
    return html`
      <section class="clause whole" id="clause-whole" aria-labelledby="whole-title">
        <h3 id="whole-title" class="clause-title" tabindex="-1">${msg('کل پیش‌نویس', { id: 'dc.whole.title' })}</h3>
        ${this.renderCommentToggle(d, 'whole', d.counts.whole, open)} ${open ? this.renderPanel(d, null) : nothing}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'draft-consultation': DraftConsultation;
  }
  interface HTMLElementEventMap {
    /** Every clause of the draft is in the DOM. */
    'nazar-rendered': CustomEvent<void>;
  }
}

import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import {
  ADMIN_GROUP_ROUTES,
  ADMIN_LIMITS,
  ADMIN_ROUTES,
  CONSOLE_LIMITS,
  DISPOSITIONS,
  type AdminComment,
  type AdminCommentPage,
  type AdminConsultation,
  type CommentGroupList,
  type DispositionOutcome,
  type IssueRequest,
} from '@nazar/protocol';
import { diffWords } from '@nazar/protocol/diff';
import { ConsoleError } from '../api.js';
import { clearDraft, readDraft, saveDraft } from '../drafts.js';
import { num } from '../locale.js';
import { outcomeName, stanceName } from '../messages.js';
import { ConsoleScreen } from '../screen.js';
import { renderDiff, renderGroupVariants } from './groups.js';

interface FinalClause {
  /** The draft clause it continues; absent for a clause added in the final text. */
  id?: string;
  heading: string;
  text: string;
  removed: boolean;
}

interface IssueForm {
  summary: string;
  clauses: FinalClause[];
  dispositions: Record<string, { outcome: DispositionOutcome | ''; reason: string }>;
}

/**
 * Issuing the final text: edit it clause by clause with the word diff against the draft, give
 * every published comment a disposition with a reason, write the summary, publish. The whole form
 * is kept (drafts.ts) until the server has issued it; a refusal that names comments without a
 * disposition marks them.
 */
export class ConsoleIssue extends ConsoleScreen {
  @property() slug = '';
  @state() private consultation: AdminConsultation | null = null;
  @state() private comments: AdminComment[] = [];
  @state() private form: IssueForm | null = null;
  @state() private missing = new Set<string>();
  @state() private loading = true;
  /** Published members of each near-duplicate group with two or more of them: one disposition for all. */
  @state() private groups: { id: string; members: AdminComment[] }[] = [];
  private groupList: CommentGroupList['groups'] = [];

  private get draftKey(): string {
    return `issue:${this.slug}`;
  }

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    void this.load();
  }

  private async load(): Promise<void> {
    const consultation = await this.act(() => this.ctx.api.get<AdminConsultation>(ADMIN_ROUTES.consultation.path(this.slug)));
    if (!consultation) return ((this.loading = false), undefined);
    // Every published comment needs a disposition: read them all, 500 a page (10,000 comments: 20 reads).
    const comments: AdminComment[] = [];
    let cursor: string | null = null;
    do {
      const page: AdminCommentPage | undefined = await this.act(() =>
        this.ctx.api.get<AdminCommentPage>(
          ADMIN_ROUTES.comments.path(this.slug, { status: 'published', cursor, limit: CONSOLE_LIMITS.commentsLimit }),
        ),
      );
      if (!page) return ((this.loading = false), undefined);
      comments.push(...page.comments);
      cursor = page.nextCursor;
    } while (cursor);
    this.consultation = consultation;
    this.comments = comments.reverse();
    const grouped = await this.act(() => this.ctx.api.get<CommentGroupList>(ADMIN_GROUP_ROUTES.groups.path(this.slug)));
    this.groupList = grouped?.groups ?? [];
    const byId = new Map(this.comments.map((c) => [c.id, c]));
    this.groups = this.groupList
      .map((g) => ({ id: g.id, members: g.members.map((m) => byId.get(m.id)).filter((c): c is AdminComment => c !== undefined) }))
      .filter((g) => g.members.length > 1);
    this.form = readDraft<IssueForm>(this.draftKey) ?? {
      summary: '',
      clauses: consultation.clauses.map((c) => ({ id: c.id, heading: c.heading ?? '', text: c.text, removed: false })),
      dispositions: {},
    };
    this.loading = false;
  }

  private set(patch: Partial<IssueForm>): void {
    this.form = { ...this.form!, ...patch };
    saveDraft(this.draftKey, this.form);
  }

  private setClause(i: number, patch: Partial<FinalClause>): void {
    this.set({ clauses: this.form!.clauses.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  }

  private setDisposition(id: string, patch: Partial<{ outcome: DispositionOutcome | ''; reason: string }>): void {
    const current = this.form!.dispositions[id] ?? { outcome: '', reason: '' };
    this.set({ dispositions: { ...this.form!.dispositions, [id]: { ...current, ...patch } } });
    if (this.missing.has(id)) {
      const missing = new Set(this.missing);
      missing.delete(id);
      this.missing = missing;
    }
  }

  private async publish(e: Event): Promise<void> {
    e.preventDefault();
    const f = this.form!;
    const lacking = this.comments.filter((c) => {
      const d = f.dispositions[c.id];
      return !d?.outcome || !d.reason.trim();
    });
    if (lacking.length) {
      this.missing = new Set(lacking.map((c) => c.id));
      this.failure = msg(str`${num(lacking.length)} نظر هنوز نتیجه و دلیل ندارد.`, { id: 'c.issue.lacking' });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
      return;
    }
    const body: IssueRequest = {
      summary: f.summary.trim(),
      clauses: f.clauses
        .filter((c) => !c.removed)
        .map((c) => ({ ...(c.id ? { id: c.id } : {}), heading: c.heading.trim() || null, text: c.text.trim() })),
      dispositions: this.comments.map((c) => {
        const d = f.dispositions[c.id];
        return { commentId: c.id, outcome: d.outcome as DispositionOutcome, reason: d.reason.trim() };
      }),
    };
    let refused: unknown;
    const issued = await this.act(
      async () => {
        try {
          return await this.ctx.api.post<AdminConsultation>(ADMIN_ROUTES.issue.path(this.slug), body);
        } catch (error) {
          refused = error;
          throw error;
        }
      },
      msg('متن نهایی صادر شد.', { id: 'c.issue.done' }),
    );
    if (!issued) {
      const ids = refused instanceof ConsoleError ? refused.extra['commentIds'] : undefined;
      if (Array.isArray(ids)) this.missing = new Set(ids as string[]);
      return;
    }
    clearDraft(this.draftKey);
    this.ctx.go({ screen: 'consultation', slug: this.slug });
  }

  override render() {
    const c = this.consultation;
    const f = this.form;
    if (!c || !f)
      return html`<h2 tabindex="-1">${msg('صدور متن نهایی', { id: 'c.consultation.issue' })}</h2>
        ${this.renderFailure()} ${this.loading ? html`<p role="status">${msg('در حال بارگیری…', { id: 'c.loading' })}</p>` : nothing}`;
    const done = this.comments.filter((x) => f.dispositions[x.id]?.outcome && f.dispositions[x.id]?.reason.trim()).length;
    return html`<h2 tabindex="-1">${msg(str`صدور متن نهایی: ${c.title}`, { id: 'c.issue.title' })}</h2>
      ${this.renderFailure()}
      <form @submit=${(e: Event) => this.publish(e)} novalidate>
        <h3>${msg('متن نهایی، بند به بند', { id: 'c.issue.final-text' })}</h3>
        ${f.clauses.map((clause, i) => this.renderClause(clause, i))}
        <p>
          <button
            class="secondary"
            type="button"
            @click=${() => this.set({ clauses: [...this.form!.clauses, { heading: '', text: '', removed: false }] })}
          >
            ${msg('افزودن بند تازه', { id: 'c.issue.add-clause' })}
          </button>
        </p>
        <h3>${msg(str`نتیجهٔ نظرها (${num(done)} از ${num(this.comments.length)})`, { id: 'c.issue.dispositions' })}</h3>
        ${this.comments.length ? nothing : html`<p>${msg('نظر منتشرشده‌ای نیست.', { id: 'c.issue.no-comments' })}</p>`}
        ${this.groups.map((group) => this.renderGroupDisposition(group))}
        ${this.comments.filter((comment) => !this.grouped.has(comment.id)).map((comment) => this.renderDisposition(comment))}
        <div class="field">
          <label for="summary">${msg('جمع‌بندی: چه تغییر کرد و چرا', { id: 'c.issue.summary' })}</label>
          <textarea id="summary" rows="6" maxlength=${ADMIN_LIMITS.outcomeSummary} .value=${f.summary} @input=${(e: Event) => this.set({ summary: (e.target as HTMLTextAreaElement).value })}></textarea>
        </div>
        <button type="submit" ?disabled=${this.busy}>${msg('انتشار متن نهایی', { id: 'c.issue.publish' })}</button>
      </form>`;
  }

  private renderClause(clause: FinalClause, i: number) {
    const draft = clause.id ? this.consultation!.clauses.find((c) => c.id === clause.id) : undefined;
    const label =
      clause.heading ||
      (draft ? msg(str`بند ${num(draft.number)}`, { id: 'c.new.clause-n' }) : msg('بند تازه', { id: 'c.issue.new-clause' }));
    const parts = draft && !clause.removed ? diffWords(draft.text, clause.text) : [];
    const changed = parts.some((p) => p.kind !== 'same');
    return html`<fieldset class="item">
      <legend>${label}</legend>
      <div class="field">
        <label for="fh${i}">${msg('عنوان بند', { id: 'c.new.heading' })}</label>
        <input id="fh${i}" .value=${clause.heading} ?disabled=${clause.removed} @input=${(e: Event) => this.setClause(i, { heading: (e.target as HTMLInputElement).value })} />
      </div>
      <div class="field">
        <label for="ft${i}">${msg('متن نهایی', { id: 'c.issue.text' })}</label>
        <textarea id="ft${i}" .value=${clause.text} ?disabled=${clause.removed} @input=${(e: Event) => this.setClause(i, { text: (e.target as HTMLTextAreaElement).value })}></textarea>
      </div>
      ${
        draft
          ? html`<label><input type="checkbox" .checked=${clause.removed} @change=${(e: Event) => this.setClause(i, { removed: (e.target as HTMLInputElement).checked })} />
              ${msg('این بند در متن نهایی حذف شود', { id: 'c.issue.remove' })}</label
            >
            ${
              clause.removed
                ? html`<p class="meta">${msg('حذف‌شده', { id: 'c.issue.removed' })}</p>`
                : changed
                  ? html`<p class="meta">${msg('تغییر نسبت به پیش‌نویس:', { id: 'c.issue.diff' })}</p>
                    <p class="user-text diff">
                      ${renderDiff(parts)}
                    </p>`
                  : html`<p class="meta">${msg('بی‌تغییر', { id: 'c.issue.unchanged' })}</p>`
            }`
          : html`<button class="secondary" type="button" @click=${() => this.set({ clauses: this.form!.clauses.filter((_, j) => j !== i) })}>
            ${msg('حذف بند', { id: 'c.new.remove' })}
          </button>`
      }
    </fieldset>`;
  }

  private get grouped(): Set<string> {
    return new Set(this.groups.flatMap((g) => g.members.map((m) => m.id)));
  }

  /** One outcome and reason for a whole group, given to each member. */
  private renderGroupDisposition(group: { id: string; members: AdminComment[] }) {
    const first = group.members[0];
    const d = this.form!.dispositions[first.id] ?? { outcome: '', reason: '' };
    const lacking = group.members.some((m) => this.missing.has(m.id));
    const setAll = (patch: Partial<{ outcome: DispositionOutcome | ''; reason: string }>) => {
      for (const m of group.members)
        this.setDisposition(m.id, { ...(this.form!.dispositions[first.id] ?? { outcome: '', reason: '' }), ...patch });
    };
    const listed = this.groupList.find((g) => g.id === group.id);
    return html`<fieldset class="item" data-group=${group.id} aria-invalid=${lacking ? 'true' : 'false'}>
      <legend>${msg(str`گروه ${num(group.members.length)} نظر همانند`, { id: 'c.issue.group' })} · ${stanceName(first.stance)}</legend>
      <p class="user-text">${first.text}</p>
      ${listed ? renderGroupVariants(listed, diffWords) : nothing}
      ${lacking ? html`<p class="error-text">${msg('نتیجه و دلیل لازم است.', { id: 'c.issue.needs' })}</p>` : nothing}
      <div class="row">
        <div class="field">
          <label for="go-${group.id}">${msg('نتیجه', { id: 'c.issue.outcome' })}</label>
          <select id="go-${group.id}" @change=${(e: Event) => setAll({ outcome: (e.target as HTMLSelectElement).value as DispositionOutcome })}>
            <option value="" ?selected=${!d.outcome}>—</option>
            ${DISPOSITIONS.map((o) => html`<option value=${o} ?selected=${d.outcome === o}>${outcomeName(o)}</option>`)}
          </select>
        </div>
        <div class="field grow">
          <label for="gr-${group.id}">${msg('دلیل (به شهروند نشان داده می‌شود)', { id: 'c.issue.reason' })}</label>
          <textarea id="gr-${group.id}" rows="2" maxlength=${ADMIN_LIMITS.reason} .value=${d.reason} @input=${(e: Event) => setAll({ reason: (e.target as HTMLTextAreaElement).value })}></textarea>
        </div>
      </div>
    </fieldset>`;
  }

  private renderDisposition(comment: AdminComment) {
    const d = this.form!.dispositions[comment.id] ?? { outcome: '', reason: '' };
    const lacking = this.missing.has(comment.id);
    const clause = comment.clauseId ? this.consultation!.clauses.find((c) => c.id === comment.clauseId) : undefined;
    return html`<fieldset class="item" id="d-${comment.id}" aria-invalid=${lacking ? 'true' : 'false'}>
      <legend>
        ${clause ? clause.heading || msg(str`بند ${num(clause.number)}`, { id: 'c.new.clause-n' }) : msg('کل پیش‌نویس', { id: 'c.consultation.whole' })} ·
        ${stanceName(comment.stance)}
      </legend>
      <p class="user-text">${comment.text}</p>
      ${comment.proposedText ? html`<p class="user-text"><strong>${msg('متن پیشنهادی:', { id: 'c.comment.proposed' })}</strong> ${comment.proposedText}</p>` : nothing}
      ${lacking ? html`<p class="error-text">${msg('نتیجه و دلیل لازم است.', { id: 'c.issue.needs' })}</p>` : nothing}
      <div class="row">
        <div class="field">
          <label for="o-${comment.id}">${msg('نتیجه', { id: 'c.issue.outcome' })}</label>
          <select id="o-${comment.id}" @change=${(e: Event) => this.setDisposition(comment.id, { outcome: (e.target as HTMLSelectElement).value as DispositionOutcome })}>
            <option value="" ?selected=${!d.outcome}>—</option>
            ${DISPOSITIONS.map((o) => html`<option value=${o} ?selected=${d.outcome === o}>${outcomeName(o)}</option>`)}
          </select>
        </div>
        <div class="field grow">
          <label for="r-${comment.id}">${msg('دلیل (به شهروند نشان داده می‌شود)', { id: 'c.issue.reason' })}</label>
          <textarea id="r-${comment.id}" rows="2" maxlength=${ADMIN_LIMITS.reason} .value=${d.reason} @input=${(e: Event) => this.setDisposition(comment.id, { reason: (e.target as HTMLTextAreaElement).value })}></textarea>
        </div>
      </div>
    </fieldset>`;
  }
}

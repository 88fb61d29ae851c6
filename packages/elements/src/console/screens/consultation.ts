import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import {
  ADMIN_GROUP_ROUTES,
  ADMIN_LIMITS,
  ADMIN_ROUTES,
  DISPOSITIONS,
  STANCES,
  type AdminComment,
  type AdminCommentPage,
  type AdminConsultation,
  type CommentGroup,
  type StanceCounts,
} from '@nazar/protocol';
import { clearDraft, readDraft, saveDraft } from '../drafts.js';
import { date, daysUntil, num } from '../locale.js';
import { stanceName, statusName, outcomeName } from '../messages.js';
import { ConsoleScreen } from '../screen.js';
import { diffWords } from '@nazar/protocol/diff';
import { renderGroupVariants } from './groups.js';

type Tab = 'queue' | 'groups' | 'comments' | 'stances' | 'window';

/**
 * One consultation: its moderation queue (keyboard first), all comments by clause with replies,
 * the clause × stance table, and for admins the window (extend, withdraw) and the way to issue.
 */
export class ConsoleConsultation extends ConsoleScreen {
  @property() slug = '';
  @state() private consultation: AdminConsultation | null = null;
  @state() private tab: Tab = 'queue';
  @state() private queue: AdminComment[] = [];
  @state() private queueCursor: string | null = null;
  @state() private current = 0;
  @state() private comments: AdminComment[] = [];
  @state() private commentsCursor: string | null = null;
  @state() private clauseFilter = '';
  @state() private statusFilter = '';
  @state() private rejecting = false;
  @state() private groups: CommentGroup[] | null = null;
  @state() private queueLoaded = false;

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    void this.load();
  }

  private async load(): Promise<void> {
    const consultation = await this.act(() => this.ctx.api.get<AdminConsultation>(ADMIN_ROUTES.consultation.path(this.slug)));
    if (!consultation) return;
    this.consultation = consultation;
    await this.loadQueue();
  }

  private async loadQueue(more = false): Promise<void> {
    const page = await this.act(() =>
      this.ctx.api.get<AdminCommentPage>(
        ADMIN_ROUTES.comments.path(this.slug, { status: 'pending', cursor: more ? this.queueCursor : null }),
      ),
    );
    if (!page) return;
    this.queue = more ? [...this.queue, ...page.comments] : page.comments;
    this.queueCursor = page.nextCursor;
    this.queueLoaded = true;
    if (!more) this.current = 0;
  }

  private async loadComments(more = false): Promise<void> {
    const page = await this.act(() =>
      this.ctx.api.get<AdminCommentPage>(
        ADMIN_ROUTES.comments.path(this.slug, {
          status: this.statusFilter || null,
          clause: this.clauseFilter || null,
          cursor: more ? this.commentsCursor : null,
        }),
      ),
    );
    if (!page) return;
    this.comments = more ? [...this.comments, ...page.comments] : page.comments;
    this.commentsCursor = page.nextCursor;
  }

  private clauseLabel(clauseId: string | null): string {
    if (clauseId === null) return msg('کل پیش‌نویس', { id: 'c.consultation.whole' });
    const clause = this.consultation?.clauses.find((c) => c.id === clauseId);
    return clause ? clause.heading || msg(str`بند ${num(clause.number)}`, { id: 'c.new.clause-n' }) : clauseId;
  }

  override render() {
    const c = this.consultation;
    if (!c) return html`<h2 tabindex="-1">${msg('رایزنی', { id: 'c.consultation.title' })}</h2>${this.renderFailure()}`;
    const tabs: [Tab, string][] = [
      ['queue', msg(str`صف بررسی (${num(c.comments.pending)})`, { id: 'c.consultation.tab-queue' })],
      ['groups', msg('گروه‌ها (نظرهای همانند)', { id: 'c.consultation.tab-groups' })],
      ['comments', msg('همهٔ نظرها', { id: 'c.consultation.tab-comments' })],
      ['stances', msg('جدول موضع‌ها', { id: 'c.consultation.tab-stances' })],
    ];
    if (this.ctx.can('manage')) tabs.push(['window', msg('مهلت و وضعیت', { id: 'c.consultation.tab-window' })]);
    return html`<h2 tabindex="-1">${c.title}</h2>
      <p class="meta">
        ${statusName(c.status)} · ${c.issuingBody} · ${date(c.opensAt)} – ${date(c.closesAt)}
        ${c.status === 'open' ? html` · ${msg(str`${num(Math.max(0, daysUntil(c.closesAt)))} روز مانده`, { id: 'c.overview.days-left' })}` : nothing}
      </p>
      ${
        c.status === 'review' && this.ctx.can('manage')
          ? html`<p>
            <a
              class="button"
              href="#issue/${encodeURIComponent(c.slug)}"
              @click=${(e: Event) => {
                e.preventDefault();
                this.ctx.go({ screen: 'issue', slug: c.slug });
              }}
              >${msg('صدور متن نهایی', { id: 'c.consultation.issue' })}</a
            >
          </p>`
          : nothing
      }
      ${
        c.outcome
          ? html`<p class="ok-text">
            ${msg(str`صادرشده در ${date(c.outcome.issuedAt)}`, { id: 'c.consultation.issued-at' })} —
            ${DISPOSITIONS.map((o) => `${outcomeName(o)}: ${num(c.outcome?.dispositions[o] ?? 0)}`).join('، ')}
          </p>`
          : nothing
      }
      <div class="toolbar" role="group" aria-label=${msg('بخش‌های رایزنی', { id: 'c.consultation.tabs' })}>
        ${tabs.map(
          ([tab, label]) =>
            html`<button
              type="button"
              class=${this.tab === tab ? '' : 'secondary'}
              aria-pressed=${this.tab === tab ? 'true' : 'false'}
              @click=${() => {
                this.tab = tab;
                if (tab === 'comments' && !this.comments.length) void this.loadComments();
                if (tab === 'groups') void this.loadGroups();
              }}
            >
              ${label}
            </button>`,
        )}
      </div>
      ${this.renderFailure()}
      ${this.tab === 'queue' ? this.renderQueue() : this.tab === 'groups' ? this.renderGroups() : this.tab === 'comments' ? this.renderComments() : this.tab === 'stances' ? this.renderStances(c) : this.renderWindow(c)}`;
  }

  // -- The moderation queue ------------------------------------------------------------------

  /**
   * Single keys act only while focus is on the queue's comment or its buttons — never in a text
   * field, never with a modifier — so a screen reader's own keys (browse mode, its modifier) are
   * untouched. Documented beside the queue and on each button (aria-keyshortcuts).
   */
  private onQueueKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.composedPath()[0] as HTMLElement;
    if (target.closest('input, textarea, select')) return;
    const key = e.key.toLowerCase();
    const act: Record<string, () => void> = {
      a: () => void this.approve(),
      ش: () => void this.approve(),
      r: () => this.startReject(),
      ق: () => this.startReject(),
      n: () => this.move(1),
      j: () => this.move(1),
      د: () => this.move(1),
      p: () => this.move(-1),
      k: () => this.move(-1),
      ح: () => this.move(-1),
    };
    const run = act[key];
    if (!run || !this.ctx.can('moderate')) return;
    e.preventDefault();
    run();
  }

  private get currentComment(): AdminComment | undefined {
    return this.queue[this.current];
  }

  private move(by: number): void {
    const next = this.current + by;
    if (next < 0 || next >= this.queue.length) {
      this.ctx.announce(
        by > 0 ? msg('نظر دیگری در صف نیست.', { id: 'c.queue.end' }) : msg('این نخستین نظر صف است.', { id: 'c.queue.start' }),
      );
      return;
    }
    this.current = next;
    this.rejecting = false;
    this.announceCurrent();
  }

  private announceCurrent(prefix = ''): void {
    const comment = this.currentComment;
    const where = comment
      ? msg(
          str`نظر ${num(this.current + 1)} از ${num(this.queue.length)}، ${this.clauseLabel(comment.clauseId)}، ${stanceName(comment.stance)}.`,
          { id: 'c.queue.position' },
        )
      : msg('صف بررسی خالی است.', { id: 'c.queue.empty' });
    this.ctx.announce(`${prefix} ${where}`.trim());
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#queue-item')?.focus());
  }

  private async settle(comment: AdminComment, done: string): Promise<void> {
    this.queue = this.queue.filter((c) => c.id !== comment.id);
    const c = this.consultation;
    if (c) this.consultation = { ...c, comments: { ...c.comments, pending: Math.max(0, c.comments.pending - 1) } };
    if (this.current >= this.queue.length) this.current = Math.max(0, this.queue.length - 1);
    this.rejecting = false;
    if (!this.queue.length && this.queueCursor) await this.loadQueue(true);
    this.announceCurrent(done);
  }

  private async approve(): Promise<void> {
    const comment = this.currentComment;
    if (!comment || this.busy) return;
    const ok = await this.act(() => this.ctx.api.post<AdminComment>(ADMIN_ROUTES.approve.path(comment.id)));
    if (ok) await this.settle(comment, msg('منتشر شد.', { id: 'c.queue.approved' }));
  }

  private startReject(): void {
    if (!this.currentComment) return;
    this.rejecting = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('#reject-reason')?.focus());
  }

  private async reject(e: Event): Promise<void> {
    e.preventDefault();
    const comment = this.currentComment;
    if (!comment) return;
    const key = `reject:${comment.id}`;
    const reason = (readDraft<string>(key) ?? '').trim();
    if (!reason) {
      this.failure = msg('دلیل رد را بنویسید؛ شهروند آن را با کد رهگیری می‌بیند.', { id: 'c.queue.reason-needed' });
      this.ctx.announce(this.failure);
      this.renderRoot.querySelector<HTMLTextAreaElement>('#reject-reason')?.focus();
      return;
    }
    const ok = await this.act(() => this.ctx.api.post<AdminComment>(ADMIN_ROUTES.reject.path(comment.id), { reason }));
    if (!ok) return;
    clearDraft(key);
    await this.settle(comment, msg('رد شد.', { id: 'c.queue.rejected' }));
  }

  private renderQueue() {
    const comment = this.currentComment;
    const moderate = this.ctx.can('moderate');
    return html`<section aria-labelledby="queue-title">
      <h3 id="queue-title">${msg('صف بررسی', { id: 'c.queue.title' })}</h3>
      ${
        moderate
          ? html`<p class="hint" id="queue-keys">
            ${msg(
              'روی نظر، این کلیدها کار می‌کنند: A یا ش = انتشار، R یا ق = رد با دلیل، N یا J = بعدی، P یا K = پیشین. در خانه‌های متن کلیدها کار عادی خود را می‌کنند.',
              {
                id: 'c.queue.keys',
              },
            )}
          </p>`
          : nothing
      }
      ${
        comment
          ? html`<div @keydown=${(e: KeyboardEvent) => this.onQueueKey(e)}>
            <article id="queue-item" class="item" tabindex="0" aria-describedby=${moderate ? 'queue-keys' : nothing} aria-labelledby="queue-item-title">
              <p id="queue-item-title" class="meta">
                ${msg(str`نظر ${num(this.current + 1)} از ${num(this.queue.length)}`, { id: 'c.queue.of' })}${this.queueCursor ? '+' : ''} ·
                ${this.clauseLabel(comment.clauseId)} · ${stanceName(comment.stance)} · ${date(comment.createdAt, true)}
              </p>
              ${this.renderCommentBody(comment)}
            </article>
            ${
              moderate
                ? html`<div class="toolbar">
                    <button type="button" aria-keyshortcuts="A" ?disabled=${this.busy} @click=${() => this.approve()}>${msg('انتشار', { id: 'c.queue.approve' })}</button>
                    <button type="button" class="danger" aria-keyshortcuts="R" ?disabled=${this.busy} @click=${() => this.startReject()}>${msg('رد', { id: 'c.queue.reject' })}</button>
                    <button type="button" class="secondary" aria-keyshortcuts="P" @click=${() => this.move(-1)}>${msg('پیشین', { id: 'c.queue.previous' })}</button>
                    <button type="button" class="secondary" aria-keyshortcuts="N" @click=${() => this.move(1)}>${msg('بعدی', { id: 'c.queue.next' })}</button>
                  </div>
                  ${
                    this.rejecting
                      ? html`<form @submit=${(e: Event) => this.reject(e)}>
                        <div class="field">
                          <label for="reject-reason">${msg('دلیل رد (به شهروند نشان داده می‌شود)', { id: 'c.queue.reason' })}</label>
                          <textarea
                            id="reject-reason"
                            maxlength=${ADMIN_LIMITS.reason}
                            .value=${readDraft<string>(`reject:${comment.id}`) ?? ''}
                            @input=${(e: Event) => saveDraft(`reject:${comment.id}`, (e.target as HTMLTextAreaElement).value)}
                          ></textarea>
                        </div>
                        <button type="submit" class="danger" ?disabled=${this.busy}>${msg('رد این نظر', { id: 'c.queue.reject-confirm' })}</button>
                        <button type="button" class="secondary" @click=${() => (this.rejecting = false)}>${msg('انصراف', { id: 'c.cancel' })}</button>
                      </form>`
                      : nothing
                  }`
                : nothing
            }
          </div>`
          : this.queueLoaded
            ? html`<p>${msg('صف بررسی خالی است.', { id: 'c.queue.empty' })}</p>`
            : html`<p role="status">${msg('در حال بارگیری…', { id: 'c.loading' })}</p>`
      }
    </section>`;
  }

  // -- Near-duplicate groups: one decision, one reply for every member --------------------------

  private async loadGroups(): Promise<void> {
    const page = await this.act(() => this.ctx.api.get<{ groups: CommentGroup[] }>(ADMIN_GROUP_ROUTES.groups.path(this.slug)));
    if (page) this.groups = page.groups;
  }

  private async groupAction(
    group: CommentGroup,
    action: 'approve' | 'reject' | 'reply',
    body: object,
    done: (n: number) => string,
  ): Promise<boolean> {
    const route =
      action === 'approve'
        ? ADMIN_GROUP_ROUTES.approveGroup
        : action === 'reject'
          ? ADMIN_GROUP_ROUTES.rejectGroup
          : ADMIN_GROUP_ROUTES.replyGroup;
    const result = await this.act(() => this.ctx.api.post<{ updated: number }>(route.path(this.slug, group.id), body));
    if (!result) return false;
    this.ctx.announce(done(result.updated));
    await this.loadGroups();
    const c = await this.act(() => this.ctx.api.get<AdminConsultation>(ADMIN_ROUTES.consultation.path(this.slug)));
    if (c) this.consultation = c;
    await this.loadQueue();
    return true;
  }

  private renderGroups() {
    if (!this.groups) return html`<p role="status">${msg('در حال بارگیری…', { id: 'c.loading' })}</p>`;
    if (!this.groups.length) return html`<p>${msg('نظر همانندی پیدا نشد.', { id: 'c.groups.none' })}</p>`;
    const moderate = this.ctx.can('moderate');
    return html`<p class="hint">
        ${msg('نظرهایی که متنشان جز در چند واژه یکی است (مانند متنی که بارها چسبانده شده) یک گروه‌اند. هر تصمیم و پاسخ به همهٔ اعضای گروه می‌رسد.', { id: 'c.groups.hint' })}
      </p>
      ${this.groups.map((group) => {
        const replyKey = `group-reply:${group.id}`;
        const rejectKey = `group-reject:${group.id}`;
        const pending = group.members.filter((m) => m.status === 'pending').length;
        return html`<article class="item" data-group=${group.id} aria-labelledby="g-${group.id}">
          <p class="meta" id="g-${group.id}">
            ${msg(str`${num(group.size)} نظر مشابه`, { id: 'c.groups.size' })} · ${this.clauseLabel(group.representative.clauseId)} ·
            ${msg(str`${num(pending)} در انتظار بررسی`, { id: 'c.groups.pending' })}
          </p>
          <p class="user-text">${group.representative.text}</p>
          ${renderGroupVariants(group, diffWords)}
          ${
            moderate
              ? html`<div class="toolbar">
                  <button
                    type="button"
                    ?disabled=${this.busy || !pending}
                    @click=${() => this.groupAction(group, 'approve', {}, (n) => msg(str`${num(n)} نظر منتشر شد.`, { id: 'c.groups.approved' }))}
                  >
                    ${msg('انتشار همه', { id: 'c.groups.approve' })}
                  </button>
                </div>
                <form
                  @submit=${async (e: Event) => {
                    e.preventDefault();
                    const reason = (readDraft<string>(rejectKey) ?? '').trim();
                    if (!reason) {
                      this.failure = msg('دلیل رد را بنویسید؛ شهروند آن را با کد رهگیری می‌بیند.', { id: 'c.queue.reason-needed' });
                      return;
                    }
                    if (
                      await this.groupAction(group, 'reject', { reason }, (n) =>
                        msg(str`${num(n)} نظر رد شد.`, { id: 'c.groups.rejected' }),
                      )
                    )
                      clearDraft(rejectKey);
                  }}
                >
                  <label for="gr-${group.id}">${msg('دلیل رد همه', { id: 'c.groups.reason' })}</label>
                  <textarea id="gr-${group.id}" rows="2" maxlength=${ADMIN_LIMITS.reason} .value=${readDraft<string>(rejectKey) ?? ''} @input=${(e: Event) => saveDraft(rejectKey, (e.target as HTMLTextAreaElement).value)}></textarea>
                  <button type="submit" class="danger" ?disabled=${this.busy || !pending}>${msg('رد همه', { id: 'c.groups.reject' })}</button>
                </form>
                <form
                  @submit=${async (e: Event) => {
                    e.preventDefault();
                    const text = (readDraft<string>(replyKey) ?? '').trim();
                    if (!text) return;
                    if (
                      await this.groupAction(group, 'reply', { text }, (n) =>
                        msg(str`پاسخ برای ${num(n)} نظر ثبت شد.`, { id: 'c.groups.replied' }),
                      )
                    )
                      clearDraft(replyKey);
                  }}
                >
                  <label for="gp-${group.id}">${msg('پاسخ به همه', { id: 'c.groups.reply' })}</label>
                  <textarea id="gp-${group.id}" rows="2" maxlength=${ADMIN_LIMITS.reply} .value=${readDraft<string>(replyKey) ?? ''} @input=${(e: Event) => saveDraft(replyKey, (e.target as HTMLTextAreaElement).value)}></textarea>
                  <button type="submit" ?disabled=${this.busy}>${msg('ثبت پاسخ برای همه', { id: 'c.groups.reply-save' })}</button>
                </form>`
              : nothing
          }
        </article>`;
      })}`;
  }

  // -- All comments, by clause, with replies ---------------------------------------------------

  private renderCommentBody(comment: AdminComment) {
    return html`<p class="user-text">${comment.text}</p>
      ${
        comment.proposedText
          ? html`<p><strong>${msg('متن پیشنهادی:', { id: 'c.comment.proposed' })}</strong></p>
            <p class="user-text">${comment.proposedText}</p>`
          : nothing
      }
      <p class="meta">
        ${comment.displayName ? html`<span class="user-text">${comment.displayName}</span> · ` : nothing}
        ${comment.contact ? html`<span dir="ltr">${comment.contact.value}</span> · ` : nothing}
        ${msg('کد رهگیری', { id: 'c.comment.code' })} <span dir="ltr">${comment.trackingCode}</span>
      </p>`;
  }

  private renderReply(comment: AdminComment) {
    const key = `reply:${comment.id}`;
    const save = async (e: Event) => {
      e.preventDefault();
      const text = (readDraft<string>(key) ?? '').trim();
      if (!text) return;
      const saved = await this.act(
        () => this.ctx.api.post<AdminComment>(ADMIN_ROUTES.reply.path(comment.id), { text }),
        msg('پاسخ ثبت شد.', { id: 'c.reply.saved' }),
      );
      if (!saved) return;
      clearDraft(key);
      this.comments = this.comments.map((c) => (c.id === saved.id ? saved : c));
    };
    return html`${
      comment.reply
        ? html`<div class="card">
            <strong>${msg('پاسخ رسمی', { id: 'c.reply.official' })}</strong> <span class="meta">${date(comment.reply.at, true)}</span>
            <p class="user-text">${comment.reply.text}</p>
          </div>`
        : nothing
    }
      ${
        this.ctx.can('moderate') && comment.status === 'published'
          ? html`<form @submit=${save}>
            <label for="reply-${comment.id}">${comment.reply ? msg('ویرایش پاسخ', { id: 'c.reply.edit' }) : msg('پاسخ', { id: 'c.reply.label' })}</label>
            <textarea
              id="reply-${comment.id}"
              maxlength=${ADMIN_LIMITS.reply}
              .value=${readDraft<string>(key) ?? comment.reply?.text ?? ''}
              @input=${(e: Event) => saveDraft(key, (e.target as HTMLTextAreaElement).value)}
            ></textarea>
            <button type="submit" ?disabled=${this.busy}>${msg('ثبت پاسخ', { id: 'c.reply.save' })}</button>
          </form>`
          : nothing
      }`;
  }

  private renderComments() {
    const c = this.consultation!;
    return html`<section aria-labelledby="comments-title">
      <h3 id="comments-title">${msg('همهٔ نظرها', { id: 'c.consultation.tab-comments' })}</h3>
      <div class="row">
        <div class="field">
          <label for="clause-filter">${msg('بند', { id: 'c.comments.clause' })}</label>
          <select
            id="clause-filter"
            @change=${(e: Event) => {
              this.clauseFilter = (e.target as HTMLSelectElement).value;
              void this.loadComments();
            }}
          >
            <option value="">${msg('همه', { id: 'c.all' })}</option>
            <option value="whole">${this.clauseLabel(null)}</option>
            ${c.clauses.map((cl) => html`<option value=${cl.id}>${this.clauseLabel(cl.id)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="status-filter">${msg('وضعیت', { id: 'c.consultations.status' })}</label>
          <select
            id="status-filter"
            @change=${(e: Event) => {
              this.statusFilter = (e.target as HTMLSelectElement).value;
              void this.loadComments();
            }}
          >
            <option value="">${msg('همه', { id: 'c.all' })}</option>
            ${(['pending', 'published', 'rejected'] as const).map((s) => html`<option value=${s}>${statusName(s)}</option>`)}
          </select>
        </div>
      </div>
      ${this.renderExport('comments', () => {
        const query = new URLSearchParams({ consultation: this.slug });
        if (this.clauseFilter) query.set('clause', this.clauseFilter);
        if (this.statusFilter) query.set('status', this.statusFilter);
        return query;
      })}
      ${this.comments.length ? nothing : html`<p>${msg('نظری نیست.', { id: 'c.comments.none' })}</p>`}
      ${this.comments.map(
        (comment) =>
          html`<article class="item" aria-labelledby="m-${comment.id}">
            <p class="meta" id="m-${comment.id}">
              ${this.clauseLabel(comment.clauseId)} · ${stanceName(comment.stance)} · ${statusName(comment.status)} · ${date(comment.createdAt, true)}
            </p>
            ${this.renderCommentBody(comment)}
            ${comment.rejectionReason ? html`<p class="meta">${msg('دلیل رد:', { id: 'c.comment.rejection' })} <span class="user-text">${comment.rejectionReason}</span></p>` : nothing}
            ${
              comment.disposition
                ? html`<p><strong>${outcomeName(comment.disposition.outcome)}</strong>: <span class="user-text">${comment.disposition.reason}</span></p>`
                : nothing
            }
            ${this.renderReply(comment)}
          </article>`,
      )}
      ${
        this.commentsCursor
          ? html`<p><button class="secondary" type="button" ?disabled=${this.busy} @click=${() => this.loadComments(true)}>${msg('بیشتر', { id: 'c.more' })}</button></p>`
          : nothing
      }
    </section>`;
  }

  // -- Clause × stance ---------------------------------------------------------------------------

  private renderStances(c: AdminConsultation) {
    const zero: StanceCounts = { total: 0, support: 0, oppose: 0, amend: 0 };
    const rows: [string, StanceCounts][] = [
      [this.clauseLabel(null), c.counts.whole],
      ...c.clauses.map((cl): [string, StanceCounts] => [this.clauseLabel(cl.id), c.counts.byClause[cl.id] ?? zero]),
    ];
    return html`<table class="data">
        <caption>
          ${msg('نظرهای منتشرشده بر پایهٔ بند و موضع', { id: 'c.stances.caption' })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg('بند', { id: 'c.comments.clause' })}</th>
            ${STANCES.map((s) => html`<th scope="col">${stanceName(s)}</th>`)}
            <th scope="col">${msg('جمع', { id: 'c.stances.total' })}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            ([label, counts]) =>
              html`<tr>
                <th scope="row">${label}</th>
                ${STANCES.map((s) => html`<td>${num(counts[s])}</td>`)}
                <td>${num(counts.total)}</td>
              </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${msg('جمع', { id: 'c.stances.total' })}</th>
            ${STANCES.map((s) => html`<td>${num(c.counts.total[s])}</td>`)}
            <td>${num(c.counts.total.total)}</td>
          </tr>
        </tfoot>
      </table>`;
  }

  // -- Window: extend, withdraw ------------------------------------------------------------------

  private renderWindow(c: AdminConsultation) {
    const closed = c.status === 'issued' || c.status === 'withdrawn';
    const extend = async (e: Event) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const value = (form.elements.namedItem('closes') as HTMLInputElement).value;
      const reason = (form.elements.namedItem('extend-reason') as HTMLTextAreaElement).value.trim();
      const updated = await this.act(
        () =>
          this.ctx.api.post<AdminConsultation>(ADMIN_ROUTES.extend.path(c.slug), {
            closesAt: value ? new Date(value).toISOString() : '',
            reason,
          }),
        msg('مهلت تمدید شد.', { id: 'c.window.extended' }),
      );
      if (updated) await this.load();
    };
    const withdraw = async (e: Event) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const reason = (form.elements.namedItem('withdraw-reason') as HTMLTextAreaElement).value.trim();
      const sure = (form.elements.namedItem('withdraw-sure') as HTMLInputElement).checked;
      if (!sure) {
        this.failure = msg('برای پس‌گرفتن، خانهٔ تأیید را بزنید.', { id: 'c.window.confirm-needed' });
        return;
      }
      const updated = await this.act(
        () => this.ctx.api.post<AdminConsultation>(ADMIN_ROUTES.withdraw.path(c.slug), { reason }),
        msg('رایزنی پس گرفته شد.', { id: 'c.window.withdrawn' }),
      );
      if (updated) await this.load();
    };
    if (closed) return html`<p>${statusName(c.status)}</p>`;
    return html`<section>
      <h3>${msg('تمدید مهلت', { id: 'c.window.extend' })}</h3>
      <form @submit=${extend}>
        <div class="field">
          <label for="closes">${msg('پایان تازه', { id: 'c.window.new-close' })}</label>
          <input id="closes" name="closes" type="datetime-local" />
        </div>
        <div class="field">
          <label for="extend-reason">${msg('دلیل (به شهروندان نشان داده می‌شود)', { id: 'c.window.reason' })}</label>
          <textarea id="extend-reason" name="extend-reason" maxlength=${ADMIN_LIMITS.reason}></textarea>
        </div>
        <button type="submit" ?disabled=${this.busy}>${msg('تمدید', { id: 'c.window.extend-submit' })}</button>
      </form>
      <h3>${msg('پس‌گرفتن رایزنی', { id: 'c.window.withdraw' })}</h3>
      <form @submit=${withdraw}>
        <div class="field">
          <label for="withdraw-reason">${msg('دلیل (به شهروندان نشان داده می‌شود)', { id: 'c.window.reason' })}</label>
          <textarea id="withdraw-reason" name="withdraw-reason" maxlength=${ADMIN_LIMITS.reason}></textarea>
        </div>
        <p><label><input type="checkbox" name="withdraw-sure" /> ${msg('می‌دانم که پس‌گرفتن بازگشت‌پذیر نیست.', { id: 'c.window.sure' })}</label></p>
        <button type="submit" class="danger" ?disabled=${this.busy}>${msg('پس‌گرفتن', { id: 'c.window.withdraw-submit' })}</button>
      </form>
    </section>`;
  }
}

import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import {
  ADMIN_OPS_ROUTES,
  ADMIN_ROLES,
  FEEDBACK_CATEGORIES,
  type AdminRole,
  type AdminServiceList,
  type AuditPage,
  type CreatedToken,
  type SiteInfo,
  type SiteList,
  type TokenList,
} from '@nazar/protocol';
import { date, num } from '../locale.js';
import { fieldErrorText, roleName } from '../messages.js';
import { ConsoleScreen } from '../screen.js';
import { categoryName } from './feedback.js';

type Part = 'sites' | 'services' | 'tokens' | 'audit';

/**
 * For admins: the county sites and the origins their pages are served from, the e-services and
 * where they are offered, the API tokens (made, shown once, revoked) and the audit log.
 */
export class ConsoleAdmin extends ConsoleScreen {
  @state() private section: Part = 'sites';
  @state() private sites: SiteInfo[] = [];
  @state() private services: AdminServiceList['services'] = [];
  @state() private tokens: TokenList['tokens'] = [];
  @state() private audit: AuditPage['entries'] = [];
  @state() private auditCursor: string | null = null;
  @state() private editingSite: SiteInfo | null = null;
  @state() private made: CreatedToken | null = null;

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    void this.load();
  }

  private async load(): Promise<void> {
    const api = this.ctx.api;
    const [sites, services, tokens, audit] = await Promise.all([
      this.act(() => api.get<SiteList>(ADMIN_OPS_ROUTES.sites.path())),
      this.act(() => api.get<AdminServiceList>(ADMIN_OPS_ROUTES.services.path())),
      this.act(() => api.get<TokenList>(ADMIN_OPS_ROUTES.tokens.path())),
      this.act(() => api.get<AuditPage>(ADMIN_OPS_ROUTES.audit.path())),
    ]);
    if (sites) this.sites = sites.sites;
    if (services) this.services = services.services;
    if (tokens) this.tokens = tokens.tokens;
    if (audit) {
      this.audit = audit.entries;
      this.auditCursor = audit.nextCursor;
    }
  }

  private label(field: string): string {
    switch (field.split('.')[0]) {
      case 'id':
        return msg('شناسه', { id: 'c.admin.id' });
      case 'name':
        return msg('نام', { id: 'c.admin.name' });
      case 'origins':
        return msg('خاستگاه‌ها', { id: 'c.admin.origins' });
      case 'title':
        return msg('عنوان', { id: 'c.new.title-label' });
      default:
        return field;
    }
  }

  override render() {
    const parts: [Part, string][] = [
      ['sites', msg('تارنماها', { id: 'c.admin.sites' })],
      ['services', msg('خدمت‌ها', { id: 'c.admin.services' })],
      ['tokens', msg('کلیدها', { id: 'c.admin.tokens' })],
      ['audit', msg('رویدادنگار', { id: 'c.admin.audit' })],
    ];
    return html`<h2 tabindex="-1">${msg('تارنماها و کلیدها', { id: 'c.nav.admin' })}</h2>
      <div class="toolbar" role="group" aria-label=${msg('بخش‌ها', { id: 'c.admin.parts' })}>
        ${parts.map(
          ([part, label]) =>
            html`<button type="button" class=${this.section === part ? '' : 'secondary'} aria-pressed=${this.section === part ? 'true' : 'false'} @click=${() => (this.section = part)}>
              ${label}
            </button>`,
        )}
      </div>
      ${this.renderFailure((f) => this.label(f), fieldErrorText)}
      ${this.section === 'sites' ? this.renderSites() : this.section === 'services' ? this.renderServices() : this.section === 'tokens' ? this.renderTokens() : this.renderAudit()}`;
  }

  // -- Sites ---------------------------------------------------------------------------------

  private renderSites() {
    const site = this.editingSite;
    const save = async (e: Event) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement).value.trim();
      const id = value('site-id');
      const origins = value('site-origins')
        .split(/[\s,]+/)
        .filter(Boolean);
      const saved = await this.act(
        () => this.ctx.api.put<SiteInfo>(ADMIN_OPS_ROUTES.putSite.path(id), { name: value('site-name'), origins }),
        msg('تارنما ذخیره شد.', { id: 'c.admin.site-saved' }),
      );
      if (!saved) return;
      this.editingSite = null;
      form.reset();
      await this.load();
    };
    const remove = async (s: SiteInfo) => {
      if (!confirm(msg(str`تارنمای «${s.name}» حذف شود؟ صفحه‌های آن دیگر نمی‌توانند نظر بفرستند.`, { id: 'c.admin.confirm-delete' })))
        return;
      if (
        await this.act(
          () => this.ctx.api.delete(ADMIN_OPS_ROUTES.deleteSite.path(s.id)),
          msg('تارنما حذف شد.', { id: 'c.admin.site-deleted' }),
        )
      )
        await this.load();
    };
    return html`<table class="data">
        <caption>
          ${msg('تارنماها و خاستگاه‌های مجاز آن‌ها', { id: 'c.admin.sites-caption' })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${this.label('id')}</th>
            <th scope="col">${this.label('name')}</th>
            <th scope="col">${this.label('origins')}</th>
            <th scope="col"><span class="visually-hidden">${msg('کارها', { id: 'c.admin.actions' })}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.sites.map(
            (s) =>
              html`<tr>
                <td dir="ltr">${s.id}</td>
                <td>${s.name}</td>
                <td dir="ltr">${s.origins.join(' ')}</td>
                <td>
                  <button class="secondary" type="button" @click=${() => (this.editingSite = s)}>${msg(str`ویرایش ${s.name}`, { id: 'c.admin.edit' })}</button>
                  <button class="secondary" type="button" @click=${() => remove(s)}>${msg(str`حذف ${s.name}`, { id: 'c.admin.delete' })}</button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <form class="item" @submit=${save} aria-labelledby="site-form-title">
        <h3 id="site-form-title">${site ? msg(str`ویرایش ${site.name}`, { id: 'c.admin.edit' }) : msg('تارنمای تازه', { id: 'c.admin.new-site' })}</h3>
        <div class="field">
          <label for="site-id">${this.label('id')}</label>
          <input id="site-id" name="site-id" dir="ltr" .value=${site?.id ?? ''} ?readonly=${site !== null} />
        </div>
        <div class="field">
          <label for="site-name">${this.label('name')}</label>
          <input id="site-name" name="site-name" .value=${site?.name ?? ''} />
        </div>
        <div class="field">
          <label for="site-origins">${this.label('origins')}</label>
          <p class="hint" id="site-origins-hint">${msg('هر خاستگاه در یک سطر، مانند https://chabahar.example', { id: 'c.admin.origins-hint' })}</p>
          <textarea id="site-origins" name="site-origins" dir="ltr" aria-describedby="site-origins-hint" .value=${site?.origins.join('\n') ?? ''}></textarea>
        </div>
        <button type="submit" ?disabled=${this.busy}>${msg('ذخیره', { id: 'c.admin.save' })}</button>
        ${site ? html`<button class="secondary" type="button" @click=${() => (this.editingSite = null)}>${msg('انصراف', { id: 'c.cancel' })}</button>` : nothing}
      </form>`;
  }

  // -- Services ------------------------------------------------------------------------------

  private renderServices() {
    return html`${this.services.map((s) => {
      const save = async (e: Event) => {
        e.preventDefault();
        const form = e.target as HTMLFormElement;
        const title = (form.elements.namedItem('title') as HTMLInputElement).value.trim();
        const categories = FEEDBACK_CATEGORIES.filter((c) => (form.elements.namedItem(`cat-${c}`) as HTMLInputElement).checked);
        const sites = this.sites
          .filter((site) => (form.elements.namedItem(`site-${site.id}`) as HTMLInputElement).checked)
          .map((site) => site.id);
        if (
          await this.act(
            () => this.ctx.api.put(ADMIN_OPS_ROUTES.putService.path(s.id), { title, categories, sites }),
            msg('خدمت ذخیره شد.', { id: 'c.admin.service-saved' }),
          )
        )
          await this.load();
      };
      return html`<form class="item" @submit=${save} aria-labelledby="svc-${s.id}">
        <h3 id="svc-${s.id}">${s.title} <span class="meta" dir="ltr">${s.id}</span></h3>
        <p class="meta">${msg(str`${num(s.count)} بازخورد، میانگین ${s.mean === null ? '—' : num(s.mean)}`, { id: 'c.admin.service-figures' })}</p>
        <div class="field">
          <label for="title-${s.id}">${this.label('title')}</label>
          <input id="title-${s.id}" name="title" .value=${s.title} />
        </div>
        <fieldset class="field">
          <legend>${msg('موضوع‌های بازخورد', { id: 'c.admin.categories' })}</legend>
          ${FEEDBACK_CATEGORIES.map((c) => html`<label><input type="checkbox" name="cat-${c}" .checked=${s.categories.includes(c)} /> ${categoryName(c)}</label>`)}
        </fieldset>
        <fieldset class="field">
          <legend>${msg('تارنماهایی که این خدمت را دارند', { id: 'c.admin.service-sites' })}</legend>
          ${
            this.sites.length
              ? this.sites.map(
                  (site) =>
                    html`<label><input type="checkbox" name="site-${site.id}" .checked=${s.sites.includes(site.id)} /> ${site.name}</label>`,
                )
              : html`<p class="meta">${msg('هنوز تارنمایی نیست.', { id: 'c.admin.no-sites' })}</p>`
          }
        </fieldset>
        <button type="submit" ?disabled=${this.busy}>${msg('ذخیره', { id: 'c.admin.save' })}</button>
      </form>`;
    })}`;
  }

  // -- Tokens --------------------------------------------------------------------------------

  private renderTokens() {
    const create = async (e: Event) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const name = (form.elements.namedItem('token-name') as HTMLInputElement).value.trim();
      const role = (form.elements.namedItem('token-role') as HTMLSelectElement).value as AdminRole;
      const made = await this.act(
        () => this.ctx.api.post<CreatedToken>(ADMIN_OPS_ROUTES.createToken.path(), { name, role }),
        msg('کلید ساخته شد. آن را اکنون رونوشت کنید.', { id: 'c.admin.token-made' }),
      );
      if (!made) return;
      this.made = made;
      form.reset();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#made-token')?.focus();
      await this.load();
    };
    const revoke = async (id: string, name: string) => {
      if (!confirm(msg(str`کلید «${name}» باطل شود؟ هر کس با آن کار می‌کند بیرون می‌رود.`, { id: 'c.admin.confirm-revoke' }))) return;
      if (await this.act(() => this.ctx.api.post(ADMIN_OPS_ROUTES.revokeToken.path(id)), msg('کلید باطل شد.', { id: 'c.admin.revoked' })))
        await this.load();
    };
    return html`${
      this.made
        ? html`<div class="card" role="region" aria-labelledby="made-title">
            <h3 id="made-title">${msg(str`کلید «${this.made.name}» (${roleName(this.made.role)})`, { id: 'c.admin.made-title' })}</h3>
            <p class="error-text">${msg('این کلید فقط همین یک بار نشان داده می‌شود؛ تنها درهم‌شدهٔ آن نگه داشته می‌شود.', { id: 'c.admin.shown-once' })}</p>
            <input id="made-token" readonly dir="ltr" .value=${this.made.token} aria-labelledby="made-title" />
            <button type="button" @click=${() => navigator.clipboard?.writeText(this.made!.token).then(() => this.ctx.announce(msg('رونوشت شد.', { id: 'c.admin.copied' })))}>
              ${msg('رونوشت', { id: 'c.admin.copy' })}
            </button>
            <button class="secondary" type="button" @click=${() => (this.made = null)}>${msg('بستن', { id: 'c.admin.dismiss' })}</button>
          </div>`
        : nothing
    }
      <table class="data">
        <caption>
          ${msg('کلیدهای دسترسی', { id: 'c.admin.tokens-caption' })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${this.label('name')}</th>
            <th scope="col">${msg('نقش', { id: 'c.admin.role' })}</th>
            <th scope="col">${msg('ساخته‌شده', { id: 'c.admin.created' })}</th>
            <th scope="col">${msg('وضعیت', { id: 'c.consultations.status' })}</th>
          </tr>
        </thead>
        <tbody>
          ${this.tokens.map(
            (t) =>
              html`<tr>
                <td>${t.name} <span class="meta" dir="ltr">${t.id}</span></td>
                <td>${roleName(t.role)}</td>
                <td>${date(t.createdAt, true)}</td>
                <td>
                  ${
                    t.revokedAt
                      ? msg(str`باطل‌شده در ${date(t.revokedAt, true)}`, { id: 'c.admin.revoked-at' })
                      : html`<button class="secondary" type="button" @click=${() => revoke(t.id, t.name)}>${msg(str`باطل کردن ${t.name}`, { id: 'c.admin.revoke' })}</button>`
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <form class="item" @submit=${create} aria-labelledby="token-form-title">
        <h3 id="token-form-title">${msg('کلید تازه', { id: 'c.admin.new-token' })}</h3>
        <div class="row">
          <div class="field">
            <label for="token-name">${this.label('name')}</label>
            <input id="token-name" name="token-name" />
          </div>
          <div class="field">
            <label for="token-role">${msg('نقش', { id: 'c.admin.role' })}</label>
            <select id="token-role" name="token-role">
              ${ADMIN_ROLES.map((r) => html`<option value=${r} ?selected=${r === 'moderator'}>${roleName(r)}</option>`)}
            </select>
          </div>
          <div class="field"><button type="submit" ?disabled=${this.busy}>${msg('ساختن کلید', { id: 'c.admin.make-token' })}</button></div>
        </div>
      </form>`;
  }

  // -- Audit log -----------------------------------------------------------------------------

  private renderAudit() {
    const more = async () => {
      const page = await this.act(() =>
        this.ctx.api.get<AuditPage>(ADMIN_OPS_ROUTES.audit.path(`?cursor=${encodeURIComponent(this.auditCursor ?? '')}`)),
      );
      if (!page) return;
      this.audit = [...this.audit, ...page.entries];
      this.auditCursor = page.nextCursor;
    };
    return html`${this.renderExport('audit', () => new URLSearchParams())}
      <table class="data">
        <caption>
          ${msg('رویدادنگار: چه کسی چه کرد', { id: 'c.admin.audit-caption' })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg('زمان', { id: 'c.admin.at' })}</th>
            <th scope="col">${msg('کننده', { id: 'c.admin.actor' })}</th>
            <th scope="col">${msg('کار', { id: 'c.admin.action' })}</th>
            <th scope="col">${msg('بر', { id: 'c.admin.target' })}</th>
          </tr>
        </thead>
        <tbody>
          ${this.audit.map(
            (e) =>
              html`<tr>
                <td>${date(e.at, true)}</td>
                <td>${e.actor.name} (${roleName(e.actor.role)})</td>
                <td dir="ltr">${e.action}</td>
                <td dir="ltr">${e.target ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${this.auditCursor ? html`<p><button class="secondary" type="button" ?disabled=${this.busy} @click=${more}>${msg('بیشتر', { id: 'c.more' })}</button></p>` : nothing}`;
  }
}

import { LitElement, html, css, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { ADMIN_OPS_ROUTES } from '@nazar/protocol';
import { AdminApi, ConsoleError } from './api.js';
import { consoleStyles } from './console.styles.js';
import { parseRoute, roleCan, routeHash, type ConsoleContext, type Identity, type Route } from './context.js';
import { useConsoleLocale, type ConsoleLocale } from './locale.js';
import { failureText, roleName } from './messages.js';
import { storedToken, storeToken } from './session.js';

/**
 * `<nazar-console>`: the officials' console. Sign in by pasting a token (kept in sessionStorage
 * only), then the screens: overview, consultations (create, moderate, reply, issue), service
 * feedback, polls, and for admins sites, services, tokens and the audit log. Served by the adapter
 * at `/console`; on any other page give it `api` (the adapter's base URL).
 *
 * @attr api - the adapter's base URL; defaults to this page's origin.
 * @attr lang - `fa` (default) or `en`.
 * @attr hash-routing - keep the current screen in the page's URL hash (on by /console's page).
 * @csspart header - the bar with the console's name, the signed-in token and sign out.
 * @csspart nav - the list of screens.
 * @csspart main - the current screen.
 */
@localized()
export class NazarConsole extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      :host {
        max-inline-size: 80rem;
        margin-inline: auto;
        padding: var(--_space);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.75rem;
        border-block-end: 2px solid var(--_primary);
        padding-block-end: 0.5rem;
        margin-block-end: 0.75rem;
      }
      header h1 {
        font-size: 1.4rem;
        margin: 0;
      }
      nav ul {
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        padding: 0;
        margin: 0 0 1rem;
      }
      nav a {
        color: var(--_primary);
        font-weight: 600;
        padding-block: 0.35rem;
        display: inline-block;
      }
      nav a[aria-current='page'] {
        color: var(--_text);
        text-decoration-thickness: 3px;
      }
      .sign-in {
        max-inline-size: 36rem;
      }
      .sign-in input {
        inline-size: 100%;
        font-family: monospace;
        direction: ltr;
      }
      .status-line {
        min-block-size: 1.5rem;
      }
    `,
  ];

  @property() api = '';
  @property({ type: Boolean, attribute: 'hash-routing' }) hashRouting = false;

  @state() private identity: Identity | null = null;
  @state() private route: Route = { screen: 'overview' };
  @state() private signInError: string | null = null;
  @state() private ended = false;
  @state() private checking = false;
  @state() private status = '';
  private apiClient: AdminApi | null = null;

  private readonly onHashChange = () => {
    if (this.hashRouting) this.route = parseRoute(location.hash);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    // /console/?lang=en: the page's own language switch, for a link to the English console.
    const asked = this.hashRouting ? new URLSearchParams(location.search).get('lang') : null;
    if (asked === 'en' || asked === 'fa') this.setAttribute('lang', asked);
    void useConsoleLocale(this.locale);
    if (!this.hasAttribute('dir')) this.setAttribute('dir', this.locale === 'en' ? 'ltr' : 'rtl');
    if (this.hashRouting) this.route = parseRoute(location.hash);
    addEventListener('hashchange', this.onHashChange);
    const token = storedToken();
    if (token) void this.signIn(token, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.onHashChange);
  }

  private get locale(): ConsoleLocale {
    return (this.getAttribute('lang') ?? document.documentElement.lang).toLowerCase().startsWith('en') ? 'en' : 'fa';
  }

  /** Persian or English for the whole console (one locale per page: @lit/localize is global). */
  private async switchLocale(locale: ConsoleLocale): Promise<void> {
    this.setAttribute('lang', locale);
    this.setAttribute('dir', locale === 'en' ? 'ltr' : 'rtl');
    await useConsoleLocale(locale);
    this.requestUpdate();
  }

  private get base(): string {
    return new URL(this.api || this.getAttribute('api') || '/', location.href).href;
  }

  /** Checks the token with `GET /v1/admin/me`; only a token the server knows is kept. */
  private async signIn(token: string, resumed = false): Promise<void> {
    this.checking = true;
    this.signInError = null;
    const api = new AdminApi({ base: this.base, token, fetch: (input, init) => this.watched(input, init) });
    try {
      this.identity = await api.get<Identity>(ADMIN_OPS_ROUTES.me.path());
      this.apiClient = api;
      this.ended = false;
      storeToken(token);
    } catch (error) {
      storeToken(null);
      this.ended = resumed && error instanceof ConsoleError && error.status === 401;
      this.signInError = this.ended ? null : failureText(error);
    } finally {
      this.checking = false;
    }
  }

  /** Every request goes through here: a 401 at any time (expired, revoked) ends the session. */
  private async watched(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const response = await fetch(input, init);
    if (response.status === 401 && this.identity) this.signOut(true);
    return response;
  }

  private signOut(ended = false): void {
    storeToken(null);
    this.identity = null;
    this.apiClient = null;
    this.ended = ended;
  }

  private go(route: Route): void {
    this.route = route;
    if (this.hashRouting) history.pushState(null, '', routeHash(route));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('main h2')?.focus());
  }

  private get context(): ConsoleContext {
    const identity = this.identity!;
    return {
      api: this.apiClient!,
      identity,
      can: (capability) => roleCan(identity.role, capability),
      go: (route) => this.go(route),
      announce: (message) => {
        // Cleared first, so the same sentence twice is announced twice.
        this.status = '';
        requestAnimationFrame(() => (this.status = message));
      },
    };
  }

  override render() {
    return html`<header part="header">
        <h1>${msg('میز کار نظر', { id: 'c.title' })}</h1>
        <button class="secondary" type="button" lang=${this.locale === 'en' ? 'fa' : 'en'} @click=${() => this.switchLocale(this.locale === 'en' ? 'fa' : 'en')}>
          ${this.locale === 'en' ? 'فارسی' : 'English'}
        </button>
        ${
          this.identity
            ? html`<p>
              ${msg('وارد شده با', { id: 'c.signed-in-as' })} <strong>${this.identity.name}</strong> (${roleName(this.identity.role)})
              <button class="secondary" type="button" @click=${() => this.signOut()}>${msg('خروج', { id: 'c.sign-out' })}</button>
            </p>`
            : nothing
        }
      </header>
      <p class="status-line visually-hidden" role="status" aria-live="polite">${this.status}</p>
      ${this.identity ? this.renderSignedIn() : this.renderSignIn()}`;
  }

  private renderSignIn() {
    const submit = (e: SubmitEvent) => {
      e.preventDefault();
      const input = (e.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
      const token = input.value.trim();
      if (!token) {
        this.signInError = msg('کلید را در خانه بچسبانید.', { id: 'c.sign-in.empty' });
        input.focus();
        return;
      }
      void this.signIn(token);
    };
    return html`<main part="main" class="sign-in">
      <h2 tabindex="-1">${msg('ورود', { id: 'c.sign-in.title' })}</h2>
      ${
        this.ended
          ? html`<p class="error-text" role="alert">
            ${msg('نشست شما پایان یافت: کلید باطل شده یا زمانش گذشته است. با کلیدی معتبر دوباره وارد شوید.', { id: 'c.sign-in.ended' })}
          </p>`
          : nothing
      }
      <p class="hint">
        ${msg(
          'کلیدی را که مدیر سامانه با «nazar-server token create» ساخته است بچسبانید. کلید فقط در همین زبانه نگه داشته می‌شود و با بستن آن پاک می‌شود.',
          {
            id: 'c.sign-in.hint',
          },
        )}
      </p>
      <form @submit=${submit} novalidate>
        <div class="field">
          <label for="token">${msg('کلید دسترسی', { id: 'c.sign-in.token' })}</label>
          ${this.signInError ? html`<p class="error-text" id="token-error" role="alert">${this.signInError}</p>` : nothing}
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="off"
            spellcheck="false"
            aria-describedby=${this.signInError ? 'token-error' : nothing}
            aria-invalid=${this.signInError ? 'true' : 'false'}
          />
        </div>
        <button type="submit" ?disabled=${this.checking}>${msg('ورود', { id: 'c.sign-in.submit' })}</button>
      </form>
    </main>`;
  }

  private renderSignedIn() {
    const ctx = this.context;
    const screens: [Route['screen'], string][] = [
      ['overview', msg('نمای کلی', { id: 'c.nav.overview' })],
      ['consultations', msg('رایزنی‌ها', { id: 'c.nav.consultations' })],
      ['feedback', msg('بازخورد خدمات', { id: 'c.nav.feedback' })],
      ['polls', msg('نظرسنجی‌ها', { id: 'c.nav.polls' })],
    ];
    if (ctx.can('manage')) screens.push(['admin', msg('تارنماها و کلیدها', { id: 'c.nav.admin' })]);
    const current =
      this.route.screen === 'new-consultation' || this.route.screen === 'consultation' || this.route.screen === 'issue'
        ? 'consultations'
        : this.route.screen;
    const link = ([screen, label]: [Route['screen'], string]) =>
      html`<li>
        <a
          href=${routeHash({ screen })}
          aria-current=${current === screen ? 'page' : nothing}
          @click=${(e: Event) => {
            e.preventDefault();
            this.go({ screen });
          }}
          >${label}</a
        >
      </li>`;
    return html`<nav part="nav" aria-label=${msg('بخش‌های میز کار', { id: 'c.nav.label' })}>
        <ul>
          ${screens.map(link)}
        </ul>
      </nav>
      <main part="main">${this.renderScreen(ctx)}</main>`;
  }

  private renderScreen(ctx: ConsoleContext) {
    const r = this.route;
    switch (r.screen) {
      case 'consultations':
        return html`<nazar-console-consultations .ctx=${ctx}></nazar-console-consultations>`;
      case 'new-consultation':
        return html`<nazar-console-new-consultation .ctx=${ctx}></nazar-console-new-consultation>`;
      case 'consultation':
        return html`<nazar-console-consultation .ctx=${ctx} .slug=${r.slug ?? ''}></nazar-console-consultation>`;
      case 'issue':
        return html`<nazar-console-issue .ctx=${ctx} .slug=${r.slug ?? ''}></nazar-console-issue>`;
      case 'feedback':
        return html`<nazar-console-feedback .ctx=${ctx}></nazar-console-feedback>`;
      case 'polls':
        return html`<nazar-console-polls .ctx=${ctx}></nazar-console-polls>`;
      case 'admin':
        return html`<nazar-console-admin .ctx=${ctx}></nazar-console-admin>`;
      default:
        return html`<nazar-console-overview .ctx=${ctx}></nazar-console-overview>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nazar-console': NazarConsole;
  }
}

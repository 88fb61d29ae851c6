// <nazar-console>'s shell in a real browser against the real app (memory store) behind msw:
// signing in with a pasted token, what each role is offered, the end of a revoked session.
import './define.js';
import { ADMIN_OPS_ROUTES } from '@nazar/protocol';
import { ADMIN_TOKEN, API, testServer } from '@nazar/testing/client-server';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { axeViolations } from '@nazar/testing/axe';
import type { NazarConsole } from './nazar-console.js';
import { useConsoleLocale } from './locale.js';
import { $, $$, textOf, type } from './test/support.js';

const server = testServer({ admin: true });
const TOKEN_KEY = 'nazar.console.token';

async function mount(): Promise<NazarConsole> {
  const el = document.createElement('nazar-console');
  el.api = API;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

async function signIn(el: NazarConsole, token: string): Promise<void> {
  type($<HTMLInputElement>(el, '#token')!, token);
  $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
  await until(() => $(el, 'nav') || $(el, '#token-error'), 5000, 'the check of the token');
  await el.updateComplete;
}

/** A token of `role` made through the API as an admin would. */
async function tokenFor(role: 'moderator' | 'viewer'): Promise<{ id: string; token: string }> {
  const res = await fetch(new URL(ADMIN_OPS_ROUTES.createToken.path(), API), {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: `${role} desk`, role }),
  });
  equal(res.status, 201, 'token created');
  return (await res.json()) as { id: string; token: string };
}

const navLabels = (el: NazarConsole) => $$(el, 'nav a').map((a) => a.textContent.trim());

describe('<nazar-console>', () => {
  afterEach(async () => {
    document.querySelectorAll('nazar-console').forEach((e) => e.remove());
    sessionStorage.clear();
    await useConsoleLocale('fa');
  });

  it('refuses an unknown token with a clear Persian sentence and keeps nothing', async () => {
    const el = await mount();
    await signIn(el, 'nzr_aaaaaaaaaaaa_wrongwrongwrongwrongwrongwrongwrongwrongwro');
    assert(textOf(el).includes('این کلید شناخته نشد'), textOf(el));
    equal($(el, 'nav'), null, 'no screens');
    equal(sessionStorage.getItem(TOKEN_KEY), null, 'nothing stored');
    equal($<HTMLInputElement>(el, '#token')!.getAttribute('aria-invalid'), 'true', 'the field is marked');
  });

  it('signs an admin in, keeps the token in sessionStorage only, and signs out', async () => {
    const el = await mount();
    await signIn(el, ADMIN_TOKEN);
    await until(() => $(el, 'nav'), 5000, 'the screens');
    assert(navLabels(el).includes('تارنماها و کلیدها'), `admins see sites and tokens: ${navLabels(el).join('|')}`);
    equal(sessionStorage.getItem(TOKEN_KEY), ADMIN_TOKEN, 'in sessionStorage');
    equal(localStorage.getItem(TOKEN_KEY), null, 'never in localStorage');
    equal(document.cookie, '', 'no cookie');
    const seen = server.seen.filter((r) => r.url.includes('/v1/admin/'));
    assert(
      seen.length > 0 && seen.every((r) => r.headers['authorization'] === `Bearer ${ADMIN_TOKEN}`),
      'every admin call carries the token',
    );

    // A reload (a new element) resumes the session from sessionStorage.
    el.remove();
    const again = await mount();
    await until(() => $(again, 'nav'), 5000, 'the resumed session');

    [...$$<HTMLButtonElement>(again, 'header button')].find((b) => b.textContent.includes('خروج'))!.click();
    await again.updateComplete;
    equal(sessionStorage.getItem(TOKEN_KEY), null, 'signed out');
    assert($(again, '#token'), 'the sign-in form again');
  });

  it('offers a moderator no sites and tokens, and a viewer no creation', async () => {
    const moderator = await tokenFor('moderator');
    const el = await mount();
    await signIn(el, moderator.token);
    await until(() => $(el, 'nav'), 5000, 'the screens');
    assert(!navLabels(el).includes('تارنماها و کلیدها'), 'no admin screen for a moderator');
    assert(textOf(el).includes('ناظر'), 'the role is shown');
  });

  it('ends the session with a clear screen when the token is revoked meanwhile', async () => {
    const viewer = await tokenFor('viewer');
    const el = await mount();
    await signIn(el, viewer.token);
    await until(() => $(el, 'nav'), 5000, 'the screens');
    await fetch(new URL(ADMIN_OPS_ROUTES.revokeToken.path(viewer.id), API), {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    // Any next call meets the 401: here, opening the consultations list.
    $$<HTMLAnchorElement>(el, 'nav a')[1].click();
    await until(() => $(el, '#token'), 5000, 'back to sign-in');
    assert(textOf(el).includes('نشست شما پایان یافت'), textOf(el));
    equal(sessionStorage.getItem(TOKEN_KEY), null, 'the revoked token is forgotten');
  });

  it('switches to English, left to right, and is clean under axe in both languages', async () => {
    const el = await mount();
    equal(await axeViolations(el), '', 'sign-in, fa');
    await signIn(el, ADMIN_TOKEN);
    await until(() => $(el, 'nav'), 5000, 'the screens');
    equal(await axeViolations(el), '', 'overview, fa');
    [...$$<HTMLButtonElement>(el, 'header button')].find((b) => b.textContent.trim() === 'English')!.click();
    await until(() => navLabels(el).includes('Overview'), 5000, 'English labels');
    equal(el.getAttribute('dir'), 'ltr', 'left to right');
    equal(await axeViolations(el), '', 'overview, en');
  });
});

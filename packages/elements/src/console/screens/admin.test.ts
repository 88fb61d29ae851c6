// Sites, services, tokens and the audit log in the console — real app behind msw.
import '../define.js';
import { ADMIN_OPS_ROUTES } from '@nazar/protocol';
import { API, testServer } from '@nazar/testing/client-server';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { axeViolations } from '@nazar/testing/axe';
import { useConsoleLocale } from '../locale.js';
import { $, $$, mountScreen, savedExport, textOf, type } from '../test/support.js';
import type { ConsoleAdmin } from './admin.js';

const server = testServer({ admin: true });

async function open() {
  const mounted = await mountScreen<ConsoleAdmin>('nazar-console-admin');
  await until(() => $(mounted.el, 'table'), 5000, 'the sites');
  await until(() => !$<HTMLButtonElement>(mounted.el, 'form button[type="submit"]')!.disabled, 5000, 'loaded');
  return mounted;
}
const part = (el: ConsoleAdmin, label: string) =>
  [...$$<HTMLButtonElement>(el, '[role="group"] button')].find((b) => b.textContent.includes(label))!.click();

describe('<nazar-console-admin>', () => {
  afterEach(async () => {
    document.querySelectorAll('nazar-console-admin').forEach((e) => e.remove());
    sessionStorage.clear();
    await useConsoleLocale('fa');
  });

  it('adds a site with its origins, then edits it', async () => {
    const { el } = await open();
    type($<HTMLInputElement>(el, '#site-id')!, 'chabahar');
    type($<HTMLInputElement>(el, '#site-name')!, 'فرمانداری چابهار');
    type($<HTMLTextAreaElement>(el, '#site-origins')!, 'https://chabahar.example\nhttps://www.chabahar.example');
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await until(async () => (await server.store.getSite('chabahar')) !== null, 5000, 'saved');
    equal((await server.store.getSite('chabahar'))!.origins.join(' '), 'https://chabahar.example https://www.chabahar.example');
    await until(() => textOf(el).includes('فرمانداری چابهار'), 5000, 'listed');
  });

  it('shows a refused origin with the field named, keeping what was typed', async () => {
    const { el } = await open();
    type($<HTMLInputElement>(el, '#site-id')!, 'bad');
    type($<HTMLInputElement>(el, '#site-name')!, 'نادرست');
    type($<HTMLTextAreaElement>(el, '#site-origins')!, 'not-an-origin');
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await until(() => $(el, '.error-summary'), 5000, 'the refusal');
    assert(textOf(el).includes('خاستگاه‌ها'), textOf(el));
    equal($<HTMLTextAreaElement>(el, '#site-origins')!.value, 'not-an-origin', 'kept');
  });

  it('makes a token shown once, which the API accepts, and revokes it after confirming', async () => {
    const { el } = await open();
    part(el, 'کلیدها');
    await el.updateComplete;
    type($<HTMLInputElement>(el, '#token-name')!, 'میز چابهار');
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await until(() => $(el, '#made-token'), 5000, 'the token shown');
    const token = $<HTMLInputElement>(el, '#made-token')!.value;
    equal(el.shadowRoot!.activeElement, $(el, '#made-token'), 'focus on the token to copy');
    const me = await fetch(new URL(ADMIN_OPS_ROUTES.me.path(), API), { headers: { Authorization: `Bearer ${token}` } });
    equal(((await me.json()) as { role: string }).role, 'moderator', 'a moderator token by default');
    [...$$<HTMLButtonElement>(el, 'button')].find((b) => b.textContent.trim() === 'بستن')!.click();
    await el.updateComplete;
    equal($(el, '#made-token'), null, 'never shown again');
    const confirm = window.confirm;
    window.confirm = () => true;
    try {
      [...$$<HTMLButtonElement>(el, 'tbody button')].find((b) => b.textContent.includes('میز چابهار'))!.click();
      await until(
        async () =>
          (await fetch(new URL(ADMIN_OPS_ROUTES.me.path(), API), { headers: { Authorization: `Bearer ${token}` } })).status === 401,
        5000,
        'revoked',
      );
    } finally {
      window.confirm = confirm;
    }
    part(el, 'رویدادنگار');
    await until(() => textOf(el).includes('revokeToken'), 5000, 'the audit log lists it');
    // The audit log as a file, for the records office.
    const exported = JSON.parse(await (await savedExport(el, 'JSON')).text()) as { kind: string; items: { action: string }[] };
    equal(exported.kind, 'audit');
    assert(
      exported.items.some((i) => i.action === 'revokeToken'),
      JSON.stringify(exported.items.map((i) => i.action)),
    );
  });

  it('is clean under axe in fa and en on every part', async () => {
    const { el } = await open();
    for (const label of ['تارنماها', 'خدمت‌ها', 'کلیدها', 'رویدادنگار']) {
      part(el, label);
      await el.updateComplete;
      equal(await axeViolations(el), '', `${label}, fa`);
    }
    await useConsoleLocale('en');
    await el.updateComplete;
    equal(await axeViolations(el), '', 'en');
  });
});

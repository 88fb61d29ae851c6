// What the console's browser tests share: mounting a screen with a context on the real app
// (memory store behind msw), and seeding consultations and comments the way the server stores them.
import { ADMIN_TOKEN, API, type TestServer } from '@nazar/testing/client-server';
import { assert, equal, until } from '@nazar/testing/client-helpers';
import { axeViolations } from '@nazar/testing/axe';
import { useConsoleLocale } from '../locale.js';
import type { AdminRole } from '@nazar/protocol';
import { AdminApi } from '../api.js';
import { roleCan, type ConsoleContext, type Route } from '../context.js';

export interface Mounted<T extends HTMLElement> {
  el: T;
  announced: string[];
  went: Route[];
}

export function contextFor(role: AdminRole = 'admin', token = ADMIN_TOKEN): { ctx: ConsoleContext; announced: string[]; went: Route[] } {
  const announced: string[] = [];
  const went: Route[] = [];
  const ctx: ConsoleContext = {
    api: new AdminApi({ base: API, token }),
    identity: { id: 'env', name: 'NAZAR_ADMIN_TOKEN', role },
    can: (c) => roleCan(role, c),
    go: (r) => went.push(r),
    announce: (m) => announced.push(m),
  };
  return { ctx, announced, went };
}

export async function mountScreen<T extends HTMLElement & { ctx: ConsoleContext; updateComplete: Promise<boolean> }>(
  tag: string,
  props: Record<string, unknown> = {},
  role: AdminRole = 'admin',
): Promise<Mounted<T>> {
  const { ctx, announced, went } = contextFor(role);
  const el = document.createElement(tag) as T;
  el.ctx = ctx;
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return { el, announced, went };
}

const DAY = 86_400_000;
let seq = 0;

/** A consultation with two clauses whose window is open now, or (`closed`) ended yesterday. */
export async function seedConsultation(
  server: TestServer,
  slug: string,
  options: { closed?: boolean; moderation?: 'pre' | 'post' } = {},
): Promise<void> {
  const now = Date.now();
  const opensAt = new Date(now - (options.closed ? 20 : 1) * DAY).toISOString();
  const closesAt = new Date(now + (options.closed ? -1 : 13) * DAY).toISOString();
  await server.store.createConsultation({
    slug,
    title: 'آیین‌نامهٔ ساماندهی دست‌فروشان',
    summary: 'پیش‌نویس برای نظر مردم',
    kind: 'regulation',
    issuingBody: 'فرمانداری چابهار',
    opensAt,
    closesAt,
    moderation: options.moderation ?? 'pre',
    clauses: [
      { id: 'c1', heading: 'ماده ۱', text: 'ساعت کار بازارچه از هشت تا بیست است.' },
      { id: 'c2', heading: 'ماده ۲', text: 'فروشندگان باید پروانه داشته باشند.' },
    ],
    at: opensAt,
  });
}

/** A comment stored as the comments route stores one; returns its id and tracking code. */
export async function seedComment(
  server: TestServer,
  slug: string,
  text: string,
  options: { clauseId?: string | null; stance?: 'support' | 'oppose' | 'amend'; moderation?: 'pre' | 'post'; daysAgo?: number } = {},
): Promise<{ id: string; trackingCode: string }> {
  seq++;
  const result = await server.store.createComment(
    { key: `console-test-${seq}-${Math.random().toString(36).slice(2)}`, requestHash: `h${seq}` },
    {
      consultationSlug: slug,
      clauseId: options.clauseId === undefined ? 'c1' : options.clauseId,
      stance: options.stance ?? 'oppose',
      text,
      proposedText: null,
      displayName: null,
      contact: null,
      locale: 'fa',
      moderation: options.moderation ?? 'pre',
      at: new Date(Date.now() - (options.daysAgo ?? 2) * DAY + seq).toISOString(),
    },
  );
  const code = result.submission.trackingCode;
  const comment = await server.store.getCommentByTrackingCode(code);
  return { id: comment!.id, trackingCode: code };
}

export const shadow = (el: Element) => el.shadowRoot!;
export const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
export const textOf = (el: Element) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');

/** Types into a field as a person does (value, then an input event). */
export function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

export function press(target: HTMLElement, key: string): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
}

/** Parses RFC 4180 CSV (quoted cells, doubled quotes, CRLF) back into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** Clicks a list's export button (`CSV` or `JSON`) and returns the file the console handed the browser. */
export async function savedExport(el: Element, format: 'CSV' | 'JSON'): Promise<Blob> {
  let saved: Blob | null = null;
  const original = URL.createObjectURL;
  URL.createObjectURL = (b: Blob | MediaSource) => ((saved = b as Blob), 'blob:test');
  try {
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.toolbar button')].find((b) => b.textContent.includes(format))!.click();
    await until(() => saved, 5000, 'the file');
  } finally {
    URL.createObjectURL = original;
  }
  return saved!;
}

/** Axe finds nothing in Persian, then in English (with `english` on the screen, so the switch happened). */
export async function cleanInBothLocales(el: HTMLElement & { updateComplete: Promise<boolean> }, english: string): Promise<void> {
  equal(await axeViolations(el), '', 'fa');
  await useConsoleLocale('en');
  await el.updateComplete;
  assert((el.shadowRoot!.textContent ?? '').includes(english), `in English: ${el.shadowRoot!.textContent ?? ''}`);
  equal(await axeViolations(el), '', 'en');
}

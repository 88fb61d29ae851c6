// End to end: the three widgets on a county page that sends the strict Content-Security-Policy
// docs/webmaster.md gives (Trusted Types enforced), with the adapter (npm start) on another origin
// and, behind the county's own reverse proxy, on the page's origin. They must work and report no
// violation. The loader prepares ICU in an audio worklet (intl-warmup.ts, prepareIntl) from either
// origin; on a plain-http page, which browsers give no worklet, it does that on the main thread.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { freePort, launchChromium, root, startProduct, type Product } from './support.js';

/** The policy line of docs/webmaster.md, read from it (so the guide and this test cannot drift), for an adapter origin. */
function guidePolicy(adapter: string): string {
  const guide = readFileSync(join(root, 'docs/webmaster.md'), 'utf8');
  const line = /```\n(script-src [^\n]+)\n/.exec(guide)?.[1];
  assert.ok(line, 'docs/webmaster.md gives a CSP line');
  return line.replaceAll('https://nazar.example.ir', adapter);
}

let product: Product;
let county: Server;
let countyBase: string;
/** The same county server under a name that is not a secure context (plain http, not localhost). */
let insecureBase: string;
/** Every path the county's server was asked for. */
const countyPaths: string[] = [];
let browser: Browser;
let policy = '';
let adapterInPage = '';

before(async () => {
  const countyPort = await freePort();
  countyBase = `http://127.0.0.1:${countyPort}`;
  insecureBase = `http://county.example:${countyPort}`;
  product = await startProduct({ NAZAR_ALLOWED_ORIGINS: `${countyBase},${insecureBase}` });
  // The county's web server: its page with the policy under test, and /nazar/ passed to the
  // adapter (a reverse proxy that puts Nazar on the county's own origin).
  county = createServer((req, res) => {
    countyPaths.push(req.url ?? '');
    if (req.url === '/county.html') {
      const src = adapterInPage;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': policy });
      res.end(`<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>استانداری</title>
        <script type="module" src="${src}/nazar.js" data-api="${src}/"></script></head><body>
        <service-feedback service="gathering-permit"></service-feedback>
        <quick-poll poll="bus-routes"></quick-poll>
        <draft-consultation consultation="street-vendors-1405"></draft-consultation></body></html>`);
      return;
    }
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end(); // the county's own icon, not the adapter's business
      return;
    }
    if (!req.url?.startsWith('/nazar/')) {
      res.writeHead(404).end();
      return;
    }
    const target = new URL(req.url.slice('/nazar'.length), product.base);
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => county.listen(countyPort, '127.0.0.1', r));
  assert.equal((county.address() as AddressInfo).port, countyPort);
  browser = await launchChromium([`--host-resolver-rules=MAP county.example 127.0.0.1`]);
});

after(async () => {
  await browser?.close();
  await new Promise((r) => county?.close(r));
  await product?.stop();
});

// Recorded before any of the page's scripts run. Only the loader's main-thread fallback calls
// Intl.NumberFormat.supportedLocalesOf (intl-warmup.ts, prepareHere): counted.
const WATCH = `window.__violations = [];
  window.__preparedHere = 0;
  const supported = Intl.NumberFormat.supportedLocalesOf;
  Intl.NumberFormat.supportedLocalesOf = function (...args) { window.__preparedHere++; return supported.apply(this, args); };
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample) + ' ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber + ' ' + e.sample));`;

async function openCountyPage(adapter: string, cspPolicy: string, base = countyBase) {
  adapterInPage = adapter;
  policy = cspPolicy;
  const context = await browser.newContext({ locale: 'fa-IR' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.addInitScript(WATCH);
  await page.goto(`${base}/county.html`);
  await page.locator('draft-consultation li.clause').first().waitFor({ timeout: 30_000 });
  const poll = page.locator('quick-poll');
  await poll.getByRole('radio').first().waitFor();
  await page.locator('service-feedback').getByRole('radio').first().waitFor();
  return { context, page, poll, errors };
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
const preparedHere = (page: Page) => page.evaluate(() => (window as unknown as { __preparedHere: number }).__preparedHere);
const draftBanner = (page: Page) =>
  page.locator('draft-consultation').evaluate((el) => el.shadowRoot!.querySelector('[part="banner"]')!.textContent);

/** A vote goes through (connect-src), then: no violation, no console error. */
async function voteCleanly({ page, poll, errors }: Awaited<ReturnType<typeof openCountyPage>>, option: number): Promise<void> {
  await poll.getByRole('radio').nth(option).check();
  await poll.getByRole('button', { name: 'ثبت رأی' }).click();
  await poll.locator('[part="results"]').waitFor({ timeout: 15_000 });
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(errors, []);
}

describe("the widgets under the webmaster guide's Content-Security-Policy", () => {
  it('with the adapter on another origin: they work, ICU is prepared in the worklet from there, and no violation', async () => {
    const logFrom = product.output().length;
    const opened = await openCountyPage(product.base, guidePolicy(product.base));
    await voteCleanly(opened, 1);
    // Not among the page's requests as Playwright reports them: a worklet's fetches are not; the adapter's log has it.
    assert.match(product.output().slice(logFrom), /"path":"\/nazar-intl\.js","status":200/);
    assert.equal(await preparedHere(opened.page), 0, 'ICU was not prepared on the main thread');
    await opened.context.close();
  });

  it("behind the county's reverse proxy (one origin): ICU is prepared in the worklet, with no violation", async () => {
    countyPaths.length = 0;
    const opened = await openCountyPage('/nazar', guidePolicy(''));
    await voteCleanly(opened, 2);
    assert.ok(countyPaths.includes('/nazar/nazar-intl.js'), countyPaths.join('\n'));
    assert.equal(await preparedHere(opened.page), 0, 'ICU was not prepared on the main thread');
    assert.match(await draftBanner(opened.page), /[۰-۹]/, 'dates and numbers in Persian digits');
    await opened.context.close();
  });

  it('on a plain-http page (no worklet there) the widgets prepare ICU themselves and work, with no violation', async () => {
    const opened = await openCountyPage(product.base, guidePolicy(product.base), insecureBase);
    assert.equal(await opened.page.evaluate(() => isSecureContext), false);
    await voteCleanly(opened, 0);
    assert.ok((await preparedHere(opened.page)) > 0, 'ICU prepared on the main thread');
    // The draft waits for ICU to be ready before it shows a date: it is on screen, in Persian digits.
    assert.match(await draftBanner(opened.page), /[۰-۹]/, 'dates and numbers in Persian digits');
    await opened.context.close();
  });
});

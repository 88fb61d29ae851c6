// End to end: the CDN folder the build makes (packages/elements/dist/cdn), self-hosted by a county
// web server as docs/webmaster.md says, with the loader's tag carrying `integrity` from the
// folder's manifest.json. In Chromium (Playwright) and Firefox ESR (puppeteer, WebDriver BiDi):
// the widget works from the county's copy, also when nazar.js comes from the adapter and
// `data-base` points at the copy; and a chunk with one byte changed is refused (the loader's
// modulepreload links carry every chunk's hash): its code never runs, the widget reports
// `nazar-error`, its fallback content stays and the page's own content is untouched. In Node: the
// folder matches its manifest, and a folder that does not is caught (the check the build runs).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser as ChromiumBrowser } from 'playwright-core';
import puppeteer, { type Browser as FirefoxBrowser } from 'puppeteer-core';
import { cdnManifest, MANIFEST, sri, verifyCdn, type CdnManifest } from '../packages/elements/build/plugins.js';
import { freePort, launchChromium, root, startProduct, type Product } from './support.js';

const cdn = join(root, 'packages/elements/dist/cdn');
const manifest = () => JSON.parse(readFileSync(join(cdn, MANIFEST), 'utf8')) as CdnManifest;
const chunkNamed = (prefix: string) => Object.keys(manifest().files).find((f) => f.startsWith(`chunks/${prefix}-`))!;

/** The one-byte changes: the element chunk would define `service-feedbacx` if it ran. */
const TAMPER: Record<string, (code: string) => string> = {
  'service-feedback': (code) => code.replace('customElements.define(`service-feedback`', 'customElements.define(`service-feedbacx`'),
  lit: (code) => code.replace('lit-html', 'lit-htmx'),
};

let product: Product;
let county: Server;
let countyBase: string;
/** Every path the county's server was asked for. */
const countyPaths: string[] = [];
/** The page's loader tag, and the file of the folder the county's server serves altered, if any. */
let tag = { src: '', base: '' };
let tampered: { file: string; change: (code: string) => string } | null = null;

before(async () => {
  const port = await freePort();
  countyBase = `http://127.0.0.1:${port}`;
  product = await startProduct({ NAZAR_ALLOWED_ORIGINS: countyBase });
  county = createServer((req, res) => {
    const path = new URL(req.url ?? '/', countyBase).pathname;
    countyPaths.push(path);
    if (path === '/county.html') {
      const integrity = manifest().files['nazar.js'].integrity;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>استانداری</title>
        <script>window.__nazarErrors = []; document.addEventListener('nazar-error', (e) => __nazarErrors.push(e.detail.problem.code));</script>
        <script type="module" src="${tag.src}" integrity="${integrity}" data-api="${product.base}/"${tag.base ? ` data-base="${tag.base}"` : ''}></script>
        </head><body><h1 id="own">استانداری سیستان و بلوچستان</h1>
        <service-feedback service="gathering-permit"><a id="fallback" href="/old-feedback-form">ثبت نظر درباره این خدمت</a></service-feedback>
        </body></html>`);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end(); // the county's own icon, not Nazar's business
      return;
    }
    // The county's copy of the folder, as any static web server would serve it (same origin as the page).
    const file = normalize(path.slice('/cdn/'.length));
    if (!path.startsWith('/cdn/') || file.startsWith('..')) {
      res.writeHead(404).end();
      return;
    }
    let body: string;
    try {
      body = readFileSync(join(cdn, file), 'utf8');
    } catch {
      res.writeHead(404).end();
      return;
    }
    if (tampered?.file === file) {
      const changed = tampered.change(body);
      assert.equal(changed.length, body.length);
      let differing = 0;
      for (let i = 0; i < body.length; i++) if (changed[i] !== body[i]) differing++;
      assert.equal(differing, 1, `one byte of ${file} changed`);
      body = changed;
    }
    const type = { '.js': 'text/javascript', '.json': 'application/json' }[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((r) => county.listen(port, '127.0.0.1', r));
});

after(async () => {
  await new Promise((r) => county?.close(r));
  await product?.stop();
});

/** What a browser gives these tests: open the county page, ask it questions, read its console. */
interface Opened {
  evaluate<T>(expression: string): Promise<T>;
  waitFor(expression: string, what: string): Promise<void>;
  /** Console errors the browser reported (Firefox's BiDi reports none for a refused resource). */
  consoleErrors: string[];
  close(): Promise<void>;
}

const widgetReady = `!!document.querySelector('service-feedback')?.shadowRoot?.querySelector('input[type="radio"]')`;

/** Opens the page, waits for the widget, and checks every chunk came from `from`, each through a link with its hash. */
async function expectWorking(open: () => Promise<Opened>, from: string): Promise<void> {
  countyPaths.length = 0;
  const logFrom = product.output().length;
  const page = await open();
  await page.waitFor(widgetReady, 'the widget from the self-hosted folder');
  const links = await page.evaluate<{ href: string; integrity: string }[]>(
    `[...document.querySelectorAll('link[rel="modulepreload"]')].map((l) => ({ href: l.href, integrity: l.integrity }))`,
  );
  assert.ok(
    links.some((l) => l.href.endsWith(chunkNamed('service-feedback'))),
    JSON.stringify(links),
  );
  for (const link of links) {
    assert.ok(link.href.startsWith(`${from}chunks/`), `${link.href} from ${from}`);
    // The hash the loader carries: sha256 of the file's bytes in the folder.
    assert.equal(link.integrity, sri(readFileSync(join(cdn, link.href.slice(from.length))), 'sha256'), link.href);
  }
  if (from.startsWith(countyBase)) {
    assert.ok(countyPaths.includes(`/cdn/${chunkNamed('service-feedback')}`), countyPaths.join('\n'));
    assert.doesNotMatch(product.output().slice(logFrom), /"path":"\/chunks\//, 'no chunk from the adapter');
  }
  assert.deepEqual(await page.evaluate('window.__nazarErrors'), []);
  assert.deepEqual(page.consoleErrors, []);
  await page.close();
}

/** Serves `which` with one byte changed: refused, the widget reports it, the page is intact. */
async function expectRefused(open: () => Promise<Opened>, which: string, consoleSaysWhy: boolean): Promise<void> {
  const file = chunkNamed(which);
  tampered = { file, change: TAMPER[which] };
  countyPaths.length = 0;
  try {
    const page = await open();
    await page.waitFor('window.__nazarErrors.length > 0', 'nazar-error for the refused chunk');
    assert.ok(countyPaths.includes(`/cdn/${file}`), `the tampered ${file} was served`);
    assert.deepEqual(await page.evaluate('window.__nazarErrors'), ['network']);
    assert.equal(await page.evaluate(`customElements.get('service-feedback') === undefined`), true, 'the widget is not defined');
    assert.equal(await page.evaluate(`customElements.get('service-feedbacx') === undefined`), true, 'the tampered code did not run');
    assert.equal(await page.evaluate(`document.querySelector('service-feedback').shadowRoot`), null);
    assert.ok((await page.evaluate<number>(`document.getElementById('fallback').getBoundingClientRect().height`)) > 0, 'fallback visible');
    assert.equal(await page.evaluate(`document.getElementById('own').textContent`), 'استانداری سیستان و بلوچستان');
    if (consoleSaysWhy) {
      assert.ok(
        page.consoleErrors.some((m) => /integrity/.test(m) && m.includes(file)),
        `the console names the integrity failure:\n${page.consoleErrors.join('\n')}`,
      );
    }
    await page.close();
  } finally {
    tampered = null;
  }
}

function suite(name: string, opener: () => () => Promise<Opened>, consoleSaysWhy: boolean) {
  describe(`the self-hosted CDN folder in ${name}`, () => {
    it("works from the county's copy, every chunk through a link carrying its hash", async () => {
      tag = { src: '/cdn/nazar.js', base: '' };
      await expectWorking(opener(), `${countyBase}/cdn/`);
    });

    it('takes its chunks from data-base when nazar.js comes from the adapter', async () => {
      tag = { src: `${product.base}/nazar.js`, base: `${countyBase}/cdn` };
      await expectWorking(opener(), `${countyBase}/cdn/`);
    });

    for (const which of Object.keys(TAMPER)) {
      it(`refuses the ${which} chunk with one byte changed: its code never runs, the page stays as it was`, async () => {
        tag = { src: '/cdn/nazar.js', base: '' };
        await expectRefused(opener(), which, consoleSaysWhy);
      });
    }
  });
}

let chromium: ChromiumBrowser;
suite(
  'Chromium',
  () => async () => {
    chromium ??= await launchChromium();
    const context = await chromium.newContext({ locale: 'fa-IR' });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
    await page.goto(`${countyBase}/county.html`);
    return {
      evaluate: <T>(expression: string) => page.evaluate<T>(expression),
      waitFor: async (expression) => void (await page.waitForFunction(expression, null, { timeout: 20_000 })),
      consoleErrors,
      close: () => context.close(),
    };
  },
  true,
);

let firefox: FirefoxBrowser;
suite(
  'Firefox ESR',
  () => async () => {
    firefox ??= await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
    const page = await firefox.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${String(e)}`));
    await page.goto(`${countyBase}/county.html`);
    return {
      evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
      waitFor: async (expression) => void (await page.waitForFunction(expression, { timeout: 20_000 })),
      consoleErrors,
      close: () => page.close(),
    };
  },
  false,
);

after(async () => {
  await chromium?.close();
  await firefox?.close();
});

describe("the CDN folder's manifest.json (the check the build ends with)", () => {
  it('lists every file of the folder with the sha384 of its bytes, and npm start serves it', async () => {
    const listed = manifest();
    assert.deepEqual(listed, cdnManifest(cdn));
    for (const file of ['nazar.js', 'nazar-intl.js', 'console/index.html', chunkNamed('lit')]) {
      assert.match(listed.files[file]?.integrity ?? '', /^sha384-[A-Za-z0-9+/]{64}$/, file);
    }
    verifyCdn(cdn);
    const served = await fetch(`${product.base}/${MANIFEST}`);
    assert.equal(served.status, 200);
    assert.deepEqual(await served.json(), listed);
  });

  it('is refused when a file, an entry or a hash a script carries disagrees', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'nazar-cdn-'));
    try {
      const copy = (name: string) => {
        const dir = join(tmp, name);
        cpSync(cdn, dir, { recursive: true });
        return dir;
      };
      // A chunk with one byte changed: its entry, and the hash the loader's table holds for it, disagree.
      const changedFile = copy('changed-file');
      const lit = join(changedFile, chunkNamed('lit'));
      writeFileSync(lit, TAMPER.lit(readFileSync(lit, 'utf8')));
      assert.throws(
        () => verifyCdn(changedFile),
        (e: Error) => e.message.includes(`${chunkNamed('lit')}: ${MANIFEST} says`),
      );
      // The manifest's entry altered, the file as built.
      const changedEntry = copy('changed-entry');
      const altered = manifest();
      altered.files['nazar.js'].integrity = altered.files['nazar-intl.js'].integrity;
      writeFileSync(join(changedEntry, MANIFEST), JSON.stringify(altered));
      assert.throws(() => verifyCdn(changedEntry), /nazar\.js: manifest\.json says/);
      // A file the manifest does not list.
      const extra = copy('extra');
      writeFileSync(join(extra, 'chunks', 'extra.js'), 'export {};\n');
      assert.throws(() => verifyCdn(extra), /chunks\/extra\.js is not in manifest\.json/);
      // Manifest and file agree, but the hashes the loader checks chunks against expect other bytes.
      const stale = copy('stale-table');
      const table = join(stale, 'nazar.js');
      const element = chunkNamed('service-feedback');
      const code = readFileSync(table, 'utf8');
      const expected = new RegExp(`\\["${element}","(sha256-[^"]+)"\\]`).exec(code)![1];
      const other = sri(readFileSync(join(stale, 'nazar-intl.js')), 'sha256');
      writeFileSync(table, code.replaceAll(`["${element}","${expected}"]`, `["${element}","${other}"]`));
      writeFileSync(join(stale, MANIFEST), JSON.stringify(cdnManifest(stale)));
      assert.throws(
        () => verifyCdn(stale),
        (e: Error) => e.message.includes(`expects ${element} to be`),
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

// What a county page's JavaScript weighs: a page with the given widgets, served from the built
// dist/, loaded in Chromium; every JS file it fetched, gzip -9 as the server served it. Used by
// `npm run bench` (bench/RESULTS.md) and the size budgets in `npm test` (e2e/size-budget.e2e.test.ts).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const dist = join(import.meta.dirname, '..', 'packages/elements/dist/cdn');
export const gz = (buf: Buffer | string) => gzipSync(buf, { level: 9 }).length;

/**
 * Serves dist/ and a page with the given widgets; returns every JS file the page loaded, as the
 * server served them (the audio worklet's module, nazar-intl.js, is not among the page's requests
 * as Playwright reports them).
 */
export async function pageWeight(body: string, ready: string): Promise<{ files: { name: string; gzip: number }[]; total: number }> {
  const page = `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><script type="module" src="/nazar.js" data-api="/"></script></head>
    <body>${body}</body></html>`;
  const files: { name: string; gzip: number }[] = [];
  const http = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/') return res.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
    if (path.startsWith('/v1/')) return res.writeHead(404, { 'Content-Type': 'application/problem+json' }).end('{}');
    try {
      const body = readFileSync(join(dist, path));
      if (path.endsWith('.js')) files.push({ name: path, gzip: gz(body) });
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const p = await browser.newPage();
  await p.goto(url);
  await p.waitForFunction((tags) => tags.every((t: string) => customElements.get(t)), ready.split(','));
  await p.waitForLoadState('networkidle');
  await browser.close();
  http.close();
  return { files, total: files.reduce((n, f) => n + f.gzip, 0) };
}

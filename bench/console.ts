// The officials' console with 10,000 items: a store with 10,000 feedback and a consultation with
// 10,000 comments, served by the Node server; Chromium on slow 4G at 4× CPU (cold cache) opens
// the feedback inbox and the consultation's comments, and asks for the next page. Also the
// console's own bundle weight (gzip -9).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { createMemoryStore } from '../packages/server/src/store/memory/store.js';
import { createNodeServer } from '../packages/server/src/node/server.js';
import { SLOW_4G } from './slow-network.js';

const ITEMS = 10_000;
const RUNS = 5;
const TOKEN = 'bench-console-admin-token-0123456789';

export interface ConsoleBench {
  items: number;
  runs: number;
  bundleGzip: { total: number; files: { name: string; gzip: number }[] };
  inbox: { firstMs: number[]; nextMs: number[] };
  comments: { firstMs: number[]; nextMs: number[] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** nazar-console.js and every chunk it imports, statically (not the English strings). */
function bundle(dist: string): ConsoleBench['bundleGzip'] {
  const seen = new Set<string>();
  const stack = ['nazar-console.js'];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const src = readFileSync(join(dist, f), 'utf8');
    for (const m of src.matchAll(/from"\.\/?((?:chunks\/)?[^"]+\.js)"/g))
      stack.push(m[1].startsWith('chunks/') ? m[1] : f.startsWith('chunks/') ? `chunks/${m[1]}` : m[1]);
  }
  const files = [...seen].map((name) => ({ name, gzip: gzipSync(readFileSync(join(dist, name)), { level: 9 }).length }));
  return { total: files.reduce((n, f) => n + f.gzip, 0), files };
}

async function throttle(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: SLOW_4G.latencyMs,
    downloadThroughput: SLOW_4G.downloadBytesPerSecond,
    uploadThroughput: SLOW_4G.uploadBytesPerSecond,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_4G.cpuSlowdown });
}

export async function benchConsole(root: string): Promise<ConsoleBench> {
  const store = createMemoryStore({ services: [{ id: 'permit', title: 'پروانهٔ کسب' }] });
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < ITEMS; i++) {
    await store.createFeedback(
      { key: `bench-f-${i}`, requestHash: `h${i}` },
      {
        serviceId: 'permit',
        rating: 1 + (i % 5),
        categories: ['speed'],
        text: `بازخورد شمارهٔ ${i}: صف طولانی بود.`,
        contact: null,
        locale: 'fa',
      },
      new Date(start + i * 60_000).toISOString(),
    );
  }
  await store.createConsultation({
    slug: 'big',
    title: 'پیش‌نویس بزرگ',
    summary: '',
    kind: 'regulation',
    issuingBody: 'فرمانداری',
    opensAt: new Date(start).toISOString(),
    closesAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    moderation: 'post',
    clauses: [{ id: 'c1', heading: 'ماده ۱', text: 'متن' }],
    at: new Date(start).toISOString(),
  });
  await store.createComments(
    Array.from({ length: ITEMS }, (_, i) => ({
      idempotency: { key: `bench-c-${i}`, requestHash: `h${i}` },
      comment: {
        consultationSlug: 'big',
        clauseId: 'c1',
        stance: 'oppose' as const,
        text: `نظر شمارهٔ ${i} دربارهٔ ماده ۱ با متنی به اندازهٔ یک نظر معمولی.`,
        proposedText: null,
        displayName: null,
        contact: null,
        locale: 'fa' as const,
        moderation: 'post' as const,
        at: new Date(start + i * 60_000).toISOString(),
      },
    })),
  );
  const server = await createNodeServer({
    store,
    port: 0,
    allowedOrigins: [],
    adminToken: TOKEN,
    demoDir: null,
    logger: { info() {}, error() {} },
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const result: ConsoleBench = {
    items: ITEMS,
    runs: RUNS,
    bundleGzip: bundle(join(root, 'packages/elements/dist/cdn')),
    inbox: { firstMs: [], nextMs: [] },
    comments: { firstMs: [], nextMs: [] },
  };
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const [which, hash, items] of [
        ['inbox', '#feedback', 'nazar-console-feedback article'],
        ['comments', '#consultation/big', 'nazar-console-consultation article.item'],
      ] as const) {
        const context = await browser.newContext({ locale: 'fa-IR' });
        await context.addInitScript((t) => sessionStorage.setItem('nazar.console.token', t), TOKEN);
        const page = await context.newPage();
        await throttle(page);
        const t0 = Date.now();
        await page.goto(`${server.url}/console/${hash}`);
        if (which === 'comments') await page.locator('nazar-console').getByRole('button', { name: 'همهٔ نظرها' }).click();
        const list = page.locator(`nazar-console ${items}`);
        await list.first().waitFor({ timeout: 120_000 });
        result[which].firstMs.push(Date.now() - t0);
        const count = await list.count();
        const t1 = Date.now();
        await page.locator('nazar-console').getByRole('button', { name: 'بیشتر' }).click();
        await page.waitForFunction(
          ([sel, n]) => {
            const root = document.querySelector('nazar-console')!.shadowRoot!;
            const screen = root.querySelector(sel.split(' ')[0])!.shadowRoot!;
            return screen.querySelectorAll(sel.split(' ').slice(1).join(' ')).length > n;
          },
          [items.replace('nazar-console ', ''), count] as const,
          { timeout: 120_000 },
        );
        result[which].nextMs.push(Date.now() - t1);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return result;
}

export function consoleMarkdown(r: ConsoleBench): string {
  const ms = (xs: number[]) => `${median(xs)} ms (${xs.join(', ')})`;
  return `## The officials' console (${r.items.toLocaleString('en')} items, Chromium on slow 4G at 4× CPU, cold cache, median of ${r.runs})

| list | first screen (navigation to the first item) | next page (click to the next items) |
| --- | --- | --- |
| service-feedback inbox, ${r.items.toLocaleString('en')} feedback | ${ms(r.inbox.firstMs)} | ${ms(r.inbox.nextMs)} |
| a consultation's comments, ${r.items.toLocaleString('en')} comments | ${ms(r.comments.firstMs)} | ${ms(r.comments.nextMs)} |

The console's JavaScript (gzip -9; exempt from the widget budgets): **${(r.bundleGzip.total / 1024).toFixed(2)} KB** — ${r.bundleGzip.files
    .map((f) => `\`${f.name}\` ${(f.gzip / 1024).toFixed(2)} KB`)
    .join(', ')}. A citizen's page never loads \`nazar-console.js\` nor its strings (its own lit-localize project).
`;
}

// The big-draft benchmark: a draft of 500 clauses with 5,000 published comments, rendered by
// <draft-consultation> in Chromium with 4× CPU throttling, against the same clauses as plain static
// HTML in the same run. Measures the time until the first clauses are visible, until the whole draft
// is interactive, and the longest task.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createMemoryStore } from '../packages/server/src/memory-store.js';
import { createNodeServer } from '../packages/server/src/node-server.js';
import { buildLargeConsultation } from '../packages/server/src/seed.js';

const CLAUSES = 500;
const COMMENTS = 5000;
const RUNS = 5;
const CPU_SLOWDOWN = 4;

export interface DraftRun {
  firstVisibleMs: number;
  interactiveMs: number;
  longestTaskMs: number;
  longTasks: number;
}

export interface DraftBench {
  clauses: number;
  comments: number;
  cpuSlowdown: number;
  runs: number;
  static: DraftRun;
  widget: DraftRun;
  ratioFirstVisible: number;
  ratioInteractive: number;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const digits = (n: number) => new Intl.NumberFormat('fa-IR', { useGrouping: false }).format(n);

// Installed before any page script: records long tasks, the first visible clause and the moment
// every clause is in the DOM, for both pages alike. It says it is done on the console: waiting with
// page.waitForFunction would make Playwright inject its helper script (about 100 ms of parsing at
// 4× CPU) right after the load event, which on the widget page falls in the middle of loading the
// draft and on the static page after the clauses are parsed, so it delayed one side only.
const DONE = 'nazar-bench-done';
const PROBE = `
  window.__bench = { longTasks: [], firstVisible: 0, interactive: 0 };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
  const roots = () => { const el = document.querySelector('draft-consultation'); return el ? el.shadowRoot : document; };
  const tick = () => {
    const root = roots();
    const count = root ? root.querySelectorAll('li.clause').length : 0;
    if (count && !window.__bench.firstVisible) window.__bench.firstVisible = performance.now();
    if (count >= ${CLAUSES} && !window.__bench.interactive) { window.__bench.interactive = performance.now(); console.debug('${DONE}'); }
    if (!window.__bench.interactive) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

async function measure(page: Page, url: string): Promise<DraftRun> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const done = page.waitForEvent('console', { predicate: (m) => m.text() === DONE, timeout: 60_000 });
  await page.goto(url);
  await done;
  await page.waitForTimeout(300); // let trailing long tasks be reported
  const r = await page.evaluate(() => (window as unknown as { __bench: { longTasks: number[]; firstVisible: number; interactive: number } }).__bench);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  return { firstVisibleMs: r.firstVisible, interactiveMs: r.interactive, longestTaskMs: Math.max(0, ...r.longTasks), longTasks: r.longTasks.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mid = (runs: DraftRun[]): DraftRun => ({
  firstVisibleMs: Math.round(median(runs.map((r) => r.firstVisibleMs))),
  interactiveMs: Math.round(median(runs.map((r) => r.interactiveMs))),
  longestTaskMs: Math.round(Math.max(...runs.map((r) => r.longestTaskMs))),
  longTasks: Math.max(...runs.map((r) => r.longTasks)),
});

export async function benchDraft(root: string): Promise<DraftBench> {
  const store = createMemoryStore();
  const now = new Date();
  const slug = await buildLargeConsultation(store, { clauses: CLAUSES, comments: COMMENTS, now });
  const pages = mkdtempSync(join(tmpdir(), 'nazar-draft-bench-'));
  const server = await createNodeServer({ store, allowedOrigins: [], port: 0, host: '127.0.0.1', demoDir: pages, elementsDir: join(root, 'packages/elements/dist'), logger: { info() {}, error() {} } } as never);
  const draft = await (await fetch(`${server.url}/v1/consultations/${slug}`)).json();
  writeFileSync(
    join(pages, 'static.html'),
    `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>static</title></head><body>
     <article><h2>${escape(draft.title)}</h2><p>${escape(draft.summary)}</p><ol>${draft.clauses
       .map((c: { number: number; heading: string | null; text: string }) => `<li class="clause"><h3>ماده ${digits(c.number)}${c.heading ? ` — ${escape(c.heading)}` : ''}</h3><p>${escape(c.text)}</p><button type="button">نظر درباره این ماده</button></li>`)
       .join('')}</ol></article></body></html>`,
  );
  writeFileSync(
    join(pages, 'widget.html'),
    `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>widget</title>
     <script type="module" src="/nazar.js" data-api="/"></script></head><body><draft-consultation consultation="${slug}"></draft-consultation></body></html>`,
  );
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  const staticRuns: DraftRun[] = [];
  const widgetRuns: DraftRun[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const [url, runs] of [[`${server.url}/static.html`, staticRuns], [`${server.url}/widget.html`, widgetRuns]] as const) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.addInitScript(PROBE);
        runs.push(await measure(page, url));
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(pages, { recursive: true, force: true });
  }
  const s = mid(staticRuns);
  const w = mid(widgetRuns);
  return {
    clauses: CLAUSES,
    comments: COMMENTS,
    cpuSlowdown: CPU_SLOWDOWN,
    runs: RUNS,
    static: s,
    widget: w,
    ratioFirstVisible: Math.round((w.firstVisibleMs / s.firstVisibleMs) * 100) / 100,
    ratioInteractive: Math.round((w.interactiveMs / s.interactiveMs) * 100) / 100,
  };
}

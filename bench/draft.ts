// The big-draft benchmark: a draft of 500 clauses with 5,000 published comments, rendered by
// <draft-consultation> in Chromium with 4× CPU throttling, against the same clauses as plain static
// HTML in the same run. Measures the time until the first clauses are visible, until the whole draft
// is interactive, and the longest task. Two widget pages: the bare tag (everything from the API), and
// the tag with the draft's opening inside it as the county page publishes it (title, summary, the
// first clauses, a link to the full text), which docs/webmaster.md recommends: that text is on
// screen at once, and the widget replaces it with the whole, interactive draft.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createMemoryStore } from '../packages/server/src/store/memory/store.js';
import { createNodeServer } from '../packages/server/src/node/server.js';
import { buildLargeConsultation } from '@nazar/testing/bench-data';

const CLAUSES = 500;
const COMMENTS = 5000;
const RUNS = 7;
const CPU_SLOWDOWN = 4;
/** Clauses of the opening a county page puts inside the tag: a phone's first screen and more. */
const OPENING = 6;

export interface DraftRun {
  firstVisibleMs: number;
  interactiveMs: number;
  longestTaskMs: number;
  longTasks: number;
  /**
   * The longest animation frame in which Nazar's own code ran (nazar.js or a chunk), with the
   * style and layout it caused: the page's own first layout of its text is not ours.
   */
  longestOwnFrameMs: number;
  /**
   * Nazar's largest part of a long task: the time its code ran in that task, plus the
   * rendering in it of a frame in which an element's code ran (what its DOM changes cost; the
   * loader changes nothing on screen). A long task of
   * the host page's own (its first layout, the navigation) has none.
   */
  longestOwnTaskMs: number;
  /** Long tasks (≥ 50 ms) of which Nazar's part is 50 ms or more. */
  ownLongTasks: number;
  /** Of several page loads (mid), how many had at least one such task. */
  loadsWithOwnLongTask: number;
}

/** One page load's figures. */
type DraftLoad = Omit<DraftRun, 'loadsWithOwnLongTask'>;

export interface DraftBench {
  clauses: number;
  comments: number;
  cpuSlowdown: number;
  runs: number;
  static: DraftRun;
  /** The bare tag. */
  widget: DraftRun;
  /** The tag with the draft's opening inside it. */
  widgetWithOpening: DraftRun;
  /** The same page without Nazar: the host page's own long tasks. */
  openingAlone: Pick<DraftRun, 'longestTaskMs' | 'longTasks'>;
  /**
   * The tag with the opening inside, on a page of another origin than the adapter's (the worklet
   * that prepares ICU then comes from the adapter's origin: intl-warmup.ts, prepareIntl).
   */
  widgetWithOpeningCrossOrigin: DraftRun;
  openingClauses: number;
  ratioFirstVisible: number;
  ratioInteractive: number;
  ratioFirstVisibleWithOpening: number;
  ratioInteractiveWithOpening: number;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const digits = (n: number) => new Intl.NumberFormat('fa-IR', { useGrouping: false }).format(n);

// Installed before any page script: records long tasks, the first visible clause and the moment
// every clause is in the DOM, for all pages alike. A clause is visible when it is in the page
// (static, or the opening inside the tag while it is on screen) or in the widget's shadow root. It says it is done on the console: waiting with
// page.waitForFunction would make Playwright inject its helper script (about 100 ms of parsing at
// 4× CPU) right after the load event, which on the widget page falls in the middle of loading the
// draft and on the static page after the clauses are parsed, so it delayed one side only.
const DONE = 'nazar-bench-done';
const PROBE = `
  window.__bench = { firstVisible: 0, interactive: 0, tasks: [], frames: [] };
  const ours = (s) => /[/](nazar[.]js|chunks[/])/.test(s.sourceURL);
  window.__frames = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__bench.tasks.push([e.startTime, e.startTime + e.duration]);
      window.__frames.push('  long task at ' + Math.round(e.startTime) + ' ms: ' + Math.round(e.duration) + ' ms');
    }
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const own = e.scripts.filter(ours);
      // The loader (nazar.js) changes nothing on screen: a frame's rendering is Nazar's only if an element's code (a chunk) ran in it.
      window.__bench.frames.push({ duration: e.duration, renderStart: e.renderStart, end: e.startTime + e.duration, own: own.map((x) => [x.startTime, x.duration]), rendersOwn: own.some((x) => /[/]chunks[/]/.test(x.sourceURL)) });
      if (e.duration < 50) continue;
      const scripts = e.scripts.map((s) => (s.invoker.startsWith('http') ? '' : s.invoker + ' in ') + s.sourceURL.split('/').pop() + ' ' + Math.round(s.duration) + ' ms').join(', ');
      window.__frames.push('at ' + Math.round(e.startTime) + ' ms, ' + Math.round(e.duration) + ' ms: style and layout ' + Math.round(e.startTime + e.duration - e.styleAndLayoutStart) + ' ms' + (scripts ? '; ' + scripts : ''));
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  const tick = () => {
    const el = document.querySelector('draft-consultation');
    const count = el ? (el.shadowRoot ? el.shadowRoot.querySelectorAll('li.clause').length : 0) : document.querySelectorAll('li.clause').length;
    const own = el && el.querySelector('li.clause');
    const ownVisible = own ? own.checkVisibility() : false;
    if ((count || ownVisible) && !window.__bench.firstVisible) window.__bench.firstVisible = performance.now();
    if (count >= ${CLAUSES} && !window.__bench.interactive) { window.__bench.interactive = performance.now(); console.debug('${DONE}'); }
    if (!window.__bench.interactive) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

async function measure(page: Page, url: string, widget = true): Promise<DraftLoad> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const done = widget ? page.waitForEvent('console', { predicate: (m) => m.text() === DONE, timeout: 60_000 }) : undefined;
  await page.goto(url);
  // The host page alone never has all the clauses: its own tasks are over well within 2 s.
  await (done ?? page.waitForTimeout(2000));
  await page.waitForTimeout(300); // let trailing long tasks be reported
  type Frame = { duration: number; renderStart: number; end: number; own: [number, number][]; rendersOwn: boolean };
  const r = await page.evaluate(
    () =>
      (window as unknown as { __bench: { firstVisible: number; interactive: number; tasks: [number, number][]; frames: Frame[] } }).__bench,
  );
  const longTasks = r.tasks.map(([start, end]) => end - start);
  // Nazar's part of each long task (see DraftRun.longestOwnTaskMs).
  const ownPart = ([start, end]: [number, number]) => {
    let ms = 0;
    for (const f of r.frames) {
      for (const [at, duration] of f.own) if (at >= start && at < end) ms += duration;
      if (f.rendersOwn && f.renderStart >= start && f.renderStart < end) ms += f.end - f.renderStart;
    }
    return Math.min(ms, end - start);
  };
  const ownParts = r.tasks.map(ownPart);
  // BENCH_FRAMES=1 prints each long task, and each long animation frame with the scripts that ran
  // in it: what to fix.
  if (process.env.BENCH_FRAMES) {
    const frames = await page.evaluate(() => (window as unknown as { __frames: string[] }).__frames);
    console.log(
      `${new URL(url).pathname}: first visible ${Math.round(r.firstVisible)} ms; Nazar's part of each long task: ${ownParts.map(Math.round).join(', ') || '-'} ms\n  ${frames.join('\n  ')}`,
    );
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  return {
    firstVisibleMs: r.firstVisible,
    interactiveMs: r.interactive,
    longestTaskMs: Math.max(0, ...longTasks),
    longTasks: longTasks.length,
    longestOwnFrameMs: Math.max(0, ...r.frames.filter((f) => f.own.length).map((f) => f.duration)),
    longestOwnTaskMs: Math.max(0, ...ownParts),
    ownLongTasks: ownParts.filter((ms) => ms >= 50).length,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mid = (runs: DraftLoad[]): DraftRun => ({
  firstVisibleMs: Math.round(median(runs.map((r) => r.firstVisibleMs))),
  interactiveMs: Math.round(median(runs.map((r) => r.interactiveMs))),
  longestTaskMs: Math.round(Math.max(...runs.map((r) => r.longestTaskMs))),
  longTasks: Math.max(...runs.map((r) => r.longTasks)),
  longestOwnFrameMs: Math.round(Math.max(...runs.map((r) => r.longestOwnFrameMs))),
  // One decimal: rounded to a whole millisecond, 49.6 read as 50 beside a count of tasks ≥ 50 ms that is 0.
  longestOwnTaskMs: Math.round(Math.max(...runs.map((r) => r.longestOwnTaskMs)) * 10) / 10,
  ownLongTasks: Math.max(...runs.map((r) => r.ownLongTasks)),
  loadsWithOwnLongTask: runs.filter((r) => r.ownLongTasks > 0).length,
});

export async function benchDraft(root: string): Promise<DraftBench> {
  const store = createMemoryStore();
  const now = new Date();
  const slug = await buildLargeConsultation(store, { clauses: CLAUSES, comments: COMMENTS, now });
  const pages = mkdtempSync(join(tmpdir(), 'nazar-draft-bench-'));
  // The county's own web server, on another origin than the adapter's: it serves the cross-origin page.
  const county = createServer((req, res) => {
    if (req.url !== '/cross-origin.html') return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(readFileSync(join(pages, 'cross-origin.html')));
  });
  await new Promise<void>((r) => county.listen(0, '127.0.0.1', r));
  const countyUrl = `http://127.0.0.1:${(county.address() as AddressInfo).port}`;
  const server = await createNodeServer({
    store,
    allowedOrigins: [countyUrl],
    port: 0,
    host: '127.0.0.1',
    demoDir: pages,
    elementsDir: join(root, 'packages/elements/dist/cdn'),
    logger: { info() {}, error() {} },
  });
  const draft = await (await fetch(`${server.url}/v1/consultations/${slug}`)).json();
  type Clause = { number: number; heading: string | null; text: string };
  const clauseHtml = (c: Clause) =>
    `<li class="clause"><h3>ماده ${digits(c.number)}${c.heading ? ` — ${escape(c.heading)}` : ''}</h3><p>${escape(c.text)}</p>`;
  writeFileSync(
    join(pages, 'static.html'),
    `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>static</title></head><body>
     <article><h2>${escape(draft.title)}</h2><p>${escape(draft.summary)}</p><ol>${draft.clauses
       .map((c: Clause) => `${clauseHtml(c)}<button type="button">نظر درباره این ماده</button></li>`)
       .join('')}</ol></article></body></html>`,
  );
  const openingPage = (script: string) =>
    `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>widget with opening</title>
     ${script}</head><body><draft-consultation consultation="${slug}">
     <article><h2>${escape(draft.title)}</h2><p>${escape(draft.summary)}</p><ol>${draft.clauses
       .slice(0, OPENING)
       .map((c: Clause) => `${clauseHtml(c)}</li>`)
       .join('')}</ol><p><a href="/drafts/full-text.pdf">متن کامل پیش‌نویس</a></p></article></draft-consultation></body></html>`;
  writeFileSync(join(pages, 'widget-opening.html'), openingPage('<script type="module" src="/nazar.js" data-api="/"></script>'));
  // The same page without Nazar: its long tasks (the navigation, its first layout of the opening) are the host page's own.
  writeFileSync(join(pages, 'opening-alone.html'), openingPage(''));
  writeFileSync(
    join(pages, 'cross-origin.html'),
    openingPage(`<script type="module" src="${server.url}/nazar.js" data-api="${server.url}/"></script>`),
  );
  writeFileSync(
    join(pages, 'widget.html'),
    `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>widget</title>
     <script type="module" src="/nazar.js" data-api="/"></script></head><body><draft-consultation consultation="${slug}"></draft-consultation></body></html>`,
  );
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const staticRuns: DraftLoad[] = [];
  const widgetRuns: DraftLoad[] = [];
  const openingRuns: DraftLoad[] = [];
  const hostRuns: DraftLoad[] = [];
  const crossRuns: DraftLoad[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const pageRuns = [
        [`${server.url}/static.html`, staticRuns],
        [`${server.url}/widget.html`, widgetRuns],
        [`${server.url}/widget-opening.html`, openingRuns],
        [`${server.url}/opening-alone.html`, hostRuns],
        [`${countyUrl}/cross-origin.html`, crossRuns],
      ] as const;
      for (const [url, runs] of pageRuns) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.addInitScript(PROBE);
        runs.push(await measure(page, url, runs !== hostRuns));
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    await new Promise((r) => county.close(r));
    rmSync(pages, { recursive: true, force: true });
  }
  const s = mid(staticRuns);
  const w = mid(widgetRuns);
  const o = mid(openingRuns);
  const h = mid(hostRuns);
  const c = mid(crossRuns);
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  return {
    clauses: CLAUSES,
    comments: COMMENTS,
    cpuSlowdown: CPU_SLOWDOWN,
    runs: RUNS,
    static: s,
    widget: w,
    widgetWithOpening: o,
    openingAlone: { longestTaskMs: h.longestTaskMs, longTasks: h.longTasks },
    widgetWithOpeningCrossOrigin: c,
    openingClauses: OPENING,
    ratioFirstVisible: ratio(w.firstVisibleMs, s.firstVisibleMs),
    ratioInteractive: ratio(w.interactiveMs, s.interactiveMs),
    ratioFirstVisibleWithOpening: ratio(o.firstVisibleMs, s.firstVisibleMs),
    ratioInteractiveWithOpening: ratio(o.interactiveMs, s.interactiveMs),
  };
}

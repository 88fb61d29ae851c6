// Issue 15, "the host page must not jump": how far the demo county pages move while the Nazar
// widgets load and upgrade. Each page of demo/ that holds a widget is loaded in Chromium (the real
// server, a memory store with the demo content) with a `layout-shift` PerformanceObserver installed
// before any page script; a load's figure is the sum of every shift not caused by input (what
// Lighthouse calls cumulative layout shift when there is one session window; a sum is never less),
// and each shift's sources say which element moved. Profiles: a phone on Lighthouse's slow 4G at
// 4× CPU (the widgets arrive late, after the page has painted), a phone on a fast network, a phone
// whose widget code arrives 2 s after the page (a slow adapter; the page has long settled), the same
// scrolled to the page's end at once (what follows each widget is then in view), and a desktop
// window on a fast network. Median of 3 loads each, cold cache.
//
// `benchLayoutShift(root)` returns the figures (wired into `npm run bench`); run directly,
// `node --import tsx bench/layout-shift.ts` prints them (after `npm run build`).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { createMemoryStore } from '../packages/server/src/store/memory/store.js';
import { createNodeServer, DEFAULT_DEMO_DIR } from '../packages/server/src/node/server.js';
import { seedDemoContent } from '../packages/server/src/demo/seed.js';
import { SLOW_4G } from './slow-network.js';

const RUNS = 3;
/** The budget: what Nazar may move a host page, on every demo page and profile. */
export const LAYOUT_SHIFT_BUDGET = 0.01;
/** The demo pages that hold widgets. */
const PAGES = ['/', '/drafts.html'];

interface Profile {
  name: string;
  viewport: { width: number; height: number };
  mobile: boolean;
  network?: typeof SLOW_4G;
  /** Holds back the widgets' code (nazar.js's chunks) this long. */
  chunkDelayMs?: number;
  /** Scrolls to the end of the page as soon as it is parsed: what follows each widget is in view. */
  scrollToEnd?: boolean;
}

// Lighthouse's mobile screen (Moto G Power: 412 × 823 CSS pixels) and its desktop one.
const PHONE = { width: 412, height: 823 };
const PROFILES: Profile[] = [
  { name: 'phone, slow 4G, 4× CPU', viewport: PHONE, mobile: true, network: SLOW_4G },
  { name: 'phone, fast network', viewport: PHONE, mobile: true },
  { name: 'phone, widget code 2 s late', viewport: PHONE, mobile: true, chunkDelayMs: 2000 },
  { name: 'phone scrolled to the end, widget code 2 s late', viewport: PHONE, mobile: true, chunkDelayMs: 2000, scrollToEnd: true },
  { name: 'desktop, fast network', viewport: { width: 1350, height: 940 }, mobile: false },
];

export interface ShiftSource {
  /** The element that moved, e.g. `article#service-2` or `service-feedback[service=ngo-permit] › form`. */
  node: string;
  /** Its share of the shifts' scores (each shift's score split evenly among its sources). */
  score: number;
}

export interface LayoutShiftRun {
  page: string;
  profile: string;
  /** Median of the loads' sums of shifts without recent input. */
  cls: number;
  runs: number[];
  /** Elements that moved in the median load, largest share first (up to 5). */
  movers: ShiftSource[];
}

export interface LayoutShiftBench {
  runs: number;
  budget: number;
  pages: LayoutShiftRun[];
}

// Before any page script. Attributes each shift to its sources: a node inside a widget's shadow
// root is named by the widget that holds it.
const observer = `
  window.__shifts = [];
  const name = (node) => {
    if (!node || node.nodeType !== 1) return node && node.parentElement ? name(node.parentElement) : '(a node since removed)';
    const one = (el) => {
      let s = el.localName;
      if (el.id) s += '#' + el.id;
      else if (el.classList.length) s += '.' + [...el.classList].slice(0, 2).join('.');
      for (const a of ['service', 'poll', 'consultation']) if (el.hasAttribute(a)) s += '[' + a + '=' + el.getAttribute(a) + ']';
      return s;
    };
    const root = node.getRootNode();
    if (root instanceof ShadowRoot) return one(root.host) + ' › ' + one(node);
    const holder = node.parentElement?.closest('[id]');
    return holder && holder !== node ? one(holder) + ' › ' + one(node) : one(node);
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      const sources = (e.sources || []).map((s) => name(s.node));
      window.__shifts.push({ value: e.value, at: e.startTime, sources });
    }
  }).observe({ type: 'layout-shift', buffered: true });
`;

type Shift = { value: number; at: number; sources: string[] };

async function loadOnce(browser: Browser, url: string, profile: Profile): Promise<Shift[]> {
  const context = await browser.newContext({
    viewport: profile.viewport,
    isMobile: profile.mobile,
    hasTouch: profile.mobile,
    deviceScaleFactor: profile.mobile ? 1.75 : 1,
    locale: 'fa-IR',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (profile.network) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.network.latencyMs,
      downloadThroughput: profile.network.downloadBytesPerSecond,
      uploadThroughput: profile.network.uploadBytesPerSecond,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.network.cpuSlowdown });
  }
  if (profile.chunkDelayMs) {
    const delay = profile.chunkDelayMs;
    await page.route(/\/chunks\//, async (route) => {
      await new Promise((r) => setTimeout(r, delay));
      await route.continue();
    });
  }
  await page.addInitScript(observer);
  if (profile.scrollToEnd) {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  } else {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  }
  // Settled: every widget defined and rendered, nothing fetched for 500 ms, no shift for 1.5 s.
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('service-feedback, quick-poll, draft-consultation')].every(
        (el) => customElements.get(el.localName) && (el as unknown as { hasUpdated: boolean }).hasUpdated,
      ),
    undefined,
    { timeout: 60_000, polling: 100 },
  );
  await page.waitForLoadState('networkidle', { timeout: 60_000 });
  let seen = -1;
  for (let waited = 0; waited < 15_000; waited += 1500) {
    const n = await page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts.length);
    if (n === seen) break;
    seen = n;
    await page.waitForTimeout(1500);
  }
  const shifts = await page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
  await context.close();
  return shifts;
}

const sum = (shifts: Shift[]) => shifts.reduce((n, s) => n + s.value, 0);

function movers(shifts: Shift[]): ShiftSource[] {
  const by = new Map<string, number>();
  for (const s of shifts) for (const node of s.sources) by.set(node, (by.get(node) ?? 0) + s.value / s.sources.length);
  return [...by]
    .map(([node, score]) => ({ node, score: Number(score.toFixed(4)) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 5);
}

export async function benchLayoutShift(root: string): Promise<LayoutShiftBench> {
  const store = createMemoryStore();
  await seedDemoContent(store);
  const server = await createNodeServer({
    store,
    allowedOrigins: [],
    port: 0,
    host: '127.0.0.1',
    demoDir: DEFAULT_DEMO_DIR,
    elementsDir: join(root, 'packages/elements/dist/cdn'),
    logger: { info() {}, error() {} },
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const pages: LayoutShiftRun[] = [];
  try {
    for (const path of PAGES) {
      for (const profile of PROFILES) {
        const loads: Shift[][] = [];
        for (let i = 0; i < RUNS; i++) loads.push(await loadOnce(browser, `${server.url}${path}`, profile));
        const ordered = [...loads].sort((a, b) => sum(a) - sum(b));
        const median = ordered[Math.floor(ordered.length / 2)];
        pages.push({
          page: path,
          profile: profile.name,
          cls: Number(sum(median).toFixed(4)),
          runs: loads.map((l) => Number(sum(l).toFixed(4))),
          movers: movers(median),
        });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { runs: RUNS, budget: LAYOUT_SHIFT_BUDGET, pages };
}

/** Why the one figure over budget is kept (judgement, so written by hand; measured 2026-12-08). */
const ACCOUNT = `Over budget, on purpose: \`/drafts.html\` scrolled to the end, widget code 2 s late. The phone's screen then holds the last of the page's own opening of the draft (the widget's top is above the screen, its end near the bottom) and 130 px of the footer. When the widget draws the whole draft in the opening's place (4,954 px of page instead of 1,475), the text being read stays where it is and the footer moves down past the screen's end: that move is the whole score. Scoring 0 would mean scrolling with the footer, throwing the reader from the clause being read to the end of the draft; the reader's place is kept instead. Lighthouse's own load (not scrolled) scores 0 on both pages.`;

export function layoutShiftMarkdown(r: LayoutShiftBench): string {
  const rows = ['| demo page | profile | layout shift (median) | runs | what moved (median load) |', '|---|---|---|---|---|'];
  for (const p of r.pages) {
    const moved = p.movers.length ? p.movers.map((m) => `\`${m.node}\` ${m.score}`).join(', ') : 'nothing';
    rows.push(`| \`${p.page}\` | ${p.profile} | ${p.cls} | ${p.runs.join(', ')} | ${moved} |`);
  }
  const over = r.pages.filter((p) => p.cls > r.budget);
  const accounted = (p: LayoutShiftRun) => p.page === '/drafts.html' && p.profile.startsWith('phone scrolled to the end');
  const unaccounted = over.filter((p) => !accounted(p));
  let account = over.some(accounted) ? `\n\n${ACCOUNT}` : '';
  if (unaccounted.length)
    account += `\n\n**Over budget, not accounted for:** ${unaccounted.map((p) => `\`${p.page}\` ${p.profile} (${p.cls})`).join('; ')}.`;
  return `${rows.join('\n')}\n\nBudget: ≤ ${r.budget} on every page and profile (the sum of all shifts without recent input, not only the worst session window; median of ${r.runs} cold loads; slow 4G is ${SLOW_4G.latencyMs} ms round trip, 1.6 Mbit/s down, ${SLOW_4G.cpuSlowdown}× CPU).${account}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await benchLayoutShift(join(import.meta.dirname, '..'));
  console.log(layoutShiftMarkdown(results));
  if (process.env.BENCH_JSON) console.log(JSON.stringify(results, null, 2));
}

// The "interactive ≤ 1.0 s after the host page's HTML on a slow-4G profile" budget, measured: a
// county page with one widget, served with the real server (memory store, demo content), loaded in
// Chromium with Lighthouse's slow-4G settings (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up)
// and its 4× CPU slowdown, cold cache. For each widget: the time from the end of the host page's
// HTML (navigation responseEnd) until the widget is interactive (its first control is in the DOM
// and enabled), median of 15 runs.
//
// `benchSlowNetwork(root)` returns the figures (wired into `npm run bench`); run directly,
// `node --import tsx bench/slow-network.ts` prints them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { createMemoryStore } from '../packages/server/src/store/memory/store.js';
import { createNodeServer } from '../packages/server/src/node/server.js';
import { DEMO_CONSULTATION_SLUG, DEMO_POLL_SLUG, seedDemoContent } from '../packages/server/src/demo/seed.js';

const RUNS = 15;
/** Lighthouse's "slow 4G" (its mobile default). Throughputs in bytes a second. */
export const SLOW_4G = {
  latencyMs: 150,
  downloadBytesPerSecond: (1.6 * 1024 * 1024) / 8,
  uploadBytesPerSecond: (750 * 1024) / 8,
  cpuSlowdown: 4,
};

export interface SlowNetworkRun {
  widget: string;
  /** Median ms from the host page's HTML (responseEnd) to the widget's first enabled control. */
  interactiveAfterHtmlMs: number;
  /** The same, every run. */
  runsMs: number[];
  /** Bytes of JavaScript the page transferred (compressed as sent). */
  scriptBytes: number;
}

export interface SlowNetworkBench {
  profile: typeof SLOW_4G;
  runs: number;
  budgetMs: number;
  widgets: SlowNetworkRun[];
}

const WIDGETS: { name: string; markup: string; control: string }[] = [
  {
    name: 'service-feedback',
    markup: '<service-feedback service="public-complaints" label="رسیدگی به شکایات و درخواست‌های مردمی"></service-feedback>',
    control: 'input[type="radio"]',
  },
  {
    name: 'quick-poll',
    markup: `<quick-poll poll="${DEMO_POLL_SLUG}"></quick-poll>`,
    control: 'input[type="radio"], input[type="checkbox"]',
  },
  {
    name: 'draft-consultation',
    markup: `<draft-consultation consultation="${DEMO_CONSULTATION_SLUG}"></draft-consultation>`,
    control: 'li.clause button',
  },
];

// Before any page script: watches for the widget's first enabled control, in its shadow root.
const probe = (tag: string, control: string) => `
  window.__slow = { interactive: 0 };
  const tick = () => {
    const root = document.querySelector(${JSON.stringify(tag)})?.shadowRoot;
    const el = root?.querySelector(${JSON.stringify(control)});
    if (el && !el.disabled) window.__slow.interactive = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

async function measureOnce(browser: Browser, url: string, tag: string, control: string): Promise<{ ms: number; scriptBytes: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: SLOW_4G.latencyMs,
    downloadThroughput: SLOW_4G.downloadBytesPerSecond,
    uploadThroughput: SLOW_4G.uploadBytesPerSecond,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_4G.cpuSlowdown });
  let scriptBytes = 0;
  const scripts = new Set<string>();
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script') scripts.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (scripts.has(e.requestId)) scriptBytes += e.encodedDataLength;
  });
  await page.addInitScript(probe(tag, control));
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __slow: { interactive: number } }).__slow.interactive > 0, undefined, {
    timeout: 60_000,
    polling: 100,
  });
  const ms = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return (window as unknown as { __slow: { interactive: number } }).__slow.interactive - nav.responseEnd;
  });
  await context.close();
  return { ms, scriptBytes };
}

export async function benchSlowNetwork(root: string): Promise<SlowNetworkBench> {
  const store = createMemoryStore();
  await seedDemoContent(store);
  const pages = mkdtempSync(join(tmpdir(), 'nazar-slow-'));
  for (const w of WIDGETS) {
    writeFileSync(
      join(pages, `${w.name}.html`),
      `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>${w.name}</title>
       <script type="module" src="/nazar.js" data-api="/"></script></head><body><main><h1>استانداری</h1>${w.markup}</main></body></html>`,
    );
  }
  const server = await createNodeServer({
    store,
    allowedOrigins: [],
    port: 0,
    host: '127.0.0.1',
    demoDir: pages,
    elementsDir: join(root, 'packages/elements/dist/cdn'),
    logger: { info() {}, error() {} },
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const widgets: SlowNetworkRun[] = [];
  try {
    for (const w of WIDGETS) {
      const runs: number[] = [];
      let scriptBytes = 0;
      for (let i = 0; i < RUNS; i++) {
        const r = await measureOnce(browser, `${server.url}/${w.name}.html`, w.name, w.control);
        runs.push(Math.round(r.ms));
        scriptBytes = r.scriptBytes;
      }
      const sorted = [...runs].sort((a, b) => a - b);
      widgets.push({ widget: w.name, interactiveAfterHtmlMs: sorted[Math.floor(sorted.length / 2)], runsMs: runs, scriptBytes });
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(pages, { recursive: true, force: true });
  }
  return { profile: SLOW_4G, runs: RUNS, budgetMs: 1000, widgets };
}

export function slowNetworkMarkdown(r: SlowNetworkBench): string {
  const rows = ['| page with one… | interactive after the host HTML (median) | runs | JavaScript transferred |', '|---|---|---|---|'];
  for (const w of r.widgets)
    rows.push(
      `| \`<${w.widget}>\` | ${w.interactiveAfterHtmlMs} ms | ${w.runsMs.join(', ')} ms | ${(w.scriptBytes / 1024).toFixed(1)} KB |`,
    );
  return `${rows.join('\n')}\n\nBudget: interactive ≤ ${r.budgetMs} ms after the host page's HTML (slow 4G: ${r.profile.latencyMs} ms round trip, 1.6 Mbit/s down, 750 kbit/s up, ${r.profile.cpuSlowdown}× CPU; cold cache; the API on the same origin).`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await benchSlowNetwork(join(import.meta.dirname, '..'));
  console.log(slowNetworkMarkdown(results));
}

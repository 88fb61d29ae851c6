// Temporary: trace the widget page of the big-draft bench at 4x CPU.
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createMemoryStore } from '../packages/server/src/memory-store.js';
import { createNodeServer } from '../packages/server/src/node-server.js';
import { buildLargeConsultation } from '../packages/server/src/seed.js';
const root = process.cwd();
const store = createMemoryStore();
const slug = await buildLargeConsultation(store, { clauses: 500, comments: 5000, now: new Date() });
const pages = mkdtempSync(join(tmpdir(), 'nz-'));
const server = await createNodeServer({ store, allowedOrigins: [], port: 0, host: '127.0.0.1', demoDir: pages, elementsDir: join(root, 'packages/elements/dist'), logger: { info() {}, error() {} } } as never);
const draft = await (await fetch(`${server.url}/v1/consultations/${slug}`)).json();
const opening = process.env.OPENING ? `<article><h2>${draft.title}</h2><p>${draft.summary}</p><ol>${draft.clauses.slice(0, 6).map((c: any) => `<li class="clause"><h3>ماده ${c.number}</h3><p>${c.text}</p></li>`).join('')}</ol></article>` : '';
writeFileSync(join(pages, 'widget.html'), `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>widget</title>${process.env.FONT ? "<style>body{font-family:Vazirmatn,Tahoma,sans-serif}</style>" : ""}
${process.env.NOSCRIPT ? "" : `<script type="module" src="/nazar.js" data-api="/"></script>`}</head><body><draft-consultation consultation="${slug}">${opening}</draft-consultation></body></html>`);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
for (let run = 0; run < 2; run++) {
const context = await browser.newContext();
const page = await context.newPage();
await page.addInitScript(`window.__fv=0; const t=()=>{const el=document.querySelector('draft-consultation'); const r=el&&el.shadowRoot; if(1||r&&r.querySelector('li.clause')||(el&&el.querySelector('li.clause')&&el.querySelector('li.clause').checkVisibility())){window.__fv=performance.now(); console.debug('fv');} else requestAnimationFrame(t)}; requestAnimationFrame(t);`);
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await browser.startTracing(page, { path: '/tmp/nz/trace.json', categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'netlog', 'fonts', 'blink', 'disabled-by-default-fonts', 'disabled-by-default-blink.debug.layout'] });
const fv = page.waitForEvent('console', (m) => m.text() === 'fv');
await page.goto(`${server.url}/widget.html`);
await fv;
await page.waitForTimeout(2500);
await browser.stopTracing();
const fvms = await page.evaluate(() => (window as any).__fv);
const res = await page.evaluate(() => performance.getEntriesByType('resource').map((e: any) => `${e.name.replace(location.origin,'')} start=${e.startTime.toFixed(0)} end=${e.responseEnd.toFixed(0)} size=${e.encodedBodySize}`));
const nav = await page.evaluate(() => { const n: any = performance.getEntriesByType('navigation')[0]; return `responseEnd=${n.responseEnd.toFixed(0)} dcl=${n.domContentLoadedEventEnd.toFixed(0)} load=${n.loadEventEnd.toFixed(0)}`; });
console.log('run', run, 'firstVisible', fvms.toFixed(0), nav); console.log(res.join('\n'));
const trace = JSON.parse(readFileSync('/tmp/nz/trace.json', 'utf8'));
const ev = (trace.traceEvents ?? trace) as any[];
const navStart = ev.find((e) => e.name === 'navigationStart')?.ts ?? 0;
const main = ev.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.dur > 25000);
const rendererPid = ev.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data?.frames?.[0]?.processId;
for (const t of main.sort((a, b) => a.ts - b.ts)) {
  if (rendererPid && t.pid !== rendererPid) continue;
  const kids = ev.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts < t.ts + t.dur && e.ph === 'X' && e.name !== 'RunTask' && e.dur > 1500);
  const desc = kids.slice(0, 30).map((k) => `${k.name}${k.args?.data?.url ? '(' + String(k.args.data.url).replace(/.*\//, '') + ')' : ''}${k.args?.data?.functionName ? '[' + k.args.data.functionName + ']' : ''}:${(k.dur / 1000).toFixed(0)}`).join(' ');
  console.log(`  task @${((t.ts - navStart) / 1000).toFixed(0)} ${(t.dur / 1000).toFixed(0)}ms  ${desc}`);
}
await context.close();
}
await browser.close(); await server.close();

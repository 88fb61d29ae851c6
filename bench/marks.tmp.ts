import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createMemoryStore } from '../packages/server/src/memory-store.js';
import { createNodeServer } from '../packages/server/src/node-server.js';
import { buildLargeConsultation } from '../packages/server/src/seed.js';
const store = createMemoryStore();
const slug = await buildLargeConsultation(store, { clauses: 500, comments: 5000, now: new Date() });
const pages = mkdtempSync(join(tmpdir(), 'nz-'));
const server = await createNodeServer({ store, allowedOrigins: [], port: 0, host: '127.0.0.1', demoDir: pages, elementsDir: join(process.cwd(), 'packages/elements/dist'), logger: { info() {}, error() {} } } as never);
const draft = await (await fetch(`${server.url}/v1/consultations/${slug}`)).json();
const opening = `<article><h2>${draft.title}</h2><p>${draft.summary}</p><ol>${draft.clauses.slice(0, 6).map((c: any) => `<li class="clause"><h3>ماده ${c.number}</h3><p>${c.text}</p></li>`).join('')}</ol></article>`;
writeFileSync(join(pages, 'o.html'), `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><script type="module" src="/nazar.js" data-api="/"></script></head><body><draft-consultation consultation="${slug}">${process.env.BARE ? '' : opening}</draft-consultation></body></html>`);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
for (let run = 0; run < 3; run++) {
  const context = await browser.newContext(); const page = await context.newPage();
  await page.addInitScript(`window.__lt=[];new PerformanceObserver(l=>{for(const e of l.getEntries())window.__lt.push('LONG '+Math.round(e.startTime)+' '+Math.round(e.duration))}).observe({type:'longtask',buffered:true});
  new PerformanceObserver(l=>{for(const e of l.getEntries()){if(e.duration<30)continue;window.__lt.push('LOAF '+Math.round(e.startTime)+' '+Math.round(e.duration)+' render='+Math.round(e.startTime+e.duration-e.renderStart)+' layout='+Math.round(e.startTime+e.duration-e.styleAndLayoutStart)+' '+e.scripts.map(s=>s.invoker.split('/').pop().slice(0,40)+':'+Math.round(s.duration)).join(','))}}).observe({type:'long-animation-frame',buffered:true});`);
  const cdp = await context.newCDPSession(page); await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${server.url}/o.html`); await page.waitForTimeout(3000);
  const out = await page.evaluate(() => [...performance.getEntriesByType('mark'), ...performance.getEntriesByType('measure')].filter((e) => e.name.startsWith('nz:')).map((e) => `${Math.round(e.startTime)} ${e.name} ${e.duration.toFixed(1)}`).concat((window as any).__lt));
  console.log('run', run); console.log(out.sort((a: string, b: string) => parseInt(a.replace(/^\D+/, '')) - parseInt(b.replace(/^\D+/, ''))).filter((l: string) => !/batch-parse|update rendered=(\d\d|[4-9]\d*)/.test(l) || / (1\d|[2-9]\d)\.\d$/.test(l)).join('\n'));
  await context.close();
}
await browser.close(); await server.close();

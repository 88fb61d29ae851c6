// `npm run bench`: bundle sizes (what a county page really loads, measured in Chromium) and
// server throughput (autocannon on 127.0.0.1). Writes bench/results.json and bench/RESULTS.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';
import { benchDraft } from './draft.js';
import { benchPollResults, pollResultsMarkdown } from './polls.js';
import { spawnSync } from 'node:child_process';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'packages/elements/dist');
const gz = (buf: Buffer | string) => gzipSync(buf, { level: 9 }).length;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** Serves dist/ and a page with one <service-feedback>; returns every JS file the page loaded. */
async function pageWeight(): Promise<{ files: { name: string; gzip: number }[]; total: number }> {
  const page = `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><script type="module" src="/nazar.js" data-api="/"></script></head>
    <body><service-feedback service="bench" label="خدمت"></service-feedback></body></html>`;
  const http = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/') return res.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
    if (path.startsWith('/v1/')) return res.writeHead(404, { 'Content-Type': 'application/problem+json' }).end('{}');
    try {
      const body = readFileSync(join(dist, path));
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  const files: { name: string; gzip: number }[] = [];
  const p = await browser.newPage();
  p.on('response', async (r) => {
    if (r.url().endsWith('.js')) files.push({ name: new URL(r.url()).pathname, gzip: gz(await r.body()) });
  });
  await p.goto(url);
  await p.locator('service-feedback input[name="rating"]').first().waitFor();
  await p.waitForLoadState('networkidle');
  await browser.close();
  http.close();
  return { files, total: files.reduce((n, f) => n + f.gzip, 0) };
}

interface Load {
  requestsPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function summarise(r: autocannon.Result): Load {
  return { requestsPerSec: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

async function serverThroughput() {
  const dir = mkdtempSync(join(tmpdir(), 'nazar-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'packages/server/bench/server.ts'), join(dir, 'bench.db'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
  const base = `http://127.0.0.1:${port}`;
  const body = JSON.stringify({ rating: 4, categories: ['speed'], text: 'صف نوبت‌دهی طولانی بود و کسی پاسخگو نبود.', locale: 'fa' });
  const post = (extra: Partial<autocannon.Options> = {}) =>
    autocannon({
      url: `${base}/v1/services/bench/feedback`,
      connections: 20,
      duration: 8,
      ...extra,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          // A fresh idempotency key per request: every POST is a new durable row.
          setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': randomUUID() } }),
        },
      ],
    } as autocannon.Options);
  await autocannon({ url: `${base}/hello`, connections: 10, duration: 2 }); // warm-up
  const hello = summarise(await autocannon({ url: `${base}/hello`, connections: 20, duration: 8 }));
  const feedback = summarise(await post());
  const feedbackAt1000 = summarise(await post({ overallRate: 1000, connections: 50, duration: 10 }));
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
  return { hello, feedback, feedbackAt1000 };
}

const sizes = {
  loaderGzip: gz(readFileSync(join(dist, 'nazar.js'))),
  chunks: readdirSync(join(dist, 'chunks')).map((f) => ({ name: f, gzip: gz(readFileSync(join(dist, 'chunks', f))) })),
  page: await pageWeight(),
};
const server = await serverThroughput();
const draft = await benchDraft(root);
const polls = await benchPollResults();
// The Outbox flush bench drives its own server and browser: run it as its own process.
const flushRun = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/outbox-flush.ts')], { cwd: root, stdio: 'inherit' });
const outboxFlush = flushRun.status === 0 ? JSON.parse(readFileSync(join(root, 'bench/outbox-flush.json'), 'utf8')) : { error: `exit ${flushRun.status}` };
const results = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, sizes, server, draft, polls, outboxFlush };
writeFileSync(join(root, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');

const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
const md = `# Benchmark results

Written by \`npm run bench\` on ${results.date} (Node ${results.node}, ${results.cpus} cores; client and server share them).

## Sizes (gzip -9)
| what | measured | budget |
|---|---|---|
| \`nazar.js\` (loader) | ${kb(sizes.loaderGzip)} | ≤ 2 KB |
| all JavaScript a page with one \`<service-feedback>\` loads (fa), as Chromium fetched it | ${kb(sizes.page.total)} | ≤ 15 KB |

Files the page loaded: ${sizes.page.files.map((f) => `\`${f.name}\` ${kb(f.gzip)}`).join(', ')}.

## Server (autocannon, 127.0.0.1, SQLite WAL + synchronous=FULL)
| route | req/s | p50 ms | p99 ms | non-2xx | errors |
|---|---|---|---|---|---|
| GET /hello (hello world, same stack) | ${server.hello.requestsPerSec} | ${server.hello.p50} | ${server.hello.p99} | ${server.hello.non2xx} | ${server.hello.errors} |
| POST feedback, durable (20 connections) | ${server.feedback.requestsPerSec} | ${server.feedback.p50} | ${server.feedback.p99} | ${server.feedback.non2xx} | ${server.feedback.errors} |
| POST feedback at a fixed 1,000 req/s | ${server.feedbackAt1000.requestsPerSec} | ${server.feedbackAt1000.p50} | ${server.feedbackAt1000.p99} | ${server.feedbackAt1000.non2xx} | ${server.feedbackAt1000.errors} |

Durable POSTs reach ${Math.round((100 * server.feedback.requestsPerSec) / server.hello.requestsPerSec)} % of the hello-world rate (goal ≥ 50 %).

## A big draft: ${draft.clauses} clauses, ${draft.comments.toLocaleString('en')} published comments (Chromium, ${draft.cpuSlowdown}× CPU throttling, median of ${draft.runs})
| page | first clauses visible | whole draft interactive | longest task | long tasks (≥ 50 ms) |
|---|---|---|---|---|
| the same clauses as static HTML | ${draft.static.firstVisibleMs} ms | ${draft.static.interactiveMs} ms | ${draft.static.longestTaskMs} ms | ${draft.static.longTasks} |
| \`<draft-consultation>\` | ${draft.widget.firstVisibleMs} ms | ${draft.widget.interactiveMs} ms | ${draft.widget.longestTaskMs} ms | ${draft.widget.longTasks} |

Widget / static: first visible ${draft.ratioFirstVisible}×, interactive ${draft.ratioInteractive}× (budget ≤ 1.5×, no task ≥ 50 ms). "Interactive" is when every clause is in the DOM (for the widget, with its comment controls working).

${pollResultsMarkdown(polls)}

## The Outbox: 500 items saved offline, flushed on reconnect (Chromium)
\`\`\`json
${JSON.stringify(outboxFlush, null, 2)}
\`\`\`

`;
writeFileSync(join(root, 'bench/RESULTS.md'), md);
console.log(md);

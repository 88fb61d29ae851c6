// Load benchmark of the backend adapter (autocannon on 127.0.0.1): durable feedback POSTs per
// second and their latency on SQLite (WAL, synchronous=FULL, group commit) and on PostgreSQL
// (fsync on, synchronous_commit on, group commit), each next to a hello-world route served by the
// same process in the same run; the latency at a fixed 1,000 POSTs a second; and 2 and 3 adapter
// processes on one PostgreSQL database.
//
// The bars: what our code adds to a durable SQLite POST — its server CPU less POST /hello's (the
// same request, no work) and less the store's own cost per row (`sqliteAlone`, same run) — at most
// 15 µs; PostgreSQL durable POSTs at least 50 % of SQLite's rate; p99 ≤ 50 ms at 1,000 req/s
// evenly paced.
//
// `benchServerLoad(root)` returns the figures (wired into `npm run bench`); run directly,
// `node --import tsx bench/server-load.ts` prints them and writes bench/server-load.json.
//
// PostgreSQL: NAZAR_BENCH_DATABASE_URL when set, else a throwaway cluster with fsync ON started
// from the installed server binaries (see packages/testing/src/pg-test-cluster.ts); when neither
// is possible the PostgreSQL figures are null with the reason.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { findPgBinDir, freePort, startThrowawayCluster, type PgCluster } from '@nazar/testing/pg-test-cluster';

export interface LoadFigures {
  requestsPerSec: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  /** Requests answered in the measured window. */
  total: number;
  /** The server process's CPU time (user + system, all its threads) per answered request, in µs. */
  serverCpuMicros: number | null;
  /** Submissions per group-commit batch on average during the run (durable POSTs only). */
  averageBatch: number | null;
}

interface ServerStats {
  cpuMicros: { user: number; system: number };
  group: { batches: number; items: number } | null;
  /** Submission rows in the database (all processes' rows when they share one). */
  submissions: number;
}

async function serverStats(base: string): Promise<ServerStats> {
  return (await fetch(`${base}/bench/stats`)).json() as Promise<ServerStats>;
}

/** Runs `load` and adds what the server spent on it (its CPU per request, group commit's batches). */
async function accounted(base: string, load: () => Promise<autocannon.Result>): Promise<LoadFigures> {
  const before = await serverStats(base);
  const result = await load();
  const after = await serverStats(base);
  const f = figures(result);
  const cpu = after.cpuMicros.user + after.cpuMicros.system - before.cpuMicros.user - before.cpuMicros.system;
  f.serverCpuMicros = f.total > 0 ? Math.round(cpu / f.total) : null;
  const batches = (after.group?.batches ?? 0) - (before.group?.batches ?? 0);
  f.averageBatch = batches > 0 ? Math.round((10 * ((after.group?.items ?? 0) - (before.group?.items ?? 0))) / batches) / 10 : null;
  return f;
}

export interface StoreAlone {
  batch: number;
  rows: number;
  cpuMicrosPerRow: number;
  wallMicrosPerRow: number;
}

export interface StoreLoad {
  store: string;
  /** GET /hello: a prebuilt request (autocannon's fastest path). */
  hello: LoadFigures;
  /**
   * POST /hello with exactly the feedback POST's request (headers, body, a fresh key by
   * autocannon's id replacement), answered 201 without any work: the like-for-like baseline, since
   * on 2 shared cores building unique requests costs the client as much as serving them.
   */
  helloPost: LoadFigures;
  feedback: LoadFigures;
  /**
   * autocannon's `overallRate: 1000`: each of 50 connections sends its 20 requests of the second
   * back to back at the start of the second, then waits — bursts of 1,000 at full speed, with
   * autocannon's coordinated-omission correction on top. A pessimistic figure.
   */
  feedbackAt1000: LoadFigures;
  /**
   * The same 1,000 POSTs a second sent evenly (one every millisecond, open loop, up to 64
   * keep-alive connections); each latency counts from the moment the request was due, so a
   * request that had to wait for a free connection counts its wait.
   */
  feedbackPaced1000: LoadFigures;
  /**
   * The store's own CPU per row in the server process: the same durable feedback written through
   * the store with no HTTP, in batches of the size group commit formed under load (median round).
   */
  storeAlone: StoreAlone;
  /**
   * What our code adds per durable POST: feedback's server CPU less helloPost's and less
   * storeAlone's per row, each round on its own (the three measured back to back), the median.
   */
  overheadMicros: number | null;
  /** The same, each round. */
  overheadRounds: number[];
  /** feedback.requestsPerSec / hello.requestsPerSec, in %. */
  ratioPercent: number;
  /** feedback.requestsPerSec / helloPost.requestsPerSec, in %. */
  ratioToHelloPostPercent: number;
}

/** Several adapter processes on one PostgreSQL database, loaded at once (the connections split between them). */
export interface MultiProcessLoad {
  processes: number;
  /** All processes together: req/s summed, p99 the worst process's, CPU per request over all. */
  feedback: LoadFigures;
  /** Rows the database gained during the measured run, against the 2xx answers counted. */
  rowsWritten: number;
  answered2xx: number;
}

export interface ServerLoadResults {
  date: string;
  node: string;
  cpus: number;
  /**
   * Goals: what our code adds to a durable SQLite POST (its server CPU minus POST /hello's and the
   * store's own per row) ≤ 15 µs; PostgreSQL durable POSTs ≥ 50 % of SQLite's rate; p99 ≤ 50 ms
   * at 1,000 req/s evenly paced.
   */
  goals: { httpOverheadMicros: number; postgresToSqlitePercent: number; p99AtFixedRateMs: number };
  /** sqlite.overheadMicros: SQLite's feedback server CPU − (helloPost's + the store's per row), in µs. */
  httpOverheadMicros: number | null;
  /** postgres.feedback.requestsPerSec / sqlite.feedback.requestsPerSec, in %. */
  postgresToSqlitePercent: number | null;
  sqlite: StoreLoad;
  postgres: StoreLoad | null;
  /** 2 and 3 adapter processes on the one PostgreSQL database. */
  postgresMulti: MultiProcessLoad[];
  postgresSkipped: string | null;
  /** SQLite's own share (sqlite.storeAlone). */
  sqliteAlone: StoreAlone;
  durations: { rounds: number; helloSeconds: number; feedbackSeconds: number; fixedRateSeconds: number; connections: number };
}

const FEEDBACK_BODY = JSON.stringify({ rating: 4, categories: ['speed'], text: 'صف نوبت‌دهی طولانی بود و کسی پاسخگو نبود.', locale: 'fa' });
const CONNECTIONS = 20;
const ROUNDS = 3;
const HELLO_SECONDS = Number(process.env.NAZAR_BENCH_HELLO_SECONDS ?? 3);
const FEEDBACK_SECONDS = Number(process.env.NAZAR_BENCH_FEEDBACK_SECONDS ?? 4);
const FIXED_SECONDS = Number(process.env.NAZAR_BENCH_FIXED_SECONDS ?? 10);

function figures(r: autocannon.Result): LoadFigures {
  return {
    requestsPerSec: Math.round(r.requests.average),
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    total: r.requests.total,
    serverCpuMicros: null,
    averageBatch: null,
  };
}

/** Starts the benchmark server (packages/server/bench/load-server.ts) on `database`. */
async function startServer(root: string, database: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', join(root, 'packages/server/bench/load-server.ts'), database, String(port)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`benchmark server exited (${code}) before it was ready`)));
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
  });
  child.removeAllListeners('exit');
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Every POST carries a fresh Idempotency-Key (autocannon's id replacement, prefixed so the key
 * starts with a letter): every request is a new durable row, never a replay.
 */
function postFeedback(base: string, extra: Partial<autocannon.Options>, path = '/v1/services/bench/feedback'): Promise<autocannon.Result> {
  return autocannon({
    url: `${base}${path}`,
    connections: CONNECTIONS,
    duration: FEEDBACK_SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'bench-[<id>]' },
    body: FEEDBACK_BODY,
    idReplacement: true,
    ...extra,
  });
}

/** An open-loop load at `rate` requests a second, evenly spaced, for `seconds` (see feedbackPaced1000). */
async function pacedFeedback(base: string, rate: number, seconds: number): Promise<LoadFigures> {
  const url = new URL(`${base}/v1/services/bench/feedback`);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const total = rate * seconds;
  const interval = 1000 / rate;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(FEEDBACK_BODY),
            'idempotency-key': randomUUID(),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode! >= 200 && res.statusCode! < 300) latencies.push(performance.now() - due);
            else non2xx++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(FEEDBACK_BODY);
    });
  // A 1 ms timer sends whatever is due (no busy wait: the client must leave the CPU to the server);
  // latencies count from each request's own due time.
  let next = 0;
  while (next < total) {
    const now = performance.now();
    while (next < total && start + next * interval <= now) inFlight.push(send(start + next++ * interval));
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inFlight);
  agent.destroy();
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0) * 10) / 10;
  return {
    requestsPerSec: Math.round(latencies.length / elapsed),
    p50: q(0.5),
    p97_5: q(0.975),
    p99: q(0.99),
    max: q(1),
    non2xx,
    errors,
    total: latencies.length,
    serverCpuMicros: null,
    averageBatch: null,
  };
}

async function measure(root: string, name: string, database: string): Promise<StoreLoad> {
  const server = await startServer(root, database);
  try {
    // Warm-up: JIT, connections, the database's first pages.
    await autocannon({ url: `${server.base}/hello`, connections: 10, duration: 2 });
    await postFeedback(server.base, { duration: 2, connections: 10 });
    // Three alternating rounds, so that the baseline and the POSTs see the same machine (on a shared
    // 2-core box the load from elsewhere changes by the second); each figure is the median round.
    const rounds: { hello: LoadFigures; helloPost: LoadFigures; feedback: LoadFigures; alone: StoreAlone }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const hello = await accounted(server.base, () =>
        autocannon({ url: `${server.base}/hello`, connections: CONNECTIONS, duration: HELLO_SECONDS }),
      );
      const helloPost = await accounted(server.base, () => postFeedback(server.base, { duration: HELLO_SECONDS }, '/hello'));
      const feedback = await accounted(server.base, () => postFeedback(server.base, {}));
      const alone = await storeAlone(server.base, Math.max(1, Math.round(feedback.averageBatch ?? 1)));
      rounds.push({ hello, helloPost, feedback, alone });
    }
    const overheadRounds = rounds.flatMap((r) =>
      r.feedback.serverCpuMicros !== null && r.helloPost.serverCpuMicros !== null
        ? [Math.round(10 * (r.feedback.serverCpuMicros - r.helloPost.serverCpuMicros - r.alone.cpuMicrosPerRow)) / 10]
        : [],
    );
    const middle = <T>(xs: T[], by: (x: T) => number): T => [...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)];
    const median = (pick: (r: (typeof rounds)[number]) => LoadFigures): LoadFigures => {
      const sorted = rounds.map(pick).sort((a, b) => a.requestsPerSec - b.requestsPerSec);
      return sorted[Math.floor(sorted.length / 2)];
    };
    const hello = median((r) => r.hello);
    const helloPost = median((r) => r.helloPost);
    const feedback = median((r) => r.feedback);
    const feedbackAt1000 = figures(await postFeedback(server.base, { overallRate: 1000, connections: 50, duration: FIXED_SECONDS }));
    const feedbackPaced1000 = await pacedFeedback(server.base, 1000, FIXED_SECONDS);
    return {
      store: name,
      hello,
      helloPost,
      feedback,
      feedbackAt1000,
      feedbackPaced1000,
      storeAlone: middle(
        rounds.map((r) => r.alone),
        (a) => a.cpuMicrosPerRow,
      ),
      overheadMicros: overheadRounds.length > 0 ? middle(overheadRounds, (x) => x) : null,
      overheadRounds,
      ratioPercent: Math.round((100 * feedback.requestsPerSec) / hello.requestsPerSec),
      ratioToHelloPostPercent: Math.round((100 * feedback.requestsPerSec) / helloPost.requestsPerSec),
    };
  } finally {
    await server.stop();
  }
}

/** See MultiProcessLoad: `processes` benchmark servers on one database, loaded together. */
async function measureMulti(root: string, database: string, processes: number): Promise<MultiProcessLoad> {
  const servers: Awaited<ReturnType<typeof startServer>>[] = [];
  try {
    for (let i = 0; i < processes; i++) servers.push(await startServer(root, database));
    const connections = Math.max(1, Math.round(CONNECTIONS / processes));
    const load = (extra: Partial<autocannon.Options>) => Promise.all(servers.map((s) => postFeedback(s.base, { connections, ...extra })));
    await load({ duration: 2 }); // warm-up
    const before = await Promise.all(servers.map((s) => serverStats(s.base)));
    const results = await load({});
    const after = await Promise.all(servers.map((s) => serverStats(s.base)));
    const each = results.map(figures);
    const total = each.reduce((n, f) => n + f.total, 0);
    const cpu = after.reduce(
      (n, a, i) => n + a.cpuMicros.user + a.cpuMicros.system - before[i].cpuMicros.user - before[i].cpuMicros.system,
      0,
    );
    const batches = after.reduce((n, a, i) => n + (a.group?.batches ?? 0) - (before[i].group?.batches ?? 0), 0);
    const items = after.reduce((n, a, i) => n + (a.group?.items ?? 0) - (before[i].group?.items ?? 0), 0);
    const worst = (pick: (f: LoadFigures) => number) => Math.max(...each.map(pick));
    const non2xx = each.reduce((n, f) => n + f.non2xx, 0);
    return {
      processes,
      feedback: {
        requestsPerSec: each.reduce((n, f) => n + f.requestsPerSec, 0),
        p50: worst((f) => f.p50),
        p97_5: worst((f) => f.p97_5),
        p99: worst((f) => f.p99),
        max: worst((f) => f.max),
        non2xx,
        errors: each.reduce((n, f) => n + f.errors, 0),
        total,
        serverCpuMicros: total > 0 ? Math.round(cpu / total) : null,
        averageBatch: batches > 0 ? Math.round((10 * items) / batches) / 10 : null,
      },
      // Every server counts the same table: the first one's figures are the database's.
      rowsWritten: after[0].submissions - before[0].submissions,
      answered2xx: total - non2xx,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** See StoreLoad.storeAlone: measured inside the benchmark server. */
async function storeAlone(base: string, batch: number): Promise<StoreAlone> {
  const rows = Math.max(batch, Math.round(3000 / batch) * batch);
  const res = await fetch(`${base}/bench/store-alone`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rows, batch }),
  });
  if (!res.ok) throw new Error(`store-alone: ${res.status} ${await res.text()}`);
  return (await res.json()) as StoreAlone;
}

export async function benchServerLoad(root: string): Promise<ServerLoadResults> {
  const dir = mkdtempSync(join(tmpdir(), 'nazar-load-'));
  try {
    const sqlite = await measure(root, 'sqlite', `sqlite:${join(dir, 'bench.db')}`);

    let postgres: StoreLoad | null = null;
    const postgresMulti: MultiProcessLoad[] = [];
    let postgresSkipped: string | null = null;
    let cluster: PgCluster | null = null;
    try {
      let url = process.env.NAZAR_BENCH_DATABASE_URL?.trim() || null;
      if (url === null) {
        const binDir = findPgBinDir();
        if (binDir === null) throw new Error('no PostgreSQL server binaries (initdb, pg_ctl) and NAZAR_BENCH_DATABASE_URL is not set');
        cluster = await startThrowawayCluster(binDir, { fast: false }); // fsync on: durable commits
        url = cluster.url;
      }
      postgres = await measure(root, 'postgres', url);
      for (const processes of [2, 3]) postgresMulti.push(await measureMulti(root, url, processes));
    } catch (err) {
      postgresSkipped = `PostgreSQL not measured: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      cluster?.stop();
    }

    return {
      date: new Date().toISOString(),
      node: process.version,
      cpus: (await import('node:os')).cpus().length,
      goals: { httpOverheadMicros: 15, postgresToSqlitePercent: 50, p99AtFixedRateMs: 50 },
      httpOverheadMicros: sqlite.overheadMicros,
      postgresToSqlitePercent: postgres ? Math.round((100 * postgres.feedback.requestsPerSec) / sqlite.feedback.requestsPerSec) : null,
      sqlite,
      postgres,
      postgresMulti,
      postgresSkipped,
      sqliteAlone: sqlite.storeAlone,
      durations: {
        rounds: ROUNDS,
        helloSeconds: HELLO_SECONDS,
        feedbackSeconds: FEEDBACK_SECONDS,
        fixedRateSeconds: FIXED_SECONDS,
        connections: CONNECTIONS,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A Markdown table of the figures (for bench/RESULTS.md). */
export function serverLoadMarkdown(r: ServerLoadResults): string {
  const rows: string[] = [
    '| store | route | req/s | p50 ms | p99 ms | non-2xx | errors | server CPU µs/request | batch |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const extra = (f: LoadFigures) => `${f.serverCpuMicros ?? '–'} | ${f.averageBatch ?? '–'}`;
  for (const s of [r.sqlite, r.postgres]) {
    if (!s) continue;
    rows.push(
      `| ${s.store} | GET /hello (same process, prebuilt request) | ${s.hello.requestsPerSec} | ${s.hello.p50} | ${s.hello.p99} | ${s.hello.non2xx} | ${s.hello.errors} | ${extra(s.hello)} |`,
    );
    rows.push(
      `| ${s.store} | POST /hello (the feedback request, no work) | ${s.helloPost.requestsPerSec} | ${s.helloPost.p50} | ${s.helloPost.p99} | ${s.helloPost.non2xx} | ${s.helloPost.errors} | ${extra(s.helloPost)} |`,
    );
    rows.push(
      `| ${s.store} | POST feedback, durable (${r.durations.connections} connections) | ${s.feedback.requestsPerSec} | ${s.feedback.p50} | ${s.feedback.p99} | ${s.feedback.non2xx} | ${s.feedback.errors} | ${extra(s.feedback)} |`,
    );
    rows.push(
      `| ${s.store} | POST feedback at 1,000 req/s (autocannon overallRate: bursts each second) | ${s.feedbackAt1000.requestsPerSec} | ${s.feedbackAt1000.p50} | ${s.feedbackAt1000.p99} | ${s.feedbackAt1000.non2xx} | ${s.feedbackAt1000.errors} | ${extra(s.feedbackAt1000)} |`,
    );
    rows.push(
      `| ${s.store} | POST feedback at 1,000 req/s, evenly paced (open loop) | ${s.feedbackPaced1000.requestsPerSec} | ${s.feedbackPaced1000.p50} | ${s.feedbackPaced1000.p99} | ${s.feedbackPaced1000.non2xx} | ${s.feedbackPaced1000.errors} | ${extra(s.feedbackPaced1000)} |`,
    );
  }
  for (const m of r.postgresMulti) {
    const f = m.feedback;
    rows.push(
      `| postgres, ${m.processes} adapter processes on one database | POST feedback, durable (${r.durations.connections} connections split between them) | ${f.requestsPerSec} | ${f.p50} | ${f.p99} | ${f.non2xx} | ${f.errors} | ${extra(f)} |`,
    );
  }
  const lines = [rows.join('\n'), ''];
  const a = r.sqliteAlone;
  const f = r.sqlite.feedback;
  if (r.httpOverheadMicros !== null) {
    lines.push(
      `What our code adds to a durable SQLite POST: ${r.httpOverheadMicros} µs of server CPU (goal ≤ ${r.goals.httpOverheadMicros} µs; median of the rounds ${r.sqlite.overheadRounds.join(', ')}) — each round its POSTs' CPU per request (median ${f.serverCpuMicros} µs), less that of the same request to POST /hello (HTTP, the stack, no work; median ${r.sqlite.helloPost.serverCpuMicros} µs) and less the store's own per row, measured in the server right after (the same durable rows with no HTTP, in batches of ${a.batch}: median ${a.cpuMicrosPerRow} µs of CPU, ${a.wallMicrosPerRow} µs of wall time each). GET /hello: ${r.sqlite.hello.serverCpuMicros ?? '–'} µs. Durable POSTs reach ${r.sqlite.ratioPercent} % of GET /hello, ${r.sqlite.ratioToHelloPostPercent} % of POST /hello. Client and server share this machine's ${r.cpus} cores.`,
    );
  }
  lines.push(
    `p99 at 1,000 req/s on SQLite: ${r.sqlite.feedbackPaced1000.p99} ms evenly paced, ${r.sqlite.feedbackAt1000.p99} ms in autocannon's bursts (goal ≤ ${r.goals.p99AtFixedRateMs} ms evenly paced).`,
  );
  if (r.postgres) {
    lines.push(
      `PostgreSQL: durable POSTs at ${r.postgresToSqlitePercent} % of SQLite's rate (goal ≥ ${r.goals.postgresToSqlitePercent} %), ${r.postgres.feedback.averageBatch ?? '–'} per group-commit batch, the store's own CPU ${r.postgres.storeAlone.cpuMicrosPerRow} µs per row (what our code adds: ${r.postgres.overheadMicros ?? '–'} µs); p99 at 1,000 req/s: ${r.postgres.feedbackPaced1000.p99} ms evenly paced (goal ≤ ${r.goals.p99AtFixedRateMs} ms), ${r.postgres.feedbackAt1000.p99} ms in bursts.`,
    );
    for (const m of r.postgresMulti)
      lines.push(
        `${m.processes} processes on one database: ${m.rowsWritten} rows written for ${m.answered2xx} POSTs answered 2xx during the run${m.rowsWritten === m.answered2xx ? '' : ' (the run also counts rows of requests answered after its end)'}.`,
      );
  }
  if (r.postgresSkipped) lines.push(r.postgresSkipped);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(import.meta.dirname, '..');
  const results = await benchServerLoad(root);
  writeFileSync(join(root, 'bench', 'server-load.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(serverLoadMarkdown(results));
}

// The poll results benchmark: a SQLite poll (a temporary file, WAL, synchronous=FULL) with 100,000
// votes inserted through the store's bulk path, then the results read many times, three ways:
// the store method alone, `GET /v1/polls/:slug` through the app (`app.request`, no sockets) with
// no voter, and the same with a `Nazar-Voter` header (adds the voter-key hash and the indexed
// has-voted lookup). Results come from per-option counters kept in the vote's transaction, so the
// read costs O(options) whatever the number of votes; the figures show it.
//
// `node --import tsx bench/polls.ts` prints the figures; `benchPollResults()` returns them.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROUTES, VOTER_KEY_HEADER } from '../packages/protocol/src/index.js';
import { createApp } from '../packages/server/src/http/app.js';
import { seedPollVotes } from '../packages/server/src/demo/seed.js';
import { createSqliteStore } from '../packages/server/src/store/sqlite/store.js';

const VOTES = 100_000;
const OPTIONS = 5;
const READS = 2_000;
const WARMUP = 200;
const TARGET_MS = 10;
const SLUG = 'bench-poll';

export interface LatencyFigures {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export interface PollResultsBench extends LatencyFigures {
  /** Votes in the poll (each a submission, a votes row and its counter updates). */
  votes: number;
  options: number;
  /** Option choices counted (a multiple-choice poll, up to 3 per voter). */
  choices: number;
  /** Reads measured per way. */
  reads: number;
  /** Inserting the votes through `createVotes` (batches of 5,000, durable). */
  buildMs: number;
  /** For comparison: one full recount from the votes (what every read would cost without counters). */
  recountMs: number;
  databaseBytes: number;
  /** The store's `pollResults` alone. */
  store: LatencyFigures;
  /** `GET /v1/polls/:slug` through the app, no voter header (the top-level p50/p99 are this). */
  http: LatencyFigures;
  /** `GET /v1/polls/:slug` with a `Nazar-Voter` header of a voter who has not voted. */
  httpWithVoter: LatencyFigures;
  targetMs: number;
  /** Whether the HTTP read's p99 is under the target. */
  withinTarget: boolean;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

function figures(samples: number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    p50Ms: round(at(0.5)),
    p99Ms: round(at(0.99)),
    maxMs: round(sorted.at(-1)!),
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

async function timeIt(n: number, run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  return samples;
}

export async function benchPollResults(options: { votes?: number; reads?: number } = {}): Promise<PollResultsBench> {
  const votes = options.votes ?? VOTES;
  const reads = options.reads ?? READS;
  const dir = mkdtempSync(join(tmpdir(), 'nazar-bench-polls-'));
  const path = join(dir, 'polls.db');
  const store = createSqliteStore(path);
  try {
    const now = Date.now();
    await store.createPoll({
      slug: SLUG,
      question: 'کدام خدمات فرمانداری بیش از همه به درخواست برخط نیاز دارند؟',
      description: null,
      options: Array.from({ length: OPTIONS }, (_, i) => ({ id: `o${i + 1}`, label: `گزینه ${i + 1}` })),
      mode: 'multiple',
      maxChoices: 3,
      opensAt: new Date(now - 10 * 86_400_000).toISOString(),
      closesAt: new Date(now + 30 * 86_400_000).toISOString(),
      resultsVisibility: 'always',
      at: new Date(now - 10 * 86_400_000).toISOString(),
    });
    const built = performance.now();
    const created = await seedPollVotes(store, SLUG, {
      count: votes,
      weights: [30, 22, 18, 16, 14],
      maxChoices: 3,
      from: new Date(now - 10 * 86_400_000).toISOString(),
      to: new Date(now - 60_000).toISOString(),
    });
    const buildMs = Math.round(performance.now() - built);
    if (created !== votes) throw new Error(`expected ${votes} votes, made ${created}`);
    const results = (await store.pollResults(SLUG))!;
    if (results.totalVoters !== votes) throw new Error(`counters say ${results.totalVoters} voters`);
    const recounted = performance.now();
    const recount = (await store.recountPoll(SLUG))!;
    const recountMs = round(performance.now() - recounted);
    if (JSON.stringify(recount) !== JSON.stringify(results)) throw new Error('counters differ from the recount');
    const choices = Object.values(results.counts).reduce((a, b) => a + b, 0);

    const app = createApp(store, { allowedOrigins: [], logger: { info() {}, error: (r) => console.error(r) } });
    const get = async (headers: Record<string, string>) => {
      const res = await app.request(ROUTES.poll.path(SLUG), { headers });
      if (res.status !== 200) throw new Error(`GET answered ${res.status}`);
      await res.json();
    };
    const storeReads = await timeIt(reads, () => store.pollResults(SLUG));
    const httpReads = await timeIt(reads, () => get({}));
    const voterReads = await timeIt(reads, () => get({ [VOTER_KEY_HEADER]: 'bench-voter-0123456789abcdef' }));
    const http = figures(httpReads);
    return {
      votes,
      options: OPTIONS,
      choices,
      reads,
      buildMs,
      recountMs,
      databaseBytes: statSync(path).size + (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0),
      ...http,
      store: figures(storeReads),
      http,
      httpWithVoter: figures(voterReads),
      targetMs: TARGET_MS,
      withinTarget: http.p99Ms < TARGET_MS,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pollResultsMarkdown(r: PollResultsBench): string {
  return [
    `Poll results read with ${r.votes.toLocaleString('en')} votes (${r.choices.toLocaleString('en')} choices over ${r.options} options) on SQLite, ${r.reads} reads each (target < ${r.targetMs} ms):`,
    '',
    '| read | p50 ms | p99 ms | max ms |',
    '|---|---|---|---|',
    `| store.pollResults | ${r.store.p50Ms} | ${r.store.p99Ms} | ${r.store.maxMs} |`,
    `| GET /v1/polls/:slug (app.request) | ${r.http.p50Ms} | ${r.http.p99Ms} | ${r.http.maxMs} |`,
    `| GET /v1/polls/:slug with Nazar-Voter | ${r.httpWithVoter.p50Ms} | ${r.httpWithVoter.p99Ms} | ${r.httpWithVoter.maxMs} |`,
    '',
    `Inserting the votes (durable, batches of 5,000): ${r.buildMs} ms. A full recount from the votes, for comparison: ${r.recountMs} ms.`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await benchPollResults();
  console.log(JSON.stringify(results, null, 2));
  console.log(pollResultsMarkdown(results));
}

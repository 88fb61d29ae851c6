/**
 * The PostgreSQL store's polls and votes. A vote is a submission row, a `votes` row (unique per
 * poll and voter hash) and +1 on the counters of its options and of the poll's voters, in one
 * transaction that locks the poll row; results are read from the counters alone.
 */
import type { PollResults } from '@nazar/protocol';
import { toExisting, toStored, type CountRow } from '../sql/rows.js';
import {
  VOTE_COLUMNS,
  VOTE_FROM,
  orderedChoice,
  toPoll,
  toRecount,
  toVote,
  type OptionCountRow,
  type PollOptionRow,
  type PollRow,
  type VoteRow,
} from '../sql/poll-rows.js';
import type { CreateVoteResult, IdempotencyInput, NewVote, PollRecord, Store } from '../store.js';
import type { PgDb, Q } from './db.js';
import { batcher, type Batcher, type BatcherOptions } from './group-commit.js';
import type { PgSubmissions } from './submissions.js';

export type PgPollMethods = Pick<
  Store,
  | 'createPoll'
  | 'getPoll'
  | 'countPolls'
  | 'closePoll'
  | 'pollResults'
  | 'recountPoll'
  | 'hasVoted'
  | 'createVote'
  | 'createVotes'
  | 'getVoteByTrackingCode'
> & {
  /** The group commit of votes. */
  batch: Batcher<VoteItem, CreateVoteResult>;
};

interface VoteItem {
  idempotency: IdempotencyInput;
  vote: NewVote;
}

export function pollMethods(db: PgDb, submissions: PgSubmissions, batching: BatcherOptions = {}): PgPollMethods {
  async function pollRecord(q: Q, row: PollRow): Promise<PollRecord> {
    return toPoll(row, await q<PollOptionRow>('SELECT option_id, label FROM poll_options WHERE poll_id = $1 ORDER BY position', [row.id]));
  }

  const pollBySlug = async (q: Q, slug: string, lock = false) =>
    (await q<PollRow>(`SELECT * FROM polls WHERE slug = $1${lock ? ' FOR UPDATE' : ''}`, [slug]))[0];

  /**
   * One vote, in the caller's transaction. The poll row is locked first, so votes in one poll are
   * serialised: the key check, the one-vote-per-voter check and the counters cannot race (and
   * the UNIQUE indexes back them up).
   */
  async function createVoteIn(q: Q, idempotency: IdempotencyInput, vote: NewVote): Promise<CreateVoteResult> {
    const poll = await pollBySlug(q, vote.pollSlug, true);
    const existing = await submissions.byKey(q, idempotency.key);
    if (existing) return toExisting(existing, idempotency.requestHash);
    if (!poll) throw new Error(`unknown poll ${vote.pollSlug}`);
    if ((await q('SELECT 1 FROM votes WHERE poll_id = $1 AND voter_hash = $2', [poll.id, vote.voter.hash])).length > 0)
      return { outcome: 'already-voted' };
    const order = (
      await q<{ option_id: string }>('SELECT option_id FROM poll_options WHERE poll_id = $1 ORDER BY position', [poll.id])
    ).map((o) => o.option_id);
    const optionIds = orderedChoice(order, vote);
    const inserted = await submissions.insert(q, 'vote', idempotency, 'received', vote.at, vote.origin);
    if ('existing' in inserted) return inserted.existing;
    await q('INSERT INTO votes (submission_id, poll_id, voter_hash, voter_tier, option_ids, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      inserted.created.id,
      poll.id,
      vote.voter.hash,
      vote.voter.tier,
      JSON.stringify(optionIds),
      vote.at,
    ]);
    await q('UPDATE poll_options SET votes = votes + 1 WHERE poll_id = $1 AND option_id = ANY($2::text[])', [poll.id, optionIds]);
    await q('UPDATE polls SET total_voters = total_voters + 1 WHERE id = $1', [poll.id]);
    return { outcome: 'created', submission: toStored(inserted.created) };
  }

  // Votes that arrive together are written in one transaction, each in a savepoint of its own (see
  // group-commit.ts and PgDb.eachInTx), in the order of their polls' slugs: two batches (of this
  // process or another) then lock the poll rows they share in the same order.
  const batch = batcher<VoteItem, CreateVoteResult>(async (items, stats) => {
    const order = items
      .map((_, i) => i)
      .sort((a, b) => (items[a].vote.pollSlug < items[b].vote.pollSlug ? -1 : items[a].vote.pollSlug > items[b].vote.pollSlug ? 1 : a - b));
    const settled = await db.eachInTx(
      order.map((i) => items[i]),
      (q, item) => createVoteIn(q, item.idempotency, item.vote),
      stats,
    );
    const out = new Array<(typeof settled)[number]>(items.length);
    order.forEach((i, n) => (out[i] = settled[n]));
    return out;
  }, batching);

  return {
    batch,

    createPoll(input) {
      return db.tx(async (q) => {
        const inserted = await q<PollRow>(
          `INSERT INTO polls (slug, question, description, mode, max_choices, opens_at, closes_at, results_visibility, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (slug) DO NOTHING RETURNING *`,
          [
            input.slug,
            input.question,
            input.description,
            input.mode,
            input.maxChoices,
            input.opensAt,
            input.closesAt,
            input.resultsVisibility,
            input.at,
          ],
        );
        const row = inserted[0];
        if (!row) return { created: false, poll: await pollRecord(q, await pollBySlug(q, input.slug)) };
        for (const [i, o] of input.options.entries()) {
          await q('INSERT INTO poll_options (poll_id, position, option_id, label) VALUES ($1, $2, $3, $4)', [row.id, i + 1, o.id, o.label]);
        }
        return { created: true, poll: await pollRecord(q, row) };
      });
    },

    async getPoll(slug) {
      const row = await pollBySlug(db.query, slug);
      return row ? pollRecord(db.query, row) : null;
    },

    async countPolls() {
      return (await db.query<CountRow>('SELECT COUNT(*)::int AS n FROM polls'))[0].n;
    },

    closePoll(slug, at) {
      return db.tx(async (q) => {
        const row = await pollBySlug(q, slug, true);
        if (!row) return { outcome: 'not-found' as const };
        if (row.closed_at !== null) return { outcome: 'invalid-state' as const, poll: await pollRecord(q, row) };
        await q('UPDATE polls SET closed_at = $1 WHERE id = $2', [at, row.id]);
        return { outcome: 'ok' as const, poll: await pollRecord(q, await pollBySlug(q, slug)) };
      });
    },

    async pollResults(slug): Promise<PollResults | null> {
      // One statement: the voters and the option counters are of the same snapshot.
      const rows = await db.query<{ total_voters: number; option_id: string | null; votes: number | null }>(
        `SELECT p.total_voters, o.option_id, o.votes FROM polls p LEFT JOIN poll_options o ON o.poll_id = p.id
         WHERE p.slug = $1 ORDER BY o.position`,
        [slug],
      );
      if (rows.length === 0) return null;
      const counts: Record<string, number> = {};
      for (const r of rows) if (r.option_id !== null) counts[r.option_id] = r.votes ?? 0;
      return { totalVoters: rows[0].total_voters, counts };
    },

    async recountPoll(slug): Promise<PollResults | null> {
      return db.tx(async (q) => {
        const row = await pollBySlug(q, slug);
        if (!row) return null;
        const optionIds = (await pollRecord(q, row)).options.map((o) => o.id);
        const byOption = await q<OptionCountRow>(
          `SELECT j.value AS option_id, COUNT(*)::int AS n FROM votes v, json_array_elements_text(v.option_ids::json) j(value)
           WHERE v.poll_id = $1 GROUP BY j.value`,
          [row.id],
        );
        const voters = (await q<CountRow>('SELECT COUNT(*)::int AS n FROM votes WHERE poll_id = $1', [row.id]))[0].n;
        return toRecount(optionIds, byOption, voters);
      });
    },

    async hasVoted(slug, voterHash) {
      const rows = await db.query('SELECT 1 FROM votes WHERE poll_id = (SELECT id FROM polls WHERE slug = $1) AND voter_hash = $2', [
        slug,
        voterHash,
      ]);
      return rows.length > 0;
    },

    createVote(idempotency, vote) {
      return batch.run({ idempotency, vote });
    },

    createVotes(items) {
      return db.tx(async (q) => {
        const out: CreateVoteResult[] = [];
        for (const item of items) out.push(await createVoteIn(q, item.idempotency, item.vote));
        return out;
      });
    },

    async getVoteByTrackingCode(code) {
      const row = (await db.query<VoteRow>(`SELECT ${VOTE_COLUMNS} FROM ${VOTE_FROM} WHERE s.tracking_code = $1`, [code]))[0];
      return row ? toVote(row) : null;
    },
  };
}

/**
 * The SQLite store's polls and votes (tables from migration 3). A vote is a submission row, a
 * `votes` row (unique per poll and voter hash) and +1 on the counters of its options and of the
 * poll's voters, all in one IMMEDIATE transaction; results are read from the counters alone:
 * one row of `polls` and one of `poll_options` per option, whatever the number of votes.
 */
import type Database from 'better-sqlite3';
import type { PollResults } from '@nazar/protocol';
import type { CreateVoteResult, IdempotencyInput, NewPoll, NewVote, PollClose, PollRecord, Store } from '../store.js';
import type { CountRow } from '../sql/rows.js';
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
import type { Submissions } from './submissions.js';

export type SqlitePollMethods = Pick<
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
  /** The SQL of the results read (tests check its query plan). */
  resultsSql(): string[];
};

export function pollMethods(db: Database.Database, submissions: Submissions): SqlitePollMethods {
  const q = {
    insert: db.prepare(
      `INSERT INTO polls (slug, question, description, mode, max_choices, opens_at, closes_at, results_visibility, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO NOTHING`,
    ),
    insertOption: db.prepare('INSERT INTO poll_options (poll_id, position, option_id, label) VALUES (?, ?, ?, ?)'),
    bySlug: db.prepare<[string], PollRow>('SELECT * FROM polls WHERE slug = ?'),
    options: db.prepare<[number], PollOptionRow>('SELECT option_id, label FROM poll_options WHERE poll_id = ? ORDER BY position'),
    count: db.prepare<[], CountRow>('SELECT COUNT(*) AS n FROM polls'),
    close: db.prepare('UPDATE polls SET closed_at = ? WHERE id = ?'),
    // The results: the counters only.
    totals: db.prepare<[string], { id: number; total_voters: number }>('SELECT id, total_voters FROM polls WHERE slug = ?'),
    counters: db.prepare<[number], { option_id: string; votes: number }>(
      'SELECT option_id, votes FROM poll_options WHERE poll_id = ? ORDER BY position',
    ),
    // The recount: every vote of the poll.
    recountVoters: db.prepare<[number], CountRow>('SELECT COUNT(*) AS n FROM votes WHERE poll_id = ?'),
    recountOptions: db.prepare<[number], OptionCountRow>(
      `SELECT j.value AS option_id, COUNT(*) AS n FROM votes v, json_each(v.option_ids) j WHERE v.poll_id = ? GROUP BY j.value`,
    ),
    voted: db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM votes WHERE poll_id = (SELECT id FROM polls WHERE slug = ?) AND voter_hash = ?',
    ),
    votedById: db.prepare<[number, string], { one: number }>('SELECT 1 AS one FROM votes WHERE poll_id = ? AND voter_hash = ?'),
    insertVote: db.prepare(
      'INSERT INTO votes (submission_id, poll_id, voter_hash, voter_tier, option_ids, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    bump: db.prepare('UPDATE poll_options SET votes = votes + 1 WHERE poll_id = ? AND option_id = ?'),
    bumpVoters: db.prepare('UPDATE polls SET total_voters = total_voters + 1 WHERE id = ?'),
    voteByCode: db.prepare<[string], VoteRow>(`SELECT ${VOTE_COLUMNS} FROM ${VOTE_FROM} WHERE s.tracking_code = ?`),
  };

  function toRecord(row: PollRow): PollRecord {
    return toPoll(row, q.options.all(row.id));
  }

  const create = db.transaction((input: NewPoll) => {
    const info = q.insert.run(
      input.slug,
      input.question,
      input.description,
      input.mode,
      input.maxChoices,
      input.opensAt,
      input.closesAt,
      input.resultsVisibility,
      input.at,
    );
    const row = q.bySlug.get(input.slug)!;
    if (info.changes === 1) input.options.forEach((o, i) => q.insertOption.run(row.id, i + 1, o.id, o.label));
    return { created: info.changes === 1, poll: toRecord(row) };
  });

  const close = db.transaction((slug: string, at: string): PollClose => {
    const row = q.bySlug.get(slug);
    if (!row) return { outcome: 'not-found' };
    if (row.closed_at !== null) return { outcome: 'invalid-state', poll: toRecord(row) };
    q.close.run(at, row.id);
    return { outcome: 'ok', poll: toRecord(q.bySlug.get(slug)!) };
  });

  /** Poll rows and option order by slug, for the votes of one transaction. */
  function createVoteIn(
    idempotency: IdempotencyInput,
    vote: NewVote,
    cache: Map<string, { id: number; order: string[] }>,
  ): CreateVoteResult {
    const existing = submissions.existingFor(idempotency.key, idempotency.requestHash);
    if (existing) return existing;
    let poll = cache.get(vote.pollSlug);
    if (!poll) {
      const row = q.bySlug.get(vote.pollSlug);
      if (!row) throw new Error(`unknown poll ${vote.pollSlug}`);
      poll = { id: row.id, order: q.options.all(row.id).map((o) => o.option_id) };
      cache.set(vote.pollSlug, poll);
    }
    if (q.votedById.get(poll.id, vote.voter.hash)) return { outcome: 'already-voted' };
    const optionIds = orderedChoice(poll.order, vote);
    // The key was checked above in this transaction: the insert cannot meet it.
    const submission = submissions.insert('vote', idempotency.key, idempotency.requestHash, 'received', vote.at, vote.origin)!;
    q.insertVote.run(submission.id, poll.id, vote.voter.hash, vote.voter.tier, JSON.stringify(optionIds), vote.at);
    for (const optionId of optionIds) q.bump.run(poll.id, optionId);
    q.bumpVoters.run(poll.id);
    return { outcome: 'created', submission };
  }

  const createVote = db.transaction((idempotency: IdempotencyInput, vote: NewVote) => createVoteIn(idempotency, vote, new Map()));
  const createVotes = db.transaction((items: readonly { idempotency: IdempotencyInput; vote: NewVote }[]) => {
    const cache = new Map<string, { id: number; order: string[] }>();
    return items.map((item) => createVoteIn(item.idempotency, item.vote, cache));
  });

  // One read transaction, so the voters and the option counts are of the same moment.
  const results = db.transaction((slug: string): PollResults | null => {
    const poll = q.totals.get(slug);
    if (!poll) return null;
    const counts: Record<string, number> = {};
    for (const r of q.counters.all(poll.id)) counts[r.option_id] = r.votes;
    return { totalVoters: poll.total_voters, counts };
  });

  const recount = db.transaction((slug: string): PollResults | null => {
    const row = q.bySlug.get(slug);
    if (!row) return null;
    const optionIds = q.options.all(row.id).map((o) => o.option_id);
    return toRecount(optionIds, q.recountOptions.all(row.id), q.recountVoters.get(row.id)!.n);
  });

  return {
    async createPoll(input) {
      return create.immediate(input);
    },
    async getPoll(slug) {
      const row = q.bySlug.get(slug);
      return row ? toRecord(row) : null;
    },
    async countPolls() {
      return q.count.get()!.n;
    },
    async closePoll(slug, at) {
      return close.immediate(slug, at);
    },
    async pollResults(slug) {
      return results(slug);
    },
    async recountPoll(slug) {
      return recount(slug);
    },
    async hasVoted(slug, voterHash) {
      return q.voted.get(slug, voterHash) !== undefined;
    },
    async createVote(idempotency, vote) {
      return createVote.immediate(idempotency, vote);
    },
    async createVotes(items) {
      return createVotes.immediate(items);
    },
    async getVoteByTrackingCode(code) {
      const row = q.voteByCode.get(code);
      return row ? toVote(row) : null;
    },
    resultsSql: () => [q.totals.source, q.counters.source, q.voted.source],
  };
}

/**
 * The memory store's polls and votes. Counters per option and a voter count are kept with the
 * poll and bumped with every vote, so results are read without looking at the votes. Like the rest
 * of the memory store: checks and writes with no `await` in between (atomic on the event loop).
 */
import type { PollResults } from '@nazar/protocol';
import type {
  CreateSubmissionResult,
  CreateVoteResult,
  IdempotencyInput,
  NewVote,
  PollRecord,
  Store,
  StoredSubmission,
  VoteRecord,
} from '../store.js';

interface PollState {
  record: PollRecord;
  /** Votes per option id (every option present, from 0). */
  counts: Map<string, number>;
  totalVoters: number;
  /** Voter hashes that have voted. */
  voters: Set<string>;
  /** Every vote of this poll (for the recount). */
  votes: VoteRecord[];
}

/** What the poll methods need from the memory store's submissions. */
export interface MemorySubmissions {
  existingFor(idempotency: IdempotencyInput): CreateSubmissionResult | null;
  /** Inserts a submission row of kind `vote` carrying `vote`; returns it. */
  insertVote(idempotency: IdempotencyInput, at: string, vote: (trackingCode: string) => VoteRecord): StoredSubmission;
  voteByCode(code: string): VoteRecord | undefined;
}

export type PollMethods = Pick<
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
>;

const copy = <T>(value: T): T => structuredClone(value);

/** Every poll with its voter count (live state: for the admin part's list, which copies what it shows). */
export interface MemoryPollList {
  allPolls(): Iterable<{ record: PollRecord; totalVoters: number }>;
}

export function memoryPollMethods(submissions: MemorySubmissions): PollMethods & MemoryPollList {
  const polls = new Map<string, PollState>();
  let nextPollId = 1;

  function createVoteSync(idempotency: IdempotencyInput, vote: NewVote): CreateVoteResult {
    const existing = submissions.existingFor(idempotency);
    if (existing) return existing;
    const poll = polls.get(vote.pollSlug);
    if (!poll) throw new Error(`unknown poll ${vote.pollSlug}`);
    if (poll.voters.has(vote.voter.hash)) return { outcome: 'already-voted' };
    const chosen = new Set(vote.optionIds);
    if (chosen.size !== vote.optionIds.length || chosen.size === 0) throw new Error('a vote needs distinct options');
    for (const id of chosen) if (!poll.counts.has(id)) throw new Error(`unknown option ${id} of poll ${vote.pollSlug}`);
    const optionIds = poll.record.options.map((o) => o.id).filter((id) => chosen.has(id));
    let record: VoteRecord | null = null;
    const submission = submissions.insertVote(idempotency, vote.at, (trackingCode) => {
      record = { trackingCode, pollSlug: vote.pollSlug, optionIds, createdAt: vote.at };
      return record;
    });
    for (const id of optionIds) poll.counts.set(id, poll.counts.get(id)! + 1);
    poll.totalVoters += 1;
    poll.voters.add(vote.voter.hash);
    poll.votes.push(record!);
    return { outcome: 'created', submission };
  }

  const results = (poll: PollState): PollResults => ({ totalVoters: poll.totalVoters, counts: Object.fromEntries(poll.counts) });

  return {
    *allPolls() {
      for (const p of polls.values()) yield { record: p.record, totalVoters: p.totalVoters };
    },

    async createPoll(input) {
      const existing = polls.get(input.slug);
      if (existing) return { created: false, poll: copy(existing.record) };
      const record: PollRecord = {
        id: nextPollId++,
        slug: input.slug,
        question: input.question,
        description: input.description,
        options: input.options.map((o) => ({ id: o.id, label: o.label })),
        mode: input.mode,
        maxChoices: input.maxChoices,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        resultsVisibility: input.resultsVisibility,
        createdAt: input.at,
        closedAt: null,
      };
      polls.set(record.slug, {
        record,
        counts: new Map(record.options.map((o) => [o.id, 0])),
        totalVoters: 0,
        voters: new Set(),
        votes: [],
      });
      return { created: true, poll: copy(record) };
    },

    async getPoll(slug) {
      const p = polls.get(slug);
      return p ? copy(p.record) : null;
    },

    async countPolls() {
      return polls.size;
    },

    async closePoll(slug, at) {
      const p = polls.get(slug);
      if (!p) return { outcome: 'not-found' };
      if (p.record.closedAt !== null) return { outcome: 'invalid-state', poll: copy(p.record) };
      p.record.closedAt = at;
      return { outcome: 'ok', poll: copy(p.record) };
    },

    async pollResults(slug) {
      const p = polls.get(slug);
      return p ? results(p) : null;
    },

    async recountPoll(slug) {
      const p = polls.get(slug);
      if (!p) return null;
      const counts: Record<string, number> = Object.fromEntries(p.record.options.map((o) => [o.id, 0]));
      for (const v of p.votes) for (const id of v.optionIds) counts[id] += 1;
      return { totalVoters: p.votes.length, counts };
    },

    async hasVoted(slug, voterHash) {
      return polls.get(slug)?.voters.has(voterHash) ?? false;
    },

    async createVote(idempotency, vote) {
      return createVoteSync(idempotency, vote);
    },

    async createVotes(items) {
      return items.map((item) => createVoteSync(item.idempotency, item.vote));
    },

    async getVoteByTrackingCode(code) {
      const v = submissions.voteByCode(code);
      return v ? copy(v) : null;
    },
  };
}

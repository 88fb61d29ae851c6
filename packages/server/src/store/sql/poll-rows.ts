/** Poll and vote rows of both SQL stores and their records (see `rows.ts`). */
import type { PollMode, PollResults, ResultsVisibility } from '@nazar/protocol';
import type { NewVote, PollRecord, VoteRecord } from '../store.js';

export interface PollRow {
  id: number;
  slug: string;
  question: string;
  description: string | null;
  mode: string;
  max_choices: number;
  opens_at: string;
  closes_at: string;
  results_visibility: string;
  created_at: string;
  closed_at: string | null;
  total_voters: number;
}

/** A poll's options, by position. */
export interface PollOptionRow {
  option_id: string;
  label: string;
}

export function toPoll(row: PollRow, options: readonly PollOptionRow[]): PollRecord {
  return {
    id: row.id,
    slug: row.slug,
    question: row.question,
    description: row.description,
    options: options.map((o) => ({ id: o.option_id, label: o.label })),
    mode: row.mode as PollMode,
    maxChoices: row.max_choices,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    resultsVisibility: row.results_visibility as ResultsVisibility,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  };
}

/**
 * A vote's options in the poll's order (`order`: its option ids by position). Throws for an empty
 * or repeated choice and for an option the poll does not have.
 */
export function orderedChoice(order: readonly string[], vote: NewVote): string[] {
  const chosen = new Set(vote.optionIds);
  if (chosen.size !== vote.optionIds.length || chosen.size === 0) throw new Error('a vote needs distinct options');
  const optionIds = order.filter((id) => chosen.has(id));
  if (optionIds.length !== chosen.size) throw new Error(`unknown option in ${vote.optionIds.join(', ')} of poll ${vote.pollSlug}`);
  return optionIds;
}

/** Votes per option counted from the votes themselves (`option_ids` unnested). */
export interface OptionCountRow {
  option_id: string;
  n: number;
}

/** The recount: every option of the poll, zero unless a vote chose it. */
export function toRecount(optionIds: readonly string[], byOption: readonly OptionCountRow[], totalVoters: number): PollResults {
  const counts: Record<string, number> = {};
  for (const id of optionIds) counts[id] = 0;
  for (const r of byOption) counts[r.option_id] = r.n;
  return { totalVoters, counts };
}

export interface VoteRow {
  tracking_code: string;
  slug: string;
  /** JSON array of option ids, in the poll's order. */
  option_ids: string;
  created_at: string;
}

/** `VoteRow`'s columns (`s` submissions, `v` votes, `p` polls). */
export const VOTE_COLUMNS = 's.tracking_code, p.slug, v.option_ids, v.created_at';
export const VOTE_FROM = 'submissions s JOIN votes v ON v.submission_id = s.id JOIN polls p ON p.id = v.poll_id';

export function toVote(row: VoteRow): VoteRecord {
  return {
    trackingCode: row.tracking_code,
    pollSlug: row.slug,
    optionIds: JSON.parse(row.option_ids) as string[],
    createdAt: row.created_at,
  };
}

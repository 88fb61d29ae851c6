/**
 * Polls as the routes show them: the public `Poll` (results only when the rules allow), the
 * officials' `AdminPoll`, and the one rule that decides who sees results.
 */
import type { AdminPoll, Poll, PollResults, PollStatus, ResultsVisibility } from '@nazar/protocol';
import { pollStatus, type PollRecord } from '../../store/store.js';

/**
 * Whether results may be shown: `always` at any time; `after-vote` to a voter who has voted, and
 * to everyone once closed; `after-close` to everyone once closed, never before.
 */
export function resultsVisible(visibility: ResultsVisibility, status: PollStatus, voted: boolean): boolean {
  if (visibility === 'always' || status === 'closed') return true;
  return visibility === 'after-vote' && voted;
}

/** When voting ended or ends: the scheduled `closesAt`, or an official's earlier close. */
export function effectiveClosesAt(p: Pick<PollRecord, 'closesAt' | 'closedAt'>): string {
  return p.closedAt !== null && Date.parse(p.closedAt) < Date.parse(p.closesAt) ? p.closedAt : p.closesAt;
}

const pollFields = (p: PollRecord, now: Date) => ({
  slug: p.slug,
  question: p.question,
  description: p.description,
  options: p.options.map((o) => ({ id: o.id, label: o.label })),
  mode: p.mode,
  maxChoices: p.maxChoices,
  opensAt: p.opensAt,
  status: pollStatus(p, now),
  resultsVisibility: p.resultsVisibility,
});

/** `results` must already be null unless `resultsVisible` (the caller reads them only then). */
export function publicPoll(p: PollRecord, now: Date, voted: boolean, results: PollResults | null): Poll {
  return { ...pollFields(p, now), closesAt: effectiveClosesAt(p), voted, results };
}

export function adminPoll(p: PollRecord, now: Date, results: PollResults): AdminPoll {
  return { ...pollFields(p, now), closesAt: p.closesAt, closedAt: p.closedAt, createdAt: p.createdAt, results };
}

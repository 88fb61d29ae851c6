import type { FeedbackStatus } from '@nazar/protocol';
import type { RatingSummary } from './records.js';

/** Feedback status moves an official may make (answered → answered: the answer is edited). */
export const FEEDBACK_MOVES: Record<FeedbackStatus, readonly FeedbackStatus[]> = {
  received: ['in-progress', 'answered', 'closed'],
  'in-progress': ['answered', 'closed'],
  answered: ['answered', 'closed'],
  closed: [],
};

/** Turns counts of ratings 1..5 into a summary. Shared by the stores. */
export function summarize(distribution: [number, number, number, number, number]): RatingSummary {
  let count = 0;
  let sum = 0;
  distribution.forEach((n, i) => {
    count += n;
    sum += n * (i + 1);
  });
  return { count, mean: count === 0 ? null : Math.round((sum / count) * 100) / 100, distribution };
}

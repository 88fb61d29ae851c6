// The rules of a vote body (see ../rules.ts).
import { VoteSubmission } from '../shapes/poll.js';
import type { Infer } from '../shape.js';
import type { FieldError, Poll } from '../shapes.js';
import { checked } from './common.js';

/** The rules of a vote body that passed its schema: no option twice. */
export function voteRules(data: Infer<typeof VoteSubmission>): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  data.optionIds.forEach((id, i) => {
    if (seen.has(id)) errors.push({ field: `optionIds.${i}`, code: 'duplicate' });
    seen.add(id);
  });
  return errors;
}

/** A vote's choices against its poll: known options, and how many (single: 1; multiple: 1..maxChoices). */
export function choiceRules(poll: Pick<Poll, 'options' | 'mode' | 'maxChoices'>, optionIds: readonly string[]): FieldError[] {
  const known = new Set(poll.options.map((o) => o.id));
  const errors: FieldError[] = [];
  optionIds.forEach((id, i) => {
    if (!known.has(id)) errors.push({ field: `optionIds.${i}`, code: 'invalid' });
  });
  const max = poll.mode === 'single' ? 1 : poll.maxChoices;
  if (optionIds.length > max) errors.push({ field: 'optionIds', code: 'too-long', limit: max });
  return errors;
}

/** Everything the server would refuse in a vote body for `poll` (bar `closed` and `already-voted`). */
export const checkVote = (body: unknown, poll: Pick<Poll, 'options' | 'mode' | 'maxChoices'>): FieldError[] =>
  checked(VoteSubmission, body, (d) => {
    const errors = voteRules(d);
    return errors.length ? errors : choiceRules(poll, d.optionIds);
  });

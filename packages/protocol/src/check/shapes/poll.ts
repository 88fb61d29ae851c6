// Shapes of the contract (see ../shapes.ts): polls.
import { POLL_LIMITS, POLL_MODES, POLL_STATUSES, RESULTS_VISIBILITY, VOTER_KEY_PATTERN } from '../../vocabulary.js';
import { type Infer, array, boolean, int, literal, nullable, object, oneOf, record, strictObject, string } from '../shape.js';
import { Iso, Code, Slug, ItemId } from './common.js';

export const PollResults = object({ totalVoters: int(0), counts: record(int(0)) });

export const Poll = object({
  slug: Slug,
  question: string(),
  description: nullable(string()),
  options: array(object({ id: ItemId, label: string() })),
  mode: oneOf(POLL_MODES),
  maxChoices: int(1),
  opensAt: Iso,
  closesAt: Iso,
  status: oneOf(POLL_STATUSES),
  resultsVisibility: oneOf(RESULTS_VISIBILITY),
  voted: boolean,
  results: nullable(PollResults),
});

export const VoteSubmission = strictObject({
  optionIds: array(ItemId, 1, POLL_LIMITS.maxOptions),
  voter: object({ type: literal('device'), key: string({ re: VOTER_KEY_PATTERN }) }),
});

export const VoteAccepted = object({
  trackingCode: Code,
  poll: Slug,
  optionIds: array(ItemId),
  createdAt: Iso,
  results: nullable(PollResults),
});

// The types, equal to zod's (checked in ../equivalence.test.ts).
export type PollResults = Infer<typeof PollResults>;
export type Poll = Infer<typeof Poll>;
export type VoteSubmission = Infer<typeof VoteSubmission>;
export type VoteAccepted = Infer<typeof VoteAccepted>;

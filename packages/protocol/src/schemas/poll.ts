import * as z from 'zod/mini';
import {
  ITEM_ID_PATTERN,
  POLL_LIMITS,
  POLL_MODES,
  POLL_STATUSES,
  RESULTS_VISIBILITY,
  SLUG_PATTERN,
  VOTER_KEY_PATTERN,
} from '../vocabulary.js';
import { IsoDateTime, TrackingCode } from './common.js';

export { POLL_MODES, RESULTS_VISIBILITY, POLL_STATUSES, POLL_LIMITS } from '../vocabulary.js';

export const PollMode = z.enum(POLL_MODES);
export type PollMode = z.infer<typeof PollMode>;

export const ResultsVisibility = z.enum(RESULTS_VISIBILITY);
export type ResultsVisibility = z.infer<typeof ResultsVisibility>;

export const PollStatus = z.enum(POLL_STATUSES);
export type PollStatus = z.infer<typeof PollStatus>;

export const PollSlug = z.string().check(z.regex(SLUG_PATTERN));
export const PollOptionId = z.string().check(z.regex(ITEM_ID_PATTERN));

export const PollOption = z.object({ id: PollOptionId, label: z.string() });
export type PollOption = z.infer<typeof PollOption>;

export const PollResults = z.object({
  /** People who voted (a multiple-choice voter counts once here). */
  totalVoters: z.int().check(z.gte(0)),
  /** Votes per option id. */
  counts: z.record(z.string(), z.int().check(z.gte(0))),
});
export type PollResults = z.infer<typeof PollResults>;

/**
 * Who votes. Today a random key the widget keeps on the device (namespaced `nazar:` in the page's
 * storage): it stops a second vote from the same browser, not a determined person. A later tier
 * adds `{ type: 'signed', token }`, a token signed by the host site's login.
 */
export const Voter = z.object({
  type: z.literal('device'),
  key: z.string().check(z.regex(VOTER_KEY_PATTERN)),
});
export type Voter = z.infer<typeof Voter>;

/** `GET /v1/polls/:slug`. `results` is null unless the poll's rules allow them for this request. */
export const Poll = z.object({
  slug: PollSlug,
  question: z.string(),
  description: z.nullable(z.string()),
  options: z.array(PollOption),
  mode: PollMode,
  /** With `multiple`: the most options one voter may choose (1 with `single`). */
  maxChoices: z.int().check(z.gte(1)),
  opensAt: IsoDateTime,
  closesAt: IsoDateTime,
  status: PollStatus,
  resultsVisibility: ResultsVisibility,
  /** Whether the voter named in the request header has voted (false without the header). */
  voted: z.boolean(),
  results: z.nullable(PollResults),
});
export type Poll = z.infer<typeof Poll>;

/** `POST /v1/polls/:slug/votes` (with an Idempotency-Key). */
export const VoteSubmission = z.strictObject({
  optionIds: z.array(PollOptionId).check(z.minLength(1), z.maxLength(POLL_LIMITS.maxOptions)),
  voter: Voter,
});
export type VoteSubmission = z.infer<typeof VoteSubmission>;

/** The 201 answer (and the idempotent replay). Results when the rules allow them to this voter. */
export const VoteAccepted = z.object({
  trackingCode: TrackingCode,
  poll: PollSlug,
  optionIds: z.array(PollOptionId),
  createdAt: IsoDateTime,
  results: z.nullable(PollResults),
});
export type VoteAccepted = z.infer<typeof VoteAccepted>;

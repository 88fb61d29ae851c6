import * as z from 'zod/mini';
import { IsoDateTime, TrackingCode } from './common.js';

/** The voting forum: one question, 2–20 options, one vote per voter. */
export const POLL_MODES = ['single', 'multiple'] as const;
export const PollMode = z.enum(POLL_MODES);
export type PollMode = z.infer<typeof PollMode>;

/** Who may see the results: everyone at any time, voters once they voted, or everyone after close. */
export const RESULTS_VISIBILITY = ['always', 'after-vote', 'after-close'] as const;
export const ResultsVisibility = z.enum(RESULTS_VISIBILITY);
export type ResultsVisibility = z.infer<typeof ResultsVisibility>;

/** `scheduled` before opensAt, `open` until closesAt (or an official closes it), then `closed`. */
export const POLL_STATUSES = ['scheduled', 'open', 'closed'] as const;
export const PollStatus = z.enum(POLL_STATUSES);
export type PollStatus = z.infer<typeof PollStatus>;

export const POLL_LIMITS = { minOptions: 2, maxOptions: 20, question: 500, option: 200, voterKey: 128 } as const;

export const PollSlug = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,79}$/));
export const PollOptionId = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/));

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
  key: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,128}$/)),
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

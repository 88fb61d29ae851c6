/**
 * Polls, public side: `GET /v1/polls/:slug` (results only when the rules allow them to this
 * request's voter) and `POST /v1/polls/:slug/votes` (one vote per voter, inside the window,
 * rate-limited by client address).
 */
import { Hono, type Context } from 'hono';
import {
  IDEMPOTENCY_REPLAYED_HEADER,
  PollSlug,
  ROUTES,
  VoteSubmission,
  choiceRules,
  problem,
  voteRules,
  type FieldError,
  type PollResults,
  type VoteAccepted,
} from '@nazar/protocol';
import { parseWith, problemResponse, receiveSubmission, simpleProblem, validationProblem } from '../http.js';
import { rateLimitedResponse } from '../middleware/rate-limit.js';
import { publicPoll, resultsVisible } from '../views/poll.js';
import { pollStatus, type PollRecord, type Store, type VoteRecord } from '../../store/store.js';
import type { AppEnv, RouteContext } from '../context.js';

/** The results a voter who has voted may see now, or null. */
async function resultsForVoter(store: Store, poll: PollRecord, now: Date): Promise<PollResults | null> {
  return resultsVisible(poll.resultsVisibility, pollStatus(poll, now), true) ? store.pollResults(poll.slug) : null;
}

/**
 * The 201 answer: the stored vote (so a replay repeats the first answer's code, options and time)
 * with the results as they are now, when this voter may see them.
 */
async function acceptedResponse(c: Context, store: Store, vote: VoteRecord, now: Date, replayed: boolean): Promise<Response> {
  const poll = await store.getPoll(vote.pollSlug);
  const body: VoteAccepted = {
    trackingCode: vote.trackingCode,
    poll: vote.pollSlug,
    optionIds: vote.optionIds,
    createdAt: vote.createdAt,
    results: poll ? await resultsForVoter(store, poll, now) : null,
  };
  return c.json(body, 201, replayed ? { [IDEMPOTENCY_REPLAYED_HEADER]: 'true' } : {});
}

/** Request-only checks of a vote: the schema and no option twice (the protocol's rules). */
export function checkVoteBody(body: unknown): { ok: true; value: VoteSubmission } | { ok: false; errors: FieldError[] } {
  const parsed = parseWith(VoteSubmission, body);
  if (!parsed.ok) return parsed;
  const errors = voteRules(parsed.value);
  return errors.length > 0 ? { ok: false, errors } : parsed;
}

export function pollRoutes({ store, now, voters, rateLimit, limitVoter, siteOrigin }: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(ROUTES.poll.pattern, async (c) => {
    const slug = c.req.param('slug');
    if (!PollSlug.safeParse(slug).success) return validationProblem([{ field: 'slug', code: 'invalid' }]);
    const at = now();
    const poll = await store.getPoll(slug);
    if (!poll) return simpleProblem('not-found', 404);
    const voter = await voters.forRead(c.req.raw, slug);
    const voted = voter !== null && (await store.hasVoted(slug, voter.hash));
    const visible = resultsVisible(poll.resultsVisibility, pollStatus(poll, at), voted);
    return c.json(publicPoll(poll, at, voted, visible ? await store.pollResults(slug) : null));
  });

  // The limit per client address comes first, before any work: a flood from one address is
  // turned away cheaply.
  app.post(ROUTES.vote.pattern, rateLimit('vote'), async (c) => {
    // The window is judged on arrival at the server, not when the request is finally processed.
    const arrivedAt = now();
    const slug = c.req.param('slug');

    const received = await receiveSubmission(c, store, {
      route: ROUTES.vote.path(slug),
      param: { field: 'slug', valid: PollSlug.safeParse(slug).success },
      check: checkVoteBody,
      // A retry of an accepted vote gets its first answer even after the poll closed.
      replay: async (submission) => {
        const vote = await store.getVoteByTrackingCode(submission.trackingCode);
        return vote ? acceptedResponse(c, store, vote, now(), true) : simpleProblem('idempotency-conflict', 422);
      },
    });
    if (received.kind === 'answered') return received.response;
    const { key, hash, value, refuse } = received;
    // Per voter key; a retry of an accepted vote is never refused (refuse replays it).
    const voterLimited = limitVoter(value.voter.key, arrivedAt);
    if (voterLimited !== null) {
      return refuse(rateLimitedResponse(voterLimited));
    }

    const poll = await store.getPoll(slug);
    if (!poll) return refuse(simpleProblem('not-found', 404));
    const status = pollStatus(poll, arrivedAt);
    if (status !== 'open') {
      // `detail` is the poll's status (also as `pollStatus`): "not open yet" or "closed".
      return refuse(problemResponse({ ...problem('closed', 409, { detail: status }), pollStatus: status }));
    }
    const choiceErrors = choiceRules(poll, value.optionIds);
    if (choiceErrors.length > 0) return refuse(validationProblem(choiceErrors));
    const voter = await voters.forVote(c.req.raw, slug, value.voter);
    if (voter === null) return refuse(validationProblem([{ field: 'voter', code: 'invalid' }]));

    const result = await store.createVote(
      { key, requestHash: hash },
      { pollSlug: slug, optionIds: value.optionIds, voter, at: arrivedAt.toISOString(), origin: siteOrigin(c) },
    );
    if (result.outcome === 'already-voted') return simpleProblem('already-voted', 409);
    if (result.outcome === 'conflict') return simpleProblem('idempotency-conflict', 422);
    const vote = await store.getVoteByTrackingCode(result.submission.trackingCode);
    if (!vote) return simpleProblem('idempotency-conflict', 422);
    return acceptedResponse(c, store, vote, now(), result.outcome === 'replayed');
  });
  return app;
}

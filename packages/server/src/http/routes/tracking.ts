/**
 * `GET /v1/tracking/:code`: what became of a submission of any kind. Never the contact, never
 * anyone else's data.
 */
import { Hono } from 'hono';
import { ROUTES, parseTrackingCode, type TrackingLookup } from '@nazar/protocol';
import { commentTracking } from '../views/consultation.js';
import { simpleProblem, validationProblem } from '../http.js';
import type { AppEnv, RouteContext } from '../context.js';

export function trackingRoutes({ store, now }: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(ROUTES.tracking.pattern, async (c) => {
    const code = parseTrackingCode(c.req.param('code'));
    if (code === null) return validationProblem([{ field: 'code', code: 'invalid' }]);
    const found = await store.findByTrackingCode(code);
    if (!found) {
      // Votes live in their own table; their codes say only that the vote was counted.
      const vote = await store.getVoteByTrackingCode(code);
      const poll = vote ? await store.getPoll(vote.pollSlug) : null;
      if (!vote || !poll) return simpleProblem('not-found', 404);
      const body: TrackingLookup = {
        trackingCode: vote.trackingCode,
        kind: 'vote',
        status: 'counted',
        createdAt: vote.createdAt,
        updatedAt: vote.createdAt,
        subject: { type: 'poll', slug: poll.slug, title: poll.question },
      };
      return c.json(body);
    }
    let body: TrackingLookup;
    if (found.kind === 'comment') {
      const consultation = await store.getConsultation(found.subject.slug);
      const record = await store.getCommentByTrackingCode(found.trackingCode);
      if (!consultation || !record) return simpleProblem('not-found', 404);
      body = commentTracking(found, record.id, consultation, now());
    } else {
      body = {
        trackingCode: found.trackingCode,
        kind: found.kind,
        status: found.status,
        createdAt: found.createdAt,
        updatedAt: found.updatedAt,
        subject: found.subject,
        answer: found.answer !== null && found.answeredAt !== null ? { text: found.answer, answeredAt: found.answeredAt } : null,
      };
    }
    return c.json(body);
  });
  return app;
}

/**
 * The officials' poll routes under `/v1/admin/polls` (behind the admin Bearer token, checked by
 * `adminGuard`, which `app.ts` installs before this group): create a poll,
 * close it early, read it with its full results whatever the visibility rule.
 */
import { Hono, type Context } from 'hono';
import { ADMIN_LIMITS, ADMIN_ROUTES, CreatePollRequest, POLL_LIMITS, PollSlug, ROUTES, type PollOption } from '@nazar/protocol';
import { simpleProblem, validationProblem } from '../../http.js';
import { adminPoll } from '../../views/poll.js';
import { pollStatus, type PollRecord } from '../../../store/store.js';
import { TextChecker, noteAudit, readBody } from './consultations.js';
import type { AppEnv, RouteContext } from '../../context.js';

/** Limits (in graphemes) reported when a raw string is over the schema's bound. */
const POLL_FIELD_LIMITS: Record<string, number> = {
  question: POLL_LIMITS.question,
  description: ADMIN_LIMITS.pollDescription,
  'options.*': POLL_LIMITS.option,
  'options.*.label': POLL_LIMITS.option,
};

export function adminPollRoutes({ store, now }: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const answer = async (c: Context<AppEnv>, poll: PollRecord, status: 200 | 201 = 200): Promise<Response> => {
    const results = (await store.pollResults(poll.slug)) ?? { totalVoters: 0, counts: {} };
    const headers: Record<string, string> = status === 201 ? { Location: ROUTES.poll.path(poll.slug) } : {};
    if (status === 201) noteAudit(c, { target: poll.slug });
    return c.json(adminPoll(poll, now(), results), status, headers);
  };
  const validSlug = (slug: string) => PollSlug.safeParse(slug).success;

  app.post(ADMIN_ROUTES.createPoll.pattern, async (c) => {
    const at = now();
    const read = await readBody(c, CreatePollRequest, POLL_FIELD_LIMITS);
    if (!read.ok) return read.response;
    const body = read.value;
    const check = new TextChecker();
    const question = check.text('question', body.question, POLL_LIMITS.question, { oneLine: true });
    const description =
      body.description == null ? '' : check.text('description', body.description, ADMIN_LIMITS.pollDescription, { optional: true });
    const labels = new Map<string, number>();
    const options: PollOption[] = body.options.map((o, i) => {
      const field = typeof o === 'string' ? `options.${i}` : `options.${i}.label`;
      const label = check.text(field, typeof o === 'string' ? o : o.label, POLL_LIMITS.option, { oneLine: true });
      if (label !== '' && labels.has(label)) check.errors.push({ field, code: 'duplicate' });
      labels.set(label, i);
      return { id: `o${i + 1}`, label };
    });
    // single: exactly one choice; multiple: 1..options (default: all of them).
    const most = body.mode === 'single' ? 1 : options.length;
    const maxChoices = body.maxChoices ?? most;
    if (maxChoices < 1 || maxChoices > most) check.errors.push({ field: 'maxChoices', code: 'out-of-range', limit: most });
    const opensAt = check.instant('opensAt', body.opensAt);
    const closesAt = check.instant('closesAt', body.closesAt);
    if (check.errors.length > 0) return validationProblem(check.errors);
    if (Date.parse(closesAt) <= Date.parse(opensAt) || Date.parse(closesAt) <= at.getTime()) {
      return validationProblem([{ field: 'closesAt', code: 'out-of-range' }]);
    }

    const result = await store.createPoll({
      slug: body.slug,
      question,
      description: description === '' ? null : description,
      options,
      mode: body.mode,
      maxChoices,
      opensAt,
      closesAt,
      resultsVisibility: body.resultsVisibility,
      at: at.toISOString(),
    });
    if (!result.created) return validationProblem([{ field: 'slug', code: 'duplicate' }]);
    return answer(c, result.poll, 201);
  });

  app.get(ADMIN_ROUTES.poll.pattern, async (c) => {
    const slug = c.req.param('slug');
    const poll = validSlug(slug) ? await store.getPoll(slug) : null;
    return poll ? answer(c, poll) : simpleProblem('not-found', 404);
  });

  app.post(ADMIN_ROUTES.closePoll.pattern, async (c) => {
    const at = now();
    const slug = c.req.param('slug');
    const poll = validSlug(slug) ? await store.getPoll(slug) : null;
    if (!poll) return simpleProblem('not-found', 404);
    // Closed already (by the clock or an official): nothing to do, and saying so is clearer.
    if (pollStatus(poll, at) === 'closed') return simpleProblem('invalid-state', 409, 'closed');
    const closed = await store.closePoll(slug, at.toISOString());
    if (closed.outcome === 'not-found') return simpleProblem('not-found', 404);
    if (closed.outcome === 'invalid-state') return simpleProblem('invalid-state', 409, 'closed');
    return answer(c, closed.poll);
  });
  return app;
}

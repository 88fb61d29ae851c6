/**
 * E-service feedback: `GET /v1/services/:id` (the summary) and `POST /v1/services/:id/feedback`.
 */
import { Hono, type Context } from 'hono';
import {
  FEEDBACK_CATEGORIES,
  FeedbackSubmission,
  IDEMPOTENCY_REPLAYED_HEADER,
  ROUTES,
  ServiceId,
  feedbackRules,
  type FeedbackAccepted,
  type FieldError,
  type ServiceSummary,
} from '@nazar/protocol';
import { parseWith, receiveSubmission, simpleProblem, validationProblem } from '../http.js';
import type { NewFeedback, StoredSubmission } from '../../store/store.js';
import type { AppEnv, RouteContext } from '../context.js';

/** A feedback body after schema validation and normalisation, before any store lookup. */
interface CheckedFeedback {
  feedback: Omit<NewFeedback, 'serviceId'>;
  /** Cleaned label, or null when absent or blank. */
  serviceLabel: string | null;
}

/**
 * Store-independent checks of a feedback body: the schema, then the protocol's rules (text length
 * in graphemes after cleaning, contact format, duplicate categories), the widgets' own rules too.
 */
export function checkFeedbackBody(body: unknown): { ok: true; value: CheckedFeedback } | { ok: false; errors: FieldError[] } {
  const parsed = parseWith(FeedbackSubmission, body);
  if (!parsed.ok) return parsed;
  const { errors, value } = feedbackRules(parsed.value);
  if (errors.length > 0) return { ok: false, errors };
  const { serviceLabel, ...feedback } = value;
  return { ok: true, value: { feedback, serviceLabel } };
}

/**
 * The answer to an accepted feedback, rebuilt from the stored submission. It describes the
 * submission as it was created (status `received`), so a replay is byte-identical to the first
 * answer even after an official has since answered; the tracking route shows the current state.
 */
function acceptedResponse(c: Context, submission: StoredSubmission, serviceId: string, replayed: boolean): Response {
  const body: FeedbackAccepted = { trackingCode: submission.trackingCode, status: 'received', serviceId, createdAt: submission.createdAt };
  const headers: Record<string, string> = { Location: ROUTES.tracking.path(submission.trackingCode) };
  if (replayed) headers[IDEMPOTENCY_REPLAYED_HEADER] = 'true';
  return c.json(body, 201, headers);
}

export function feedbackRoutes({ store, now, allowedOrigins, siteOrigin, rateLimit }: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(ROUTES.service.pattern, async (c) => {
    const id = c.req.param('id');
    if (!ServiceId.safeParse(id).success) return validationProblem([{ field: 'id', code: 'invalid' }]);
    const service = await store.getService(id);
    // Not a 404: a widget on a county page asks before the service's first feedback registers it,
    // and a 404 is printed as an error in the county's console.
    if (!service) {
      const empty: ServiceSummary = {
        id,
        registered: false,
        title: '',
        categories: [...FEEDBACK_CATEGORIES],
        count: 0,
        mean: null,
        distribution: [0, 0, 0, 0, 0],
      };
      return c.json(empty);
    }
    const summary = await store.ratingSummary(id);
    const body: ServiceSummary = {
      id: service.id,
      registered: true,
      title: service.title,
      categories: service.categories,
      count: summary.count,
      mean: summary.mean,
      distribution: summary.distribution,
    };
    return c.json(body);
  });

  app.post(ROUTES.feedback.pattern, rateLimit('feedback'), async (c) => {
    const arrivedAt = now().toISOString();
    const serviceId = c.req.param('id');

    const received = await receiveSubmission(c, store, {
      route: ROUTES.feedback.path(serviceId),
      param: { field: 'id', valid: ServiceId.safeParse(serviceId).success },
      check: checkFeedbackBody,
      async replay(submission) {
        return acceptedResponse(c, submission, serviceId, true);
      },
    });
    if (received.kind === 'answered') return received.response;
    const { key, hash, value, refuse } = received;

    let service = await store.getService(serviceId);
    if (!service) {
      // Registration on first feedback. Only a browser on an allowed site may register: it sends
      // an allowed Origin. A request with an Origin that is not allowed gets 403
      // `origin-not-allowed` (it says what to fix: add the site to NAZAR_ALLOWED_ORIGINS); a
      // request with no Origin (not from a browser page) gets 404 `unknown-service`, as there is
      // no site to register the service for.
      const origin = c.req.header('origin');
      if (origin === undefined) return refuse(simpleProblem('unknown-service', 404));
      if (!allowedOrigins.has(origin)) return refuse(simpleProblem('origin-not-allowed', 403));
      if (value.serviceLabel === null) return refuse(validationProblem([{ field: 'serviceLabel', code: 'required' }]));
      const title = value.serviceLabel;
      service = (await store.ensureService({ id: serviceId, title, categories: FEEDBACK_CATEGORIES, registeredOrigin: origin })).service;
    }

    const stateErrors: FieldError[] = [];
    value.feedback.categories.forEach((category, i) => {
      if (!service.categories.includes(category)) stateErrors.push({ field: `categories.${i}`, code: 'unknown-category' });
    });
    if (stateErrors.length > 0) return refuse(validationProblem(stateErrors));

    // The store re-checks the key atomically with the insert: of many racing requests with one
    // key, exactly one creates the row and the others replay it (or conflict).
    const result = await store.createFeedback(
      { key, requestHash: hash },
      { serviceId, ...value.feedback, origin: siteOrigin(c) },
      arrivedAt,
    );
    if (result.outcome === 'conflict') return simpleProblem('idempotency-conflict', 422);
    return acceptedResponse(c, result.submission, serviceId, result.outcome === 'replayed');
  });
  return app;
}

/**
 * Draft consultations, public side: `GET /v1/consultations/:slug`, its embed code (`GET …/embed`),
 * its published comments (`GET …/comments?clause=&cursor=`), and commenting (`POST …/comments`)
 * inside the window.
 */
import { Hono, type Context } from 'hono';
import {
  ClauseId,
  CommentSubmission,
  ConsultationSlug,
  IDEMPOTENCY_REPLAYED_HEADER,
  ROUTES,
  COMMENT_FIELD_LIMITS,
  commentRules,
  problem,
  type CommentAccepted,
  type FieldError,
} from '@nazar/protocol';
import { EMBED_DEFAULT_CLAUSES, consultationEmbed } from '../views/consultation-embed.js';
import { commentPage, decodeCursor, loadConsultationView, publishedComment } from '../views/consultation.js';
import { parseWith, problemResponse, receiveSubmission, simpleProblem, validationProblem } from '../http.js';
import { consultationStatus, type CommentRecord, type NewComment } from '../../store/store.js';
import type { AppEnv, RouteContext } from '../context.js';

/** `clauses` of the embed code: a count, `all`, or absent (the default); undefined when malformed. */
function embedClauses(raw: string | undefined): number | 'all' | undefined {
  if (raw === undefined || raw === '') return EMBED_DEFAULT_CLAUSES;
  if (raw === 'all') return 'all';
  return /^\d{1,4}$/.test(raw) ? Number(raw) : undefined;
}

type CheckedComment = Pick<NewComment, 'clauseId' | 'stance' | 'text' | 'proposedText' | 'displayName' | 'contact' | 'locale'>;

/**
 * Store-independent checks of a comment body: the schema, then the protocol's rules (lengths in
 * graphemes after cleaning, proposed wording only and always with `amend`, the contact's format).
 */
export function checkCommentBody(body: unknown): { ok: true; value: CheckedComment } | { ok: false; errors: FieldError[] } {
  const parsed = parseWith(CommentSubmission, body, COMMENT_FIELD_LIMITS);
  if (!parsed.ok) return parsed;
  const { errors, value } = commentRules(parsed.value);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/**
 * The 201 answer, rebuilt from the stored comment as it was on arrival (its moderation mode then
 * decides `pending` or `published`), so a replay is identical to the first answer.
 */
function acceptedResponse(c: Context, comment: CommentRecord, replayed: boolean): Response {
  const body: CommentAccepted = {
    trackingCode: comment.trackingCode,
    status: comment.moderation === 'post' ? 'published' : 'pending',
    consultation: comment.consultationSlug,
    clauseId: comment.clauseId,
    createdAt: comment.createdAt,
  };
  const headers: Record<string, string> = { Location: ROUTES.tracking.path(comment.trackingCode) };
  if (replayed) headers[IDEMPOTENCY_REPLAYED_HEADER] = 'true';
  return c.json(body, 201, headers);
}

/** `clause=` of a comment list: absent (all), `whole` (null), or a clause id; false if malformed. */
export function clauseFilter(value: string | undefined): string | null | undefined | false {
  if (value === undefined || value === '') return undefined;
  if (value === 'whole') return null;
  return ClauseId.safeParse(value).success ? value : false;
}

export function consultationRoutes({ store, now, siteOrigin, rateLimit }: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(ROUTES.consultation.pattern, async (c) => {
    const slug = c.req.param('slug');
    if (!ConsultationSlug.safeParse(slug).success) return validationProblem([{ field: 'slug', code: 'invalid' }]);
    const view = await loadConsultationView(store, slug, now());
    if (!view) return simpleProblem('not-found', 404);
    return c.json(view);
  });

  app.get(ROUTES.consultationEmbed.pattern, async (c) => {
    const slug = c.req.param('slug');
    const errors: FieldError[] = [];
    if (!ConsultationSlug.safeParse(slug).success) errors.push({ field: 'slug', code: 'invalid' });
    const clauses = embedClauses(c.req.query('clauses'));
    if (clauses === undefined) errors.push({ field: 'clauses', code: 'invalid' });
    const lang = c.req.query('lang') || 'fa';
    // Balochi reads the Persian opening until the widget is translated (as the widget falls back).
    if (!['fa', 'en', 'bal'].includes(lang)) errors.push({ field: 'lang', code: 'invalid' });
    if (errors.length > 0 || clauses === undefined) return validationProblem(errors);
    const view = await loadConsultationView(store, slug, now());
    if (!view) return simpleProblem('not-found', 404);
    const html = consultationEmbed(view, { clauses, locale: lang === 'en' ? 'en' : 'fa' });
    return c.body(html, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  });

  app.get(ROUTES.comments.pattern, async (c) => {
    const slug = c.req.param('slug');
    const errors: FieldError[] = [];
    if (!ConsultationSlug.safeParse(slug).success) errors.push({ field: 'slug', code: 'invalid' });
    const clauseId = clauseFilter(c.req.query('clause'));
    if (clauseId === false) errors.push({ field: 'clause', code: 'invalid' });
    const cursorParam = c.req.query('cursor');
    const before = cursorParam === undefined || cursorParam === '' ? null : decodeCursor(cursorParam);
    if (before === null && cursorParam) errors.push({ field: 'cursor', code: 'invalid' });
    if (errors.length > 0 || clauseId === false) return validationProblem(errors);
    const page = await commentPage(store, slug, { status: 'published', clauseId, before }, publishedComment);
    return page ? c.json(page) : simpleProblem('not-found', 404);
  });

  app.post(ROUTES.comment.pattern, rateLimit('comment'), async (c) => {
    // The window is judged on arrival at the server, not when the request is finally processed.
    const arrivedAt = now();
    const slug = c.req.param('slug');

    const received = await receiveSubmission(c, store, {
      route: ROUTES.comment.path(slug),
      param: { field: 'slug', valid: ConsultationSlug.safeParse(slug).success },
      check: checkCommentBody,
      // A retry of a comment accepted before the window closed still gets its first answer.
      replay: async (submission) => {
        const comment = await store.getCommentByTrackingCode(submission.trackingCode);
        return comment ? acceptedResponse(c, comment, true) : simpleProblem('idempotency-conflict', 422);
      },
    });
    if (received.kind === 'answered') return received.response;
    const { key, hash, value, refuse } = received;

    const consultation = await store.getConsultation(slug);
    if (!consultation) return refuse(simpleProblem('not-found', 404));
    const status = consultationStatus(consultation, arrivedAt);
    if (status !== 'open') {
      // `detail` is the consultation's status (also as `consultationStatus`), so a widget can say
      // "not open yet" or "closed on …" without another request.
      return refuse(problemResponse({ ...problem('closed', 409, { detail: status }), consultationStatus: status }));
    }
    const { clauseId } = value;
    if (clauseId !== null && !consultation.clauses.some((cl) => cl.id === clauseId)) {
      return refuse(validationProblem([{ field: 'clauseId', code: 'invalid' }]));
    }

    const result = await store.createComment(
      { key, requestHash: hash },
      { ...value, consultationSlug: slug, moderation: consultation.moderation, at: arrivedAt.toISOString(), origin: siteOrigin(c) },
    );
    if (result.outcome === 'conflict') return simpleProblem('idempotency-conflict', 422);
    const comment = await store.getCommentByTrackingCode(result.submission.trackingCode);
    if (!comment) return simpleProblem('idempotency-conflict', 422);
    return acceptedResponse(c, comment, result.outcome === 'replayed');
  });
  return app;
}

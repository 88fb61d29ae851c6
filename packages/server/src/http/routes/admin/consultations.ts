/**
 * The officials' API under `/v1/admin/*`: the middleware every admin path goes through
 * (`adminGuard`, which `app.ts` installs before mounting any admin group), and the consultation
 * and moderation routes (create, extend, withdraw, list and moderate comments, reply, issue).
 * The other groups are `admin/polls.ts` and `admin/ops.ts`.
 *
 * The middleware, for every path under /v1/admin (unknown ones included: no probing):
 * 1. authenticates `Authorization: Bearer <token>` — `NAZAR_ADMIN_TOKEN` or a stored token
 *    (admin-auth.ts) — else 401;
 * 2. checks the token's role against the route (`requiredRole`), else 403 `forbidden`;
 * 3. after a successful change (any method but GET) or an export, appends to the audit log who
 *    (token id, name, role), what (the route's name), on what (its first path parameter, or what
 *    the handler noted) and when.
 * The CORS middleware sends no CORS headers here (officials' tools are same-origin).
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import {
  CONSOLE_LIMITS,
  ADMIN_LIMITS,
  ADMIN_GROUP_ROUTES,
  ADMIN_OPS_ROUTES,
  ADMIN_ROUTES,
  COMMENT_STATUSES,
  CreateConsultationRequest,
  ConsultationSlug,
  ExtendWindowRequest,
  IssueRequest,
  RejectCommentRequest,
  ReplyRequest,
  ROUTES,
  WithdrawRequest,
  cleanSubmittedText,
  problem,
  textLength,
  type Clause,
  type CommentStatus,
  type FieldError,
} from '@nazar/protocol';
import { defaultClosesAt, normalizeInstant, windowError } from '../../../domain/consultation-rules.js';
import { COMMENT_PAGE_SIZE, adminComment, commentPage, consultationView, decodeCursor } from '../../views/consultation.js';
import {
  countParam,
  mediaTypeProblem,
  parseWith,
  problemResponse,
  readJsonBody,
  simpleProblem,
  validationProblem,
  type SafeParser,
} from '../../http.js';
import { consultationStatus, type ConsultationChange, type ModerationResult, type NewClause } from '../../../store/store.js';
import type { AuditActor } from '../../../store/admin-store.js';
import { authenticator, requiredRole, roleAllows } from '../../admin-auth.js';
import { clauseFilter } from '../consultations.js';
import type { AppEnv, RouteContext } from '../../context.js';

export const ADMIN_PREFIX = '/v1/admin';

/** Admin bodies may carry a whole draft and its final text: 4 MiB (public bodies: LIMITS.bodyBytes). */
export const ADMIN_BODY_BYTES = 4 * 1024 * 1024;

export function isAdminPath(path: string): boolean {
  return path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);
}

function unauthorized(detail?: string): Response {
  return problemResponse(problem('unauthorized', 401, detail === undefined ? {} : { detail }), {
    'WWW-Authenticate': 'Bearer realm="nazar-admin"',
  });
}

/** Limits (in graphemes) reported when a raw string is over the schema's bound. */
const ADMIN_FIELD_LIMITS: Record<string, number> = {
  title: ADMIN_LIMITS.title,
  summary: ADMIN_LIMITS.summary,
  issuingBody: ADMIN_LIMITS.issuingBody,
  reason: ADMIN_LIMITS.reason,
  text: ADMIN_LIMITS.reply,
  'clauses.*.heading': ADMIN_LIMITS.heading,
  'clauses.*.text': ADMIN_LIMITS.clauseText,
  'dispositions.*.reason': ADMIN_LIMITS.reason,
};

/** Collects field errors while cleaning the text fields of an admin body. */
export class TextChecker {
  readonly errors: FieldError[] = [];

  /** Cleaned text; `required` when blank (unless optional), `too-long` over `limit` graphemes. */
  text(field: string, value: string, limit: number, opts: { optional?: boolean; oneLine?: boolean } = {}): string {
    let cleaned = cleanSubmittedText(value);
    if (opts.oneLine) cleaned = cleaned.replace(/\s+/g, ' ');
    if (cleaned === '' && !opts.optional) this.errors.push({ field, code: 'required' });
    else if (textLength(cleaned) > limit) this.errors.push({ field, code: 'too-long', limit });
    return cleaned;
  }

  heading(field: string, value: string | null | undefined): string | null {
    if (value === undefined || value === null) return null;
    const cleaned = this.text(field, value, ADMIN_LIMITS.heading, { optional: true, oneLine: true });
    return cleaned === '' ? null : cleaned;
  }

  instant(field: string, value: string): string {
    const instant = normalizeInstant(value);
    if (instant === null) this.errors.push({ field, code: 'invalid' });
    return instant ?? value;
  }
}

/** An admin body: JSON of the right media type, checked against `schema` (limits: see ADMIN_FIELD_LIMITS). */
export async function readBody<T>(
  c: Context,
  schema: SafeParser<T>,
  limits: Record<string, number> = ADMIN_FIELD_LIMITS,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  const unsupported = mediaTypeProblem(c);
  if (unsupported) return { ok: false, response: unsupported };
  const read = await readJsonBody(c, ADMIN_BODY_BYTES);
  if (!read.ok) return read;
  const parsed = parseWith(schema, read.body, limits);
  return parsed.ok ? parsed : { ok: false, response: validationProblem(parsed.errors) };
}

function invalidState(detail: string): Response {
  return simpleProblem('invalid-state', 409, detail);
}

/** Ids for clauses of the final text that are not draft clauses: `c<n>` after the highest used. */
function newClauseIds(used: Iterable<string>): () => string {
  const taken = new Set(used);
  let n = 0;
  for (const id of taken) {
    const m = /^c(\d+)$/.exec(id);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return () => {
    let id: string;
    do id = `c${++n}`;
    while (taken.has(id));
    taken.add(id);
    return id;
  };
}

/**
 * Lets a handler say what its audit entry should name (e.g. the token id it created) and a few
 * facts (never secrets or contact details). Returns the acting token.
 */
export function noteAudit(c: Context<AppEnv>, note: { target?: string; detail?: Record<string, unknown> }): AuditActor {
  const current = c.get('audit') as AppEnv['Variables']['audit'] | undefined;
  if (!current) throw new Error('noteAudit outside the admin middleware');
  Object.assign(current, note);
  return current.actor;
}

/** Every admin route, by method and path: its name in the route tables and its first parameter. */
const ADMIN_ROUTE_MATCHERS = Object.entries({ ...ADMIN_ROUTES, ...ADMIN_OPS_ROUTES, ...ADMIN_GROUP_ROUTES }).map(([name, r]) => ({
  name,
  method: r.method,
  regex: new RegExp(`^${r.pattern.replace(/:[A-Za-z]+/g, '([^/]+)')}$`),
}));

function routeOf(method: string, path: string): { name: string; param: string | null } | null {
  for (const r of ADMIN_ROUTE_MATCHERS) {
    if (r.method !== method) continue;
    const m = r.regex.exec(path);
    if (m) {
      let param: string | null = null;
      try {
        param = m[1] === undefined ? null : decodeURIComponent(m[1]);
      } catch {
        param = m[1] ?? null;
      }
      return { name: r.name, param };
    }
  }
  return null;
}

/** The middleware of every path under /v1/admin: to install before any admin route. */
export function adminGuard({ store, now, adminToken, adminActor, logger }: RouteContext): MiddlewareHandler<AppEnv> {
  const auth = authenticator(store, adminToken, adminActor);

  return async (c, next) => {
    const m = /^Bearer[ ]+([\x21-\x7e]+)[ ]*$/.exec(c.req.header('authorization') ?? '');
    const actor = m ? await auth.authenticate(m[1]) : null;
    if (actor === null) {
      return unauthorized(adminToken === null ? 'Use a token made with `nazar-server token create`, or set NAZAR_ADMIN_TOKEN' : undefined);
    }
    const path = c.req.path;
    if (!roleAllows(actor.role, requiredRole(c.req.method, path)))
      return simpleProblem('forbidden', 403, `The ${actor.role} role may not do this`);
    c.set('audit', { actor });
    await next();
    const audited = c.req.method !== 'GET' && c.req.method !== 'HEAD' ? true : path.startsWith(`${ADMIN_PREFIX}/exports/`);
    if (!audited || c.res.status >= 400) return;
    const note = c.get('audit');
    const route = routeOf(c.req.method, path);
    try {
      await store.appendAudit({
        at: now().toISOString(),
        actor,
        action: route?.name ?? `${c.req.method} ${path}`,
        target: note.target ?? route?.param ?? null,
        detail: note.detail ?? null,
      });
    } catch (err) {
      // The change is done; a lost audit line is logged, not turned into a failure.
      logger?.error({ msg: 'audit log write failed', action: route?.name, error: err instanceof Error ? err.message : String(err) });
    }
  };
}

export function adminConsultationRoutes({ store, now }: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const consultationAnswer = async (c: Context, change: ConsultationChange): Promise<Response> => {
    switch (change.outcome) {
      case 'ok':
        return c.json(consultationView(change.consultation, await store.commentStats(change.consultation.slug), now()));
      case 'not-found':
        return simpleProblem('not-found', 404);
      case 'invalid-state':
        return invalidState(consultationStatus(change.consultation, now()));
      case 'not-forward':
        return validationProblem([{ field: 'closesAt', code: 'out-of-range' }]);
      case 'missing-dispositions':
        return validationProblem([{ field: 'dispositions', code: 'required' }], {
          detail: `No disposition for published comments: ${change.commentIds.join(', ')}`,
          commentIds: change.commentIds,
        });
      case 'unknown-comments':
        return validationProblem([{ field: 'dispositions', code: 'invalid' }], {
          detail: `Not published comments of this consultation: ${change.commentIds.join(', ')}`,
          commentIds: change.commentIds,
        });
    }
  };

  const commentAnswer = (c: Context, result: ModerationResult): Response => {
    if (result.outcome === 'not-found') return simpleProblem('not-found', 404);
    if (result.outcome === 'invalid-state') return invalidState('The consultation is issued: its dispositions are final');
    return c.json(adminComment(result.comment));
  };

  const validSlug = (slug: string) => ConsultationSlug.safeParse(slug).success;
  const validCommentId = (id: string) => /^[A-Za-z0-9_-]{1,64}$/.test(id);

  app.post(ADMIN_ROUTES.createConsultation.pattern, async (c) => {
    const at = now();
    const read = await readBody(c, CreateConsultationRequest);
    if (!read.ok) return read.response;
    const body = read.value;
    const check = new TextChecker();
    const title = check.text('title', body.title, ADMIN_LIMITS.title, { oneLine: true });
    const summary = check.text('summary', body.summary, ADMIN_LIMITS.summary, { optional: true });
    const issuingBody = check.text('issuingBody', body.issuingBody, ADMIN_LIMITS.issuingBody, { oneLine: true });
    const opensAt = check.instant('opensAt', body.opensAt);
    const closesAt = body.closesAt === undefined ? null : check.instant('closesAt', body.closesAt);
    if (body.clauses.length === 0) check.errors.push({ field: 'clauses', code: 'too-short', limit: 1 });
    const clauses: NewClause[] = body.clauses.map((cl, i) => ({
      id: `c${i + 1}`,
      heading: check.heading(`clauses.${i}.heading`, cl.heading),
      text: check.text(`clauses.${i}.text`, cl.text, ADMIN_LIMITS.clauseText),
    }));
    if (check.errors.length > 0) return validationProblem(check.errors);
    const closes = closesAt ?? defaultClosesAt(body.kind, opensAt);
    const tooShort = windowError(body.kind, opensAt, closes);
    if (tooShort) return validationProblem([tooShort]);
    if (body.service !== undefined && !(await store.getService(body.service)))
      return validationProblem([{ field: 'service', code: 'invalid' }]);

    const result = await store.createConsultation({
      slug: body.slug,
      title,
      summary,
      kind: body.kind,
      issuingBody,
      opensAt,
      closesAt: closes,
      moderation: body.moderation ?? 'pre',
      clauses,
      at: at.toISOString(),
    });
    if (!result.created) return validationProblem([{ field: 'slug', code: 'duplicate' }]);
    if (body.service !== undefined) await store.setConsultationService(body.slug, body.service);
    noteAudit(c, {
      target: body.slug,
      detail: { kind: body.kind, clauses: clauses.length, ...(body.service ? { service: body.service } : {}) },
    });
    const view = consultationView(result.consultation, await store.commentStats(body.slug), at);
    return c.json(view, 201, { Location: ROUTES.consultation.path(body.slug) });
  });

  app.post(ADMIN_ROUTES.extend.pattern, async (c) => {
    const at = now();
    const slug = c.req.param('slug');
    if (!validSlug(slug)) return simpleProblem('not-found', 404);
    const read = await readBody(c, ExtendWindowRequest);
    if (!read.ok) return read.response;
    const check = new TextChecker();
    const closesAt = check.instant('closesAt', read.value.closesAt);
    const reason = check.text('reason', read.value.reason, ADMIN_LIMITS.reason);
    if (check.errors.length > 0) return validationProblem(check.errors);
    // Only forward, and to a moment still ahead (extending into the past would change nothing).
    if (Date.parse(closesAt) <= at.getTime()) return validationProblem([{ field: 'closesAt', code: 'out-of-range' }]);
    return consultationAnswer(c, await store.extendConsultation(slug, { closesAt, reason, at: at.toISOString() }));
  });

  app.post(ADMIN_ROUTES.withdraw.pattern, async (c) => {
    const at = now();
    const slug = c.req.param('slug');
    if (!validSlug(slug)) return simpleProblem('not-found', 404);
    const read = await readBody(c, WithdrawRequest);
    if (!read.ok) return read.response;
    const check = new TextChecker();
    const reason = check.text('reason', read.value.reason, ADMIN_LIMITS.reason);
    if (check.errors.length > 0) return validationProblem(check.errors);
    return consultationAnswer(c, await store.withdrawConsultation(slug, { reason, at: at.toISOString() }));
  });

  app.post(ADMIN_ROUTES.issue.pattern, async (c) => {
    const at = now();
    const slug = c.req.param('slug');
    if (!validSlug(slug)) return simpleProblem('not-found', 404);
    const read = await readBody(c, IssueRequest);
    if (!read.ok) return read.response;
    const body = read.value;
    const consultation = await store.getConsultation(slug);
    if (!consultation) return simpleProblem('not-found', 404);
    const status = consultationStatus(consultation, at);
    if (status !== 'review') return invalidState(status);

    const check = new TextChecker();
    const summary = check.text('summary', body.summary, ADMIN_LIMITS.outcomeSummary);
    if (body.clauses.length === 0) check.errors.push({ field: 'clauses', code: 'too-short', limit: 1 });
    const draftIds = new Set(consultation.clauses.map((cl) => cl.id));
    const kept = new Set<string>();
    body.clauses.forEach((cl, i) => {
      if (cl.id === undefined) return;
      if (!draftIds.has(cl.id)) check.errors.push({ field: `clauses.${i}.id`, code: 'invalid' });
      else if (kept.has(cl.id)) check.errors.push({ field: `clauses.${i}.id`, code: 'duplicate' });
      kept.add(cl.id);
    });
    const nextId = newClauseIds(draftIds);
    const clauses: Clause[] = body.clauses.map((cl, i) => ({
      id: cl.id ?? nextId(),
      number: i + 1,
      heading: check.heading(`clauses.${i}.heading`, cl.heading),
      text: check.text(`clauses.${i}.text`, cl.text, ADMIN_LIMITS.clauseText),
    }));
    const seen = new Set<string>();
    const dispositions = body.dispositions.map((d, i) => {
      if (seen.has(d.commentId)) check.errors.push({ field: `dispositions.${i}.commentId`, code: 'duplicate' });
      seen.add(d.commentId);
      return { commentId: d.commentId, outcome: d.outcome, reason: check.text(`dispositions.${i}.reason`, d.reason, ADMIN_LIMITS.reason) };
    });
    if (check.errors.length > 0) return validationProblem(check.errors);

    return consultationAnswer(c, await store.issueConsultation(slug, { summary, clauses, dispositions, at: at.toISOString() }));
  });

  app.get(ADMIN_ROUTES.comments.pattern, async (c) => {
    const slug = c.req.param('slug');
    const errors: FieldError[] = [];
    const statusParam = c.req.query('status');
    const status = statusParam === undefined || statusParam === '' ? undefined : (statusParam as CommentStatus);
    if (status !== undefined && !COMMENT_STATUSES.includes(status)) errors.push({ field: 'status', code: 'invalid' });
    const clauseId = clauseFilter(c.req.query('clause'));
    if (clauseId === false) errors.push({ field: 'clause', code: 'invalid' });
    const cursorParam = c.req.query('cursor');
    const before = cursorParam === undefined || cursorParam === '' ? null : decodeCursor(cursorParam);
    if (before === null && cursorParam) errors.push({ field: 'cursor', code: 'invalid' });
    // A bigger page on request (the issue screen reads every published comment): up to 500.
    const limit = countParam(c, 'limit', COMMENT_PAGE_SIZE, CONSOLE_LIMITS.commentsLimit, errors);
    if (errors.length > 0 || clauseId === false) return validationProblem(errors);
    if (!validSlug(slug)) return simpleProblem('not-found', 404);
    const page = await commentPage(store, slug, { ...(status ? { status } : {}), clauseId, before }, adminComment, limit);
    return page ? c.json(page) : simpleProblem('not-found', 404);
  });

  app.post(ADMIN_ROUTES.approve.pattern, async (c) => {
    const id = c.req.param('id');
    if (!validCommentId(id)) return simpleProblem('not-found', 404);
    return commentAnswer(c, await store.moderateComment(id, { status: 'published', reason: null, at: now().toISOString() }));
  });

  app.post(ADMIN_ROUTES.reject.pattern, async (c) => {
    const at = now();
    const id = c.req.param('id');
    if (!validCommentId(id)) return simpleProblem('not-found', 404);
    const read = await readBody(c, RejectCommentRequest);
    if (!read.ok) return read.response;
    const check = new TextChecker();
    const reason = check.text('reason', read.value.reason, ADMIN_LIMITS.reason);
    if (check.errors.length > 0) return validationProblem(check.errors);
    return commentAnswer(c, await store.moderateComment(id, { status: 'rejected', reason, at: at.toISOString() }));
  });

  app.post(ADMIN_ROUTES.reply.pattern, async (c) => {
    const at = now();
    const id = c.req.param('id');
    if (!validCommentId(id)) return simpleProblem('not-found', 404);
    const read = await readBody(c, ReplyRequest);
    if (!read.ok) return read.response;
    const check = new TextChecker();
    const text = check.text('text', read.value.text, ADMIN_LIMITS.reply);
    if (check.errors.length > 0) return validationProblem(check.errors);
    const comment = await store.replyToComment(id, { text, at: at.toISOString() });
    return comment ? c.json(adminComment(comment)) : simpleProblem('not-found', 404);
  });
  return app;
}

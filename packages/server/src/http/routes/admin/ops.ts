/**
 * The operations part of the officials' API (behind `adminGuard` of `admin/consultations.ts`,
 * which authenticates, checks the role and writes the audit log; `app.ts` installs it first):
 * tokens, sites, services, the moderation queue across consultations, the feedback inbox and its
 * statuses, exports (CSV with a BOM, or JSON) and the audit log.
 */
import { Hono, type Context } from 'hono';
import {
  ADMIN_OPS_LIMITS,
  ADMIN_OPS_ROUTES,
  COMMENT_STATUSES,
  CONSOLE_LIMITS,
  CONSULTATION_STATUSES,
  EXPORT_KINDS,
  CreateTokenRequest,
  FEEDBACK_CATEGORIES,
  FEEDBACK_STATUSES,
  FeedbackStatusRequest,
  PutServiceRequest,
  PutSiteRequest,
  STANCES,
  ServiceId,
  parseTrackingCode,
  textLength,
  type AdminFeedback,
  type AdminService,
  type CommentStatus,
  type ConsultationStatus,
  type ExportedVote,
  type FeedbackCategory,
  type FeedbackStatus,
  type FieldError,
  type ModerationComment,
  type Stance,
} from '@nazar/protocol';
import type { AdminCommentRecord, AdminToken, Before, FeedbackItem, Site, VoteItem } from '../../../store/admin-store.js';
import { consultationSummary, pollSummary } from './console.js';
import { generateToken } from '../../admin-auth.js';
import { normalizeInstant } from '../../../domain/consultation-rules.js';
import { searchFold } from '../../../domain/search.js';
import { adminComment, decodeCursor, encodeCursor } from '../../views/consultation.js';
import { simpleProblem, validationProblem } from '../../http.js';
import { parseAllowedOrigin } from '../../origins.js';
import { TextChecker, noteAudit, readBody } from './consultations.js';
import type { AppEnv, RouteContext } from '../../context.js';
import { FEEDBACK_MOVES } from '../../../domain/feedback-rules.js';

export const ADMIN_PAGE_SIZE = 50;
/** Exports stop here (an official narrows the filters for more). */
export const EXPORT_MAX_ROWS = 100_000;
const EXPORT_CHUNK = 1000;

const SITE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TOKEN_ID = /^[a-z2-7]{12}$/;

const tokenView = (t: AdminToken) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  createdAt: t.createdAt,
  createdBy: t.createdBy,
  revokedAt: t.revokedAt,
});

function feedbackView(f: FeedbackItem): AdminFeedback {
  const { seq: _seq, ...rest } = f;
  return rest;
}

function moderationView(c: AdminCommentRecord): ModerationComment {
  return { ...adminComment(c), origin: c.origin };
}

function voteView(v: VoteItem): ExportedVote {
  return {
    trackingCode: v.trackingCode,
    poll: v.pollSlug,
    optionIds: v.optionIds,
    voterTier: v.voterTier,
    origin: v.origin,
    createdAt: v.createdAt,
  };
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * One CSV cell (RFC 4180). Cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
 * carriage return first) get a leading apostrophe, so an export never executes citizens' text.
 */
export function csvCell(value: unknown): string {
  // The export's columns are flattened (flatComment, flatFeedback): scalars and lists, no objects.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a BOM (so spreadsheet programs read Persian correctly), CRLF line ends. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const COMMENT_COLUMNS = [
  'id',
  'trackingCode',
  'consultation',
  'clauseId',
  'stance',
  'status',
  'text',
  'proposedText',
  'displayName',
  'contactKind',
  'contact',
  'locale',
  'rejectionReason',
  'reply',
  'replyAt',
  'disposition',
  'dispositionReason',
  'origin',
  'createdAt',
  'updatedAt',
] as const;
const FEEDBACK_COLUMNS = [
  'trackingCode',
  'serviceId',
  'serviceTitle',
  'rating',
  'categories',
  'text',
  'contactKind',
  'contact',
  'locale',
  'status',
  'answer',
  'answeredAt',
  'origin',
  'createdAt',
  'updatedAt',
] as const;
const VOTE_COLUMNS = ['trackingCode', 'poll', 'optionIds', 'voterTier', 'origin', 'createdAt'] as const;
const CONSULTATION_COLUMNS = [
  'slug',
  'title',
  'kind',
  'status',
  'opensAt',
  'closesAt',
  'issuedAt',
  'withdrawnAt',
  'service',
  'moderation',
  'createdAt',
  'pending',
  'published',
  'rejected',
] as const;
const POLL_COLUMNS = [
  'slug',
  'question',
  'mode',
  'status',
  'resultsVisibility',
  'opensAt',
  'closesAt',
  'closedAt',
  'createdAt',
  'totalVoters',
] as const;
const AUDIT_COLUMNS = ['id', 'at', 'actor', 'actorRole', 'action', 'target', 'detail'] as const;

const flatComment = (c: ModerationComment): Record<string, unknown> => ({
  ...c,
  contactKind: c.contact?.kind ?? null,
  contact: c.contact?.value ?? null,
  reply: c.reply?.text ?? null,
  replyAt: c.reply?.at ?? null,
  disposition: c.disposition?.outcome ?? null,
  dispositionReason: c.disposition?.reason ?? null,
});
const flatFeedback = (f: AdminFeedback): Record<string, unknown> => ({
  ...f,
  contactKind: f.contact?.kind ?? null,
  contact: f.contact?.value ?? null,
});

// ---------------------------------------------------------------------------------------------

export function adminOpsRoutes(context: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { store, now } = context;

  /** Filters common to lists and exports; `allowed` names the ones this route takes. */
  async function readFilters(c: Context, allowed: readonly string[]) {
    const errors: FieldError[] = [];
    const q = (name: string) => {
      const v = c.req.query(name);
      return v === undefined || v === '' ? undefined : v;
    };
    for (const name of ['site', 'service', 'consultation', 'clause', 'stance', 'status', 'poll', 'from', 'to', 'rating', 'category', 'q']) {
      if (!allowed.includes(name) && q(name) !== undefined) errors.push({ field: name, code: 'unknown-field' });
    }
    let origins: string[] | undefined;
    const site = q('site');
    if (site !== undefined) {
      const found = SITE_ID.test(site) ? await store.getSite(site) : null;
      if (!found) errors.push({ field: 'site', code: 'invalid' });
      else origins = found.origins;
    }
    const instant = (name: string) => {
      const v = q(name);
      if (v === undefined) return undefined;
      const n = /^\d{4}-\d{2}-\d{2}$/.test(v) ? normalizeInstant(`${v}T00:00:00Z`) : normalizeInstant(v);
      if (n === null) errors.push({ field: name, code: 'invalid' });
      return n ?? undefined;
    };
    const from = instant('from');
    const to = instant('to');
    const clauseParam = q('clause');
    const clauseId = clauseParam === undefined ? undefined : clauseParam === 'whole' ? null : clauseParam;
    if (clauseParam !== undefined && clauseParam !== 'whole' && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(clauseParam))
      errors.push({ field: 'clause', code: 'invalid' });
    const stance = q('stance') as Stance | undefined;
    if (stance !== undefined && !STANCES.includes(stance)) errors.push({ field: 'stance', code: 'invalid' });
    const service = q('service');
    if (service !== undefined && !ServiceId.safeParse(service).success) errors.push({ field: 'service', code: 'invalid' });
    const ratingParam = q('rating');
    const rating = ratingParam === undefined ? undefined : Number(ratingParam);
    if (ratingParam !== undefined && !/^[1-5]$/.test(ratingParam)) errors.push({ field: 'rating', code: 'invalid' });
    const category = q('category') as FeedbackCategory | undefined;
    if (category !== undefined && !FEEDBACK_CATEGORIES.includes(category)) errors.push({ field: 'category', code: 'invalid' });
    // `q`: a substring of the text, trimmed; blank is no filter. Folded as the stores fold the text.
    const search = q('q')?.trim();
    if (search !== undefined && textLength(search) > CONSOLE_LIMITS.q)
      errors.push({ field: 'q', code: 'too-long', limit: CONSOLE_LIMITS.q });
    return {
      errors,
      filters: {
        ...(origins !== undefined ? { origins } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        ...(clauseId !== undefined ? { clauseId } : {}),
        ...(stance !== undefined ? { stance } : {}),
        ...(service !== undefined ? { serviceId: service } : {}),
        ...(q('consultation') !== undefined ? { consultationSlug: q('consultation')! } : {}),
        ...(q('poll') !== undefined ? { pollSlug: q('poll')! } : {}),
        ...(rating !== undefined ? { rating } : {}),
        ...(category !== undefined ? { category } : {}),
        ...(search ? { text: searchFold(search) } : {}),
      },
      status: q('status'),
    };
  }

  function cursorOf(c: Context, errors: FieldError[]): Before | null {
    const cursor = c.req.query('cursor');
    if (cursor === undefined || cursor === '') return null;
    const before = decodeCursor(cursor);
    if (before === null) errors.push({ field: 'cursor', code: 'invalid' });
    return before;
  }

  function page<T extends { createdAt: string; seq: number }>(rows: T[]): { rows: T[]; nextCursor: string | null } {
    const shown = rows.slice(0, ADMIN_PAGE_SIZE);
    const last = shown.at(-1);
    return {
      rows: shown,
      nextCursor: rows.length > ADMIN_PAGE_SIZE && last ? encodeCursor({ createdAt: last.createdAt, seq: last.seq }) : null,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Tokens (admin)

  app.get(ADMIN_OPS_ROUTES.tokens.pattern, async (c) => c.json({ tokens: (await store.listTokens()).map(tokenView) }));

  app.post(ADMIN_OPS_ROUTES.createToken.pattern, async (c) => {
    const read = await readBody(c, CreateTokenRequest, { name: ADMIN_OPS_LIMITS.tokenName });
    if (!read.ok) return read.response;
    const check = new TextChecker();
    const name = check.text('name', read.value.name, ADMIN_OPS_LIMITS.tokenName, { oneLine: true });
    if (check.errors.length > 0) return validationProblem(check.errors);
    const { id, token, hash } = await generateToken();
    const actor = noteAudit(c, { target: id, detail: { name, role: read.value.role } });
    const created = await store.createToken({ id, name, role: read.value.role, hash, createdBy: actor.id, at: now().toISOString() });
    return c.json({ ...tokenView(created), token }, 201);
  });

  app.post(ADMIN_OPS_ROUTES.revokeToken.pattern, async (c) => {
    const id = c.req.param('id');
    if (!TOKEN_ID.test(id)) return simpleProblem('not-found', 404);
    const revoked = await store.revokeToken(id, now().toISOString());
    return revoked ? c.json(tokenView(revoked)) : simpleProblem('not-found', 404);
  });

  // -------------------------------------------------------------------------------------------
  // Sites (admin to change, everyone to read)

  const siteView = (s: Site) => s;

  app.get(ADMIN_OPS_ROUTES.sites.pattern, async (c) => c.json({ sites: (await store.listSites()).map(siteView) }));

  app.put(ADMIN_OPS_ROUTES.putSite.pattern, async (c) => {
    const id = c.req.param('id');
    const read = await readBody(c, PutSiteRequest, { name: ADMIN_OPS_LIMITS.siteName });
    if (!read.ok) return read.response;
    const check = new TextChecker();
    if (!SITE_ID.test(id)) check.errors.push({ field: 'id', code: 'invalid' });
    const name = check.text('name', read.value.name, ADMIN_OPS_LIMITS.siteName, { oneLine: true });
    const origins: string[] = [];
    read.value.origins.forEach((o, i) => {
      const origin = parseAllowedOrigin(o);
      if (origin === null) check.errors.push({ field: `origins.${i}`, code: 'invalid' });
      else if (origins.includes(origin)) check.errors.push({ field: `origins.${i}`, code: 'duplicate' });
      else origins.push(origin);
    });
    if (check.errors.length > 0) return validationProblem(check.errors);
    const { site, created } = await store.putSite({ id, name, origins, at: now().toISOString() });
    noteAudit(c, { target: id, detail: { name, origins } });
    await context.allowedOrigins.refresh();
    return c.json(siteView(site), created ? 201 : 200);
  });

  app.delete(ADMIN_OPS_ROUTES.deleteSite.pattern, async (c) => {
    const id = c.req.param('id');
    if (!SITE_ID.test(id) || !(await store.deleteSite(id))) return simpleProblem('not-found', 404);
    await context.allowedOrigins.refresh();
    return new Response(null, { status: 204 });
  });

  // -------------------------------------------------------------------------------------------
  // Services

  async function serviceView(id: string, sites?: Map<string, string[]>): Promise<AdminService | null> {
    const s = await store.getService(id);
    if (!s) return null;
    const summary = await store.ratingSummary(id);
    const siteIds = (sites ?? (await store.serviceSites())).get(id) ?? [];
    return {
      id: s.id,
      title: s.title,
      categories: s.categories,
      sites: siteIds,
      registeredOrigin: s.registeredOrigin,
      createdAt: s.createdAt,
      count: summary.count,
      mean: summary.mean,
    };
  }

  app.get(ADMIN_OPS_ROUTES.services.pattern, async (c) => {
    const sites = await store.serviceSites();
    const services: AdminService[] = [];
    for (const s of await store.listServices()) services.push((await serviceView(s.id, sites))!);
    return c.json({ services });
  });

  app.put(ADMIN_OPS_ROUTES.putService.pattern, async (c) => {
    const id = c.req.param('id');
    const read = await readBody(c, PutServiceRequest, { title: ADMIN_OPS_LIMITS.serviceTitle });
    if (!read.ok) return read.response;
    const body = read.value;
    const check = new TextChecker();
    if (!ServiceId.safeParse(id).success) check.errors.push({ field: 'id', code: 'invalid' });
    const title = body.title === undefined ? undefined : check.text('title', body.title, ADMIN_OPS_LIMITS.serviceTitle, { oneLine: true });
    const seen = new Set<string>();
    body.categories?.forEach((cat, i) => {
      if (seen.has(cat)) check.errors.push({ field: `categories.${i}`, code: 'duplicate' });
      seen.add(cat);
    });
    if (body.categories !== undefined && body.categories.length === 0)
      check.errors.push({ field: 'categories', code: 'too-short', limit: 1 });
    if (body.sites !== undefined) {
      const known = new Set((await store.listSites()).map((s) => s.id));
      body.sites.forEach((siteId, i) => {
        if (!known.has(siteId)) check.errors.push({ field: `sites.${i}`, code: 'invalid' });
      });
    }
    const existing = await store.getService(id);
    if (!existing && title === undefined) check.errors.push({ field: 'title', code: 'required' });
    if (check.errors.length > 0) return validationProblem(check.errors);
    let created = false;
    if (!existing) {
      created = (
        await store.ensureService({ id, title: title!, categories: body.categories ?? FEEDBACK_CATEGORIES, registeredOrigin: null })
      ).created;
    }
    await store.updateService(id, {
      ...(title !== undefined ? { title } : {}),
      ...(body.categories !== undefined ? { categories: body.categories } : {}),
      ...(body.sites !== undefined ? { siteIds: [...new Set(body.sites)] } : {}),
    });
    noteAudit(c, {
      target: id,
      detail: {
        created,
        ...(title !== undefined ? { title } : {}),
        ...(body.categories ? { categories: body.categories } : {}),
        ...(body.sites ? { sites: body.sites } : {}),
      },
    });
    return c.json(await serviceView(id), created ? 201 : 200);
  });

  // -------------------------------------------------------------------------------------------
  // The moderation queue across consultations

  const commentQuery = async (c: Context) => {
    const { errors, filters, status } = await readFilters(c, [
      'site',
      'service',
      'consultation',
      'clause',
      'stance',
      'status',
      'from',
      'to',
      'q',
    ]);
    if (status !== undefined && !COMMENT_STATUSES.includes(status as CommentStatus)) errors.push({ field: 'status', code: 'invalid' });
    return { errors, filter: { ...filters, ...(status !== undefined ? { status: status as CommentStatus } : {}) } };
  };

  app.get(ADMIN_OPS_ROUTES.moderation.pattern, async (c) => {
    const { errors, filter } = await commentQuery(c);
    const before = cursorOf(c, errors);
    if (errors.length > 0) return validationProblem(errors);
    const { rows, nextCursor } = page(await store.listAllComments({ ...filter, before, limit: ADMIN_PAGE_SIZE + 1 }));
    return c.json({ comments: rows.map(moderationView), nextCursor });
  });

  // -------------------------------------------------------------------------------------------
  // The feedback inbox

  const feedbackQuery = async (c: Context) => {
    const { errors, filters, status } = await readFilters(c, ['site', 'service', 'status', 'from', 'to', 'rating', 'category', 'q']);
    if (status !== undefined && !FEEDBACK_STATUSES.includes(status as FeedbackStatus)) errors.push({ field: 'status', code: 'invalid' });
    return { errors, filter: { ...filters, ...(status !== undefined ? { status: status as FeedbackStatus } : {}) } };
  };

  app.get(ADMIN_OPS_ROUTES.feedback.pattern, async (c) => {
    const { errors, filter } = await feedbackQuery(c);
    const before = cursorOf(c, errors);
    if (errors.length > 0) return validationProblem(errors);
    const { rows, nextCursor } = page(await store.listFeedback({ ...filter, before, limit: ADMIN_PAGE_SIZE + 1 }));
    return c.json({ feedback: rows.map(feedbackView), nextCursor });
  });

  app.post(ADMIN_OPS_ROUTES.feedbackStatus.pattern, async (c) => {
    const code = parseTrackingCode(c.req.param('code'));
    if (code === null) return simpleProblem('not-found', 404);
    const read = await readBody(c, FeedbackStatusRequest, { answer: ADMIN_OPS_LIMITS.answer });
    if (!read.ok) return read.response;
    const check = new TextChecker();
    const answer =
      read.value.answer === undefined ? undefined : check.text('answer', read.value.answer, ADMIN_OPS_LIMITS.answer, { optional: true });
    const status = read.value.status;
    if (status === 'answered' && !answer) check.errors.push({ field: 'answer', code: 'required' });
    if (check.errors.length > 0) return validationProblem(check.errors);
    const current = await store.getFeedbackRecord(code);
    if (!current) return simpleProblem('not-found', 404);
    const from = current.status as FeedbackStatus;
    if (!FEEDBACK_MOVES[from].includes(status)) return simpleProblem('invalid-state', 409, `${from} → ${status}`);
    const updated = await store.updateSubmissionStatus(code, { status, ...(answer ? { answer } : {}) });
    if (!updated) return simpleProblem('not-found', 404);
    noteAudit(c, { target: code, detail: { from, to: status, answered: Boolean(answer) } });
    const item = (await store.listFeedback({ limit: 1, before: { createdAt: updated.createdAt, seq: updated.id + 1 } })).find(
      (f) => f.trackingCode === code,
    );
    return item ? c.json(feedbackView(item)) : simpleProblem('not-found', 404);
  });

  // -------------------------------------------------------------------------------------------
  // Exports

  app.get(ADMIN_OPS_ROUTES.export.pattern, async (c) => {
    const kind = c.req.param('kind');
    if (!(EXPORT_KINDS as readonly string[]).includes(kind)) return simpleProblem('not-found', 404);
    const format = c.req.query('format') ?? 'csv';
    const formatErrors: FieldError[] = format === 'csv' || format === 'json' ? [] : [{ field: 'format', code: 'invalid' }];

    /** Pages through the store until the filter is exhausted (or EXPORT_MAX_ROWS). */
    const position = (last: { createdAt: string; seq: number }): Before => ({ createdAt: last.createdAt, seq: last.seq });
    // `after` names the position after a chunk's last item: `position` for the records, an id for
    // the audit log.
    async function collect<T, C>(
      fetch: (before: C | null, limit: number) => Promise<T[]>,
      after: (last: T) => C,
    ): Promise<{ items: T[]; truncated: boolean }> {
      const items: T[] = [];
      let before: C | null = null;
      for (;;) {
        const chunk = await fetch(before, EXPORT_CHUNK);
        items.push(...chunk);
        if (items.length >= EXPORT_MAX_ROWS) return { items: items.slice(0, EXPORT_MAX_ROWS), truncated: true };
        if (chunk.length < EXPORT_CHUNK) return { items, truncated: false };
        before = after(chunk.at(-1)!);
      }
    }

    let columns: readonly string[];
    let rows: Record<string, unknown>[];
    let truncated: boolean;
    let filters: Record<string, unknown>;
    if (kind === 'comments') {
      const { errors, filter } = await commentQuery(c);
      if (errors.length + formatErrors.length > 0) return validationProblem([...errors, ...formatErrors]);
      const got = await collect((before: Before | null, limit) => store.listAllComments({ ...filter, before, limit }), position);
      const views = got.items.map(moderationView);
      rows = format === 'csv' ? views.map(flatComment) : views;
      columns = COMMENT_COLUMNS;
      truncated = got.truncated;
      filters = filter;
    } else if (kind === 'feedback') {
      const { errors, filter } = await feedbackQuery(c);
      if (errors.length + formatErrors.length > 0) return validationProblem([...errors, ...formatErrors]);
      const got = await collect((before: Before | null, limit) => store.listFeedback({ ...filter, before, limit }), position);
      const views = got.items.map(feedbackView);
      rows = format === 'csv' ? views.map(flatFeedback) : views;
      columns = FEEDBACK_COLUMNS;
      truncated = got.truncated;
      filters = filter;
    } else if (kind === 'consultations') {
      // The console's list: its status filter, judged now.
      const status = c.req.query('status') || undefined;
      const errors: FieldError[] =
        status === undefined || (CONSULTATION_STATUSES as readonly string[]).includes(status) ? [] : [{ field: 'status', code: 'invalid' }];
      if (errors.length + formatErrors.length > 0) return validationProblem([...errors, ...formatErrors]);
      const at = now();
      const filter = status === undefined ? {} : { status: status as ConsultationStatus };
      const got = await collect(
        (before: Before | null, limit) => store.listConsultations({ ...filter, at: at.toISOString(), before, limit }),
        position,
      );
      const views = got.items.map((k) => consultationSummary(k, at));
      rows = format === 'csv' ? views.map(({ counts, ...k }) => ({ ...k, ...counts })) : views;
      columns = CONSULTATION_COLUMNS;
      truncated = got.truncated;
      filters = filter;
    } else if (kind === 'polls') {
      if (formatErrors.length > 0) return validationProblem(formatErrors);
      const at = now();
      const got = await collect((before: Before | null, limit) => store.listPolls({ before, limit }), position);
      rows = got.items.map((p) => pollSummary(p, at));
      columns = POLL_COLUMNS;
      truncated = got.truncated;
      filters = {};
    } else if (kind === 'audit') {
      if (formatErrors.length > 0) return validationProblem(formatErrors);
      const got = await collect(
        (beforeId: number | null, limit) => store.listAudit({ beforeId, limit }),
        (last) => last.id,
      );
      const entries = got.items;
      truncated = got.truncated;
      rows =
        format === 'csv'
          ? entries.map((e) => ({
              ...e,
              actor: e.actor.name,
              actorRole: e.actor.role,
              detail: e.detail === null ? null : JSON.stringify(e.detail),
            }))
          : entries.map((e) => ({ ...e }));
      columns = AUDIT_COLUMNS;
      filters = {};
    } else {
      const { errors, filters: f } = await readFilters(c, ['site', 'poll', 'from', 'to']);
      if (errors.length + formatErrors.length > 0) return validationProblem([...errors, ...formatErrors]);
      const got = await collect((before: Before | null, limit) => store.listVotes({ ...f, before, limit }), position);
      rows = got.items.map(voteView);
      columns = VOTE_COLUMNS;
      truncated = got.truncated;
      filters = f;
    }
    const at = now().toISOString();
    const { origins: _o, ...shownFilters } = filters;
    const query = Object.fromEntries(new URL(c.req.url).searchParams);
    noteAudit(c, { target: kind, detail: { format, rows: rows.length, truncated, filters: query } });
    const name = `nazar-${kind}-${at.slice(0, 10)}.${format}`;
    const headers: Record<string, string> = { 'Content-Disposition': `attachment; filename="${name}"` };
    if (truncated) headers['Nazar-Export-Truncated'] = String(EXPORT_MAX_ROWS);
    if (format === 'json')
      return c.json(
        {
          kind,
          exportedAt: at,
          filters: { ...shownFilters, ...(query.site ? { site: query.site } : {}) },
          count: rows.length,
          truncated,
          items: rows,
        },
        200,
        headers,
      );
    return c.body(toCsv(columns, rows), 200, { ...headers, 'Content-Type': 'text/csv; charset=utf-8' });
  });

  // -------------------------------------------------------------------------------------------
  // The audit log (admin)

  app.get(ADMIN_OPS_ROUTES.audit.pattern, async (c) => {
    const cursor = c.req.query('cursor');
    if (cursor !== undefined && cursor !== '' && !/^[1-9]\d{0,15}$/.test(cursor))
      return validationProblem([{ field: 'cursor', code: 'invalid' }]);
    const beforeId = cursor ? Number(cursor) : null;
    const entries = await store.listAudit({ beforeId, limit: ADMIN_PAGE_SIZE + 1 });
    const shown = entries.slice(0, ADMIN_PAGE_SIZE);
    return c.json({ entries: shown, nextCursor: entries.length > ADMIN_PAGE_SIZE ? String(shown.at(-1)!.id) : null });
  });
  return app;
}

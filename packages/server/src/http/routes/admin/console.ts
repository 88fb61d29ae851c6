/**
 * The reads of the officials' console (`<nazar-console>`), behind `adminGuard` like every admin
 * route (any role may call them): who the token is, consultations and polls newest first, one
 * consultation as officials see it, the first screen's aggregates and a service's statistics.
 * Lists are keyset-paged; counts and per-week figures come from grouped queries in the store.
 */
import { Hono, type Context } from 'hono';
import {
  ADMIN_OPS_ROUTES,
  ADMIN_ROUTES,
  CONSOLE_LIMITS,
  CONSULTATION_STATUSES,
  ConsultationSlug,
  ServiceId,
  type AdminConsultation,
  type AdminConsultationSummary,
  type AdminMe,
  type AdminOverview,
  type AdminPollSummary,
  type ClauseCommentStats,
  type ConsultationStatus,
  type FieldError,
  type ServiceStats,
} from '@nazar/protocol';
import type { Before, ConsultationListItem, PollListItem } from '../../../store/admin-store.js';
import { consultationStatus, pollStatus } from '../../../store/store.js';
import { recentWeeks, weekStartOf } from '../../../domain/weeks.js';
import { consultationView, decodeCursor, encodeCursor } from '../../views/consultation.js';
import { countParam, simpleProblem, validationProblem } from '../../http.js';
import type { AppEnv, RouteContext } from '../../context.js';

const PAGE_SIZE = CONSOLE_LIMITS.pageSize;

/** `?cursor=`: null when absent; a field error when it is not one of ours. */
function cursorParam(c: Context, errors: FieldError[]): Before | null {
  const cursor = c.req.query('cursor');
  if (cursor === undefined || cursor === '') return null;
  const before = decodeCursor(cursor);
  if (before === null) errors.push({ field: 'cursor', code: 'invalid' });
  return before;
}

/** `?weeks=`: 1..CONSOLE_LIMITS.weeks, default CONSOLE_LIMITS.defaultWeeks. */
/** The first `PAGE_SIZE` rows (the store was asked for one more) and the cursor after them. */
function pageOf<T extends { createdAt: string; seq: number }>(rows: T[]): { rows: T[]; nextCursor: string | null } {
  const shown = rows.slice(0, PAGE_SIZE);
  const last = shown.at(-1);
  return { rows: shown, nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor({ createdAt: last.createdAt, seq: last.seq }) : null };
}

export function consultationSummary(k: ConsultationListItem, now: Date): AdminConsultationSummary {
  return {
    slug: k.slug,
    title: k.title,
    kind: k.kind,
    status: consultationStatus(k, now),
    opensAt: k.opensAt,
    closesAt: k.closesAt,
    issuedAt: k.issuedAt,
    withdrawnAt: k.withdrawnAt,
    service: k.serviceId,
    moderation: k.moderation,
    createdAt: k.createdAt,
    counts: k.counts,
  };
}

export function pollSummary(p: PollListItem, now: Date): AdminPollSummary {
  return {
    slug: p.slug,
    question: p.question,
    mode: p.mode,
    status: pollStatus(p, now),
    resultsVisibility: p.resultsVisibility,
    opensAt: p.opensAt,
    closesAt: p.closesAt,
    closedAt: p.closedAt,
    createdAt: p.createdAt,
    totalVoters: p.totalVoters,
  };
}

const zeroClauseStats = (): ClauseCommentStats => ({ support: 0, oppose: 0, amend: 0, pending: 0, rejected: 0 });

export function adminConsoleRoutes({ store, now }: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(ADMIN_OPS_ROUTES.me.pattern, (c) => {
    const { actor } = c.get('audit');
    const me: AdminMe = { id: actor.id, name: actor.name, role: actor.role };
    return c.json(me);
  });

  app.get(ADMIN_ROUTES.consultations.pattern, async (c) => {
    const errors: FieldError[] = [];
    const statusParam = c.req.query('status');
    const status = statusParam === undefined || statusParam === '' ? undefined : (statusParam as ConsultationStatus);
    if (status !== undefined && !CONSULTATION_STATUSES.includes(status)) errors.push({ field: 'status', code: 'invalid' });
    const before = cursorParam(c, errors);
    if (errors.length > 0) return validationProblem(errors);
    const at = now();
    const rows = await store.listConsultations({
      ...(status !== undefined ? { status } : {}),
      at: at.toISOString(),
      before,
      limit: PAGE_SIZE + 1,
    });
    const { rows: shown, nextCursor } = pageOf(rows);
    return c.json({ consultations: shown.map((k) => consultationSummary(k, at)), nextCursor });
  });

  app.get(ADMIN_ROUTES.consultation.pattern, async (c) => {
    const slug = c.req.param('slug');
    if (!ConsultationSlug.safeParse(slug).success) return simpleProblem('not-found', 404);
    const record = await store.getConsultation(slug);
    const breakdown = record ? await store.consultationBreakdown(slug) : null;
    if (!record || !breakdown) return simpleProblem('not-found', 404);
    const view = consultationView(record, await store.commentStats(slug), now());
    const comments = { pending: 0, published: 0, rejected: 0 };
    const whole = zeroClauseStats();
    const byClause: Record<string, ClauseCommentStats> = Object.fromEntries(record.clauses.map((cl) => [cl.id, zeroClauseStats()]));
    for (const row of breakdown.rows) {
      comments[row.status] += row.count;
      const target = row.clauseId === null ? whole : (byClause[row.clauseId] ??= zeroClauseStats());
      if (row.status === 'published') target[row.stance] += row.count;
      else target[row.status] += row.count;
    }
    const body: AdminConsultation = {
      ...view,
      moderation: record.moderation,
      service: breakdown.serviceId,
      createdAt: record.createdAt,
      comments,
      stats: { whole, byClause },
    };
    return c.json(body);
  });

  app.get(ADMIN_ROUTES.polls.pattern, async (c) => {
    const errors: FieldError[] = [];
    const before = cursorParam(c, errors);
    if (errors.length > 0) return validationProblem(errors);
    const { rows, nextCursor } = pageOf(await store.listPolls({ before, limit: PAGE_SIZE + 1 }));
    const at = now();
    return c.json({ polls: rows.map((p) => pollSummary(p, at)), nextCursor });
  });

  app.get(ADMIN_OPS_ROUTES.overview.pattern, async (c) => {
    const errors: FieldError[] = [];
    const weeks = countParam(c, 'weeks', CONSOLE_LIMITS.defaultWeeks, CONSOLE_LIMITS.weeks, errors);
    if (errors.length > 0) return validationProblem(errors);
    const at = now();
    const range = recentWeeks(at, weeks);
    const [counts, days] = await Promise.all([
      store.overviewCounts({ at: at.toISOString(), limit: CONSOLE_LIMITS.openConsultations }),
      store.activityPerDay({ from: range.from, to: range.to }),
    ]);
    const byWeek = new Map(range.starts.map((weekStart) => [weekStart, { weekStart, feedback: 0, comments: 0, votes: 0 }]));
    for (const d of days) {
      const week = byWeek.get(weekStartOf(d.day));
      if (!week) continue;
      if (d.kind === 'feedback') week.feedback += d.count;
      else if (d.kind === 'comment') week.comments += d.count;
      else week.votes += d.count;
    }
    const body: AdminOverview = {
      at: at.toISOString(),
      openConsultations: counts.openConsultations,
      counts: { pendingComments: counts.pendingComments, feedbackWaiting: counts.feedbackWaiting, activePolls: counts.activePolls },
      weeks: [...byWeek.values()],
    };
    return c.json(body);
  });

  app.get(ADMIN_OPS_ROUTES.serviceStats.pattern, async (c) => {
    const id = c.req.param('id');
    const errors: FieldError[] = [];
    const weeks = countParam(c, 'weeks', CONSOLE_LIMITS.defaultWeeks, CONSOLE_LIMITS.weeks, errors);
    if (errors.length > 0) return validationProblem(errors);
    const service = ServiceId.safeParse(id).success ? await store.getService(id) : null;
    if (!service) return simpleProblem('not-found', 404);
    const range = recentWeeks(now(), weeks);
    const [summary, days] = await Promise.all([
      store.ratingSummary(id),
      store.ratingsPerDay({ serviceId: id, from: range.from, to: range.to }),
    ]);
    const byWeek = new Map(range.starts.map((weekStart) => [weekStart, { count: 0, sum: 0 }]));
    for (const d of days) {
      const week = byWeek.get(weekStartOf(d.day));
      if (!week) continue;
      week.count += d.count;
      week.sum += d.ratingSum;
    }
    const body: ServiceStats = {
      serviceId: service.id,
      title: service.title,
      count: summary.count,
      mean: summary.mean,
      distribution: [...summary.distribution],
      weeks: [...byWeek].map(([weekStart, w]) => ({
        weekStart,
        count: w.count,
        mean: w.count === 0 ? null : Math.round((w.sum / w.count) * 100) / 100,
      })),
    };
    return c.json(body);
  });

  return app;
}

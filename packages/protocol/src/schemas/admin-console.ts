import * as z from 'zod/mini';
import { Consultation, ConsultationKind, ConsultationSlug, ConsultationStatus, MODERATION_MODES } from './consultation.js';
import { PollMode, PollSlug, PollStatus, ResultsVisibility } from './poll.js';
import { IsoDateTime, ServiceId } from './common.js';
import { AdminRole } from './admin-ops.js';
export { CONSOLE_LIMITS } from './admin-limits.js';

/**
 * The reads the officials' console (`<nazar-console>`) needs beyond the admin API's lists: who the
 * token is, consultations and polls to pick from, the first screen's aggregates and a service's
 * statistics. Every route is a GET that any role may call. Not used by the widgets.
 */

/** A calendar date (`YYYY-MM-DD`), here the Monday (UTC) an ISO week starts on. */
export const IsoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

/** `GET /v1/admin/me`: the calling token (so the console hides what the role may not do). */
export const AdminMe = z.object({ id: z.string(), name: z.string(), role: AdminRole });
export type AdminMe = z.infer<typeof AdminMe>;

/** Comments of a consultation by moderation status. */
export const CommentStatusCounts = z.object({ pending: z.int(), published: z.int(), rejected: z.int() });
export type CommentStatusCounts = z.infer<typeof CommentStatusCounts>;

/** One consultation in `GET /v1/admin/consultations`; `status` follows the clock as the public one does. */
export const AdminConsultationSummary = z.object({
  slug: ConsultationSlug,
  title: z.string(),
  kind: ConsultationKind,
  status: ConsultationStatus,
  opensAt: IsoDateTime,
  closesAt: IsoDateTime,
  issuedAt: z.nullable(IsoDateTime),
  withdrawnAt: z.nullable(IsoDateTime),
  /** The e-service the draft concerns, if any. */
  service: z.nullable(ServiceId),
  moderation: z.enum(MODERATION_MODES),
  createdAt: IsoDateTime,
  counts: CommentStatusCounts,
});
export type AdminConsultationSummary = z.infer<typeof AdminConsultationSummary>;

/** `GET /v1/admin/consultations?status=&cursor=`: newest first (by creation), 50 a page. */
export const AdminConsultationPage = z.object({ consultations: z.array(AdminConsultationSummary), nextCursor: z.nullable(z.string()) });
export type AdminConsultationPage = z.infer<typeof AdminConsultationPage>;

/** Comments on one clause (or the whole draft): published ones by stance, and those awaiting moderation. */
export const ClauseCommentStats = z.object({ support: z.int(), oppose: z.int(), amend: z.int(), pending: z.int(), rejected: z.int() });
export type ClauseCommentStats = z.infer<typeof ClauseCommentStats>;

/**
 * `GET /v1/admin/consultations/:slug`: the public `Consultation` (draft clauses, window and its
 * extensions, outcome with the final text once issued, withdrawal) and what only officials see.
 */
export const AdminConsultation = z.object({
  ...Consultation.shape,
  moderation: z.enum(MODERATION_MODES),
  service: z.nullable(ServiceId),
  createdAt: IsoDateTime,
  /** Every comment by moderation status. */
  comments: CommentStatusCounts,
  /** Per draft clause id (every clause present, from 0) and for the whole draft. */
  stats: z.object({ whole: ClauseCommentStats, byClause: z.record(z.string(), ClauseCommentStats) }),
});
export type AdminConsultation = z.infer<typeof AdminConsultation>;

/** One poll in `GET /v1/admin/polls`: what a list shows (the full results: `GET /v1/admin/polls/:slug`). */
export const AdminPollSummary = z.object({
  slug: PollSlug,
  question: z.string(),
  mode: PollMode,
  status: PollStatus,
  resultsVisibility: ResultsVisibility,
  opensAt: IsoDateTime,
  /** As scheduled; `closedAt` when an official closed it early. */
  closesAt: IsoDateTime,
  closedAt: z.nullable(IsoDateTime),
  createdAt: IsoDateTime,
  totalVoters: z.int(),
});
export type AdminPollSummary = z.infer<typeof AdminPollSummary>;

/** `GET /v1/admin/polls?cursor=`: newest first (by creation), 50 a page. */
export const AdminPollPage = z.object({ polls: z.array(AdminPollSummary), nextCursor: z.nullable(z.string()) });
export type AdminPollPage = z.infer<typeof AdminPollPage>;

/** Submissions of one ISO week (Monday 00:00 UTC to the next). */
export const WeekActivity = z.object({ weekStart: IsoDate, feedback: z.int(), comments: z.int(), votes: z.int() });
export type WeekActivity = z.infer<typeof WeekActivity>;

/** `GET /v1/admin/overview?weeks=12`: the console's first screen. */
export const AdminOverview = z.object({
  at: IsoDateTime,
  /** Open now, closing soonest first (at most 100). */
  openConsultations: z.array(z.object({ slug: ConsultationSlug, title: z.string(), closesAt: IsoDateTime })),
  counts: z.object({
    /** Comments waiting for moderation (every consultation). */
    pendingComments: z.int(),
    /** Feedback not answered yet: `received` or `in-progress`. */
    feedbackWaiting: z.int(),
    /** Polls open now. */
    activePolls: z.int(),
  }),
  /** Oldest first, the current week last; every week present (zeros included). */
  weeks: z.array(WeekActivity),
});
export type AdminOverview = z.infer<typeof AdminOverview>;

/** A service's ratings in one ISO week; `mean` (2 decimals) is null without feedback. */
export const WeekRatings = z.object({ weekStart: IsoDate, count: z.int(), mean: z.nullable(z.number()) });
export type WeekRatings = z.infer<typeof WeekRatings>;

/** `GET /v1/admin/services/:id/stats?weeks=12`. */
export const ServiceStats = z.object({
  serviceId: ServiceId,
  title: z.string(),
  /** Every feedback ever, and its mean rating (null without feedback). */
  count: z.int(),
  mean: z.nullable(z.number()),
  /** Feedback with rating 1, 2, 3, 4, 5 (index 0 is rating 1). */
  distribution: z.array(z.int()),
  /** Oldest first, the current week last; every week present. */
  weeks: z.array(WeekRatings),
});
export type ServiceStats = z.infer<typeof ServiceStats>;

import * as z from 'zod/mini';
import {
  ClauseId,
  CommentStatus,
  ConsultationKind,
  ConsultationSlug,
  DispositionOutcome,
  MODERATION_MODES,
  PublishedComment,
} from './consultation.js';
import { POLL_LIMITS, Poll, PollMode, PollResults, PollSlug, ResultsVisibility } from './poll.js';
import { ServiceId, TrackingCode } from './common.js';
import { ADMIN_LIMITS } from './admin-limits.js';
export { ADMIN_LIMITS } from './admin-limits.js';
export { ADMIN_ROUTES } from './admin-routes.js';

export const ModerationMode = z.enum(MODERATION_MODES);
export type ModerationMode = z.infer<typeof ModerationMode>;

const Iso = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/));
const text = (limit: number) => z.string().check(z.maxLength(limit * 4));
const heading = z.optional(z.nullable(text(ADMIN_LIMITS.heading)));

/** One clause of a new draft; ids (`c1`, `c2`, …) and numbers are given in order by the server. */
export const AdminClauseInput = z.strictObject({ heading, text: text(ADMIN_LIMITS.clauseText) });
export type AdminClauseInput = z.infer<typeof AdminClauseInput>;

/** `POST /v1/admin/consultations` → 201 `Consultation`. */
export const CreateConsultationRequest = z.strictObject({
  slug: ConsultationSlug,
  title: text(ADMIN_LIMITS.title),
  summary: text(ADMIN_LIMITS.summary),
  kind: ConsultationKind,
  issuingBody: text(ADMIN_LIMITS.issuingBody),
  opensAt: Iso,
  /** Defaults to opensAt + MIN_WINDOW_DAYS[kind]; a shorter window is refused (`too-short`). */
  closesAt: z.optional(Iso),
  /** `pre` (the default): comments wait for approval; `post`: published at once. */
  moderation: z.optional(ModerationMode),
  /** The e-service the draft concerns, if any (the moderation queue filters by it). */
  service: z.optional(ServiceId),
  clauses: z.array(AdminClauseInput).check(z.maxLength(ADMIN_LIMITS.clauses)),
});
export type CreateConsultationRequest = z.infer<typeof CreateConsultationRequest>;

/** `POST /v1/admin/consultations/:slug/extend` → 200 `Consultation`. Only forward. */
export const ExtendWindowRequest = z.strictObject({ closesAt: Iso, reason: text(ADMIN_LIMITS.reason) });
export type ExtendWindowRequest = z.infer<typeof ExtendWindowRequest>;

/** `POST /v1/admin/consultations/:slug/withdraw` → 200 `Consultation`. Any time before issue. */
export const WithdrawRequest = z.strictObject({ reason: text(ADMIN_LIMITS.reason) });
export type WithdrawRequest = z.infer<typeof WithdrawRequest>;

/** `POST /v1/admin/comments/:id/reject` → 200 `AdminComment`. The reason is shown via tracking. */
export const RejectCommentRequest = z.strictObject({ reason: text(ADMIN_LIMITS.reason) });
export type RejectCommentRequest = z.infer<typeof RejectCommentRequest>;

/** `POST /v1/admin/comments/:id/reply` → 200 `AdminComment`. */
export const ReplyRequest = z.strictObject({ text: text(ADMIN_LIMITS.reply) });
export type ReplyRequest = z.infer<typeof ReplyRequest>;

/** A clause of the final text: `id` of a draft clause marks it as the same clause (amended or not). */
export const FinalClauseInput = z.strictObject({ id: z.optional(ClauseId), heading, text: text(ADMIN_LIMITS.clauseText) });
export type FinalClauseInput = z.infer<typeof FinalClauseInput>;

export const DispositionInput = z.strictObject({
  commentId: z.string().check(z.maxLength(64)),
  outcome: DispositionOutcome,
  reason: text(ADMIN_LIMITS.reason),
});
export type DispositionInput = z.infer<typeof DispositionInput>;

/**
 * `POST /v1/admin/consultations/:slug/issue` → 200 `Consultation`. Only in `review`; needs one
 * disposition for every published comment (a `validation` problem lists the missing ones in
 * `commentIds`).
 */
export const IssueRequest = z.strictObject({
  summary: text(ADMIN_LIMITS.outcomeSummary),
  clauses: z.array(FinalClauseInput).check(z.maxLength(ADMIN_LIMITS.clauses)),
  dispositions: z.array(DispositionInput).check(z.maxLength(ADMIN_LIMITS.dispositions)),
});
export type IssueRequest = z.infer<typeof IssueRequest>;

/** A comment as officials see it: any moderation status, with the private contact. */
export const AdminComment = z.object({
  ...PublishedComment.shape,
  consultation: ConsultationSlug,
  trackingCode: TrackingCode,
  status: CommentStatus,
  /** The consultation's moderation mode when the comment arrived. */
  moderation: ModerationMode,
  rejectionReason: z.nullable(z.string()),
  contact: z.nullable(z.object({ kind: z.enum(['mobile', 'email']), value: z.string() })),
  locale: z.nullable(z.enum(['fa', 'en', 'bal'])),
  updatedAt: Iso,
});
export type AdminComment = z.infer<typeof AdminComment>;

/** `GET /v1/admin/consultations/:slug/comments?status=&clause=&cursor=`: newest first. */
export const AdminCommentPage = z.object({ comments: z.array(AdminComment), nextCursor: z.nullable(z.string()) });
export type AdminCommentPage = z.infer<typeof AdminCommentPage>;

// ---------------------------------------------------------------------------------------------
// Polls

/** An option of a new poll: its label (a plain string is the same as `{ label }`). */
export const AdminPollOptionInput = z.union([
  z.string().check(z.maxLength(POLL_LIMITS.option * 4)),
  z.strictObject({ label: z.string().check(z.maxLength(POLL_LIMITS.option * 4)) }),
]);
export type AdminPollOptionInput = z.infer<typeof AdminPollOptionInput>;

/**
 * `POST /v1/admin/polls` → 201 `AdminPoll`. Options get ids `o1`, `o2`, … in order. `maxChoices`:
 * absent or 1 with `single`; with `multiple` 1..options (default: all options). `closesAt` must be
 * after `opensAt` and after now.
 */
export const CreatePollRequest = z.strictObject({
  slug: PollSlug,
  question: text(POLL_LIMITS.question),
  description: z.optional(z.nullable(text(ADMIN_LIMITS.pollDescription))),
  options: z.array(AdminPollOptionInput).check(z.minLength(POLL_LIMITS.minOptions), z.maxLength(POLL_LIMITS.maxOptions)),
  mode: PollMode,
  maxChoices: z.optional(z.int()),
  opensAt: Iso,
  closesAt: Iso,
  resultsVisibility: ResultsVisibility,
});
export type CreatePollRequest = z.infer<typeof CreatePollRequest>;

/**
 * A poll as officials see it (`GET /v1/admin/polls/:slug`, create, close): always the full results;
 * `closesAt` as scheduled and `closedAt` when an official closed it early. (The public `Poll`'s
 * `closesAt` is the earlier of the two.)
 */
export const AdminPoll = z.object({
  ...z.omit(Poll, { voted: true, results: true }).shape,
  closedAt: z.nullable(Iso),
  createdAt: Iso,
  results: PollResults,
});
export type AdminPoll = z.infer<typeof AdminPoll>;

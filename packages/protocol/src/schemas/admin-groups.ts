import * as z from 'zod/mini';
import { AdminComment } from './admin.js';
import { IsoDateTime, TrackingCode } from './common.js';
import { ClauseId, CommentStatus, Stance } from './consultation.js';
import { FeedbackStatus } from './feedback.js';
import { ADMIN_OPS_LIMITS } from './admin-limits.js';
export { ADMIN_GROUP_ROUTES } from './admin-routes.js';

/**
 * Near-duplicate groups (a campaign text pasted with small edits), found by the server as
 * comments arrive: the moderator acts on a group once and every member gets the decision or the
 * reply. A group's id is its first member's id, stable across requests. Not used by the widgets.
 */
export const GroupMember = z.object({
  id: z.string(),
  trackingCode: TrackingCode,
  status: CommentStatus,
  text: z.string(),
  stance: Stance,
  clause: z.nullable(ClauseId),
  createdAt: IsoDateTime,
});
export type GroupMember = z.infer<typeof GroupMember>;

export const CommentGroup = z.object({ id: z.string(), size: z.int(), representative: AdminComment, members: z.array(GroupMember) });
export type CommentGroup = z.infer<typeof CommentGroup>;

/** `GET /v1/admin/consultations/:slug/groups?all=`: groups of two or more (every one with `all=1`), largest first. */
export const CommentGroupList = z.object({ groups: z.array(CommentGroup) });
export type CommentGroupList = z.infer<typeof CommentGroupList>;

/** What a group action did: members changed, and those it left as they were (already decided). */
export const GroupActionResult = z.object({ updated: z.int(), skipped: z.array(z.string()) });
export type GroupActionResult = z.infer<typeof GroupActionResult>;

export const FeedbackGroupMember = z.object({
  trackingCode: TrackingCode,
  rating: z.int(),
  text: z.string(),
  status: FeedbackStatus,
  createdAt: IsoDateTime,
});
export const FeedbackGroup = z.object({ id: z.string(), size: z.int(), members: z.array(FeedbackGroupMember) });
/**
 * `POST /v1/admin/feedback/groups/:group/answer`: one status move and answer for every member of
 * a service's group (each member that the move allows; the others are `skipped`).
 */
export const FeedbackGroupAnswerRequest = z.strictObject({
  service: z.string().check(z.maxLength(80)),
  status: FeedbackStatus,
  answer: z.optional(z.string().check(z.maxLength(ADMIN_OPS_LIMITS.answer * 4))),
});
export type FeedbackGroupAnswerRequest = z.infer<typeof FeedbackGroupAnswerRequest>;

/** `GET /v1/admin/feedback/groups?service=`: suggestions with near-identical text, largest first. */
export const FeedbackGroupList = z.object({ groups: z.array(FeedbackGroup) });
export type FeedbackGroupList = z.infer<typeof FeedbackGroupList>;

import * as z from 'zod/mini';
import { AdminComment } from './admin.js';
import { IsoDateTime, TrackingCode } from './common.js';
import { ClauseId, CommentStatus, Stance } from './consultation.js';
import { FeedbackStatus } from './feedback.js';

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
/** `GET /v1/admin/feedback/groups?service=`: suggestions with near-identical text, largest first. */
export const FeedbackGroupList = z.object({ groups: z.array(FeedbackGroup) });
export type FeedbackGroupList = z.infer<typeof FeedbackGroupList>;

const seg = encodeURIComponent;
const groupPath = (slug: string, id: string, action: string) => `/v1/admin/consultations/${seg(slug)}/groups/${seg(id)}/${action}`;

/** The group routes (moderators act; every role reads). */
export const ADMIN_GROUP_ROUTES = {
  groups: {
    method: 'GET',
    pattern: '/v1/admin/consultations/:slug/groups',
    path: (slug: string, query: { all?: boolean } = {}) => `/v1/admin/consultations/${seg(slug)}/groups${query.all ? '?all=1' : ''}`,
  },
  approveGroup: { method: 'POST', pattern: '/v1/admin/consultations/:slug/groups/:group/approve', path: (slug: string, id: string) => groupPath(slug, id, 'approve') },
  rejectGroup: { method: 'POST', pattern: '/v1/admin/consultations/:slug/groups/:group/reject', path: (slug: string, id: string) => groupPath(slug, id, 'reject') },
  replyGroup: { method: 'POST', pattern: '/v1/admin/consultations/:slug/groups/:group/reply', path: (slug: string, id: string) => groupPath(slug, id, 'reply') },
  feedbackGroups: {
    method: 'GET',
    pattern: '/v1/admin/feedback/groups',
    path: (query: { service?: string | null } = {}) => `/v1/admin/feedback/groups${query.service ? `?service=${seg(query.service)}` : ''}`,
  },
} as const;

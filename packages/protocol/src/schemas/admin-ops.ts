import * as z from 'zod/mini';
import { AdminComment } from './admin.js';
import { IsoDateTime, ServiceId, TrackingCode } from './common.js';
import { FeedbackCategory, FeedbackStatus } from './feedback.js';
import { ADMIN_OPS_LIMITS, ADMIN_ROLES, EXPORT_KINDS } from './admin-limits.js';
export { ADMIN_FILTERS, ADMIN_OPS_LIMITS, ADMIN_ROLES, EXPORT_KINDS } from './admin-limits.js';
export { ADMIN_OPS_ROUTES } from './admin-routes.js';

/**
 * The operations part of the officials' API (`/v1/admin/*`): tokens and roles, sites, services,
 * the moderation queue across consultations, the feedback inbox, exports and the audit log.
 * Not used by the widgets: bundlers drop this module.
 */

export const AdminRole = z.enum(ADMIN_ROLES);
export type AdminRole = z.infer<typeof AdminRole>;

const SiteId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/));
const Origin = z.string().check(z.maxLength(300));

/** `POST /v1/admin/tokens` → 201 `CreatedToken`. */
export const CreateTokenRequest = z.strictObject({ name: z.string().check(z.maxLength(ADMIN_OPS_LIMITS.tokenName * 4)), role: AdminRole });
export type CreateTokenRequest = z.infer<typeof CreateTokenRequest>;

export const AdminTokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  role: AdminRole,
  createdAt: IsoDateTime,
  createdBy: z.nullable(z.string()),
  revokedAt: z.nullable(IsoDateTime),
});
export type AdminTokenInfo = z.infer<typeof AdminTokenInfo>;

/** The one time the token itself is shown: it is stored only as a hash. */
export const CreatedToken = z.object({ ...AdminTokenInfo.shape, token: z.string() });
export type CreatedToken = z.infer<typeof CreatedToken>;

export const TokenList = z.object({ tokens: z.array(AdminTokenInfo) });
export type TokenList = z.infer<typeof TokenList>;

/** `PUT /v1/admin/sites/:id`: a county site and the exact origins its pages are served from. */
export const PutSiteRequest = z.strictObject({
  name: z.string().check(z.maxLength(ADMIN_OPS_LIMITS.siteName * 4)),
  origins: z.array(Origin).check(z.maxLength(ADMIN_OPS_LIMITS.origins)),
});
export type PutSiteRequest = z.infer<typeof PutSiteRequest>;

export const SiteInfo = z.object({
  id: SiteId,
  name: z.string(),
  origins: z.array(z.string()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type SiteInfo = z.infer<typeof SiteInfo>;
export const SiteList = z.object({ sites: z.array(SiteInfo) });
export type SiteList = z.infer<typeof SiteList>;

/** `PUT /v1/admin/services/:id`: creates the service or changes what is given. */
export const PutServiceRequest = z.strictObject({
  title: z.optional(z.string().check(z.maxLength(ADMIN_OPS_LIMITS.serviceTitle * 4))),
  categories: z.optional(z.array(FeedbackCategory).check(z.maxLength(7))),
  /** Ids of the sites that offer the service. */
  sites: z.optional(z.array(SiteId).check(z.maxLength(ADMIN_OPS_LIMITS.sites))),
});
export type PutServiceRequest = z.infer<typeof PutServiceRequest>;

export const AdminService = z.object({
  id: ServiceId,
  title: z.string(),
  categories: z.array(FeedbackCategory),
  sites: z.array(z.string()),
  registeredOrigin: z.nullable(z.string()),
  createdAt: IsoDateTime,
  /** Feedback received, and its mean rating (null without feedback). */
  count: z.int(),
  mean: z.nullable(z.number()),
});
export type AdminService = z.infer<typeof AdminService>;
export const AdminServiceList = z.object({ services: z.array(AdminService) });
export type AdminServiceList = z.infer<typeof AdminServiceList>;

/** One feedback in the officials' inbox (contact included). */
export const AdminFeedback = z.object({
  trackingCode: TrackingCode,
  serviceId: ServiceId,
  serviceTitle: z.string(),
  rating: z.int(),
  categories: z.array(FeedbackCategory),
  text: z.nullable(z.string()),
  contact: z.nullable(z.object({ kind: z.enum(['mobile', 'email']), value: z.string() })),
  locale: z.nullable(z.enum(['fa', 'en', 'bal'])),
  status: FeedbackStatus,
  answer: z.nullable(z.string()),
  answeredAt: z.nullable(IsoDateTime),
  /** The page origin it was sent from (a site's), when known. */
  origin: z.nullable(z.string()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type AdminFeedback = z.infer<typeof AdminFeedback>;
export const AdminFeedbackPage = z.object({ feedback: z.array(AdminFeedback), nextCursor: z.nullable(z.string()) });
export type AdminFeedbackPage = z.infer<typeof AdminFeedbackPage>;

/**
 * `POST /v1/admin/feedback/:code/status`. Moves: received → in-progress → answered or closed
 * (received may go straight to answered or closed; answered may be closed). `answered` needs an
 * answer, which the citizen then sees via tracking.
 */
export const FeedbackStatusRequest = z.strictObject({
  status: FeedbackStatus,
  answer: z.optional(z.string().check(z.maxLength(ADMIN_OPS_LIMITS.answer * 4))),
});
export type FeedbackStatusRequest = z.infer<typeof FeedbackStatusRequest>;

/** A comment in the moderation queue across consultations (`GET /v1/admin/comments`). */
export const ModerationComment = z.object({ ...AdminComment.shape, origin: z.nullable(z.string()) });
export type ModerationComment = z.infer<typeof ModerationComment>;
export const ModerationPage = z.object({ comments: z.array(ModerationComment), nextCursor: z.nullable(z.string()) });
export type ModerationPage = z.infer<typeof ModerationPage>;

export const AuditEntryView = z.object({
  id: z.int(),
  at: IsoDateTime,
  actor: z.object({ id: z.string(), name: z.string(), role: AdminRole }),
  action: z.string(),
  target: z.nullable(z.string()),
  detail: z.nullable(z.record(z.string(), z.unknown())),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;
export const AuditPage = z.object({ entries: z.array(AuditEntryView), nextCursor: z.nullable(z.string()) });
export type AuditPage = z.infer<typeof AuditPage>;

/** One vote in an export: never the voter's key or its hash. */
export const ExportedVote = z.object({
  trackingCode: TrackingCode,
  poll: z.string(),
  optionIds: z.array(z.string()),
  voterTier: z.string(),
  origin: z.nullable(z.string()),
  createdAt: IsoDateTime,
});
export type ExportedVote = z.infer<typeof ExportedVote>;

export const ExportKind = z.enum(EXPORT_KINDS);
export type ExportKind = z.infer<typeof ExportKind>;

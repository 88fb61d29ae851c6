import * as z from 'zod/mini';
import { TRACKING_CODE_LENGTH } from './tracking-code.js';

/** Limits shared by the server's validation and the widgets' own checks. */
export const LIMITS = {
  feedbackText: 2000,
  contact: 254,
  serviceLabel: 200,
  serviceTitle: 200,
  /** Request bodies over this many bytes are refused with `payload-too-large`. */
  bodyBytes: 64 * 1024,
} as const;

/** Service ids, as a webmaster writes them in `service="…"`. */
export const ServiceId = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/));

/** Feedback categories: stable ids that the widgets translate. */
export const FEEDBACK_CATEGORIES = ['speed', 'clarity', 'staff', 'online', 'documents', 'cost', 'other'] as const;
export const FeedbackCategory = z.enum(FEEDBACK_CATEGORIES);
export type FeedbackCategory = z.infer<typeof FeedbackCategory>;

export const Rating = z.int().check(z.gte(1), z.lte(5));

/**
 * An RFC 3339 instant as the server writes it (`Date#toISOString()`). A plain pattern rather than
 * `z.iso.datetime()`, which costs the widget bundle 0.6 KB gzip for the same answer.
 */
export const IsoDateTime = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/));

export const ServiceSummary = z.object({
  id: ServiceId,
  title: z.string(),
  categories: z.array(FeedbackCategory),
  count: z.int().check(z.gte(0)),
  /** Mean rating, null when there is no feedback yet. */
  mean: z.nullable(z.number().check(z.gte(1), z.lte(5))),
  /** Counts of ratings 1, 2, 3, 4, 5 in that order. */
  distribution: z.tuple([z.int(), z.int(), z.int(), z.int(), z.int()]),
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;

/**
 * What a citizen sends about a service. Length limits on `text` are checked in user-perceived
 * characters by the server (see `textLength`); the schema bounds the raw string generously.
 */
export const FeedbackSubmission = z.strictObject({
  rating: Rating,
  categories: z.optional(z.array(FeedbackCategory).check(z.maxLength(FEEDBACK_CATEGORIES.length))),
  text: z.optional(z.string().check(z.maxLength(LIMITS.feedbackText * 4))),
  /** Private: an Iranian mobile or an email address. Never returned by a public route. */
  contact: z.optional(z.string().check(z.maxLength(LIMITS.contact))),
  /** The element's `label`: titles the service when an allowed site registers it. */
  serviceLabel: z.optional(z.string().check(z.maxLength(LIMITS.serviceLabel))),
  /** The citizen's interface language, so officials can answer in it. */
  locale: z.optional(z.enum(['fa', 'en', 'bal'])),
});
export type FeedbackSubmission = z.infer<typeof FeedbackSubmission>;

export const FEEDBACK_STATUSES = ['received', 'in-progress', 'answered', 'closed'] as const;
export const FeedbackStatus = z.enum(FEEDBACK_STATUSES);
export type FeedbackStatus = z.infer<typeof FeedbackStatus>;

export const TrackingCode = z.string().check(z.length(TRACKING_CODE_LENGTH), z.regex(/^[0-9]+$/));

/** The answer to an accepted feedback POST (201, and the same body on an idempotent replay). */
export const FeedbackAccepted = z.object({
  trackingCode: TrackingCode,
  status: FeedbackStatus,
  serviceId: ServiceId,
  createdAt: IsoDateTime,
});
export type FeedbackAccepted = z.infer<typeof FeedbackAccepted>;

export const Health = z.object({ status: z.enum(['ok', 'draining']), version: z.string() });
export type Health = z.infer<typeof Health>;

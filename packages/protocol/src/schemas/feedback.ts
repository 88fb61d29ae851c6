import * as z from 'zod/mini';
import { FEEDBACK_CATEGORIES, FEEDBACK_STATUSES, LIMITS, LOCALES } from '../vocabulary.js';
import { IsoDateTime, ServiceId, TrackingCode } from './common.js';

export { FEEDBACK_CATEGORIES, FEEDBACK_STATUSES } from '../vocabulary.js';

export const FeedbackCategory = z.enum(FEEDBACK_CATEGORIES);
export type FeedbackCategory = z.infer<typeof FeedbackCategory>;

export const Rating = z.int().check(z.gte(1), z.lte(5));

export const ServiceSummary = z.object({
  id: ServiceId,
  /**
   * False for a service no feedback has registered yet: the answer is then empty (no title, the
   * default categories, no ratings) rather than a 404, which browsers print as an error in the
   * county's console. Its first feedback from an allowed site registers it.
   */
  registered: z.boolean(),
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
  locale: z.optional(z.enum(LOCALES)),
});
export type FeedbackSubmission = z.infer<typeof FeedbackSubmission>;

export const FeedbackStatus = z.enum(FEEDBACK_STATUSES);
export type FeedbackStatus = z.infer<typeof FeedbackStatus>;

/** The answer to an accepted feedback POST (201, and the same body on an idempotent replay). */
export const FeedbackAccepted = z.object({
  trackingCode: TrackingCode,
  status: FeedbackStatus,
  serviceId: ServiceId,
  createdAt: IsoDateTime,
});
export type FeedbackAccepted = z.infer<typeof FeedbackAccepted>;

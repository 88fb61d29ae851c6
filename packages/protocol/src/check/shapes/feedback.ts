// Shapes of the contract (see ../shapes.ts): service feedback.
import { FEEDBACK_CATEGORIES, FEEDBACK_STATUSES, LIMITS } from '../../vocabulary.js';
import { type Infer, array, boolean, int, nullable, number, object, oneOf, optional, strictObject, string, tuple } from '../shape.js';
import { Iso, Code, ServiceId, Locale } from './common.js';

const Category = oneOf(FEEDBACK_CATEGORIES);

export const ServiceSummary = object({
  id: ServiceId,
  registered: boolean,
  title: string(),
  categories: array(Category),
  count: int(0),
  mean: nullable(number(1, 5)),
  distribution: tuple([int(), int(), int(), int(), int()]),
});

export const FeedbackSubmission = strictObject({
  rating: int(1, 5),
  categories: optional(array(Category, undefined, FEEDBACK_CATEGORIES.length)),
  text: optional(string({ max: LIMITS.feedbackText * 4 })),
  contact: optional(string({ max: LIMITS.contact })),
  serviceLabel: optional(string({ max: LIMITS.serviceLabel })),
  locale: Locale,
});

export const FeedbackAccepted = object({
  trackingCode: Code,
  status: oneOf(FEEDBACK_STATUSES),
  serviceId: ServiceId,
  createdAt: Iso,
});

// The types, equal to zod's (checked in ../equivalence.test.ts).
export type ServiceSummary = Infer<typeof ServiceSummary>;
export type FeedbackSubmission = Infer<typeof FeedbackSubmission>;
export type FeedbackAccepted = Infer<typeof FeedbackAccepted>;
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** Feedback rows of both SQL stores and their records (see `rows.ts`). */
import type { FeedbackCategory, FeedbackStatus } from '@nazar/protocol';
import { summarize, type FeedbackRecord, type Locale, type RatingSummary, type TrackedFeedback } from '../store.js';
import { contactOf, toStored, toSubmission, type SubmissionRow } from './rows.js';

/** A submission with its feedback row (`s.*` and the feedback columns). */
export interface FeedbackRow extends SubmissionRow {
  service_id: string;
  rating: number;
  categories: string;
  text: string | null;
  contact_kind: string | null;
  contact_value: string | null;
  locale: string | null;
}

export function toFeedbackRecord(row: FeedbackRow): FeedbackRecord {
  return {
    ...toStored(row),
    feedback: {
      serviceId: row.service_id,
      rating: row.rating,
      categories: JSON.parse(row.categories) as FeedbackCategory[],
      text: row.text,
      contact: contactOf(row.contact_kind, row.contact_value),
      locale: row.locale as Locale | null,
    },
  };
}

/** A feedback submission for the tracking lookup, with its service's title (null: service gone). */
export interface TrackedFeedbackRow extends SubmissionRow {
  service_id: string;
  service_title: string | null;
}

export function toTrackedFeedback(row: TrackedFeedbackRow): TrackedFeedback {
  return {
    ...toSubmission(row),
    kind: 'feedback',
    status: row.status as FeedbackStatus,
    subject: { type: 'service', id: row.service_id, title: row.service_title ?? row.service_id },
  };
}

/** `SELECT rating, COUNT(*) AS n … GROUP BY rating` for one service. */
export interface RatingCountRow {
  rating: number;
  n: number;
}

export function toRatingSummary(rows: readonly RatingCountRow[]): RatingSummary {
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const { rating, n } of rows) distribution[rating - 1] = n;
  return summarize(distribution);
}

/**
 * Services and their feedback in the PostgreSQL store: the services table, feedback rows beside
 * their submissions, rating summaries, and a feedback's status and answer. Consultations and polls
 * have files of their own; what every submission shares is in `submissions.ts`.
 */
import { FEEDBACK_CATEGORIES } from '@nazar/protocol';
import { toExisting, toService, toStored, toSubmission, type CountRow, type ServiceRow, type SubmissionRow } from '../sql/rows.js';
import { toFeedbackRecord, toRatingSummary, type FeedbackRow, type RatingCountRow } from '../sql/feedback-rows.js';
import { TRACKING_CODE_ATTEMPTS, type Store } from '../store.js';
import type { PgDb } from './db.js';
import type { PgSubmissions } from './submissions.js';

/** A submission with its feedback's service, if it is a feedback (the tracking lookup). */
export interface TrackingRow extends SubmissionRow {
  service_id: string | null;
  service_title: string | null;
}

export type PgFeedbackMethods = Pick<
  Store,
  | 'getService'
  | 'ensureService'
  | 'listServices'
  | 'countServices'
  | 'findByIdempotencyKey'
  | 'createFeedback'
  | 'ratingSummary'
  | 'getFeedbackRecord'
  | 'updateSubmissionStatus'
  | 'countSubmissions'
> & {
  /** Any submission by its tracking code, with the service when it is a feedback. */
  trackingRow(code: string): Promise<TrackingRow | undefined>;
};

export function feedbackMethods(db: PgDb, submissions: PgSubmissions, now: () => Date, makeCode: () => string): PgFeedbackMethods {
  return {
    async getService(id) {
      const row = (await db.query<ServiceRow>('SELECT * FROM services WHERE id = $1', [id]))[0];
      return row ? toService(row) : null;
    },

    async ensureService(input) {
      const inserted = await db.query<ServiceRow>(
        `INSERT INTO services (id, title, categories, registered_origin, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING RETURNING *`,
        [
          input.id,
          input.title,
          JSON.stringify([...(input.categories ?? FEEDBACK_CATEGORIES)]),
          input.registeredOrigin ?? null,
          now().toISOString(),
        ],
      );
      if (inserted[0]) return { service: toService(inserted[0]), created: true };
      const row = (await db.query<ServiceRow>('SELECT * FROM services WHERE id = $1', [input.id]))[0];
      return { service: toService(row), created: false };
    },

    async listServices() {
      return (await db.query<ServiceRow>('SELECT * FROM services ORDER BY created_at, id')).map(toService);
    },

    async countServices() {
      return (await db.query<CountRow>('SELECT COUNT(*)::int AS n FROM services'))[0].n;
    },

    async findByIdempotencyKey(key) {
      const row = await submissions.byKey(db.query, key);
      return row ? toStored(row) : null;
    },

    async createFeedback(idempotency, f, at) {
      const when = at ?? now().toISOString();
      // One statement (so one round trip and one implicit transaction): the submission row unless
      // the key or the code is taken, and its feedback row with it. No row back: a used key
      // (replay or conflict) or, rarely, a tracking code that collided (tried again).
      for (let i = 0; i < TRACKING_CODE_ATTEMPTS; i++) {
        const rows = await db.query<SubmissionRow>(
          `WITH s AS (
             INSERT INTO submissions (kind, idempotency_key, request_hash, tracking_code, status, created_at, updated_at, origin)
             VALUES ('feedback', $1, $2, $3, 'received', $4, $4, $5) ON CONFLICT DO NOTHING RETURNING *
           ), f AS (
             INSERT INTO feedback (submission_id, service_id, rating, categories, text, contact_kind, contact_value, locale)
             SELECT id, $6, $7, $8, $9, $10, $11, $12 FROM s
           )
           SELECT * FROM s`,
          [
            idempotency.key,
            idempotency.requestHash,
            makeCode(),
            when,
            f.origin ?? null,
            f.serviceId,
            f.rating,
            JSON.stringify(f.categories),
            f.text,
            f.contact?.kind ?? null,
            f.contact?.value ?? null,
            f.locale,
          ],
        );
        if (rows[0]) return { outcome: 'created', submission: toStored(rows[0]) };
        const existing = await submissions.byKey(db.query, idempotency.key);
        if (existing) return toExisting(existing, idempotency.requestHash);
      }
      throw new Error('could not generate a unique tracking code');
    },

    async ratingSummary(serviceId) {
      const rows = await db.query<RatingCountRow>('SELECT rating, COUNT(*)::int AS n FROM feedback WHERE service_id = $1 GROUP BY rating', [
        serviceId,
      ]);
      return toRatingSummary(rows);
    },

    async getFeedbackRecord(code) {
      const row = (
        await db.query<FeedbackRow>(
          `SELECT s.*, f.service_id, f.rating, f.categories, f.text, f.contact_kind, f.contact_value, f.locale
           FROM submissions s JOIN feedback f ON f.submission_id = s.id WHERE s.tracking_code = $1`,
          [code],
        )
      )[0];
      return row ? toFeedbackRecord(row) : null;
    },

    async updateSubmissionStatus(code, update) {
      const at = now().toISOString();
      return db.tx(async (q) => {
        const rows = await q<SubmissionRow>(
          `UPDATE submissions SET status = $1, updated_at = $2 WHERE tracking_code = $3 AND kind = 'feedback' RETURNING *`,
          [update.status, at, code],
        );
        if (!rows[0]) return null;
        if (update.answer === undefined) return toSubmission(rows[0]);
        const answered = await q<SubmissionRow>(
          'UPDATE submissions SET answer = $1, answered_at = $2 WHERE tracking_code = $3 RETURNING *',
          [update.answer, update.answer === null ? null : at, code],
        );
        return toSubmission(answered[0]);
      });
    },

    async countSubmissions() {
      return (await db.query<CountRow>('SELECT COUNT(*)::int AS n FROM submissions'))[0].n;
    },

    async trackingRow(code) {
      const rows = await db.query<TrackingRow>(
        `SELECT s.*, f.service_id, sv.title AS service_title
         FROM submissions s LEFT JOIN feedback f ON f.submission_id = s.id LEFT JOIN services sv ON sv.id = f.service_id
         WHERE s.tracking_code = $1`,
        [code],
      );
      return rows[0];
    },
  };
}

/**
 * Services and their feedback in the SQLite store: the services table (with a small cache of known
 * services), feedback rows beside their submissions, rating summaries, and a feedback's status and
 * answer. Consultations and polls have files of their own; what every submission shares is in
 * `submissions.ts`.
 */
import type Database from 'better-sqlite3';
import { FEEDBACK_CATEGORIES, type FeedbackStatus } from '@nazar/protocol';
import type { Submissions } from './submissions.js';
import { toService, toSubmission, type CountRow, type ServiceRow } from '../sql/rows.js';
import {
  toFeedbackRecord,
  toRatingSummary,
  toTrackedFeedback,
  type FeedbackRow,
  type RatingCountRow,
  type TrackedFeedbackRow,
} from '../sql/feedback-rows.js';
import type { CreateSubmissionResult, NewFeedback, NewService, Service, Store, TrackedSubmission } from '../store.js';

type FeedbackStoreMethods = Pick<
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
  trackedFeedback(code: string): TrackedSubmission | null;
  /** Forgets the cached services (an official changed one). */
  forgetServices(): void;
};

export function feedbackMethods(db: Database.Database, submissions: Submissions, now: () => Date): FeedbackStoreMethods {
  const q = {
    getService: db.prepare<[string], ServiceRow>('SELECT * FROM services WHERE id = ?'),
    insertService: db.prepare(
      `INSERT INTO services (id, title, categories, registered_origin, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    ),
    listServices: db.prepare<[], ServiceRow>('SELECT * FROM services ORDER BY created_at, id'),
    countServices: db.prepare<[], CountRow>('SELECT COUNT(*) AS n FROM services'),
    insertFeedback: db.prepare(
      `INSERT INTO feedback (submission_id, service_id, rating, categories, text, contact_kind, contact_value, locale)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    ratings: db.prepare<[string], RatingCountRow>('SELECT rating, COUNT(*) AS n FROM feedback WHERE service_id = ? GROUP BY rating'),
    trackedFeedback: db.prepare<[string], TrackedFeedbackRow>(
      `SELECT s.*, f.service_id, sv.title AS service_title
       FROM submissions s JOIN feedback f ON f.submission_id = s.id LEFT JOIN services sv ON sv.id = f.service_id
       WHERE s.tracking_code = ?`,
    ),
    record: db.prepare<[string], FeedbackRow>(
      `SELECT s.*, f.service_id, f.rating, f.categories, f.text, f.contact_kind, f.contact_value, f.locale
       FROM submissions s JOIN feedback f ON f.submission_id = s.id WHERE s.tracking_code = ?`,
    ),
    updateStatus: db.prepare(`UPDATE submissions SET status = ?, updated_at = ? WHERE tracking_code = ? AND kind = 'feedback'`),
    updateAnswer: db.prepare('UPDATE submissions SET answer = ?, answered_at = ? WHERE tracking_code = ?'),
    countSubmissions: db.prepare<[], CountRow>('SELECT COUNT(*) AS n FROM submissions'),
  };

  const ensureService = db.transaction((input: NewService): { service: Service; created: boolean } => {
    const info = q.insertService.run(
      input.id,
      input.title,
      JSON.stringify([...(input.categories ?? FEEDBACK_CATEGORIES)]),
      input.registeredOrigin ?? null,
      now().toISOString(),
    );
    return { service: toService(q.getService.get(input.id)!), created: info.changes === 1 };
  });

  // Key check, tracking code choice and both inserts in one transaction: atomic.
  const createFeedback = db.transaction((key: string, requestHash: string, f: NewFeedback, at: string): CreateSubmissionResult => {
    const submission = submissions.insert('feedback', key, requestHash, 'received', at, f.origin);
    if (!submission) return submissions.existingFor(key, requestHash)!;
    q.insertFeedback.run(
      submission.id,
      f.serviceId,
      f.rating,
      JSON.stringify(f.categories),
      f.text,
      f.contact?.kind ?? null,
      f.contact?.value ?? null,
      f.locale,
    );
    return { outcome: 'created', submission };
  });

  const updateStatus = db.transaction((code: string, status: FeedbackStatus, answer: string | null | undefined) => {
    const at = now().toISOString();
    const { changes } = q.updateStatus.run(status, at, code);
    if (changes === 0) return null;
    if (answer !== undefined) q.updateAnswer.run(answer, answer === null ? null : at, code);
    return toSubmission(submissions.byCode(code)!);
  });

  // Every feedback POST reads its service; services change only through this process (ensureService
  // and the admin API, both of which clear this), so known services are kept in memory. Only found
  // services are kept, and at most SERVICE_CACHE_SIZE: unknown ids a client invents cannot grow it.
  const services = new Map<string, Service>();
  const SERVICE_CACHE_SIZE = 1000;

  return {
    async getService(id) {
      const known = services.get(id);
      if (known) return known;
      const row = q.getService.get(id);
      if (!row) return null;
      const service = toService(row);
      // Shared between requests: frozen, so no caller can change it for the next one.
      Object.freeze(service.categories);
      Object.freeze(service);
      if (services.size >= SERVICE_CACHE_SIZE) services.clear();
      services.set(id, service);
      return service;
    },

    async ensureService(input) {
      services.delete(input.id);
      return ensureService.immediate(input);
    },

    async listServices() {
      return q.listServices.all().map(toService);
    },

    async countServices() {
      return q.countServices.get()!.n;
    },

    async findByIdempotencyKey(key) {
      return submissions.byKey(key);
    },

    async createFeedback(idempotency, feedback, at) {
      return createFeedback(idempotency.key, idempotency.requestHash, feedback, at ?? now().toISOString());
    },

    async ratingSummary(serviceId) {
      return toRatingSummary(q.ratings.all(serviceId));
    },

    /** A feedback submission by its tracking code (comments are the consultations' part). */
    trackedFeedback(code: string): TrackedSubmission | null {
      const row = q.trackedFeedback.get(code);
      return row ? toTrackedFeedback(row) : null;
    },

    async getFeedbackRecord(code) {
      const row = q.record.get(code);
      return row ? toFeedbackRecord(row) : null;
    },

    async updateSubmissionStatus(code, update) {
      return updateStatus.immediate(code, update.status, update.answer);
    },

    async countSubmissions() {
      return q.countSubmissions.get()!.n;
    },

    forgetServices: () => services.clear(),
  };
}

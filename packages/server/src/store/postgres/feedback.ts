/**
 * Services and their feedback in the PostgreSQL store: the services table, feedback rows beside
 * their submissions, rating summaries, and a feedback's status and answer. Consultations and polls
 * have files of their own; what every submission shares is in `submissions.ts`.
 */
import { FEEDBACK_CATEGORIES } from '@nazar/protocol';
import { toExisting, toService, toStored, toSubmission, type CountRow, type ServiceRow, type SubmissionRow } from '../sql/rows.js';
import { toFeedbackRecord, toRatingSummary, type FeedbackRow, type RatingCountRow } from '../sql/feedback-rows.js';
import { TRACKING_CODE_ATTEMPTS, type CreateSubmissionResult, type IdempotencyInput, type NewFeedback, type Store } from '../store.js';
import type { PgDb } from './db.js';
import { batcher, type Batcher, type BatcherOptions, type BatchStats, type Settled } from './group-commit.js';
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
  /** The group commit of feedback (its statistics; draining it before the pool closes). */
  batch: Batcher<FeedbackItem, CreateSubmissionResult>;
};

/** One feedback waiting for its batch. */
interface FeedbackItem {
  idempotency: IdempotencyInput;
  feedback: NewFeedback;
  at: string;
}

/**
 * A whole batch of feedback in ONE statement (one round trip; as a single statement, its own
 * transaction, committed when it returns): the submission rows of the keys not yet used, unless
 * the service is unknown or the tracking code taken (ON CONFLICT DO NOTHING: nothing aborts), and
 * their feedback rows with them. Returns the submission rows inserted.
 */
const INSERT_FEEDBACK_BATCH = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[],
                         $10::text[], $11::text[], $12::text[]) WITH ORDINALITY
      AS t(key, hash, code, at, origin, service_id, rating, categories, text, contact_kind, contact_value, locale, ord)
    WHERE EXISTS (SELECT 1 FROM services sv WHERE sv.id = t.service_id)
  ), s AS (
    INSERT INTO submissions (kind, idempotency_key, request_hash, tracking_code, status, created_at, updated_at, origin)
    SELECT 'feedback', key, hash, code, 'received', at, at, origin FROM input ORDER BY ord
    ON CONFLICT DO NOTHING RETURNING *
  ), f AS (
    INSERT INTO feedback (submission_id, service_id, rating, categories, text, contact_kind, contact_value, locale)
    SELECT s.id, i.service_id, i.rating, i.categories, i.text, i.contact_kind, i.contact_value, i.locale
    FROM s JOIN input i ON i.key = s.idempotency_key
  )
  SELECT * FROM s`;

/** For the items a batch did not insert: the row holding each key (if any) and whether its service exists. */
const FEEDBACK_LEFTOVERS = `
  SELECT k.key AS wanted_key, EXISTS (SELECT 1 FROM services sv WHERE sv.id = k.service_id) AS service_known, s.*
  FROM unnest($1::text[], $2::text[]) AS k(key, service_id) LEFT JOIN submissions s ON s.idempotency_key = k.key`;

type LeftoverRow = { wanted_key: string; service_known: boolean } & (SubmissionRow | { [K in keyof SubmissionRow]: null });

export function feedbackMethods(
  db: PgDb,
  submissions: PgSubmissions,
  now: () => Date,
  makeCode: () => string,
  batching: BatcherOptions = {},
): PgFeedbackMethods {
  /**
   * Writes a batch: one statement for all, then (only when some were not inserted) one lookup
   * that tells a used key (replay or conflict) from an unknown service (that item's error) from a
   * tracking code already taken (that item goes again with a fresh one). A key twice in the batch
   * is inserted once; its other items replay it or conflict. If the statement fails (a constraint
   * of one item, a deadlock with another process), each item is written on its own.
   */
  async function writeFeedback(items: readonly FeedbackItem[], stats: BatchStats): Promise<Settled<CreateSubmissionResult>[]> {
    const out = new Array<Settled<CreateSubmissionResult>>(items.length);
    let pending = items.map((_, i) => i);
    for (let attempt = 0; pending.length > 0 && attempt < TRACKING_CODE_ATTEMPTS; attempt++) {
      const keys = new Set<string>();
      const first: number[] = [];
      const again: number[] = [];
      for (const i of pending) {
        const key = items[i].idempotency.key;
        if (keys.has(key)) again.push(i);
        else {
          keys.add(key);
          first.push(i);
        }
      }
      let inserted: SubmissionRow[];
      try {
        inserted = await db.query<SubmissionRow>(
          INSERT_FEEDBACK_BATCH,
          feedbackColumns(
            first.map((i) => items[i]),
            makeCode,
          ),
        );
      } catch (error) {
        if (first.length === 1) {
          out[first[0]] = { ok: false, error };
          pending = again;
          continue;
        }
        stats.fallbacks++;
        const alone = await Promise.all(first.map((i) => writeFeedback([items[i]], stats)));
        first.forEach((i, n) => (out[i] = alone[n][0]));
        pending = again;
        continue;
      }
      const created = new Map<string, SubmissionRow>();
      for (const row of inserted) created.set(row.idempotency_key, row);
      const missing = first.filter((i) => !created.has(items[i].idempotency.key));
      const existing = new Map<string, SubmissionRow>();
      const unknownService = new Set<string>();
      if (missing.length > 0) {
        const rows = await db.query<LeftoverRow>(FEEDBACK_LEFTOVERS, [
          missing.map((i) => items[i].idempotency.key),
          missing.map((i) => items[i].feedback.serviceId),
        ]);
        for (const row of rows) {
          if (row.id !== null) existing.set(row.wanted_key, row);
          else if (!row.service_known) unknownService.add(row.wanted_key);
        }
      }
      const retry: number[] = [];
      for (const i of first) {
        const { key, requestHash } = items[i].idempotency;
        const row = created.get(key);
        const used = existing.get(key);
        if (row) out[i] = { ok: true, value: { outcome: 'created', submission: toStored(row) } };
        else if (used) out[i] = { ok: true, value: toExisting(used, requestHash) };
        else if (unknownService.has(key)) out[i] = { ok: false, error: new Error(`unknown service ${items[i].feedback.serviceId}`) };
        else retry.push(i); // its tracking code was taken: again with a fresh one
      }
      for (const i of again) {
        const { key, requestHash } = items[i].idempotency;
        const row = created.get(key) ?? existing.get(key);
        if (row) out[i] = { ok: true, value: toExisting(row, requestHash) };
        else retry.push(i);
      }
      pending = retry.sort((a, b) => a - b);
    }
    for (const i of pending) out[i] = { ok: false, error: new Error('could not generate a unique tracking code') };
    return out;
  }

  const batch = batcher(writeFeedback, batching);

  // Every feedback POST reads its service first. Reads asked for in one turn of the event loop go
  // to the database as one statement (not a cache: each is sent after it was asked for, so it sees
  // every change committed before, by any process).
  const serviceReads = batcher<string, ServiceRow | undefined>(async (ids) => {
    const rows = await db.query<ServiceRow>('SELECT * FROM services WHERE id = ANY($1::text[])', [[...new Set(ids)]]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => ({ ok: true, value: byId.get(id) }));
  }, batching);

  return {
    batch,

    async getService(id) {
      const row = await serviceReads.run(id);
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

    async createFeedback(idempotency, feedback, at) {
      return batch.run({ idempotency, feedback, at: at ?? now().toISOString() });
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

/** The batch's columns as the arrays of INSERT_FEEDBACK_BATCH ($1 … $12). */
function feedbackColumns(items: readonly FeedbackItem[], makeCode: () => string): unknown[][] {
  const columns: unknown[][] = Array.from({ length: 12 }, () => new Array<unknown>(items.length));
  items.forEach(({ idempotency, feedback: f, at }, n) => {
    columns[0][n] = idempotency.key;
    columns[1][n] = idempotency.requestHash;
    columns[2][n] = makeCode();
    columns[3][n] = at;
    columns[4][n] = f.origin ?? null;
    columns[5][n] = f.serviceId;
    columns[6][n] = f.rating;
    columns[7][n] = JSON.stringify(f.categories);
    columns[8][n] = f.text;
    columns[9][n] = f.contact?.kind ?? null;
    columns[10][n] = f.contact?.value ?? null;
    columns[11][n] = f.locale;
  });
  return columns;
}

/**
 * The `submissions` table as every kind of submission uses it in the PostgreSQL store (feedback,
 * comments, votes): the key lookup, the insert with a fresh tracking code, keeping a comment's
 * row in step. Each takes the statement runner of the caller's transaction (or the pool's).
 */
import { toExisting, type SubmissionRow } from '../sql/rows.js';
import { TRACKING_CODE_ATTEMPTS, type CreateSubmissionResult, type IdempotencyInput, type SubmissionKind } from '../store.js';
import type { Q } from './db.js';

export interface PgSubmissions {
  byKey(q: Q, key: string): Promise<SubmissionRow | undefined>;
  /**
   * Inserts the submission row unless the key is used (then the replay or conflict). A tracking
   * code that collides is retried with a fresh one.
   */
  insert(
    q: Q,
    kind: SubmissionKind,
    idempotency: IdempotencyInput,
    status: string,
    at: string,
    origin: string | null | undefined,
  ): Promise<{ created: SubmissionRow } | { existing: CreateSubmissionResult }>;
  /** Keeps a comment's submission row in step: status and updated_at. */
  touch(q: Q, id: number, status: string, at: string): Promise<void>;
}

export function pgSubmissions(makeCode: () => string): PgSubmissions {
  async function byKey(q: Q, key: string): Promise<SubmissionRow | undefined> {
    return (await q<SubmissionRow>('SELECT * FROM submissions WHERE idempotency_key = $1', [key]))[0];
  }

  return {
    byKey,

    async insert(q, kind, idempotency, status, at, origin) {
      // ON CONFLICT DO NOTHING: a taken key or code inserts nothing and does not abort the
      // caller's transaction.
      for (let i = 0; i < TRACKING_CODE_ATTEMPTS; i++) {
        const code = makeCode();
        const inserted = await q<SubmissionRow>(
          `INSERT INTO submissions (kind, idempotency_key, request_hash, tracking_code, status, created_at, updated_at, origin)
           VALUES ($1, $2, $3, $4, $5, $6, $6, $7) ON CONFLICT DO NOTHING RETURNING *`,
          [kind, idempotency.key, idempotency.requestHash, code, status, at, origin ?? null],
        );
        if (inserted[0]) return { created: inserted[0] };
        // Either the key is taken (by a committed row: ON CONFLICT waited for it) or the code.
        const existing = await byKey(q, idempotency.key);
        if (existing) return { existing: toExisting(existing, idempotency.requestHash) };
      }
      throw new Error('could not generate a unique tracking code');
    },

    async touch(q, id, status, at) {
      await q('UPDATE submissions SET status = $1, updated_at = $2 WHERE id = $3', [status, at, id]);
    },
  };
}

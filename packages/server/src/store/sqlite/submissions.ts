/**
 * The `submissions` table as every kind of submission uses it (feedback, comments, later votes):
 * the idempotency check, a fresh tracking code, the insert. Call these inside a transaction.
 */
import type Database from 'better-sqlite3';
import { toExisting, toStored, type SubmissionRow } from '../sql/rows.js';
import { TRACKING_CODE_ATTEMPTS, type CreateSubmissionResult, type StoredSubmission, type SubmissionKind } from '../store.js';

export interface Submissions {
  /** A replay or conflict for a used key, or null for a new key. */
  existingFor(key: string, requestHash: string): CreateSubmissionResult | null;
  /**
   * Inserts a submission row with a fresh tracking code and returns it, or null when the key is
   * already used (then `existingFor` says replay or conflict). The insert is the key check: no
   * lookup first for the usual new key.
   */
  insert(
    kind: SubmissionKind,
    key: string,
    requestHash: string,
    status: string,
    at: string,
    origin?: string | null,
  ): StoredSubmission | null;
  byKey(key: string): StoredSubmission | null;
  byCode(code: string): SubmissionRow | undefined;
  /** Keeps a comment's submission row in step: status and updated_at. */
  touch(id: number, status: string, at: string): void;
}

function isTrackingCodeCollision(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && /submissions\.tracking_code/.test(e.message ?? '');
}

export function submissionsTable(db: Database.Database, makeCode: () => string): Submissions {
  const q = {
    byKey: db.prepare<[string], SubmissionRow>('SELECT * FROM submissions WHERE idempotency_key = ?'),
    insert: db.prepare(
      `INSERT INTO submissions (kind, idempotency_key, request_hash, tracking_code, status, created_at, updated_at, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    ),
    byCode: db.prepare<[string], SubmissionRow>('SELECT * FROM submissions WHERE tracking_code = ?'),
    touch: db.prepare('UPDATE submissions SET status = ?, updated_at = ? WHERE id = ?'),
  };
  return {
    existingFor(key, requestHash) {
      const existing = q.byKey.get(key);
      return existing ? toExisting(existing, requestHash) : null;
    },
    insert(kind, key, requestHash, status, at, origin) {
      // The UNIQUE index on tracking_code is the collision check: no lookup before each insert
      // (codes collide about once in 10^9). A failed INSERT changes nothing, so the caller's
      // transaction carries on with the next candidate.
      for (let i = 0; i < TRACKING_CODE_ATTEMPTS; i++) {
        const code = makeCode();
        try {
          const { changes, lastInsertRowid } = q.insert.run(kind, key, requestHash, code, status, at, at, origin ?? null);
          if (changes === 0) return null;
          // The row as inserted, without reading it back.
          return toStored({
            id: Number(lastInsertRowid),
            kind,
            idempotency_key: key,
            request_hash: requestHash,
            tracking_code: code,
            status,
            answer: null,
            answered_at: null,
            created_at: at,
            updated_at: at,
          });
        } catch (err) {
          if (!isTrackingCodeCollision(err)) throw err;
        }
      }
      throw new Error('could not generate a unique tracking code');
    },
    byKey(key) {
      const row = q.byKey.get(key);
      return row ? toStored(row) : null;
    },
    byCode: (code) => q.byCode.get(code),
    touch(id, status, at) {
      q.touch.run(status, at, id);
    },
  };
}

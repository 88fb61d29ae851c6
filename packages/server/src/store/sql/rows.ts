/**
 * Rows as both SQL stores (SQLite and PostgreSQL) read them, and their mapping to store records:
 * one definition, so the two stores cannot drift apart on what a column means. This file holds
 * what every kind of submission shares (submissions, services, contacts); each resource has its
 * own file beside it (`feedback-rows.ts`, `consultation-rows.ts`, `poll-rows.ts`).
 *
 * One row type serves both drivers because the PostgreSQL schema uses only INTEGER and TEXT
 * columns (instants are ISO strings, as in SQLite), which node-postgres returns as the same JS
 * numbers and strings better-sqlite3 does. The one difference is COUNT(*), a bigint that
 * node-postgres returns as a string: the PostgreSQL SQL casts it (`COUNT(*)::int`), so the count
 * rows below hold numbers for both.
 */
import type { FeedbackCategory } from '@nazar/protocol';
import type { ContactKind, CreateSubmissionResult, Service, StoredSubmission, Submission, SubmissionKind } from '../store.js';

export interface SubmissionRow {
  id: number;
  kind: string;
  idempotency_key: string;
  request_hash: string;
  tracking_code: string;
  status: string;
  answer: string | null;
  answered_at: string | null;
  created_at: string;
  updated_at: string;
}

export function toSubmission(row: SubmissionRow): Submission {
  return {
    id: row.id,
    kind: row.kind as SubmissionKind,
    trackingCode: row.tracking_code,
    status: row.status as Submission['status'],
    answer: row.answer,
    answeredAt: row.answered_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toStored(row: SubmissionRow): StoredSubmission {
  return { ...toSubmission(row), idempotencyKey: row.idempotency_key, requestHash: row.request_hash };
}

/** The submission that already holds a key: the same request replays it, another one conflicts. */
export function toExisting(row: SubmissionRow, requestHash: string): CreateSubmissionResult {
  const submission = toStored(row);
  return row.request_hash === requestHash ? { outcome: 'replayed', submission } : { outcome: 'conflict', submission };
}

/** `SELECT COUNT(*) AS n` (`COUNT(*)::int AS n` in PostgreSQL). */
export interface CountRow {
  n: number;
}

export interface ServiceRow {
  id: string;
  title: string;
  categories: string;
  registered_origin: string | null;
  created_at: string;
}

export function toService(row: ServiceRow): Service {
  return {
    id: row.id,
    title: row.title,
    categories: JSON.parse(row.categories) as FeedbackCategory[],
    registeredOrigin: row.registered_origin,
    createdAt: row.created_at,
  };
}

export function contactOf(kind: string | null, value: string | null): { kind: ContactKind; value: string } | null {
  return kind !== null && value !== null ? { kind: kind as ContactKind, value } : null;
}

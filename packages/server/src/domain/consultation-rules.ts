/**
 * The rules of a consultation's window (design.md, Consultation lifecycle): a regulation is open
 * for at least 14 days, a bill for at least 30; shorter windows are refused. No Node built-ins.
 */
import { MIN_WINDOW_DAYS, type ConsultationKind, type ConsultationStatus, type FieldError } from '@nazar/protocol';
import type { ConsultationRecord } from './records.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** opensAt + the minimum window of the kind. */
export function defaultClosesAt(kind: ConsultationKind, opensAt: string): string {
  return new Date(Date.parse(opensAt) + MIN_WINDOW_DAYS[kind] * DAY_MS).toISOString();
}

/** The refusal of a window shorter than the kind's minimum (`closesAt`, `too-short`), or null. */
export function windowError(kind: ConsultationKind, opensAt: string, closesAt: string): FieldError | null {
  const days = MIN_WINDOW_DAYS[kind];
  return Date.parse(closesAt) - Date.parse(opensAt) < days * DAY_MS ? { field: 'closesAt', code: 'too-short', limit: days } : null;
}

/**
 * An RFC 3339 instant (already matched by the schema's pattern) as `toISOString()` writes it, so
 * stored instants compare correctly as text; null when it is not a real instant.
 */
export function normalizeInstant(value: string): string | null {
  const t = Date.parse(value);
  if (Number.isNaN(t)) return null;
  // Date.parse rolls 2025-02-30 over to March: refuse days that do not exist.
  const [, y, m, d] = /^(\d{4})-(\d{2})-(\d{2})/.exec(value) ?? [];
  const probe = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (probe.getUTCMonth() !== Number(m) - 1 || probe.getUTCDate() !== Number(d)) return null;
  return new Date(t).toISOString();
}

/**
 * A consultation's status at `now`: withdrawn and issued are an official's acts; otherwise the
 * window decides (`open` from opensAt until, not including, closesAt).
 */
export function consultationStatus(
  c: Pick<ConsultationRecord, 'opensAt' | 'closesAt' | 'withdrawnAt' | 'issuedAt'>,
  now: Date,
): ConsultationStatus {
  if (c.withdrawnAt !== null) return 'withdrawn';
  if (c.issuedAt !== null) return 'issued';
  const t = now.getTime();
  if (t < Date.parse(c.opensAt)) return 'scheduled';
  if (t < Date.parse(c.closesAt)) return 'open';
  return 'review';
}

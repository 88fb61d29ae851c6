import type { Problem } from '@nazar/protocol/browser';

export type OutboxState = 'queued' | 'sending' | 'delivered' | 'needs-attention';

export interface OutboxItem {
  /** Time-ordered, so key order is FIFO order. */
  id: string;
  /** The Idempotency-Key, made when the citizen pressed send (a new one on `resend`). */
  key: string;
  /** Base URL of the adapter. */
  api: string;
  /** Route path, e.g. `ROUTES.feedback.path(id)`. */
  path: string;
  /** The JSON payload. */
  body: unknown;
  /** Which widget instance owns it, e.g. `service-feedback:birth-certificate`. */
  owner: string;
  createdAt: number;
  updatedAt: number;
  attempts: number;
  nextAttemptAt: number;
  state: OutboxState;
  /**
   * How many times the citizen fixed and resent it (absent: never). Tabs that fell back to memory
   * each hold a copy; a fixed version must win over any later bookkeeping on the version before.
   */
  revision?: number;
  /** The 2xx body (e.g. FeedbackAccepted) once delivered. */
  response?: unknown;
  /** The refusal when needs-attention; the last transient error while queued. */
  problem?: Problem;
}

const STATES: readonly OutboxState[] = ['queued', 'sending', 'delivered', 'needs-attention'];

/** The store also holds records that are not items (the flush lease), and old pages may have written odd ones. */
export function isItem(v: unknown): v is OutboxItem {
  const i = v as OutboxItem;
  return (
    typeof i == 'object' &&
    i !== null &&
    typeof i.id == 'string' &&
    typeof i.key == 'string' &&
    typeof i.api == 'string' &&
    typeof i.path == 'string' &&
    typeof i.owner == 'string' &&
    STATES.includes(i.state) &&
    [i.createdAt, i.updatedAt, i.attempts, i.nextAttemptAt].every((n) => typeof n == 'number')
  );
}

/**
 * Whether `theirs` (another tab's copy of the same item) supersedes `ours`: a later fix wins
 * whatever its clock says; within one version, the later update (ties: theirs, as the sender
 * acted on what it had heard).
 */
export function supersedes(theirs: OutboxItem, ours: OutboxItem): boolean {
  const a = theirs.revision ?? 0;
  const b = ours.revision ?? 0;
  return a != b ? a > b : ours.updatedAt <= theirs.updatedAt;
}

export function omit<T extends object, K extends keyof T>(item: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...item };
  for (const k of keys) delete copy[k];
  return copy;
}

export function toJson(body: unknown): unknown {
  const json = JSON.stringify(body);
  if (json === undefined) throw new TypeError('body is not JSON');
  return JSON.parse(json);
}

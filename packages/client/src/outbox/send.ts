import { isPermanentRefusal, type Problem } from '@nazar/protocol/browser';
import { exchange, joinUrl, problemFromAnswer, type Exchange } from '../http.js';
import { onlineRetryCap, parseRetryAfter, retryDelay } from './backoff.js';
import { omit, type OutboxItem } from './item.js';
import { changed, type NotifyContext } from './notify.js';
import { io, mirror, type StorageContext } from './storage.js';

/** What one send came to: `offline` is no answer at all, `skipped` is no longer sendable. */
export type Outcome = 'skipped' | 'done' | 'retry' | 'offline';

/** What classifying an answer reads: `onlineAt` when the page last heard `online`. */
export interface SettleContext {
  readonly random: () => number;
  onlineAt: number;
}

export interface SendContext extends StorageContext, NotifyContext, SettleContext {
  readonly now: () => number;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
}

/**
 * What an exchange at time `t` means for the item: the outcome, and the item's next version made
 * from its current one. Only a 2xx delivers, only a permanent refusal needs attention; everything
 * else is retried later with the same key.
 */
export function settle(
  ex: Exchange,
  t: number,
  c: SettleContext,
): [outcome: Exclude<Outcome, 'skipped'>, apply: (cur: OutboxItem) => OutboxItem] {
  const retry =
    (problem: Problem, retryAfterMs: number | null) =>
    (cur: OutboxItem): OutboxItem => {
      const attempts = cur.attempts + 1;
      const wait = retryDelay(attempts, c.random, retryAfterMs, ex.kind == 'none' ? onlineRetryCap(t - c.onlineAt) : undefined);
      return { ...omit(cur, 'response'), state: 'queued', attempts, nextAttemptAt: t + wait, updatedAt: t, problem };
    };
  if (ex.kind == 'none') return ['offline', retry(ex.problem, null)];
  if (ex.status >= 200 && ex.status < 300) {
    const response = ex.json ? { response: ex.body } : {};
    return [
      'done',
      (cur) => ({ ...omit(cur, 'problem', 'response'), state: 'delivered', attempts: cur.attempts + 1, updatedAt: t, ...response }),
    ];
  }
  const problem = problemFromAnswer(ex.status, ex.body);
  if (isPermanentRefusal(ex.status, problem.code)) {
    return ['done', (cur) => ({ ...omit(cur, 'response'), state: 'needs-attention', attempts: cur.attempts + 1, updatedAt: t, problem })];
  }
  const fromHeader = parseRetryAfter(ex.headers.get('Retry-After'), t);
  return ['retry', retry(problem, fromHeader ?? (typeof problem.retryAfter == 'number' ? problem.retryAfter * 1000 : null))];
}

/** Marks the item sending, POSTs it with its key, and records what the answer means. */
export async function send(c: SendContext, item: OutboxItem): Promise<[outcome: Outcome, next?: OutboxItem]> {
  const sending = await io(c, (s) =>
    s.update(
      item.id,
      (cur) => (cur.state == 'queued' || cur.state == 'sending' ? { ...cur, state: 'sending', updatedAt: c.now() } : undefined),
      'relaxed',
    ),
  );
  if (!sending) return ['skipped'];
  changed(c, sending);

  const ex = await exchange(
    c.fetch,
    joinUrl(sending.api, sending.path),
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': sending.key },
      body: JSON.stringify(sending.body),
    },
    c.timeoutMs,
    c.timers,
  );

  const [outcome, apply] = settle(ex, c.now(), c);
  // Only if it is still the request we sent (not discarded or resent meanwhile), and never undoing
  // a delivery another tab already recorded.
  const next = await io(c, (s) =>
    s.update(item.id, (cur) => (cur.key == sending.key && cur.state != 'delivered' ? apply(cur) : undefined), 'relaxed'),
  );
  if (next) {
    changed(c, next);
    if (next.state == 'delivered' && !c.store.durable) void mirror(c, next.id, next);
  }
  return [outcome, next];
}

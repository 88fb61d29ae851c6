/**
 * The route table: the one place that spells paths. The server registers `pattern`s; clients
 * build URLs with `path(...)`.
 */
const seg = encodeURIComponent;

export const ROUTES = {
  health: { method: 'GET', pattern: '/healthz', path: () => '/healthz' },
  service: { method: 'GET', pattern: '/v1/services/:id', path: (id: string) => `/v1/services/${seg(id)}` },
  feedback: { method: 'POST', pattern: '/v1/services/:id/feedback', path: (id: string) => `/v1/services/${seg(id)}/feedback` },
  tracking: { method: 'GET', pattern: '/v1/tracking/:code', path: (code: string) => `/v1/tracking/${seg(code)}` },
} as const;

export type RouteName = keyof typeof ROUTES;

/** Request headers every POST carries. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on a response that replays the first answer for an idempotency key. */
export const IDEMPOTENCY_REPLAYED_HEADER = 'Idempotency-Replayed';

/** Idempotency keys: what `crypto.randomUUID()`-style generators make, and nothing unbounded. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{7,127}$/;

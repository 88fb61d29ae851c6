/**
 * The route table: the one place that spells paths. The server registers `pattern`s; clients
 * build URLs with `path(...)`.
 */
const seg = encodeURIComponent;

/**
 * The reads the loader starts early, also exported one by one: the loader carries its own copy of
 * this module (see vite.config.ts) and should carry only these, not the whole table.
 */
export const SERVICE_READ = { method: 'GET', pattern: '/v1/services/:id', path: (id: string) => `/v1/services/${seg(id)}` } as const;
export const CONSULTATION_READ = {
  method: 'GET',
  pattern: '/v1/consultations/:slug',
  path: (slug: string) => `/v1/consultations/${seg(slug)}`,
} as const;
export const POLL_READ = { method: 'GET', pattern: '/v1/polls/:slug', path: (slug: string) => `/v1/polls/${seg(slug)}` } as const;

export const ROUTES = {
  health: { method: 'GET', pattern: '/healthz', path: () => '/healthz' },
  service: SERVICE_READ,
  feedback: { method: 'POST', pattern: '/v1/services/:id/feedback', path: (id: string) => `/v1/services/${seg(id)}/feedback` },
  tracking: { method: 'GET', pattern: '/v1/tracking/:code', path: (code: string) => `/v1/tracking/${seg(code)}` },
  /** The public "response to comments" page of an issued consultation (HTML, not JSON). */
  report: {
    method: 'GET',
    pattern: '/consultations/:slug/report',
    path: (slug: string, locale?: 'fa' | 'en') => `/consultations/${seg(slug)}/report${locale === 'en' ? '?lang=en' : ''}`,
  },
  consultation: CONSULTATION_READ,
  comments: {
    method: 'GET',
    pattern: '/v1/consultations/:slug/comments',
    path: (slug: string, query: { clause?: string | null; cursor?: string | null } = {}) => {
      const params = new URLSearchParams();
      if (query.clause) params.set('clause', query.clause);
      if (query.cursor) params.set('cursor', query.cursor);
      const qs = params.toString();
      return `/v1/consultations/${seg(slug)}/comments${qs ? `?${qs}` : ''}`;
    },
  },
  consultationEmbed: {
    method: 'GET',
    pattern: '/v1/consultations/:slug/embed',
    path: (slug: string, query: { clauses?: number | 'all'; lang?: string } = {}) => {
      const params = new URLSearchParams();
      if (query.clauses !== undefined) params.set('clauses', String(query.clauses));
      if (query.lang) params.set('lang', query.lang);
      const qs = params.toString();
      return `/v1/consultations/${seg(slug)}/embed${qs ? `?${qs}` : ''}`;
    },
  },
  poll: POLL_READ,
  vote: { method: 'POST', pattern: '/v1/polls/:slug/votes', path: (slug: string) => `/v1/polls/${seg(slug)}/votes` },
  comment: {
    method: 'POST',
    pattern: '/v1/consultations/:slug/comments',
    path: (slug: string) => `/v1/consultations/${seg(slug)}/comments`,
  },
} as const;

export type RouteName = keyof typeof ROUTES;

/** Request headers every POST carries. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on a response that replays the first answer for an idempotency key. */
export const IDEMPOTENCY_REPLAYED_HEADER = 'Idempotency-Replayed';

/** Idempotency keys: what `crypto.randomUUID()`-style generators make, and nothing unbounded. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{7,127}$/;

/**
 * The voter's key travels in this header on `GET /v1/polls/:slug`, so `after-vote` results can be
 * shown. Here, with the routes (no zod), so the loader can start a poll's read.
 */
export const VOTER_KEY_HEADER = 'Nazar-Voter';

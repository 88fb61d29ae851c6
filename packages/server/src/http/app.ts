/**
 * The HTTP API as a Hono app: middleware (CORS, security headers), the route groups, 404/405 and
 * error handling. The route groups live in `routes/*.ts`; what they share in `http.ts`.
 *
 * This module imports no Node built-ins and no store implementation: it receives the store. It
 * runs on Node behind @hono/node-server and, with the memory store, inside a browser behind msw.
 * Hashing uses Web Crypto (`crypto.subtle`), available in both.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  ADMIN_OPS_ROUTES,
  ADMIN_ROUTES,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_REPLAYED_HEADER,
  ROUTES,
  VOTER_KEY_HEADER,
  type Health,
  problem,
  type ProblemCode,
} from '@nazar/protocol';
import { problemResponse, simpleProblem } from './http.js';
import { originAllowList } from './origins.js';
import { consoleLogger, type Logger } from './logger.js';
import {
  createRateLimiter,
  DEFAULT_SUBMIT_RATE_LIMIT,
  DEFAULT_VOTE_RATE_LIMIT,
  DEFAULT_VOTER_RATE_LIMIT,
  type RateLimitOptions,
} from './middleware/rate-limit.js';
import { isAdminPath, registerAdminRoutes } from './routes/admin/consultations.js';
import { registerAdminPollRoutes } from './routes/admin/polls.js';
import { registerAdminOpsRoutes } from './routes/admin/ops.js';
import { registerConsultationRoutes } from './routes/consultations.js';
import type { RouteContext } from './context.js';
import { registerFeedbackRoutes } from './routes/feedback.js';
import { registerPollRoutes } from './routes/polls.js';
import { registerTrackingRoutes } from './routes/tracking.js';
import type { AuditActor } from '../store/admin-store.js';
import type { Store } from '../store/store.js';
import { deviceVoterIdentifier, type VoterIdentifier } from './voter-identity.js';

export { canonicalJson, issuesToFieldErrors, problemResponse, requestHash } from './http.js';
export type { RouteContext } from './context.js';
export { DEFAULT_SUBMIT_RATE_LIMIT, DEFAULT_VOTE_RATE_LIMIT, DEFAULT_VOTER_RATE_LIMIT, type RateLimitOptions } from './middleware/rate-limit.js';
export { consoleLogger, type LogRecord, type Logger } from './logger.js';
export { deviceVoterIdentifier, type VoterIdentifier } from './voter-identity.js';

export interface AppOptions {
  /**
   * Exact origins (`https://county.example`) of the sites that may embed the widgets: they get
   * CORS answers and may register a service on its first feedback.
   */
  allowedOrigins: readonly string[];
  /** Where genuine bugs (500s) are logged. Defaults to `consoleLogger`. */
  logger?: Logger;
  /** Reported by `/healthz`. */
  version?: string;
  /** True while the server drains before shutdown: `/healthz` then answers 503 `draining`. */
  isDraining?: () => boolean;
  /**
   * The clock for everything time-dependent (consultation status and windows, creation times).
   * Defaults to real time; tests pass their own.
   */
  now?: () => Date;
  /**
   * The Bearer token of the admin API (`NAZAR_ADMIN_TOKEN`). Without it every `/v1/admin/*`
   * route answers 401 `unauthorized`.
   */
  adminToken?: string | null;
  /** Who `adminToken` stands for in the audit log (the CLI names itself). */
  adminActor?: AuditActor;
  /**
   * The client's address, for rate limits (votes). The Node server passes the socket's peer
   * address (or, only when told the proxy is trusted, the address the proxy saw). Absent, or null
   * for a request: no limit — as in a browser behind msw, where there is no address.
   */
  clientAddress?: (c: Context) => string | null;
  /**
   * Votes per client address: a token bucket of `burst` votes refilled at `perMinute`.
   * Default `DEFAULT_VOTE_RATE_LIMIT` (20 a minute, burst 10); false: no limit.
   */
  voteRateLimit?: RateLimitOptions | false;
  /**
   * Feedback and comment POSTs per client address (votes have `voteRateLimit`): a token bucket.
   * Default `DEFAULT_SUBMIT_RATE_LIMIT` (120 a minute, burst 60); false: no limit.
   */
  submitRateLimit?: RateLimitOptions | false;
  /** Votes per voter key (across polls). Default `DEFAULT_VOTER_RATE_LIMIT`; false: no limit. */
  voterRateLimit?: RateLimitOptions | false;
  /** How long another process's change to the sites table may take to reach this one (ms). */
  originsTtlMs?: number;
  /** Who is voting. Default: the device key (`deviceVoterIdentifier`). */
  voterIdentifier?: VoterIdentifier;
}

export const SERVER_VERSION = '0.1.0';

/** `/readyz`: 200 when the store answers, 503 otherwise (and while draining). */
export const READY_ROUTE = { method: 'GET', pattern: '/readyz' } as const;
/** The OpenAPI 3.1 document of this API. */
export const OPENAPI_ROUTE = { method: 'GET', pattern: '/v1/openapi.json' } as const;

/** Security headers on every API answer (the API serves JSON only: nothing may frame or run it). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Frame-Options': 'DENY',
  // Readable cross-origin through CORS only (the widgets' fetches), never as a no-cors embed.
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Public POSTs the submission rate limit applies to (votes have their own). */
const LIMITED_POSTS = [/^\/v1\/services\/[^/]+\/feedback$/, /^\/v1\/consultations\/[^/]+\/comments$/];

const READY_TIMEOUT_MS = 2000;

const ALLOW_METHODS = 'GET, POST, OPTIONS';
const ALLOW_HEADERS = `Content-Type, ${IDEMPOTENCY_KEY_HEADER}, ${VOTER_KEY_HEADER}`;
const EXPOSE_HEADERS = `${IDEMPOTENCY_REPLAYED_HEADER}, Retry-After`;
const PREFLIGHT_MAX_AGE = '600';

// ---------------------------------------------------------------------------------------------
// Method-not-allowed detection: the route tables' patterns as regular expressions.

const ROUTE_MATCHERS = [...Object.values(ROUTES), ...Object.values(ADMIN_ROUTES), ...Object.values(ADMIN_OPS_ROUTES), READY_ROUTE, OPENAPI_ROUTE].map((route) => ({
  method: route.method as string,
  regex: new RegExp(`^${route.pattern.replace(/:[A-Za-z]+/g, '[^/]+')}$`),
}));

function allowedMethodsFor(path: string): string[] {
  const methods = new Set<string>();
  for (const m of ROUTE_MATCHERS) {
    if (m.regex.test(path)) {
      methods.add(m.method);
      if (m.method === 'GET') methods.add('HEAD');
    }
  }
  if (methods.size > 0) methods.add('OPTIONS');
  return [...methods];
}

// ---------------------------------------------------------------------------------------------

export function createApp(store: Store, options: AppOptions): Hono {
  const allowed = originAllowList(options.allowedOrigins, store, options.originsTtlMs === undefined ? {} : { ttlMs: options.originsTtlMs });
  void allowed.refresh();
  const logger = options.logger ?? consoleLogger;
  const version = options.version ?? SERVER_VERSION;
  const voteLimiter = options.voteRateLimit === false ? null : createRateLimiter(options.voteRateLimit ?? DEFAULT_VOTE_RATE_LIMIT);
  const clientAddress = options.clientAddress;
  const voterLimiter = options.voterRateLimit === false ? null : createRateLimiter(options.voterRateLimit ?? DEFAULT_VOTER_RATE_LIMIT);
  const submitLimiter = options.submitRateLimit === false ? null : createRateLimiter(options.submitRateLimit ?? DEFAULT_SUBMIT_RATE_LIMIT);
  const context: RouteContext = {
    store,
    now: options.now ?? (() => new Date()),
    allowedOrigins: allowed,
    adminToken: options.adminToken ?? null,
    ...(options.adminActor ? { adminActor: options.adminActor } : {}),
    voters: options.voterIdentifier ?? deviceVoterIdentifier,
    siteOrigin(c) {
      const origin = c.req.header('origin');
      return origin !== undefined && allowed.has(origin) ? origin : null;
    },
    limitVoter(key, at) {
      if (voterLimiter === null) return null;
      const decision = voterLimiter.take(key, at.getTime());
      return decision.ok ? null : decision.retryAfterSeconds;
    },
    logger,
    limitVote(c, at) {
      if (voteLimiter === null || clientAddress === undefined) return null;
      const address = clientAddress(c);
      if (address === null || address === '') return null;
      const decision = voteLimiter.take(address, at.getTime());
      return decision.ok ? null : decision.retryAfterSeconds;
    },
  };
  const app = new Hono();

  // CORS and security headers. Own middleware (rather than hono/cors) so that error responses
  // from onError/notFound get the same headers and a disallowed origin gets no CORS header at all.
  // Admin routes never get CORS headers: officials' tools are same-origin.
  app.use('*', async (c, next) => {
    const origin = c.req.header('origin');
    const corsAllowed = origin !== undefined && allowed.has(origin) && !isAdminPath(c.req.path);
    const allowedOrigin = corsAllowed ? origin : null;
    if (c.req.method === 'OPTIONS') {
      const headers = new Headers({
        Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
        ...SECURITY_HEADERS,
      });
      const allow = allowedMethodsFor(c.req.path);
      if (allow.length > 0) headers.set('Allow', allow.join(', '));
      if (allowedOrigin !== null && c.req.header('access-control-request-method')) {
        headers.set('Access-Control-Allow-Origin', allowedOrigin);
        headers.set('Access-Control-Allow-Methods', ALLOW_METHODS);
        headers.set('Access-Control-Allow-Headers', ALLOW_HEADERS);
        headers.set('Access-Control-Max-Age', PREFLIGHT_MAX_AGE);
      }
      return new Response(null, { status: 204, headers });
    }
    await next();
    const h = c.res.headers;
    h.append('Vary', 'Origin');
    if (allowedOrigin !== null) {
      h.set('Access-Control-Allow-Origin', allowedOrigin);
      h.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) h.set(name, value);
    // Every API answer is per-request state (and POST answers and tracking lookups must never be
    // stored by a cache), so nothing is cacheable.
    h.set('Cache-Control', 'no-store');
  });

  // Rate limit per client address on feedback and comment POSTs, before any work. A generic
  // answer: it says when to retry, nothing about the limit.
  app.use('/v1/*', async (c, next) => {
    if (c.req.method === 'POST' && submitLimiter !== null && clientAddress !== undefined && LIMITED_POSTS.some((r) => r.test(c.req.path))) {
      const address = clientAddress(c);
      if (address) {
        const decision = submitLimiter.take(address, Date.now());
        if (!decision.ok) {
          const wait = decision.retryAfterSeconds;
          return problemResponse(problem('rate-limited', 429, { retryAfter: wait }), { 'Retry-After': String(wait) });
        }
      }
    }
    await next();
  });

  let openApi: Record<string, unknown> | null = null;
  // Loaded on first use: browser bundles of the app (the demo's offline playground) skip it.
  app.get(OPENAPI_ROUTE.pattern, async (c) => c.json((openApi ??= (await import('./openapi/openapi.js')).buildOpenApi(version))));

  app.get(READY_ROUTE.pattern, async (c) => {
    if (options.isDraining?.()) return c.json({ status: 'draining', store: store.kind }, 503);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reachable = await Promise.race([
      store.countServices().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    return c.json({ status: reachable ? 'ready' : 'unavailable', store: store.kind }, reachable ? 200 : 503);
  });

  app.get(ROUTES.health.pattern, (c) => {
    const draining = options.isDraining?.() ?? false;
    const body: Health = { status: draining ? 'draining' : 'ok', version };
    return c.json(body, draining ? 503 : 200);
  });

  registerFeedbackRoutes(app, context);
  registerConsultationRoutes(app, context);
  registerPollRoutes(app, context);
  registerTrackingRoutes(app, context);
  // After registerAdminRoutes, whose middleware guards every /v1/admin path (Hono runs
  // middleware in registration order).
  registerAdminRoutes(app, context);
  registerAdminPollRoutes(app, context);
  registerAdminOpsRoutes(app, context);

  app.notFound((c) => {
    const allow = allowedMethodsFor(c.req.path);
    if (allow.length > 0) return simpleProblem('method-not-allowed', 405, undefined, { Allow: allow.join(', ') });
    return simpleProblem('not-found', 404);
  });

  app.onError((err, c) => {
    // Hono's own HTTP errors (e.g. a malformed URL) are the client's fault: pass their status on.
    const status = err instanceof HTTPException ? err.status : 500;
    if (status >= 400 && status < 500) {
      const code: ProblemCode = status === 413 ? 'payload-too-large' : status === 404 ? 'not-found' : 'validation';
      return simpleProblem(code, status);
    }
    logger.error({
      msg: 'unhandled error',
      method: c.req.method,
      route: c.req.routePath,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    return simpleProblem('internal', 500);
  });

  return app;
}

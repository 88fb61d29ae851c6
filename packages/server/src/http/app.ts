/**
 * The HTTP API as a Hono app: middleware (security headers, CORS; `middleware/*.ts`), the route
 * groups mounted as sub-apps (`routes/*.ts`, `routes/admin/*.ts`), 404/405 and error handling.
 * What the route groups share is in `http.ts`; the request context they share in `context.ts`.
 *
 * This module imports no Node built-ins and no store implementation: it receives the store. It
 * runs on Node behind @hono/node-server and, with the memory store, inside a browser behind msw.
 * Hashing uses Web Crypto (`crypto.subtle`), available in both.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ADMIN_OPS_ROUTES, ADMIN_ROUTES, ROUTES, type Health, type ProblemCode } from '@nazar/protocol';
import { simpleProblem } from './http.js';
import { originAllowList } from './origins.js';
import { consoleLogger, type Logger } from './logger.js';
import {
  createRateLimiter,
  DEFAULT_SUBMIT_RATE_LIMIT,
  DEFAULT_VOTE_RATE_LIMIT,
  DEFAULT_VOTER_RATE_LIMIT,
  rateLimiter,
  type RateLimitOptions,
} from './middleware/rate-limit.js';
import { cors } from './middleware/cors.js';
import { securityHeaders } from './middleware/security-headers.js';
import { ADMIN_PREFIX, adminConsultationRoutes, adminGuard, isAdminPath } from './routes/admin/consultations.js';
import { adminPollRoutes } from './routes/admin/polls.js';
import { adminOpsRoutes } from './routes/admin/ops.js';
import { adminConsoleRoutes } from './routes/admin/console.js';
import { adminGroupRoutes } from './routes/admin/groups.js';
import { reportRoutes } from './routes/report.js';
import { consultationRoutes } from './routes/consultations.js';
import type { AppEnv, RouteContext } from './context.js';
import { feedbackRoutes } from './routes/feedback.js';
import { pollRoutes } from './routes/polls.js';
import { trackingRoutes } from './routes/tracking.js';
import type { AuditActor } from '../store/admin-store.js';
import type { Store } from '../store/store.js';
import { deviceVoterIdentifier, type VoterIdentifier } from './voter-identity.js';
import { KeyedGroupIndex } from '../domain/near-duplicates.js';

export { canonicalJson, problemResponse, requestHash } from './http.js';
export { issuesToFieldErrors } from '@nazar/protocol';
export type { RouteContext } from './context.js';
export {
  DEFAULT_SUBMIT_RATE_LIMIT,
  DEFAULT_VOTE_RATE_LIMIT,
  DEFAULT_VOTER_RATE_LIMIT,
  type RateLimitOptions,
} from './middleware/rate-limit.js';
export { SECURITY_HEADERS } from './middleware/security-headers.js';
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

const READY_TIMEOUT_MS = 2000;

// ---------------------------------------------------------------------------------------------
// Method-not-allowed detection: the route tables' patterns as regular expressions.

const ROUTE_MATCHERS = [
  ...Object.values(ROUTES),
  ...Object.values(ADMIN_ROUTES),
  ...Object.values(ADMIN_OPS_ROUTES),
  READY_ROUTE,
  OPENAPI_ROUTE,
].map((route) => ({
  method: route.method,
  regex: new RegExp(`^${route.pattern.replace(/:[A-Za-z]+/g, '[^/]+')}$`),
}));

/** The methods `path` answers (HEAD with GET, OPTIONS with any); none for an unknown path. */
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
  const now = options.now ?? (() => new Date());
  const voterLimiter = options.voterRateLimit === false ? null : createRateLimiter(options.voterRateLimit ?? DEFAULT_VOTER_RATE_LIMIT);
  const rateLimit = rateLimiter({
    budgets: {
      vote: options.voteRateLimit === false ? null : createRateLimiter(options.voteRateLimit ?? DEFAULT_VOTE_RATE_LIMIT),
      submit: options.submitRateLimit === false ? null : createRateLimiter(options.submitRateLimit ?? DEFAULT_SUBMIT_RATE_LIMIT),
    },
    clientAddress: options.clientAddress,
    now,
  });
  const commentGroups = new Map<string, KeyedGroupIndex>();
  const context: RouteContext = {
    store,
    now,
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
    rateLimit,
    commentGroups(slug) {
      let index = commentGroups.get(slug);
      if (!index) commentGroups.set(slug, (index = new KeyedGroupIndex()));
      return index;
    },
  };
  const app = new Hono<AppEnv>();

  // Outermost first: the security headers then wrap every answer, CORS preflights included.
  app.use('*', securityHeaders());
  app.use('*', cors({ origins: allowed, sameOriginOnly: isAdminPath, allowedMethodsFor }));

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

  app.route('/', feedbackRoutes(context));
  app.route('/', consultationRoutes(context));
  app.route('/', pollRoutes(context));
  app.route('/', trackingRoutes(context));
  app.route('/', reportRoutes(context));
  // The guard of every /v1/admin path (unknown ones included) before any admin route: Hono runs
  // middleware in registration order, and app.route() copies a sub-app's routes in place.
  const guard = adminGuard(context);
  app.use(ADMIN_PREFIX, guard);
  app.use(`${ADMIN_PREFIX}/*`, guard);
  app.route('/', adminConsultationRoutes(context));
  app.route('/', adminPollRoutes(context));
  app.route('/', adminOpsRoutes(context));
  app.route('/', adminConsoleRoutes(context));
  app.route('/', adminGroupRoutes(context));

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

  // Callers see a plain Hono, as they always have: the Env is this module's and its sub-apps' own.
  return app as unknown as Hono;
}

/**
 * The request context every route shares, defined once: the Hono `Env` of the app and its
 * sub-apps (what middleware hands on to handlers), and what the app hands every route group.
 * Route groups live in their own modules (`routes/feedback.ts`, `routes/consultations.ts`,
 * `routes/polls.ts`, `routes/admin/*.ts`, …), each a Hono sub-app that `app.ts` mounts, so later
 * features are added without editing the same lines.
 */
import type { KeyedGroupIndex } from '../domain/near-duplicates.js';
import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from './logger.js';
import type { OriginAllowList } from './origins.js';
import type { AuditActor } from '../store/admin-store.js';
import type { Store } from '../store/store.js';
import type { VoterIdentifier } from './voter-identity.js';
import type { LimitedRoute } from './middleware/rate-limit.js';

/** What the admin middleware knows about a request: who, and what the handler noted for the audit log. */
export interface AuditNote {
  actor: AuditActor;
  target?: string;
  detail?: Record<string, unknown>;
}

/** The Hono `Env` of the app and every sub-app. */
export interface AppEnv {
  Variables: {
    /** Set by the admin middleware on every authorised `/v1/admin` request. */
    audit: AuditNote;
  };
}

export interface RouteContext {
  store: Store;
  /** The app's clock: window checks, creation times, status. */
  now: () => Date;
  /** Sites that may embed the widgets (and register services): env plus the sites table. */
  allowedOrigins: OriginAllowList;
  /** The request's Origin when it is an allowed site's (recorded with submissions), else null. */
  siteOrigin: (c: Context) => string | null;
  /** The admin Bearer token; null disables the admin API (every admin route answers 401). */
  adminToken: string | null;
  /** Who `adminToken` stands for in the audit log (default: `NAZAR_ADMIN_TOKEN`, role admin). */
  adminActor?: AuditActor;
  /** Who is voting (the device key today; a signed token later). */
  voters: VoterIdentifier;
  /** The rate-limit middleware of a limited route (`RATE_LIMITS`), to put before its handler. */
  rateLimit: (route: LimitedRoute) => MiddlewareHandler<AppEnv>;
  /** Takes a vote of one voter key out of its budget: null when allowed, else the seconds to wait. */
  limitVoter: (voterKey: string, at: Date) => number | null;
  logger?: Logger;
  /**
   * Each consultation's near-duplicate index of its comments (keyed by stance), kept for the app's
   * life: the moderators' groups and the public report read the same groups, and a comment is
   * shingled once.
   */
  commentGroups: (slug: string) => KeyedGroupIndex;
}

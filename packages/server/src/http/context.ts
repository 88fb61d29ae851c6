/**
 * What the app hands every route group. Route groups live in their own modules
 * (`routes/feedback.ts`, `routes/consultations.ts`, `routes/polls.ts`, `routes/admin.ts`, …) and
 * register on the one Hono app, so later features are added without editing the same lines.
 */
import type { Context } from 'hono';
import type { Logger } from './logger.js';
import type { OriginAllowList } from './origins.js';
import type { AuditActor } from '../store/admin-store.js';
import type { Store } from '../store/store.js';
import type { VoterIdentifier } from './voter-identity.js';

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
  /**
   * Takes a vote from the request's client address out of its budget: null when allowed (or when
   * there is no address, as behind msw), else the seconds to wait.
   */
  limitVote: (c: Context, at: Date) => number | null;
  /** Takes a vote of one voter key out of its budget: null when allowed, else the seconds to wait. */
  limitVoter: (voterKey: string, at: Date) => number | null;
  logger?: Logger;
}

/**
 * What the app hands every route group. Route groups live in their own modules
 * (`routes/feedback.ts`, `routes/consultations.ts`, `routes/admin.ts`, …) and register on the one
 * Hono app, so later features (polls, the full admin API) are added without editing the same lines.
 */
import type { Store } from '../store.js';

export interface RouteContext {
  store: Store;
  /** The app's clock: window checks, creation times, status. */
  now: () => Date;
  /** Sites that may embed the widgets (and register services). */
  allowedOrigins: ReadonlySet<string>;
  /** The admin Bearer token; null disables the admin API (every admin route answers 401). */
  adminToken: string | null;
}

import type { AdminRole } from '@nazar/protocol';
import type { AdminApi } from './api.js';

/** What the signed-in token is, from `GET /v1/admin/me`. */
export interface Identity {
  id: string;
  name: string;
  role: AdminRole;
}

/**
 * What a role may do, as the server decides it (admin-auth.ts requiredRole): `viewer` reads,
 * `moderator` also moderates, replies and answers feedback, `admin` does everything. The console
 * offers only what the role may do; the server refuses the rest anyway.
 */
export type Capability = 'read' | 'moderate' | 'manage';

const RANK: Record<AdminRole, number> = { viewer: 1, moderator: 2, admin: 3 };
const NEEDS: Record<Capability, AdminRole> = { read: 'viewer', moderate: 'moderator', manage: 'admin' };

export function roleCan(role: AdminRole, capability: Capability): boolean {
  return RANK[role] >= RANK[NEEDS[capability]];
}

/** A place in the console: a screen and its argument (a consultation's slug). */
export interface Route {
  screen: 'overview' | 'consultations' | 'new-consultation' | 'consultation' | 'issue' | 'feedback' | 'polls' | 'admin';
  slug?: string;
}

export function parseRoute(hash: string): Route {
  const [screen = '', slug] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  switch (screen) {
    case 'consultations':
    case 'new-consultation':
    case 'feedback':
    case 'polls':
    case 'admin':
      return { screen };
    case 'consultation':
    case 'issue':
      return slug ? { screen, slug } : { screen: 'consultations' };
    default:
      return { screen: 'overview' };
  }
}

export function routeHash(route: Route): string {
  return `#${route.screen}${route.slug ? `/${encodeURIComponent(route.slug)}` : ''}`;
}

/** What the shell gives every screen. */
export interface ConsoleContext {
  api: AdminApi;
  identity: Identity;
  can(capability: Capability): boolean;
  go(route: Route): void;
  /** A polite announcement (and the status line) after an action. */
  announce(message: string): void;
}

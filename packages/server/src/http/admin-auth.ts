/**
 * Admin tokens and roles. A token is `nzr_<id>_<secret>`: the id (12 characters) names it in
 * lists and the audit log, the secret is 256 random bits. Only the SHA-256 of the whole token is
 * stored; a presented token is found by its id and its hash compared in constant time. The
 * first admin may also be `NAZAR_ADMIN_TOKEN` (compared the same way, never stored).
 *
 * Roles: `viewer` reads; `moderator` also moderates comments, replies and handles feedback;
 * `admin` does everything (consultations, polls, services, sites, tokens, the audit log).
 * No Node built-ins (Web Crypto): the app also runs in browsers.
 */
import type { AdminStore, AuditActor, Role } from '../store/admin-store.js';
import { sha256Hex } from './http.js';

export const ENV_ACTOR: AuditActor = { id: 'env', name: 'NAZAR_ADMIN_TOKEN', role: 'admin' };

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const TOKEN_PATTERN = /^nzr_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function hashToken(token: string): Promise<string> {
  return sha256Hex(token);
}

/** A fresh token, its id and the hash to store. */
export async function generateToken(): Promise<{ id: string; token: string; hash: string }> {
  const idBytes = crypto.getRandomValues(new Uint8Array(12));
  let id = '';
  for (const b of idBytes) id += ID_ALPHABET[b & 31];
  const token = `nzr_${id}_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
  return { id, token, hash: await hashToken(token) };
}

/** Equal strings of equal length, compared without an early exit. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export interface Authenticator {
  /** The actor a presented token stands for, or null (unknown, wrong or revoked). */
  authenticate(presented: string): Promise<AuditActor | null>;
}

export function authenticator(store: AdminStore, envToken: string | null, envActor: AuditActor = ENV_ACTOR): Authenticator {
  const envHash = envToken === null ? null : hashToken(envToken);
  return {
    async authenticate(presented) {
      const hash = await hashToken(presented);
      if (envHash !== null && constantTimeEqual(hash, await envHash)) return envActor;
      const m = TOKEN_PATTERN.exec(presented);
      if (!m) return null;
      const stored = await store.getTokenWithHash(m[1]);
      // Compare even when there is no such token, so timing does not tell ids apart.
      const matches = constantTimeEqual(hash, stored?.hash ?? '0'.repeat(64));
      if (!stored || !matches || stored.revokedAt !== null) return null;
      return { id: stored.id, name: stored.name, role: stored.role };
    },
  };
}

const RANK: Record<Role, number> = { viewer: 1, moderator: 2, admin: 3 };

export function roleAllows(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/** Routes (method and path under /v1/admin) a moderator may use besides reading. */
const MODERATOR_ROUTES = [
  /^POST \/v1\/admin\/comments\/[^/]+\/(approve|reject|reply)$/,
  /^POST \/v1\/admin\/consultations\/[^/]+\/groups\/[^/]+\/(approve|reject|reply)$/,
  /^POST \/v1\/admin\/feedback\/[^/]+\/status$/,
  /^POST \/v1\/admin\/feedback\/groups\/[^/]+\/answer$/,
];
/** Reads only admins may make (tokens, the audit log and its export). */
const ADMIN_READS = [/^\/v1\/admin\/tokens(\/|$)/, /^\/v1\/admin\/audit(\/|$)/, /^\/v1\/admin\/exports\/audit$/];

/** The least role that may call `method path` (an admin path). */
export function requiredRole(method: string, path: string): Role {
  if (method === 'GET' || method === 'HEAD') return ADMIN_READS.some((r) => r.test(path)) ? 'admin' : 'viewer';
  const line = `${method} ${path}`;
  return MODERATOR_ROUTES.some((r) => r.test(line)) ? 'moderator' : 'admin';
}

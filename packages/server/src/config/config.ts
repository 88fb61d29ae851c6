/**
 * Reads the server's environment (NAZAR_*) into a checked configuration. Pure: the caller decides
 * what to do with errors (main.ts prints them and exits 1).
 */
export interface ServerConfig {
  port: number;
  host: string;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string } | { kind: 'memory' };
  /** NAZAR_SEED: put demo content into an empty database at start (default true). */
  seed: boolean;
  allowedOrigins: string[];
  /** NAZAR_ADMIN_TOKEN; null disables the admin API. */
  adminToken: string | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATABASE_URL = 'sqlite:./data/nazar.db';

function parsePort(value: string): number {
  const trimmed = value.trim();
  const port = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || port > 65535) throw new ConfigError(`NAZAR_PORT must be a port number (0-65535), not "${value}"`);
  return port;
}

/** `sqlite:path` (relative to the working directory), `sqlite:///absolute/path`, `postgres://…`, or `memory:`. */
export function parseDatabaseUrl(value: string): ServerConfig['database'] {
  const url = value.trim();
  if (url === 'memory:' || url === 'memory') return { kind: 'memory' };
  if (url.startsWith('sqlite:')) {
    let path = url.slice('sqlite:'.length);
    if (path.startsWith('///')) path = path.slice(2);
    else if (path.startsWith('//'))
      throw new ConfigError(`NAZAR_DATABASE_URL "${value}": use sqlite:relative/path or sqlite:///absolute/path`);
    if (path === '') throw new ConfigError('NAZAR_DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/nazar.db');
    return { kind: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new ConfigError('NAZAR_DATABASE_URL: not a valid postgres:// URL (postgres://user:password@host:5432/database)');
    }
    return { kind: 'postgres', url };
  }
  throw new ConfigError('NAZAR_DATABASE_URL has an unknown scheme; use sqlite:path, postgres://… or memory:');
}

/** Exact origins, e.g. `https://county.example` (a trailing slash is dropped; paths are refused). */
export function parseAllowedOrigins(value: string): string[] {
  const origins: string[] = [];
  for (const item of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      throw new ConfigError(`NAZAR_ALLOWED_ORIGINS: "${item}" is not an origin like https://county.example`);
    }
    if (!/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
      throw new ConfigError(`NAZAR_ALLOWED_ORIGINS: "${item}" is not an origin like https://county.example`);
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}

/** Shorter admin tokens are refused: the token is the only thing guarding the admin API. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

/** NAZAR_ADMIN_TOKEN: unset or blank disables the admin API; otherwise ≥ 16 visible ASCII characters. */
export function parseAdminToken(value: string | undefined): string | null {
  const token = value?.trim() ?? '';
  if (token === '') return null;
  if (!/^[\x21-\x7e]+$/.test(token)) throw new ConfigError('NAZAR_ADMIN_TOKEN must be visible ASCII characters without spaces');
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new ConfigError(`NAZAR_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (e.g. from: openssl rand -base64 32)`);
  }
  return token;
}

export function readConfig(env: Record<string, string | undefined>): ServerConfig {
  const port = parsePort(env.NAZAR_PORT ?? String(DEFAULT_PORT));
  const host = env.NAZAR_HOST?.trim() || DEFAULT_HOST;
  const database = parseDatabaseUrl(env.NAZAR_DATABASE_URL?.trim() || DEFAULT_DATABASE_URL);
  const allowedOrigins =
    env.NAZAR_ALLOWED_ORIGINS !== undefined && env.NAZAR_ALLOWED_ORIGINS.trim() !== ''
      ? parseAllowedOrigins(env.NAZAR_ALLOWED_ORIGINS)
      : // By default the demo page served by this very process may register services.
        [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const adminToken = parseAdminToken(env.NAZAR_ADMIN_TOKEN);
  const seedValue = (env.NAZAR_SEED ?? '').trim().toLowerCase();
  if (!['', 'true', 'false', '1', '0', 'yes', 'no'].includes(seedValue))
    throw new ConfigError(`NAZAR_SEED must be true or false, not "${env.NAZAR_SEED}"`);
  const seed = !['false', '0', 'no'].includes(seedValue);
  return { port, host, database, allowedOrigins, adminToken, seed };
}

/**
 * The Node entry point's server: the API app plus static files (the widgets' `nazar.js` and its
 * chunks, and the demo page) on one port, with one JSON log line per request and a graceful close.
 */
import type { Server } from 'node:http';
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hash } from 'node:crypto';
import { serve, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { problem } from '@nazar/protocol';
import { consoleLogger, createApp, problemResponse, SERVER_VERSION, type Logger, type RateLimitOptions } from '../http/app.js';
import { useSyncSha256Hex } from '../http/http.js';
import { compressApiResponse, fileResponse, type FoundFile } from './static-files.js';
import type { Store } from '../store/store.js';

// On Node, hash in the request's own turn (see useSyncSha256Hex).
useSyncSha256Hex((text) => hash('sha256', text, 'hex'));

/** `packages/elements/dist/cdn/` of this checkout: the CDN folder the build makes (nazar.js, chunks/, manifest.json…). */
export const DEFAULT_ELEMENTS_DIR = fileURLToPath(new URL('../../../elements/dist/cdn/', import.meta.url));
/** `demo/` of this checkout. */
export const DEFAULT_DEMO_DIR = fileURLToPath(new URL('../../../../demo/', import.meta.url));

export interface NodeServerOptions {
  /** The server owns the store from now on: `close()` closes it. */
  store: Store;
  allowedOrigins: readonly string[];
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Served at `/` with cross-origin headers (`/nazar.js`, its chunks); null serves none. */
  elementsDir?: string | null;
  /** Served at `/` (`/` → `index.html`); null serves none. */
  demoDir?: string | null;
  logger?: Logger;
  version?: string;
  /** How long `close()` waits for in-flight requests before cutting connections. */
  drainTimeoutMs?: number;
  /** The admin API's Bearer token; null or absent disables the admin API. */
  adminToken?: string | null;
  /** The app's clock (tests). */
  now?: () => Date;
  /** Votes per client address (see AppOptions.voteRateLimit); default 20 a minute, burst 10. */
  voteRateLimit?: RateLimitOptions | false;
  /**
   * The server sits behind a reverse proxy that appends the client's address to
   * `X-Forwarded-For`: the client address is then the last entry of that header. Off by default:
   * the header is ignored and the socket's peer address is the client (anyone can forge the
   * header, so trusting it without a proxy would let one address vote without a limit).
   */
  trustProxy?: boolean;
  /**
   * Feedback and comment POSTs per client address (see AppOptions.submitRateLimit). Absent: no
   * limit — `main.ts` always passes the configured one; programs embedding the server (benchmarks,
   * tests) opt in.
   */
  submitRateLimit?: RateLimitOptions | false;
  /** Votes per voter key (see AppOptions.voterRateLimit). */
  voterRateLimit?: RateLimitOptions | false;
}

/** The socket's peer address, or, behind a trusted proxy, the last `X-Forwarded-For` entry. */
export function clientAddressOf(c: Context, trustProxy: boolean): string | null {
  const env = c.env as Partial<HttpBindings | Http2Bindings> | undefined;
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last;
  }
  return env?.incoming?.socket?.remoteAddress ?? null;
}

export interface NodeServer {
  readonly server: Server;
  readonly host: string;
  readonly port: number;
  /** `http://host:port` */
  readonly url: string;
  /**
   * Graceful shutdown: stop accepting, let in-flight requests finish (up to the drain timeout),
   * then close the store. Safe to call more than once.
   */
  close(): Promise<void>;
}

const MIME_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

function isApiPath(pathname: string): boolean {
  return pathname === '/healthz' || pathname === '/v1' || pathname.startsWith('/v1/');
}

/** Logged paths never carry a tracking code (it gives access to the official answer). */
function loggedPath(pathname: string): string {
  return pathname.startsWith('/v1/tracking/') ? '/v1/tracking/:code' : pathname;
}

/**
 * Finds `pathname` inside `root`, or null. Refuses anything that could leave the root: `..` or
 * `.`-prefixed segments (which also hides dotfiles), backslashes, NUL, undecodable escapes, and
 * symlinks that resolve outside it.
 */
async function findFile(root: string, pathname: string): Promise<FoundFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.endsWith('/')) decoded += 'index.html';
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '' || s.startsWith('.'))) return null;
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return null; // the directory does not exist (e.g. the widgets are not built)
  }
  const candidate = resolve(realRoot, ...segments);
  if (!candidate.startsWith(realRoot + sep)) return null;
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(realRoot + sep)) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size, mtimeMs: info.mtimeMs } : null;
  } catch {
    return null;
  }
}

export async function createNodeServer(options: NodeServerOptions): Promise<NodeServer> {
  const logger = options.logger ?? consoleLogger;
  const host = options.host ?? '127.0.0.1';
  const elementsDir = options.elementsDir === undefined ? DEFAULT_ELEMENTS_DIR : options.elementsDir;
  const demoDir = options.demoDir === undefined ? DEFAULT_DEMO_DIR : options.demoDir;
  const drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
  let draining = false;

  const app = createApp(options.store, {
    allowedOrigins: options.allowedOrigins,
    logger,
    version: options.version ?? SERVER_VERSION,
    isDraining: () => draining,
    adminToken: options.adminToken ?? null,
    ...(options.now ? { now: options.now } : {}),
    clientAddress: (c) => clientAddressOf(c, options.trustProxy ?? false),
    ...(options.voteRateLimit !== undefined ? { voteRateLimit: options.voteRateLimit } : {}),
    submitRateLimit: options.submitRateLimit ?? false,
    ...(options.voterRateLimit !== undefined ? { voterRateLimit: options.voterRateLimit } : {}),
  });

  async function route(request: Request, url: URL, env: HttpBindings | Http2Bindings): Promise<Response> {
    const isGet = request.method === 'GET' || request.method === 'HEAD';
    // The officials' console is the page console/index.html of the elements' build.
    if (isGet && url.pathname === '/console' && elementsDir !== null) {
      return new Response(null, { status: 308, headers: { Location: `/console/${url.search}` } });
    }
    if (isGet && !isApiPath(url.pathname)) {
      const served = (file: FoundFile, crossOrigin: boolean) =>
        fileResponse(file, {
          method: request.method,
          crossOrigin,
          // The build names chunks by their content hash (vite's [name]-[hash].js).
          immutable: crossOrigin && url.pathname.startsWith('/chunks/'),
          mimeType: MIME_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
          acceptEncoding: request.headers.get('accept-encoding'),
          ifNoneMatch: request.headers.get('if-none-match'),
        });
      if (elementsDir !== null) {
        const file = await findFile(elementsDir, url.pathname);
        if (file) return served(file, true);
      }
      if (demoDir !== null) {
        const file = await findFile(demoDir, url.pathname);
        if (file) return served(file, false);
      }
    }
    const response = await app.fetch(request, env);
    // Reads can be large (a whole draft); submissions' answers are small and stay as they are.
    return isGet ? compressApiResponse(response, request.headers.get('accept-encoding')) : response;
  }

  async function handle(request: Request, env: HttpBindings | Http2Bindings): Promise<Response> {
    const started = performance.now();
    const url = new URL(request.url);
    let response: Response;
    try {
      response = await route(request, url, env);
    } catch (err) {
      logger.error({
        msg: 'unhandled error',
        method: request.method,
        path: loggedPath(url.pathname),
        error: err instanceof Error ? err.stack : String(err),
      });
      response = problemResponse(problem('internal', 500));
    }
    // While draining, ask keep-alive clients to go away after this answer.
    if (draining) response.headers.set('Connection', 'close');
    logger.info({
      msg: 'request',
      method: request.method,
      path: loggedPath(url.pathname),
      status: response.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    return response;
  }

  const { server, port } = await new Promise<{ server: Server; port: number }>((resolveListen, rejectListen) => {
    const s = serve({ fetch: handle, port: options.port ?? 0, hostname: host }, (info) => {
      s.off('error', rejectListen);
      resolveListen({ server: s as Server, port: info.port });
    });
    s.once('error', rejectListen);
  });

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      draining = true;
      await new Promise<void>((done) => {
        // Stops accepting; calls back once every connection has ended.
        server.close(() => done());
        // Connections that finish their request while we drain go idle: close those promptly.
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        const cut = setTimeout(() => server.closeAllConnections(), drainTimeoutMs);
        server.once('close', () => {
          clearInterval(idle);
          clearTimeout(cut);
        });
        server.closeIdleConnections();
      });
      await options.store.close();
    })();
    return closing;
  };

  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { server, host, port, url: `http://${shownHost}:${port}`, close };
}

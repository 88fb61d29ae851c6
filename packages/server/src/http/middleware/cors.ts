/**
 * CORS for the sites that may embed the widgets. Own middleware (rather than hono/cors) so that
 * error responses from onError/notFound get the same headers and a disallowed origin gets no CORS
 * header at all. Admin routes never get CORS headers: officials' tools are same-origin.
 *
 * Every OPTIONS request is answered here (204, with `Allow` for a known path), whether or not it
 * is a preflight of an allowed origin.
 */
import type { MiddlewareHandler } from 'hono';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_REPLAYED_HEADER, VOTER_KEY_HEADER } from '@nazar/protocol';
import type { AppEnv } from '../context.js';
import type { OriginAllowList } from '../origins.js';

const ALLOW_METHODS = 'GET, POST, OPTIONS';
const ALLOW_HEADERS = `Content-Type, ${IDEMPOTENCY_KEY_HEADER}, ${VOTER_KEY_HEADER}`;
const EXPOSE_HEADERS = `${IDEMPOTENCY_REPLAYED_HEADER}, Retry-After`;
const PREFLIGHT_MAX_AGE = '600';

export interface CorsOptions {
  origins: OriginAllowList;
  /** Paths that never get CORS headers (the admin API). */
  sameOriginOnly: (path: string) => boolean;
  /** The methods a path answers (the `Allow` header of an OPTIONS answer); none for an unknown path. */
  allowedMethodsFor: (path: string) => string[];
}

export function cors({ origins, sameOriginOnly, allowedMethodsFor }: CorsOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowedOrigin = origin !== undefined && origins.has(origin) && !sameOriginOnly(c.req.path) ? origin : null;
    if (c.req.method === 'OPTIONS') {
      const headers = new Headers({ Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' });
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
  };
}

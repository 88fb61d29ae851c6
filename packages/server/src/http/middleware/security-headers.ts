/**
 * Security headers on every API answer, errors and preflights included (the API serves JSON
 * only: nothing may frame or run it), and no caching of anything but preflights.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Frame-Options': 'DENY',
  // Readable cross-origin through CORS only (the widgets' fetches), never as a no-cors embed.
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Install first: it then wraps every answer, including those of onError, notFound and CORS preflights. */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    // A page the app serves (the public report) brings its own CSP, as strict but for its style.
    const ownPolicy = h.has('Content-Security-Policy') && (h.get('Content-Type') ?? '').startsWith('text/html');
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      if (!(ownPolicy && name === 'Content-Security-Policy')) h.set(name, value);
    // Every API answer is per-request state (and POST answers and tracking lookups must never be
    // stored by a cache), so nothing is cacheable. Preflights (every OPTIONS is answered by the
    // CORS middleware) keep their own Access-Control-Max-Age instead.
    if (c.req.method !== 'OPTIONS') h.set('Cache-Control', 'no-store');
  };
}

/**
 * CORS and security headers as middleware: on every kind of answer (a route's, a 404, a 405, an
 * error, a preflight), CORS only for an allowed origin and never on the admin API, and no
 * caching except of preflights.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROUTES } from '@nazar/protocol';
import { createApp } from '../app.js';
import { createMemoryStore } from '../../store/memory/store.js';
import { SECURITY_HEADERS } from './security-headers.js';

const SITE = 'https://county.example';

function app() {
  const store = createMemoryStore();
  store.countServices = () => Promise.reject(new Error('store down'));
  return createApp(store, { allowedOrigins: [SITE], logger: { info() {}, error() {} } });
}

function assertSecurityHeaders(res: Response, what: string): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) assert.equal(res.headers.get(name), value, `${what}: ${name}`);
}

describe('CORS and security headers', () => {
  it('are on every answer: a route, a 404, a 405, a 503', async () => {
    const a = app();
    const answers = {
      route: await a.request(ROUTES.health.path(), { headers: { Origin: SITE } }),
      notFound: await a.request('/v1/nothing-here', { headers: { Origin: SITE } }),
      notAllowed: await a.request(ROUTES.health.path(), { method: 'POST', headers: { Origin: SITE } }),
      unavailable: await a.request('/readyz', { headers: { Origin: SITE } }),
    };
    assert.deepEqual(
      Object.values(answers).map((r) => r.status),
      [200, 404, 405, 503],
    );
    for (const [what, res] of Object.entries(answers)) {
      assertSecurityHeaders(res, what);
      assert.equal(res.headers.get('cache-control'), 'no-store', what);
      assert.equal(res.headers.get('access-control-allow-origin'), SITE, what);
      assert.match(res.headers.get('vary') ?? '', /Origin/, what);
    }
  });

  it('a preflight: security headers, CORS for an allowed origin only, Allow, no Cache-Control', async () => {
    const a = app();
    const preflight = (origin: string) =>
      a.request(ROUTES.feedback.path('svc'), { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
    const allowed = await preflight(SITE);
    assert.equal(allowed.status, 204);
    assertSecurityHeaders(allowed, 'preflight');
    assert.equal(allowed.headers.get('cache-control'), null);
    assert.equal(allowed.headers.get('access-control-allow-origin'), SITE);
    assert.equal(allowed.headers.get('access-control-max-age'), '600');
    assert.equal(allowed.headers.get('allow'), 'POST, OPTIONS');
    const other = await preflight('https://elsewhere.example');
    assert.equal(other.status, 204);
    assertSecurityHeaders(other, 'other preflight');
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  it('sends no CORS header on the admin API, even to an allowed origin', async () => {
    const a = app();
    const res = await a.request('/v1/admin/consultations', { headers: { Origin: SITE } });
    assert.equal(res.status, 401);
    assertSecurityHeaders(res, 'admin');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    const preflight = await a.request('/v1/admin/consultations', {
      method: 'OPTIONS',
      headers: { Origin: SITE, 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  });
});

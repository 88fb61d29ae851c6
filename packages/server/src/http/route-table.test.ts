/**
 * The app serves exactly the routes of the tables (the protocol's ROUTES, ADMIN_ROUTES and
 * ADMIN_OPS_ROUTES, and the server's own /readyz and OpenAPI document): a handler mounted on a
 * path that no table spells fails here, and so does a table entry with no handler.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN_GROUP_ROUTES, ADMIN_OPS_ROUTES, ADMIN_ROUTES, ROUTES } from '@nazar/protocol';
import { createApp, OPENAPI_ROUTE, READY_ROUTE } from './app.js';
import { createMemoryStore } from '../store/memory/store.js';

describe('mounted routes', () => {
  it('are the route tables, no more and no less', () => {
    const app = createApp(createMemoryStore(), { allowedOrigins: [], logger: { info() {}, error() {} } });
    // Middleware is mounted for every method ('ALL'); handlers (and a route's own middleware) per method.
    const mounted = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    const tables = [
      ...Object.values(ROUTES),
      ...Object.values(ADMIN_ROUTES),
      ...Object.values(ADMIN_OPS_ROUTES),
      ...Object.values(ADMIN_GROUP_ROUTES),
      READY_ROUTE,
      OPENAPI_ROUTE,
    ];
    const expected = new Set(tables.map((r) => `${r.method} ${r.pattern}`));
    assert.deepEqual(
      [...mounted].filter((r) => !expected.has(r)),
      [],
      'mounted but in no table',
    );
    assert.deepEqual(
      [...expected].filter((r) => !mounted.has(r)),
      [],
      'in a table but not mounted',
    );
  });
});

/**
 * The OpenAPI document: served at /v1/openapi.json, covering every route with the roles the
 * server enforces; and docs/api.md, generated from it, is not stale.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ADMIN_OPS_ROUTES, ADMIN_ROUTES, ROUTES } from '@nazar/protocol';
import { renderApiMarkdown } from './api-docs.js';
import { requiredRole } from '../admin-auth.js';
import { createApp, SERVER_VERSION } from '../app.js';
import { createMemoryStore } from '../../store/memory/store.js';
import { buildOpenApi, documentedRoutes } from './openapi.js';

const API_MD = fileURLToPath(new URL('../../../../../docs/api.md', import.meta.url));

describe('OpenAPI 3.1 and docs/api.md', () => {
  const doc = buildOpenApi(SERVER_VERSION) as {
    openapi: string;
    paths: Record<string, Record<string, { 'x-nazar-role'?: string; security?: unknown }>>;
    components: { schemas: Record<string, unknown> };
  };

  it('is served at /v1/openapi.json', async () => {
    const app = createApp(createMemoryStore(), { allowedOrigins: [] });
    const res = await app.request('/v1/openapi.json');
    assert.equal(res.status, 200);
    const served = (await res.json()) as typeof doc;
    assert.equal(served.openapi, '3.1.0');
    assert.deepEqual(served, JSON.parse(JSON.stringify(doc)));
  });

  it('documents every route, admin routes with their bearer security and role', () => {
    const documented = new Set(documentedRoutes());
    for (const r of [...Object.values(ROUTES), ...Object.values(ADMIN_ROUTES), ...Object.values(ADMIN_OPS_ROUTES)]) {
      assert.ok(documented.has(`${r.method} ${r.pattern}`), `${r.method} ${r.pattern} is not documented`);
    }
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!path.startsWith('/v1/admin')) continue;
        assert.ok(op.security, `${method} ${path} has no security`);
        assert.equal(op['x-nazar-role'], requiredRole(method.toUpperCase(), path.replace(/\{[^}]+\}/g, 'x')), `${method} ${path}`);
      }
    }
    for (const [name, schema] of Object.entries(doc.components.schemas)) assert.ok(schema && typeof schema === 'object', name);
  });

  it('docs/api.md is generated from it (run: node --conditions=source --import tsx packages/server/scripts/gen-api-docs.ts)', () => {
    const expected = renderApiMarkdown(doc);
    const actual = readFileSync(API_MD, 'utf8');
    assert.ok(
      actual === expected,
      'docs/api.md is stale: run  node --conditions=source --import tsx packages/server/scripts/gen-api-docs.ts',
    );
  });
});

/**
 * The real server app (memory store) behind msw, for browser tests. msw hides CORS (no preflight,
 * no Origin header); CORS is tested in the server's own Node tests.
 */
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createApp } from '@nazar/server/app';
import { createMemoryStore, type MemoryStore } from '@nazar/server/memory-store';

/** A cross-origin adapter URL, as on a county site; msw answers it, nothing leaves the machine. */
export const API = 'https://nazar.example/';
export const SERVICE = 'birth-certificate';

export interface SeenRequest {
  method: string;
  url: string;
  key: string | null;
  contentType: string | null;
  body: string;
  /** All request headers, names in lower case. */
  headers: Record<string, string>;
}

type Handler = (request: Request) => Response | Promise<Response>;

export interface TestServer {
  store: MemoryStore;
  /** What the (fake) network does with each request; `online` by default. */
  handler: Handler;
  /** Every request that reached the fake network, in order. */
  seen: SeenRequest[];
  /** Passes the request to the real app. */
  online: Handler;
  /** No answer at all (a network error in the page). */
  offline: Handler;
  reset(): void;
}

const silent = { info() {}, error() {} };

/** The admin token the test app accepts when `testServer({ admin: true })` (the console's tests). */
export const ADMIN_TOKEN = 'test-admin-token-for-the-console';

export function testServer(options: { admin?: boolean } = {}): TestServer {
  const adminToken = options.admin ? ADMIN_TOKEN : null;
  const server: TestServer = {
    store: createMemoryStore(),
    handler: (r) => server.online(r),
    seen: [],
    online: (r) => createApp(server.store, { allowedOrigins: [location.origin], logger: silent, adminToken }).fetch(r),
    offline: () => HttpResponse.error(),
    reset() {
      server.store = createMemoryStore({ services: [{ id: SERVICE, title: 'صدور شناسنامه' }] });
      server.handler = server.online;
      server.seen = [];
    },
  };
  server.reset();
  const worker = setupWorker(
    http.all('*/v1/*', async ({ request }) => {
      server.seen.push({
        method: request.method,
        url: request.url,
        key: request.headers.get('Idempotency-Key'),
        contentType: request.headers.get('Content-Type'),
        body: request.method === 'GET' ? '' : await request.clone().text(),
        headers: Object.fromEntries(request.headers),
      });
      return server.handler(request);
    }),
  );
  before(() => worker.start({ quiet: true, onUnhandledFrame: 'bypass' }));
  after(() => worker.stop());
  beforeEach(() => server.reset());
  return server;
}

/** A problem+json response the app could have sent. */
export function problemJson(status: number, code: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: `urn:nazar:problem:${code}`, title: code, status, code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

// The real server app (memory store) behind msw for the elements' browser tests, with a clock the
// test moves, a network switch, and the officials' side through the real admin API.
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createApp } from '@nazar/server/app';
import { createMemoryStore } from '@nazar/server/memory-store';

export const API = 'https://nazar.example/';
export const DAY = 24 * 60 * 60 * 1000;
const TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  /** The app's clock (ms); tests move it. Starts at the browser's, which computes countdowns. */
  clock: number;
  /** When true, every request fails as if the device were offline. */
  offline: boolean;
  fetch(request: Request): Promise<Response>;
  /** Calls the admin API as an official; throws with the problem on a refusal. */
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** A unique slug for a test's own draft or poll. */
  slug(prefix: string): string;
}

export function testApp(): TestApp {
  let serial = 0;
  const t: TestApp = {
    clock: Date.now(),
    offline: false,
    fetch: (request) => Promise.resolve(app.fetch(request)),
    async admin<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await app.fetch(
        new Request(new URL(path, API), {
          method,
          headers: {
            authorization: `Bearer ${TOKEN}`,
            'content-type': 'application/json',
            'idempotency-key': `admin-${Date.now()}-${serial++}-xyz`,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
      const json = await res.json();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
      return json as T;
    },
    slug: (prefix) => `${prefix}-${Date.now().toString(36)}-${serial++}`,
  };
  const now = () => new Date(t.clock);
  const store = createMemoryStore({ now });
  const app = createApp(store, { allowedOrigins: [location.origin], adminToken: TOKEN, now, logger: { info() {}, error() {} } });
  const worker = setupWorker(http.all('*/v1/*', ({ request }) => (t.offline ? HttpResponse.error() : app.fetch(request))));
  before(() => worker.start({ quiet: true, onUnhandledFrame: 'bypass' }));
  after(() => worker.stop());
  return t;
}

// The load benchmark's server (bench/server-load.ts starts it as a child process): the real app on
// the store named by argv[2] (`sqlite:<path>`, `postgres://…`, `memory:`), plus a hello-world
// route on the same Hono/node-server stack, so both are measured in one run. Prints `ready`.
import { hash } from 'node:crypto';
import { serve } from '@hono/node-server';
import { useSyncSha256Hex } from '../src/http/http.js';
import { createApp } from '../src/http/app.js';
import { createMemoryStore } from '../src/store/memory/store.js';
import { createPgStore } from '../src/store/postgres/store.js';
import { createSqliteStore } from '../src/store/sqlite/store.js';
import type { Store } from '../src/store/store.js';

const [, , url, portArg] = process.argv;
useSyncSha256Hex((text) => hash('sha256', text, 'hex'));
let store: Store;
if (url.startsWith('sqlite:')) store = createSqliteStore(url.slice('sqlite:'.length));
else if (url.startsWith('postgres')) {
  const pg = createPgStore(url, { max: 20 });
  await pg.ready;
  store = pg;
} else store = createMemoryStore();
await store.ensureService({ id: 'bench', title: 'bench', categories: ['speed', 'other'], registeredOrigin: null });
const app = createApp(store, { allowedOrigins: [], logger: { info() {}, error: (r) => console.error(JSON.stringify(r)) } });
app.get('/hello', (c) => c.text('hello'));
// The same request shape as a feedback POST (headers, body, a fresh key), answered without work.
app.post('/hello', (c) => c.text('hello', 201));
// For the benchmark's accounting: this process's CPU time so far, group commit's batches (SQLite
// and PostgreSQL) and the rows in the database (shared by every process on one PostgreSQL).
const group = (store as { groupCommit?: { stats(): { batches: number; items: number; largest: number } } }).groupCommit;
app.get('/bench/stats', async (c) => {
  const cpuMicros = process.cpuUsage();
  return c.json({ cpuMicros, group: group?.stats() ?? null, submissions: await store.countSubmissions() });
});
// The store's own cost in this process (same run, same warm code): `rows` durable feedbacks written
// through the store with no HTTP, `batch` at once (one group-commit batch each).
let aloneSerial = 0;
const ALONE_TEXT = 'صف نوبت‌دهی طولانی بود و کسی پاسخگو نبود.';
app.post('/bench/store-alone', async (c) => {
  const { rows, batch } = await c.req.json<{ rows: number; batch: number }>();
  const write = () =>
    store.createFeedback(
      { key: `alone-${process.pid}-${aloneSerial++}`, requestHash: 'a'.repeat(64) },
      { serviceId: 'bench', rating: 4, categories: ['speed'], text: ALONE_TEXT, contact: null, locale: 'fa', origin: null },
    );
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let done = 0; done < rows; done += batch) await Promise.all(Array.from({ length: batch }, write));
  const cpu = process.cpuUsage(cpu0);
  return c.json({
    batch,
    rows,
    cpuMicrosPerRow: Math.round((10 * (cpu.user + cpu.system)) / rows) / 10,
    wallMicrosPerRow: Math.round((10_000 * (performance.now() - t0)) / rows) / 10,
  });
});
const server = serve({ fetch: app.fetch, port: Number(portArg), hostname: '127.0.0.1' }, () => console.log('ready'));
process.on('SIGTERM', () => {
  server.close();
  (server as import('node:http').Server).closeAllConnections();
  // Let handlers still running finish before the store goes.
  setTimeout(() => void store.close().then(() => process.exit(0)), 300);
});

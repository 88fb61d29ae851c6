// The benchmark's server: the real app on a real SQLite file (WAL, synchronous=FULL), plus a
// hello-world route on the same Hono/node-server stack, so both are measured in one run.
import { serve } from '@hono/node-server';
import { createApp } from '../src/app.js';
import { createSqliteStore } from '../src/sqlite-store.js';

const [, , dbPath, portArg] = process.argv;
const store = createSqliteStore(dbPath!);
await store.ensureService({ id: 'bench', title: 'bench', categories: ['speed', 'other'], registeredOrigin: null });
const app = createApp(store, { allowedOrigins: [], logger: { info() {}, error: console.error } } as never);
app.get('/hello', (c) => c.text('hello'));
const server = serve({ fetch: app.fetch, port: Number(portArg), hostname: '127.0.0.1' }, () => console.log('ready'));
process.on('SIGTERM', () => server.close(async () => {
  await store.close();
  process.exit(0);
}));

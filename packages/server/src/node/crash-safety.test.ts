/**
 * Crash safety: the real server (`main.ts`) on a SQLite file under a steady load of feedback
 * POSTs is killed with SIGKILL (no shutdown, no checkpoint), then the file is opened again:
 * every submission that had been answered 201 must be there, with its tracking code.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { freePort } from '@nazar/testing/pg-test-cluster';
import { DEMO_SERVICES } from '../demo/seed.js';
import { createSqliteStore } from '../store/sqlite/store.js';
import { makeTempDir } from '../../test/support.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

function startServer(dbPath: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/node/main.ts'], {
    cwd: PACKAGE_DIR,
    env: {
      ...process.env,
      NAZAR_PORT: String(port),
      NAZAR_HOST: '127.0.0.1',
      NAZAR_DATABASE_URL: `sqlite:${dbPath}`,
      NAZAR_ALLOWED_ORIGINS: '',
      NAZAR_SUBMITS_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start')), 20_000);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('listening on')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
}

describe('crash safety', () => {
  it('after SIGKILL under load, every submission answered 201 is in the database', { timeout: 60_000 }, async () => {
    const tmp = makeTempDir();
    const dbPath = join(tmp.dir, 'crash.db');
    const port = await freePort();
    const server = await startServer(dbPath, port);
    const service = DEMO_SERVICES[0].id;
    const acknowledged = new Map<string, string>(); // idempotency key → tracking code
    let inFlightAtKill = 0;
    let refused = 0;
    let stop = false;

    // 16 clients posting back to back, each with a fresh key per request.
    const client = async () => {
      while (!stop) {
        const key = randomUUID();
        inFlightAtKill++;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/v1/services/${service}/feedback`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': key },
            body: JSON.stringify({ rating: 3, categories: ['speed'], text: `crash test ${key}`, locale: 'fa' }),
          });
          const body = (await res.json()) as { trackingCode?: string };
          if (res.status === 201 && body.trackingCode) acknowledged.set(key, body.trackingCode);
          else refused++;
        } catch {
          // The connection died with the server: not acknowledged, may or may not be stored.
          continue;
        } finally {
          inFlightAtKill--;
        }
      }
    };
    const clients = Array.from({ length: 16 }, client);
    // Let the load run until the server has acknowledged a good number of submissions (with 16
    // requests still in flight), then kill it in the middle of it.
    const deadline = Date.now() + 30_000;
    while (acknowledged.size < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.ok(acknowledged.size >= 300, `only ${acknowledged.size} submissions acknowledged before the kill`);
    const inFlight = inFlightAtKill;
    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));
    stop = true;
    await Promise.all(clients);

    const store = createSqliteStore(dbPath);
    try {
      let found = 0;
      const missing: string[] = [];
      for (const [key, code] of acknowledged) {
        const s = await store.findByIdempotencyKey(key);
        if (s && s.trackingCode === code) found++;
        else missing.push(key);
      }
      const stored = (
        store.db.prepare(`SELECT COUNT(*) AS n FROM submissions WHERE kind = 'feedback' AND idempotency_key NOT LIKE 'seed-%'`).get() as {
          n: number;
        }
      ).n;
      console.log(
        `crash safety: ${acknowledged.size} answered 201 before SIGKILL, ${found} found after restart, ${stored} stored in all (${inFlight} in flight at the kill), ${refused} refused`,
      );
      assert.ok(acknowledged.size > 100, `too little load to mean anything: ${acknowledged.size}`);
      assert.deepEqual(missing, [], 'every acknowledged submission survives');
      assert.equal(refused, 0);
      assert.ok(stored >= acknowledged.size);
    } finally {
      await store.close();
      tmp.dispose();
    }
  });
});

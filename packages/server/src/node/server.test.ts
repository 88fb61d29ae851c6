/**
 * The real Node server on an ephemeral port: static files, path traversal, logging, graceful
 * close; and `main.ts` as a subprocess, stopped with SIGTERM.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { AdminCommentPage, Consultation, FeedbackAccepted } from '@nazar/protocol';
import type { LogRecord } from '../http/app.js';
import { createNodeServer, type NodeServer } from './server.js';
import { DEMO_CONSULTATION_SLUG, DEMO_SERVICES } from '../demo/seed.js';
import { createSqliteStore, type SqliteStore } from '../store/sqlite/store.js';
import { makeTempDir } from '../../test/support.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'top-secret-content-outside-the-static-dirs';
const ADMIN_TOKEN = 'node-test-admin-token-0123456789';
/** A chunk big enough to be worth compressing (Persian text, as the widgets' strings are). */
const BIG_SCRIPT = Array.from({ length: 200 }, (_, i) => `export const m${i} = 'نظر شما درباره این ماده ${i}';`).join('\n');

/** A raw HTTP request, so that paths reach the server exactly as written (fetch normalises them). */
function rawRequest(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('node server', () => {
  const tmp = makeTempDir();
  const elementsDir = join(tmp.dir, 'elements');
  const demoDir = join(tmp.dir, 'demo');
  const dbPath = join(tmp.dir, 'db', 'nazar.db');
  const logs: LogRecord[] = [];
  let store: SqliteStore;
  let node: NodeServer;

  before(async () => {
    mkdirSync(join(elementsDir, 'chunks'), { recursive: true });
    mkdirSync(join(demoDir, 'img'), { recursive: true });
    writeFileSync(join(elementsDir, 'nazar.js'), 'import("./chunks/service-feedback-abc.js");\n');
    writeFileSync(join(elementsDir, 'chunks', 'service-feedback-abc.js'), 'export const x = 1;\n');
    writeFileSync(join(elementsDir, 'chunks', 'runtime-def.js'), BIG_SCRIPT);
    writeFileSync(join(elementsDir, '.hidden.js'), 'hidden');
    mkdirSync(join(elementsDir, 'console'));
    writeFileSync(
      join(elementsDir, 'console', 'index.html'),
      '<!doctype html><title>میز کار نظر</title><nazar-console hash-routing></nazar-console>',
    );
    writeFileSync(join(demoDir, 'index.html'), '<!doctype html><html lang="fa" dir="rtl"><title>فرمانداری</title></html>');
    writeFileSync(join(demoDir, 'style.css'), 'body { margin: 0 }');
    writeFileSync(join(demoDir, 'img', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(tmp.dir, 'secret.txt'), SECRET);
    store = createSqliteStore(dbPath);
    await store.ensureService({ id: 'svc', title: 'خدمت' });
    node = await createNodeServer({
      store,
      port: 0,
      host: '127.0.0.1',
      allowedOrigins: ['https://county.example'],
      elementsDir,
      demoDir,
      logger: { info: (r) => logs.push(r), error: (r) => logs.push(r) },
    });
  });

  after(async () => {
    await node.close();
    tmp.dispose();
  });

  it('serves nazar.js and its chunks for cross-origin module scripts', async () => {
    for (const path of ['/nazar.js', '/chunks/service-feedback-abc.js']) {
      const res = await fetch(`${node.url}${path}`, { headers: { Origin: 'https://any-county.example' } });
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
      assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      await res.text();
    }
    const head = await fetch(`${node.url}/nazar.js`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  it('sends files compressed as the browser accepts, with an ETag (304) and a year of cache for hashed chunks', async () => {
    const raw = (path: string, headers: Record<string, string>) =>
      new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: node.port, path, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
    const path = '/chunks/runtime-def.js';
    const br = await raw(path, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.body).toString(), BIG_SCRIPT);
    assert.ok(br.body.byteLength < Buffer.byteLength(BIG_SCRIPT) / 3, `${br.body.byteLength} bytes`);
    assert.equal(br.headers['content-length'], String(br.body.byteLength));
    assert.match(String(br.headers.vary), /Accept-Encoding/);
    assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(br.headers['access-control-allow-origin'], '*');

    const gz = await raw(path, { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), BIG_SCRIPT);
    const refused = await raw(path, { 'Accept-Encoding': 'br;q=0, gzip' });
    assert.equal(refused.headers['content-encoding'], 'gzip');
    const plain = await raw(path, {});
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString(), BIG_SCRIPT);
    // Each representation has its own ETag; presenting it again costs a 304 and no body.
    assert.notEqual(br.headers.etag, plain.headers.etag);
    const again = await raw(path, { 'Accept-Encoding': 'br', 'If-None-Match': String(br.headers.etag) });
    assert.equal(again.status, 304);
    assert.equal(again.body.byteLength, 0);
    assert.equal(again.headers.etag, br.headers.etag);

    // nazar.js keeps its name across releases: checked every time (a 304 when unchanged).
    const loader = await raw('/nazar.js', {});
    assert.equal(loader.headers['cache-control'], 'no-cache');
    assert.equal((await raw('/nazar.js', { 'If-None-Match': String(loader.headers.etag) })).status, 304);
    // A changed file gets a new ETag at once.
    writeFileSync(join(elementsDir, 'nazar.js'), 'import("./chunks/service-feedback-abcd.js");\n');
    const changed = await raw('/nazar.js', { 'If-None-Match': String(loader.headers.etag) });
    assert.equal(changed.status, 200);
    assert.match(changed.body.toString(), /abcd/);

    // Large API reads are gzipped too; small answers are not touched.
    const api = await raw('/v1/openapi.json', { 'Accept-Encoding': 'gzip, br' });
    assert.equal(api.headers['content-encoding'], 'gzip');
    assert.equal(JSON.parse(gunzipSync(api.body).toString()).openapi, '3.1.0');
    const small = await raw('/healthz', { 'Accept-Encoding': 'gzip, br' });
    assert.equal(small.headers['content-encoding'], undefined);
    assert.equal(JSON.parse(small.body.toString()).status, 'ok');
  });

  it('serves the demo page and its files', async () => {
    const res = await fetch(`${node.url}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await res.text(), /فرمانداری/);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    const css = await fetch(`${node.url}/style.css`);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    await css.text();
    const svg = await fetch(`${node.url}/img/logo.svg`);
    assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
    await svg.text();
  });

  it("serves the officials' console at /console/, and sends /console there", async () => {
    const bare = await fetch(`${node.url}/console?lang=en`, { redirect: 'manual' });
    assert.equal(bare.status, 308);
    assert.equal(bare.headers.get('location'), '/console/?lang=en');
    const page = await fetch(`${node.url}/console/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await page.text(), /<nazar-console hash-routing>/);
  });

  it('refuses path traversal and hidden files', async () => {
    const attempts = [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/chunks/..%2f..%2fsecret.txt',
      '/img/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00/secret.txt',
      '/%E0%A4%A',
      '/.hidden.js',
      `/${encodeURIComponent(join(tmp.dir, 'secret.txt'))}`,
    ];
    for (const path of attempts) {
      const res = await rawRequest(node.port, path);
      assert.ok(res.status >= 400 && res.status < 500, `${path} → ${res.status}`);
      assert.ok(!res.body.includes(SECRET), path);
    }
  });

  it('serves the API, one log line per request without bodies or contacts or tracking codes', async () => {
    logs.length = 0;
    const res = await fetch(`${node.url}/v1/services/svc/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'node-server-test-1' },
      body: JSON.stringify({ rating: 5, text: 'متن خصوصی', contact: '09151234567' }),
    });
    assert.equal(res.status, 201);
    const { trackingCode } = FeedbackAccepted.parse(await res.json());
    const lookup = await fetch(`${node.url}/v1/tracking/${trackingCode}`);
    assert.equal(lookup.status, 200);
    await lookup.text();
    const health = await fetch(`${node.url}/healthz`);
    assert.deepEqual(await health.json(), { status: 'ok', version: '0.1.0' });

    const requests = logs.filter((l) => l.msg === 'request');
    assert.equal(requests.length, 3);
    assert.deepEqual(Object.keys(requests[0]).sort(), ['method', 'ms', 'msg', 'path', 'status']);
    assert.deepEqual(
      requests.map((r) => [r.method, r.path, r.status]),
      [
        ['POST', '/v1/services/svc/feedback', 201],
        ['GET', '/v1/tracking/:code', 200],
        ['GET', '/healthz', 200],
      ],
    );
    const text = JSON.stringify(logs);
    for (const secret of ['09151234567', 'متن خصوصی', trackingCode]) assert.ok(!text.includes(secret), secret);
  });

  it('refuses an oversized body over a real socket without crashing', async () => {
    const res = await fetch(`${node.url}/v1/services/svc/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'node-server-test-big' },
      body: JSON.stringify({ rating: 5, text: 'x'.repeat(200 * 1024) }),
    });
    assert.equal(res.status, 413);
    assert.equal((await res.json()).code, 'payload-too-large');
    assert.equal((await fetch(`${node.url}/healthz`)).status, 200);
  });

  it('drains an in-flight request, then closes the database', async () => {
    const tmp2 = makeTempDir();
    const store2 = createSqliteStore(join(tmp2.dir, 'drain.db'));
    await store2.ensureService({ id: 'svc', title: 'خدمت' });
    const node2 = await createNodeServer({
      store: store2,
      allowedOrigins: [],
      elementsDir: null,
      demoDir: null,
      logger: { info() {}, error() {} },
    });
    try {
      const body = JSON.stringify({ rating: 4, text: 'در حال ارسال' });
      // The server has the request (its headers) in hand: it is in flight from then on.
      const received = once(node2.server, 'request');
      let sendRest = (): void => {};
      const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: node2.port,
            path: '/v1/services/svc/feedback',
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              'Idempotency-Key': 'drain-test-0001',
              'Content-Length': Buffer.byteLength(body),
            },
          },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode!, body: text }));
          },
        );
        req.on('error', reject);
        // Half the body now, the rest after close() has begun.
        req.write(body.slice(0, 10));
        sendRest = () => req.end(body.slice(10));
      });
      await received;
      const closed = node2.close();
      sendRest();
      const res = await answer;
      assert.equal(res.status, 201, res.body);
      await closed;
      assert.equal(store2.db.open, false);
      assert.equal(existsSync(join(tmp2.dir, 'drain.db-wal')), false);
      await assert.rejects(fetch(`${node2.url}/healthz`));
      const reopened = createSqliteStore(join(tmp2.dir, 'drain.db'));
      assert.equal(await reopened.countSubmissions(), 1);
      await reopened.close();
    } finally {
      await node2.close();
      tmp2.dispose();
    }
  });
});

describe('main.ts as a process', () => {
  it('starts, seeds, serves, and exits 0 on SIGTERM with the data on disk', async () => {
    const tmp = makeTempDir();
    try {
      const port = await freePort();
      const dbPath = join(tmp.dir, 'data', 'nazar.db');
      const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/node/main.ts'], {
        cwd: PACKAGE_DIR,
        env: {
          ...process.env,
          NAZAR_PORT: String(port),
          NAZAR_HOST: '127.0.0.1',
          NAZAR_DATABASE_URL: `sqlite:${dbPath}`,
          NAZAR_ALLOWED_ORIGINS: '',
          NAZAR_ADMIN_TOKEN: ADMIN_TOKEN,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line; stderr: ${stderr}`)), 15_000);
        child.stdout.on('data', (c: Buffer) => {
          stdout += c.toString();
          if (stdout.includes(`nazar listening on http://127.0.0.1:${port}`)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', () => reject(new Error(`exited early; stderr: ${stderr}`)));
      });

      const service = DEMO_SERVICES[0].id;
      const summary = await (await fetch(`http://127.0.0.1:${port}/v1/services/${service}`)).json();
      assert.ok(summary.count > 0, 'seeded');
      // The default allowed origins include the server's own, so its demo page may register.
      const res = await fetch(`http://127.0.0.1:${port}/v1/services/brand-new/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'main-test-00001', Origin: `http://localhost:${port}` },
        body: JSON.stringify({ rating: 5, serviceLabel: 'خدمت تازه', contact: 'someone@example.ir' }),
      });
      assert.equal(res.status, 201);
      assert.equal(res.headers.get('access-control-allow-origin'), `http://localhost:${port}`);
      const { trackingCode } = FeedbackAccepted.parse(await res.json());

      // The demo draft is seeded and open; the admin API is on, same-origin only.
      const draft = Consultation.parse(await (await fetch(`http://127.0.0.1:${port}/v1/consultations/${DEMO_CONSULTATION_SLUG}`)).json());
      assert.equal(draft.status, 'open');
      assert.ok(draft.clauses.length >= 12);
      const pending = await fetch(`http://127.0.0.1:${port}/v1/admin/consultations/${DEMO_CONSULTATION_SLUG}/comments?status=pending`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, Origin: `http://localhost:${port}` },
      });
      assert.equal(pending.status, 200);
      assert.equal(pending.headers.get('access-control-allow-origin'), null);
      assert.equal(AdminCommentPage.parse(await pending.json()).comments.length, 1);
      assert.equal((await fetch(`http://127.0.0.1:${port}/v1/admin/consultations/${DEMO_CONSULTATION_SLUG}/comments`)).status, 401);
      assert.match(stdout, /admin API enabled/);
      assert.ok(!stdout.includes(ADMIN_TOKEN), 'the token is never logged');

      child.kill('SIGTERM');
      assert.equal(await exited, 0, stderr);
      assert.match(stdout, /"msg":"request"/);
      assert.ok(!stdout.includes('someone@example.ir'));

      const reopened = createSqliteStore(dbPath);
      try {
        assert.equal((await reopened.getService('brand-new'))?.title, 'خدمت تازه');
        assert.equal((await reopened.getFeedbackRecord(trackingCode))?.feedback.contact?.value, 'someone@example.ir');
      } finally {
        await reopened.close();
      }
    } finally {
      tmp.dispose();
    }
  });

  it('says at start that the admin API is disabled without NAZAR_ADMIN_TOKEN', async () => {
    const port = await freePort();
    const env: Record<string, string | undefined> = { ...process.env, NAZAR_PORT: String(port), NAZAR_DATABASE_URL: 'memory:' };
    delete env.NAZAR_ADMIN_TOKEN;
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/node/main.ts'], {
      cwd: PACKAGE_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let stdout = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no admin line')), 15_000);
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (/admin API disabled/.test(stdout)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const res = await fetch(`http://127.0.0.1:${port}/v1/admin/consultations/${DEMO_CONSULTATION_SLUG}/comments`, {
      headers: { Authorization: 'Bearer anything-at-all-0123456789' },
    });
    assert.equal(res.status, 401);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  it('exits 1 on an admin token that is too short', () => {
    const result = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/node/main.ts'], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, NAZAR_ADMIN_TOKEN: 'secret', NAZAR_PORT: '0', NAZAR_DATABASE_URL: 'memory:' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /NAZAR_ADMIN_TOKEN must be at least 16 characters/);
  });

  it('exits 1 with a clear message on an unknown database scheme', () => {
    const result = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/node/main.ts'], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, NAZAR_DATABASE_URL: 'mysql://localhost/nazar', NAZAR_PORT: '0' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /NAZAR_DATABASE_URL .*unknown scheme/);
  });

  it('nazar-server --help prints usage', () => {
    const result = spawnSync(process.execPath, ['bin/nazar-server.mjs', '--help'], { cwd: PACKAGE_DIR, encoding: 'utf8', timeout: 15_000 });
    assert.equal(result.status, 0);
    assert.match(result.stdout, /Usage: nazar-server/);
    assert.match(result.stdout, /NAZAR_DATABASE_URL/);
    assert.match(result.stdout, /NAZAR_ADMIN_TOKEN/);
  });
});

/**
 * Limits on the real Node server: body size (declared and chunked), the per-address submission
 * limit with Retry-After, and request logs without secrets or contact details.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { IDEMPOTENCY_KEY_HEADER, ROUTES } from '@nazar/protocol';
import type { LogRecord } from './app.js';
import { createMemoryStore } from '../store/memory/store.js';
import { createNodeServer, type NodeServer } from '../node/server.js';

const TOKEN = 'limits-test-admin-token-0123456789';

function send(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; chunks?: string[] } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    for (const c of opts.chunks ?? []) req.write(c);
    req.end();
  });
}

describe('limits on the Node server', () => {
  const logs: LogRecord[] = [];
  let node: NodeServer;
  before(async () => {
    node = await createNodeServer({
      store: createMemoryStore({ services: [{ id: 'svc', title: 'S' }] }),
      allowedOrigins: [],
      elementsDir: null,
      demoDir: null,
      adminToken: TOKEN,
      submitRateLimit: { perMinute: 60, burst: 4 },
      logger: { info: (r) => logs.push(r), error: (r) => logs.push(r) },
    });
  });
  after(() => node.close());

  const json = { 'Content-Type': 'application/json' };

  it('refuses bodies over 64 KB with 413, whether declared or chunked, and still answers', async () => {
    const big = JSON.stringify({ rating: 3, text: 'a'.repeat(70_000) });
    const declared = await send(node.port, ROUTES.feedback.path('svc'), {
      method: 'POST',
      headers: { ...json, [IDEMPOTENCY_KEY_HEADER]: 'big-declared-1', 'Content-Length': String(Buffer.byteLength(big)) },
      chunks: [big],
    });
    assert.equal(declared.status, 413);
    const chunked = await send(node.port, ROUTES.feedback.path('svc'), {
      method: 'POST',
      headers: { ...json, [IDEMPOTENCY_KEY_HEADER]: 'big-chunked-1', 'Transfer-Encoding': 'chunked' },
      chunks: [big.slice(0, 40_000), big.slice(40_000)],
    });
    assert.equal(chunked.status, 413);
    assert.equal(JSON.parse(chunked.body).code, 'payload-too-large');
    const small = await send(node.port, ROUTES.feedback.path('svc'), {
      method: 'POST',
      headers: { ...json, [IDEMPOTENCY_KEY_HEADER]: 'small-chunked-1', 'Transfer-Encoding': 'chunked' },
      chunks: ['{"rating":', '4, "contact": "09151234567"}'],
    });
    assert.equal(small.status, 201, small.body);
  });

  it('limits submissions per client address: 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: unknown;
    for (let i = 0; i < 6; i++) {
      const r = await send(node.port, ROUTES.feedback.path('svc'), {
        method: 'POST',
        headers: { ...json, [IDEMPOTENCY_KEY_HEADER]: `rate-key-${i}-xxxx` },
        chunks: ['{"rating":2}'],
      });
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.headers['retry-after'];
    }
    assert.ok(statuses.includes(429), statuses.join(','));
    assert.match(String(retryAfter), /^\d+$/);
  });

  it('logs one JSON line per request without tokens, query strings, tracking codes or contacts', async () => {
    await send(node.port, '/v1/admin/feedback?status=received', { headers: { Authorization: `Bearer ${TOKEN}` } });
    await send(node.port, ROUTES.tracking.path('1234567897'));
    const text = JSON.stringify(logs);
    assert.ok(
      logs.some((l) => l.msg === 'request' && l.path === '/v1/admin/feedback' && l.status === 200),
      'admin request logged',
    );
    assert.ok(
      !text.includes(TOKEN) && !text.includes('status=received') && !text.includes('1234567897') && !text.includes('09151234567'),
      text,
    );
  });
});

describe('request bodies on the Node server', () => {
  let node: NodeServer;
  before(async () => {
    node = await createNodeServer({
      store: createMemoryStore({ services: [{ id: 'svc', title: 'S' }] }),
      allowedOrigins: [],
      elementsDir: null,
      demoDir: null,
      submitRateLimit: false,
      logger: { info() {}, error() {} },
    });
  });
  after(() => node.close());

  it('reads a declared body whether it comes with its headers or in pieces after them', async () => {
    const body = Buffer.from(JSON.stringify({ rating: 5, text: 'صف نوبت‌دهی طولانی بود' }));
    /** One request on a raw socket, its bytes written in the pieces given; the status line back. */
    const raw = (pieces: Buffer[]) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(node.port, '127.0.0.1');
        let answer = '';
        socket.on('data', (d: Buffer) => {
          answer += d.toString('latin1');
          if (answer.includes('\r\n')) {
            socket.destroy();
            resolve(answer.slice(0, answer.indexOf('\r\n')));
          }
        });
        socket.on('error', reject);
        void (async () => {
          // After the first piece (the headers), each waits until the server has begun the request.
          const [first, ...rest] = pieces;
          const begun = new Promise<void>((done) => node.server.once('request', () => done()));
          socket.write(first);
          if (rest.length > 0) await begun;
          for (const piece of rest) await new Promise<void>((done) => socket.write(piece, () => done()));
        })();
      });
    const head = (key: string) =>
      Buffer.from(
        `POST ${ROUTES.feedback.path('svc')} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `${IDEMPOTENCY_KEY_HEADER}: ${key}\r\nContent-Length: ${body.byteLength}\r\nConnection: close\r\n\r\n`,
      );
    assert.equal(await raw([Buffer.concat([head('whole-packet-1'), body])]), 'HTTP/1.1 201 Created');
    assert.equal(await raw([head('pieces-after-1'), body.subarray(0, 7), body.subarray(7, 30), body.subarray(30)]), 'HTTP/1.1 201 Created');
  });
});

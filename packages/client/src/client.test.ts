import { isValidTrackingCode, ROUTES } from '@nazar/protocol';
import { ServiceSummary } from '@nazar/protocol';
import { createClient, getJson } from './client.js';
import { prefetchJson } from './prefetch.js';
import { API, problemJson, SERVICE, testServer } from '@nazar/testing/client-server';
import { assert, deepEqual, equal, until } from '@nazar/testing/client-helpers';

describe('createClient', () => {
  const server = testServer();
  const client = createClient({ api: API });

  async function submitFeedback(rating = 4): Promise<string> {
    const res = await fetch(API.replace(/\/$/, '') + ROUTES.feedback.path(SERVICE), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ rating }),
    });
    equal(res.status, 201);
    return (await res.json()).trackingCode;
  }

  it('reads a service summary, checked against the protocol', async () => {
    await submitFeedback(4);
    await submitFeedback(2);
    const r = await client.getService(SERVICE);
    assert(r.ok, JSON.stringify(r));
    equal(r.data.id, SERVICE);
    equal(r.data.count, 2);
    equal(r.data.mean, 3);
    deepEqual(r.data.distribution, [0, 1, 0, 1, 0]);
    equal(server.seen[2].url, 'https://nazar.example/v1/services/birth-certificate');
  });

  it('takes a read the loader started only for the same URL and headers, once', async () => {
    const path = ROUTES.service.path(SERVICE);
    const reads = () => server.seen.filter((r) => r.method === 'GET').length;
    const voter = { 'Nazar-Voter': 'voter-key-one' };
    prefetchJson(API, path, voter);
    await until(() => reads() === 1, 3000, 'the prefetch reached the network');
    // Other headers: not that read (a poll's answer depends on who asks).
    assert((await getJson({ api: API }, path, ServiceSummary, { 'Nazar-Voter': 'voter-key-two' })).ok);
    equal(reads(), 2);
    equal(server.seen.at(-1)!.headers['nazar-voter'], 'voter-key-two');
    // The same headers: the started read, no new request.
    assert((await getJson({ api: API }, path, ServiceSummary, voter)).ok);
    equal(reads(), 2);
    // Taken once: the next read goes to the network.
    assert((await getJson({ api: API }, path, ServiceSummary, voter)).ok);
    equal(reads(), 3);
  });

  it('looks up a tracking code', async () => {
    const code = await submitFeedback(5);
    assert(isValidTrackingCode(code));
    const r = await client.lookupTracking(code);
    assert(r.ok, JSON.stringify(r));
    equal(r.data.trackingCode, code);
    assert(r.data.kind === 'feedback', 'a feedback submission');
    equal(r.data.status, 'received');
    equal(r.data.subject.id, SERVICE);
    equal(r.data.answer, null);
  });

  it('passes on the server problem for a 4xx', async () => {
    // A service not registered yet is not a 4xx (the county's console stays clean): an empty summary.
    const r = await client.getService('no-such-service');
    assert(r.ok);
    equal(r.data.registered, false);
    equal(r.data.count, 0);
    const t = await client.lookupTracking('1234567890');
    assert(!t.ok);
    equal(t.problem.code, 'validation');
    equal(t.status, 400);
  });

  it('calls a malformed 2xx a bad-response', async () => {
    server.handler = () => Response.json({ id: SERVICE, title: 'x' });
    const r = await client.getService(SERVICE);
    assert(!r.ok);
    equal(r.status, 200);
    equal(r.problem.code, 'bad-response');
    server.handler = () => new Response('<html>portal maintenance</html>', { headers: { 'Content-Type': 'text/html' } });
    const h = await client.getService(SERVICE);
    assert(!h.ok);
    equal(h.problem.code, 'bad-response');
  });

  it('maps a non-problem error body to a problem with that status', async () => {
    server.handler = () => new Response('<h1>Bad Gateway</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } });
    const r = await client.getService(SERVICE);
    assert(!r.ok);
    equal(r.status, 502);
    equal(r.problem.status, 502);
    equal(r.problem.code, 'internal');
    server.handler = () => Response.json({ error: 'slow down' }, { status: 429 });
    const q = await client.getService(SERVICE);
    assert(!q.ok);
    equal(q.status, 429);
    equal(q.problem.code, 'rate-limited');
    server.handler = () => problemJson(503, 'unavailable');
    const u = await client.getService(SERVICE);
    assert(!u.ok);
    equal(u.problem.code, 'unavailable');
  });

  it('gives status 0 and network when there is no answer, never throwing', async () => {
    server.handler = server.offline;
    const r = await client.getService(SERVICE);
    assert(!r.ok);
    equal(r.status, 0);
    equal(r.problem.code, 'network');
    const thrower = createClient({ api: API, fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    const t = await thrower.lookupTracking('1234567890');
    assert(!t.ok);
    equal(t.problem.code, 'network');
  });

  it('gives timeout when the answer is too slow', async () => {
    // The server answers only when the test lets it: the timeout must come first.
    let answer = () => {};
    let answered = false;
    server.handler = async (req) => {
      await new Promise<void>((r) => (answer = r));
      answered = true;
      return server.online(req);
    };
    const slow = createClient({ api: API, timeoutMs: 50 });
    const r = await slow.getService(SERVICE);
    assert(!answered, 'did not wait for the slow answer');
    answer();
    assert(!r.ok);
    equal(r.status, 0);
    equal(r.problem.code, 'timeout');
  });

  it('joins the base URL with or without a trailing slash or a path prefix', async () => {
    const urls: string[] = [];
    const spy: typeof fetch = async (input) => {
      urls.push(input instanceof Request ? input.url : input.toString());
      return Response.json({});
    };
    await createClient({ api: 'https://a.example', fetch: spy }).getService('x');
    await createClient({ api: 'https://a.example/nazar/', fetch: spy }).getService('x y');
    deepEqual(urls, ['https://a.example/v1/services/x', 'https://a.example/nazar/v1/services/x%20y']);
  });
});

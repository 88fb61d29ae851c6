/**
 * The HTTP app through `app.request()`, against every store.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  FEEDBACK_CATEGORIES,
  FeedbackAccepted,
  Health,
  LIMITS,
  Problem,
  ServiceSummary,
  TrackingLookup,
  toPersianDigits,
  withCheckDigit,
  type FieldError,
} from '@nazar/protocol';
import type { Hono } from 'hono';
import { createApp, type LogRecord } from './app.js';
import type { SqliteStore } from '../store/sqlite/store.js';
import { STORE_FACTORIES, type StoreUnderTest } from '../../test/support.js';

const ORIGIN = 'https://county.example';
const OTHER_ORIGIN = 'https://elsewhere.example';
const FEEDBACK_PATH = '/v1/services/svc/feedback';

let keyCounter = 0;
const newKey = () => `test-key-${process.pid}-${++keyCounter}-${Math.random().toString(36).slice(2)}`;

interface PostOptions {
  key?: string | null;
  origin?: string;
  contentType?: string | null;
  headers?: Record<string, string>;
}

async function post(app: Hono, path: string, body: unknown, opts: PostOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.contentType !== null) headers['Content-Type'] = opts.contentType ?? 'application/json';
  const key = opts.key === undefined ? newKey() : opts.key;
  if (key !== null) headers['Idempotency-Key'] = key;
  if (opts.origin) headers['Origin'] = opts.origin;
  const raw: BodyInit = typeof body === 'string' ? body : body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body);
  return app.request(path, { method: 'POST', body: raw, headers });
}

async function expectProblem(res: Response, status: number, code: string, errors?: Partial<FieldError>[]): Promise<Problem> {
  const text = await res.text();
  assert.equal(res.status, status, `status for ${text}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = Problem.parse(JSON.parse(text));
  assert.equal(body.code, code, text);
  assert.equal(body.status, status);
  for (const expected of errors ?? []) {
    assert.ok(
      body.errors?.some((e) => Object.entries(expected).every(([k, v]) => (e as Record<string, unknown>)[k] === v)),
      `expected error ${JSON.stringify(expected)} in ${text}`,
    );
  }
  return body;
}

for (const factory of STORE_FACTORIES) {
  describe(`app on the ${factory.name} store`, { skip: factory.skip }, () => {
    let sut: StoreUnderTest;
    let app: Hono;
    let logged: LogRecord[];

    beforeEach(async () => {
      sut = factory.open();
      logged = [];
      app = createApp(sut.store, {
        allowedOrigins: [ORIGIN],
        logger: { info: (r) => logged.push(r), error: (r) => logged.push(r) },
      });
      await sut.store.ensureService({ id: 'svc', title: 'صدور مجوز', categories: ['speed', 'staff', 'clarity'] });
    });
    afterEach(async () => {
      await sut.dispose();
    });

    it('accepts feedback, and the tracking lookup shows it without the contact', async () => {
      const res = await post(app, FEEDBACK_PATH, {
        rating: 4,
        categories: ['speed', 'staff'],
        text: '  کارمند با حوصله بود\u202e  ',
        contact: '09151234567',
        locale: 'fa',
      });
      assert.equal(res.status, 201);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(res.headers.get('idempotency-replayed'), null);
      const accepted = FeedbackAccepted.parse(await res.json());
      assert.equal(accepted.serviceId, 'svc');
      assert.equal(accepted.status, 'received');
      assert.equal(res.headers.get('location'), `/v1/tracking/${accepted.trackingCode}`);

      const record = await sut.store.getFeedbackRecord(accepted.trackingCode);
      assert.equal(record?.feedback.text, 'کارمند با حوصله بود');
      assert.deepEqual(record?.feedback.categories, ['speed', 'staff']);

      const lookup = await app.request(`/v1/tracking/${accepted.trackingCode}`);
      assert.equal(lookup.status, 200);
      assert.equal(lookup.headers.get('cache-control'), 'no-store');
      const text = await lookup.text();
      assert.ok(!text.includes('09151234567'), 'the contact must never be returned');
      assert.ok(!text.includes('9151234567'));
      const tracked = TrackingLookup.parse(JSON.parse(text));
      assert.equal(tracked.trackingCode, accepted.trackingCode);
      assert.equal(tracked.kind, 'feedback');
      assert.equal(tracked.status, 'received');
      assert.deepEqual(tracked.subject, { type: 'service', id: 'svc', title: 'صدور مجوز' });
      assert.equal(tracked.answer, null);
      assert.equal(tracked.createdAt, accepted.createdAt);
    });

    it('shows an official answer in the tracking lookup', async () => {
      const res = await post(app, FEEDBACK_PATH, { rating: 2 });
      const { trackingCode } = FeedbackAccepted.parse(await res.json());
      await sut.store.updateSubmissionStatus(trackingCode, { status: 'answered', answer: 'رسیدگی شد' });
      const tracked = TrackingLookup.parse(await (await app.request(`/v1/tracking/${trackingCode}`)).json());
      assert.equal(tracked.status, 'answered');
      assert.equal(tracked.answer?.text, 'رسیدگی شد');
    });

    it('reads tracking codes in any digit script and with separators', async () => {
      const { trackingCode } = FeedbackAccepted.parse(await (await post(app, FEEDBACK_PATH, { rating: 5 })).json());
      const spaced = `${toPersianDigits(trackingCode.slice(0, 4))} ${toPersianDigits(trackingCode.slice(4))}`;
      const res = await app.request(`/v1/tracking/${encodeURIComponent(spaced)}`);
      assert.equal(res.status, 200);
      assert.equal((await res.json()).trackingCode, trackingCode);

      const wrongCheckDigit = trackingCode.slice(0, 9) + String((Number(trackingCode[9]) + 1) % 10);
      await expectProblem(await app.request(`/v1/tracking/${wrongCheckDigit}`), 400, 'validation', [{ field: 'code', code: 'invalid' }]);
      await expectProblem(await app.request('/v1/tracking/abc'), 400, 'validation', [{ field: 'code' }]);
      let unknown = withCheckDigit('100000000');
      if (unknown === trackingCode) unknown = withCheckDigit('100000001');
      await expectProblem(await app.request(`/v1/tracking/${unknown}`), 404, 'not-found');
    });

    it('updates the service summary', async () => {
      const before = ServiceSummary.parse(await (await app.request('/v1/services/svc')).json());
      assert.deepEqual(before, {
        id: 'svc',
        registered: true,
        title: 'صدور مجوز',
        categories: ['speed', 'staff', 'clarity'],
        count: 0,
        mean: null,
        distribution: [0, 0, 0, 0, 0],
      });
      for (const rating of [5, 4, 4]) assert.equal((await post(app, FEEDBACK_PATH, { rating })).status, 201);
      const after = ServiceSummary.parse(await (await app.request('/v1/services/svc')).json());
      assert.equal(after.count, 3);
      assert.equal(after.mean, 4.33);
      assert.deepEqual(after.distribution, [0, 0, 0, 2, 1]);

      // Not registered yet: an empty summary, not a 404 (which a county's console would show as an error).
      const ghost = await app.request('/v1/services/ghost');
      assert.equal(ghost.status, 200);
      assert.deepEqual(ServiceSummary.parse(await ghost.json()), {
        id: 'ghost',
        registered: false,
        title: '',
        categories: [...FEEDBACK_CATEGORIES],
        count: 0,
        mean: null,
        distribution: [0, 0, 0, 0, 0],
      });
      await expectProblem(await app.request('/v1/services/bad%20id'), 400, 'validation', [{ field: 'id' }]);
    });

    it('50 concurrent POSTs with one key make one row and 50 identical answers', async () => {
      const key = newKey();
      const body = { rating: 3, categories: ['clarity'], text: 'یک بار', contact: 'a@b.example' };
      const responses = await Promise.all(Array.from({ length: 50 }, () => post(app, FEEDBACK_PATH, body, { key })));
      const texts = await Promise.all(responses.map((r) => r.text()));
      assert.deepEqual(new Set(responses.map((r) => r.status)), new Set([201]));
      assert.equal(new Set(texts).size, 1, 'all answers identical');
      assert.equal(responses.filter((r) => r.headers.get('idempotency-replayed') === 'true').length, 49);
      assert.equal(await sut.countRows(), 1);
      assert.equal((await sut.store.ratingSummary('svc')).count, 1);
    });

    it('replays the first answer for the same key and body, refuses another body', async () => {
      const key = newKey();
      const body = { rating: 5, text: 'عالی', categories: ['speed'] };
      const first = await post(app, FEEDBACK_PATH, body, { key });
      const firstText = await first.text();
      // Same data with keys in another order: the same canonical body.
      const again = await post(app, FEEDBACK_PATH, { categories: ['speed'], text: 'عالی', rating: 5 }, { key });
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotency-replayed'), 'true');
      assert.equal(await again.text(), firstText);

      await expectProblem(await post(app, FEEDBACK_PATH, { ...body, rating: 1 }, { key }), 422, 'idempotency-conflict');
      await sut.store.ensureService({ id: 'svc2', title: 'دیگر' });
      await expectProblem(await post(app, '/v1/services/svc2/feedback', body, { key }), 422, 'idempotency-conflict');
      assert.equal(await sut.countRows(), 1);
    });

    it('requires a well-formed Idempotency-Key', async () => {
      await expectProblem(await post(app, FEEDBACK_PATH, { rating: 5 }, { key: null }), 400, 'idempotency-key-required');
      await expectProblem(await post(app, FEEDBACK_PATH, { rating: 5 }, { key: 'short' }), 400, 'validation', [
        { field: 'Idempotency-Key', code: 'invalid' },
      ]);
      await expectProblem(await post(app, FEEDBACK_PATH, { rating: 5 }, { key: 'x'.repeat(200) }), 400, 'validation', [
        { field: 'Idempotency-Key' },
      ]);
      assert.equal(await sut.countRows(), 0);
    });

    it('a refused request does not use up its key', async () => {
      const key = newKey();
      await expectProblem(await post(app, FEEDBACK_PATH, { rating: 9 }, { key }), 400, 'validation');
      assert.equal((await post(app, FEEDBACK_PATH, { rating: 4 }, { key })).status, 201);
    });

    it('counts text in user-perceived characters after cleaning', async () => {
      const persian2000 = 'س'.repeat(2000);
      assert.equal((await post(app, FEEDBACK_PATH, { rating: 5, text: persian2000 })).status, 201);
      // 1,999 letters and one family emoji (8 UTF-16 units, 5 code points) are 2,000 characters.
      const withEmoji = 'س'.repeat(1999) + '👨‍👩‍👧‍👦';
      assert.equal((await post(app, FEEDBACK_PATH, { rating: 5, text: withEmoji })).status, 201);
      // Bidi controls are removed before counting.
      assert.equal((await post(app, FEEDBACK_PATH, { rating: 5, text: persian2000 + '\u202e\u2066' })).status, 201);
      await expectProblem(await post(app, FEEDBACK_PATH, { rating: 5, text: persian2000 + '👍🏽' }), 400, 'validation', [
        { field: 'text', code: 'too-long', limit: LIMITS.feedbackText },
      ]);
    });

    const badInputs: {
      name: string;
      body: unknown;
      opts?: PostOptions;
      path?: string;
      status: number;
      code: string;
      errors?: Partial<FieldError>[];
    }[] = [
      { name: 'not JSON', body: '{rating: 5', status: 400, code: 'malformed-json' },
      { name: 'empty body', body: '', status: 400, code: 'malformed-json' },
      { name: 'invalid UTF-8', body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), status: 400, code: 'malformed-json' },
      { name: 'an array', body: '[]', status: 400, code: 'validation', errors: [{ field: '', code: 'invalid' }] },
      { name: 'null', body: 'null', status: 400, code: 'validation', errors: [{ field: '', code: 'invalid' }] },
      { name: 'a string', body: '"5"', status: 400, code: 'validation', errors: [{ field: '' }] },
      { name: 'no rating', body: {}, status: 400, code: 'validation', errors: [{ field: 'rating', code: 'required' }] },
      {
        name: 'rating 0',
        body: { rating: 0 },
        status: 400,
        code: 'validation',
        errors: [{ field: 'rating', code: 'out-of-range', limit: 1 }],
      },
      {
        name: 'rating 6',
        body: { rating: 6 },
        status: 400,
        code: 'validation',
        errors: [{ field: 'rating', code: 'out-of-range', limit: 5 }],
      },
      { name: 'rating 2.5', body: { rating: 2.5 }, status: 400, code: 'validation', errors: [{ field: 'rating', code: 'invalid' }] },
      { name: 'rating "5"', body: { rating: '5' }, status: 400, code: 'validation', errors: [{ field: 'rating', code: 'invalid' }] },
      { name: 'rating null', body: { rating: null }, status: 400, code: 'validation', errors: [{ field: 'rating', code: 'invalid' }] },
      { name: 'rating 1e400', body: '{"rating": 1e400}', status: 400, code: 'validation', errors: [{ field: 'rating' }] },
      {
        name: 'text of 2,001 graphemes',
        body: { rating: 5, text: 'ب'.repeat(2001) },
        status: 400,
        code: 'validation',
        errors: [{ field: 'text', code: 'too-long', limit: 2000 }],
      },
      {
        name: 'raw text far over the limit',
        body: { rating: 5, text: 'a'.repeat(10_000) },
        status: 400,
        code: 'validation',
        errors: [{ field: 'text', code: 'too-long', limit: 2000 }],
      },
      {
        name: 'text a number',
        body: { rating: 5, text: 5 },
        status: 400,
        code: 'validation',
        errors: [{ field: 'text', code: 'invalid' }],
      },
      {
        name: 'unknown category',
        body: { rating: 5, categories: ['weather'] },
        status: 400,
        code: 'validation',
        errors: [{ field: 'categories.0', code: 'unknown-category' }],
      },
      {
        name: 'a category the service does not offer',
        body: { rating: 5, categories: ['speed', 'cost'] },
        status: 400,
        code: 'validation',
        errors: [{ field: 'categories.1', code: 'unknown-category' }],
      },
      {
        name: 'duplicate categories',
        body: { rating: 5, categories: ['speed', 'staff', 'speed'] },
        status: 400,
        code: 'validation',
        errors: [{ field: 'categories.2', code: 'duplicate' }],
      },
      {
        name: 'categories not an array',
        body: { rating: 5, categories: 'speed' },
        status: 400,
        code: 'validation',
        errors: [{ field: 'categories', code: 'invalid' }],
      },
      {
        name: 'unknown fields',
        body: { rating: 5, name: 'علی', __proto__x: 1 },
        status: 400,
        code: 'validation',
        errors: [
          { field: 'name', code: 'unknown-field' },
          { field: '__proto__x', code: 'unknown-field' },
        ],
      },
      {
        name: '__proto__ key',
        body: '{"rating":5,"__proto__":{"admin":true}}',
        status: 400,
        code: 'validation',
        errors: [{ field: '__proto__', code: 'unknown-field' }],
      },
      {
        name: 'invalid contact',
        body: { rating: 5, contact: 'call me' },
        status: 400,
        code: 'validation',
        errors: [{ field: 'contact', code: 'invalid-contact' }],
      },
      {
        name: 'short phone number',
        body: { rating: 5, contact: '0915123' },
        status: 400,
        code: 'validation',
        errors: [{ field: 'contact', code: 'invalid-contact' }],
      },
      {
        name: 'unknown locale',
        body: { rating: 5, locale: 'de' },
        status: 400,
        code: 'validation',
        errors: [{ field: 'locale', code: 'invalid' }],
      },
      { name: 'several faults at once', body: { rating: 7, contact: 'x' }, status: 400, code: 'validation', errors: [{ field: 'rating' }] },
      { name: 'text/plain', body: { rating: 5 }, opts: { contentType: 'text/plain' }, status: 415, code: 'unsupported-media-type' },
      {
        name: 'no content type',
        body: new TextEncoder().encode('{"rating":5}'),
        opts: { contentType: null },
        status: 415,
        code: 'unsupported-media-type',
      },
      {
        name: 'form encoding',
        body: 'rating=5',
        opts: { contentType: 'application/x-www-form-urlencoded' },
        status: 415,
        code: 'unsupported-media-type',
      },
      {
        name: 'another charset',
        body: { rating: 5 },
        opts: { contentType: 'application/json; charset=latin1' },
        status: 415,
        code: 'unsupported-media-type',
      },
      { name: '65 KB body', body: { rating: 5, text: 'a'.repeat(65 * 1024) }, status: 413, code: 'payload-too-large' },
      {
        name: 'declared Content-Length over the limit',
        body: { rating: 5 },
        opts: { headers: { 'Content-Length': String(LIMITS.bodyBytes + 1) } },
        status: 413,
        code: 'payload-too-large',
      },
      {
        name: 'malformed service id',
        body: { rating: 5 },
        path: '/v1/services/bad%20id!/feedback',
        status: 400,
        code: 'validation',
        errors: [{ field: 'id', code: 'invalid' }],
      },
      { name: 'unknown route', body: { rating: 5 }, path: '/v1/nothing', status: 404, code: 'not-found' },
    ];

    for (const bad of badInputs) {
      it(`refuses ${bad.name} with a problem`, async () => {
        const res = await post(app, bad.path ?? FEEDBACK_PATH, bad.body, bad.opts);
        await expectProblem(res, bad.status, bad.code, bad.errors);
        assert.equal(await sut.countRows(), 0);
      });
    }

    it('refuses a 65 KB streamed body without a Content-Length', async () => {
      const chunk = new TextEncoder().encode('a'.repeat(1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          // An endless body: the app must stop reading past the limit.
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const res = await app.request(FEEDBACK_PATH, {
        method: 'POST',
        body: stream,
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
        duplex: 'half',
      } as RequestInit);
      await expectProblem(res, 413, 'payload-too-large');
      assert.ok(sent < LIMITS.bodyBytes * 2, `read ${sent} bytes`);
    });

    it('treats a body that breaks off as the client’s fault, not a bug', async () => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"rating":'));
          controller.error(new Error('connection reset'));
        },
      });
      const res = await app.request(FEEDBACK_PATH, {
        method: 'POST',
        body: stream,
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
        duplex: 'half',
      } as RequestInit);
      await expectProblem(res, 400, 'malformed-json');
      assert.deepEqual(logged, []);
    });

    it('answers unknown routes with 404 and wrong methods with 405', async () => {
      await expectProblem(await app.request('/nope'), 404, 'not-found');
      await expectProblem(await app.request('/v1/services/svc/feedback/extra'), 404, 'not-found');
      const put = await app.request(FEEDBACK_PATH, { method: 'PUT', body: '{}' });
      assert.equal(put.headers.get('allow'), 'POST, OPTIONS');
      await expectProblem(put, 405, 'method-not-allowed');
      await expectProblem(await app.request(FEEDBACK_PATH), 405, 'method-not-allowed');
      await expectProblem(await app.request('/v1/services/svc', { method: 'DELETE' }), 405, 'method-not-allowed');
      await expectProblem(await app.request('/healthz', { method: 'POST' }), 405, 'method-not-allowed');
    });

    it('reports health', async () => {
      const res = await app.request('/healthz');
      assert.equal(res.status, 200);
      assert.deepEqual(Health.parse(await res.json()), { status: 'ok', version: '0.1.0' });
      let draining = false;
      const drainingApp = createApp(sut.store, { allowedOrigins: [], isDraining: () => draining, version: '9.9.9' });
      draining = true;
      const d = await drainingApp.request('/healthz');
      assert.equal(d.status, 503);
      assert.deepEqual(await d.json(), { status: 'draining', version: '9.9.9' });
    });

    describe('CORS', () => {
      it('answers a preflight from an allowed origin', async () => {
        const res = await app.request(FEEDBACK_PATH, {
          method: 'OPTIONS',
          headers: {
            Origin: ORIGIN,
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'content-type, idempotency-key',
          },
        });
        assert.equal(res.status, 204);
        assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
        assert.match(res.headers.get('access-control-allow-headers') ?? '', /idempotency-key/i);
        assert.match(res.headers.get('access-control-allow-headers') ?? '', /content-type/i);
        assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
        assert.equal(res.headers.get('access-control-max-age'), '600');
        assert.equal(res.headers.get('access-control-allow-credentials'), null);
        assert.match(res.headers.get('vary') ?? '', /Origin/);
      });

      it('gives a disallowed origin no CORS headers', async () => {
        const pre = await app.request(FEEDBACK_PATH, {
          method: 'OPTIONS',
          headers: { Origin: OTHER_ORIGIN, 'Access-Control-Request-Method': 'POST' },
        });
        assert.equal(pre.headers.get('access-control-allow-origin'), null);
        assert.equal(pre.headers.get('access-control-allow-headers'), null);
        const get = await app.request('/v1/services/svc', { headers: { Origin: OTHER_ORIGIN } });
        assert.equal(get.status, 200);
        assert.equal(get.headers.get('access-control-allow-origin'), null);
        assert.match(get.headers.get('vary') ?? '', /Origin/);
      });

      it('allows an allowed origin to read answers and problems, with exposed headers', async () => {
        const ok = await post(app, FEEDBACK_PATH, { rating: 5 }, { origin: ORIGIN });
        assert.equal(ok.status, 201);
        assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
        assert.match(ok.headers.get('access-control-expose-headers') ?? '', /Idempotency-Replayed/);
        assert.match(ok.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
        const bad = await post(app, FEEDBACK_PATH, { rating: 0 }, { origin: ORIGIN });
        assert.equal(bad.headers.get('access-control-allow-origin'), ORIGIN);
        await expectProblem(bad, 400, 'validation');
        const missing = await app.request('/nope', { headers: { Origin: ORIGIN } });
        assert.equal(missing.headers.get('access-control-allow-origin'), ORIGIN);
        assert.equal(missing.headers.get('set-cookie'), null);
      });
    });

    describe('service registration', () => {
      const path = '/v1/services/new-service/feedback';

      it('registers an unknown service from an allowed origin, titled by its label', async () => {
        const res = await post(app, path, { rating: 4, serviceLabel: '  صدور   مجوز ساخت\u202e ' }, { origin: ORIGIN });
        assert.equal(res.status, 201);
        const service = await sut.store.getService('new-service');
        assert.equal(service?.title, 'صدور مجوز ساخت');
        assert.equal(service?.registeredOrigin, ORIGIN);
        const summary = ServiceSummary.parse(await (await app.request('/v1/services/new-service')).json());
        assert.equal(summary.count, 1);
        assert.equal(summary.title, 'صدور مجوز ساخت');
        // Later feedback needs no label, from anywhere.
        assert.equal((await post(app, path, { rating: 2 })).status, 201);
      });

      it('needs a label to register', async () => {
        await expectProblem(await post(app, path, { rating: 4 }, { origin: ORIGIN }), 400, 'validation', [
          { field: 'serviceLabel', code: 'required' },
        ]);
        await expectProblem(await post(app, path, { rating: 4, serviceLabel: '   ' }, { origin: ORIGIN }), 400, 'validation', [
          { field: 'serviceLabel', code: 'required' },
        ]);
        assert.equal(await sut.store.getService('new-service'), null);
      });

      it('refuses to register without an Origin or from another origin', async () => {
        await expectProblem(await post(app, path, { rating: 4, serviceLabel: 'X' }), 404, 'unknown-service');
        await expectProblem(await post(app, path, { rating: 4, serviceLabel: 'X' }, { origin: OTHER_ORIGIN }), 403, 'origin-not-allowed');
        await expectProblem(await post(app, path, { rating: 4, serviceLabel: 'X' }, { origin: 'null' }), 403, 'origin-not-allowed');
        assert.equal(await sut.store.getService('new-service'), null);
        assert.equal(await sut.countRows(), 0);
      });

      it('registers once when many first feedbacks race', async () => {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => post(app, path, { rating: 3, serviceLabel: `عنوان ${i}` }, { origin: ORIGIN })),
        );
        assert.deepEqual(new Set(results.map((r) => r.status)), new Set([201]));
        assert.equal((await sut.store.listServices()).filter((s) => s.id === 'new-service').length, 1);
        assert.equal((await sut.store.ratingSummary('new-service')).count, 10);
      });
    });

    it('normalises contacts: Persian-digit mobiles and e-mail case', async () => {
      const mobile = FeedbackAccepted.parse(await (await post(app, FEEDBACK_PATH, { rating: 5, contact: '۰۹۱۵ ۱۲۳ ۴۵۶۷' })).json());
      assert.deepEqual((await sut.store.getFeedbackRecord(mobile.trackingCode))?.feedback.contact, {
        kind: 'mobile',
        value: '09151234567',
      });
      const intl = FeedbackAccepted.parse(await (await post(app, FEEDBACK_PATH, { rating: 5, contact: '+98 915 123 4567' })).json());
      assert.deepEqual((await sut.store.getFeedbackRecord(intl.trackingCode))?.feedback.contact, { kind: 'mobile', value: '09151234567' });
      const email = FeedbackAccepted.parse(await (await post(app, FEEDBACK_PATH, { rating: 5, contact: ' Citizen@Example.IR ' })).json());
      assert.deepEqual((await sut.store.getFeedbackRecord(email.trackingCode))?.feedback.contact, {
        kind: 'email',
        value: 'citizen@example.ir',
      });
      const blank = FeedbackAccepted.parse(await (await post(app, FEEDBACK_PATH, { rating: 5, contact: '  ' })).json());
      assert.equal((await sut.store.getFeedbackRecord(blank.trackingCode))?.feedback.contact, null);
    });

    if (factory.name === 'sqlite') {
      it('turns a genuine failure into a logged 500 problem', async () => {
        // A real fault, not a mock: the database is closed under the app.
        (sut.store as SqliteStore).db.close();
        await expectProblem(await app.request('/v1/services/svc'), 500, 'internal');
        assert.equal(logged.length, 1);
        assert.equal(logged[0].msg, 'unhandled error');
        assert.match(String(logged[0].error), /not open/);
        const res = await post(app, FEEDBACK_PATH, { rating: 5, contact: '09151234567' });
        await expectProblem(res, 500, 'internal');
        assert.ok(!JSON.stringify(logged).includes('09151234567'), 'no contact in logs');
      });
    }
  });
}

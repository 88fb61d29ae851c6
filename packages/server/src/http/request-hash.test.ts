/**
 * The request hash behind idempotency: the same data gives the same hash whatever the key order,
 * and the Node fast path (one-shot node:crypto) gives exactly the hash of the portable path (Web
 * Crypto), so rows written by either are recognised by the other.
 */
import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { describe, it } from 'node:test';
import { canonicalJson, requestHash, useSyncSha256Hex } from './http.js';

describe('request hash', () => {
  const body = { text: 'صف طولانی بود', rating: 4, categories: ['speed', 'staff'], contact: { z: 1, a: [null, { y: true, b: 'x' }] } };
  const reordered = { contact: { a: [null, { b: 'x', y: true }], z: 1 }, categories: ['speed', 'staff'], rating: 4, text: 'صف طولانی بود' };

  it('canonical JSON sorts keys at every level and keeps array order', () => {
    assert.equal(
      canonicalJson(body),
      '{"categories":["speed","staff"],"contact":{"a":[null,{"b":"x","y":true}],"z":1},"rating":4,"text":"صف طولانی بود"}',
    );
    assert.equal(canonicalJson(reordered), canonicalJson(body));
    assert.notEqual(canonicalJson({ categories: ['staff', 'speed'] }), canonicalJson({ categories: ['speed', 'staff'] }));
    assert.equal(canonicalJson(undefined), 'null');
    assert.equal(canonicalJson({ a: undefined }), '{"a":null}');
  });

  it('the Node fast path and Web Crypto give the same hash', async () => {
    useSyncSha256Hex(null);
    const portable = await requestHash('POST /v1/services/x/feedback', body);
    useSyncSha256Hex((text) => hash('sha256', text, 'hex'));
    try {
      assert.equal(await requestHash('POST /v1/services/x/feedback', reordered), portable);
      assert.match(portable, /^[0-9a-f]{64}$/);
      assert.notEqual(await requestHash('POST /v1/services/y/feedback', body), portable);
    } finally {
      useSyncSha256Hex(null);
    }
  });
});

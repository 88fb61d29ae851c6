/**
 * Compression choices of the Node server (static-files.ts); the HTTP behaviour (ETags, 304s,
 * cache headers, compressed API reads) is tested over a real socket in node-server.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { gzipCached, gzipCacheSize, negotiateEncoding } from './static-files.js';

describe('compression', () => {
  it('picks Brotli, else gzip, as the browser accepts; q=0 refuses; * counts', () => {
    assert.equal(negotiateEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(negotiateEncoding('gzip'), 'gzip');
    assert.equal(negotiateEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(negotiateEncoding('BR;Q=0.1'), 'br');
    assert.equal(negotiateEncoding('identity'), null);
    assert.equal(negotiateEncoding('*'), 'br');
    assert.equal(negotiateEncoding('*, br;q=0'), 'gzip');
    assert.equal(negotiateEncoding(''), null);
    assert.equal(negotiateEncoding(null), null);
    assert.equal(negotiateEncoding('gzip;q=nonsense'), null);
  });

  it('compresses a large answer once and reuses it while the bytes are the same; bounded', async () => {
    const draft = (n: number) =>
      new TextEncoder().encode(
        JSON.stringify({ n, clauses: Array.from({ length: 600 }, (_, i) => `ماده ${i}: متن پیش‌نویس شماره ${n} برای آزمون`) }),
      );
    const a = draft(1);
    const first = await gzipCached(a);
    assert.equal(gunzipSync(first).toString(), new TextDecoder().decode(a));
    assert.equal(await gzipCached(new Uint8Array(a)), first, 'the same bytes: the kept compression');
    const other = await gzipCached(draft(2));
    assert.notEqual(other, first);
    assert.match(gunzipSync(other).toString(), /"n":2/);
    for (let n = 3; n < 100; n++) await gzipCached(draft(n));
    assert.ok(gzipCacheSize() <= 64, `${gzipCacheSize()} kept`);
    // Small answers are compressed each time, never kept.
    const before = gzipCacheSize();
    const small = new TextEncoder().encode('{"status":"ok"}'.repeat(100));
    assert.notEqual(await gzipCached(small), await gzipCached(small));
    assert.equal(gzipCacheSize(), before);
  });
});

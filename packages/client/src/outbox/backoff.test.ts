import fc from 'fast-check';
import { backoffDelay, BACKOFF_CAP_MS, parseRetryAfter } from './backoff.js';
import { between, equal } from '@nazar/testing/client-helpers';

describe('backoffDelay (full jitter)', () => {
  it('is random() times the exponential window', () => {
    equal(
      backoffDelay(0, () => 0.5),
      500,
    );
    equal(
      backoffDelay(1, () => 0.5),
      1000,
    );
    equal(
      backoffDelay(3, () => 0.25),
      2000,
    );
    equal(
      backoffDelay(2, () => 0.5, { baseMs: 100 }),
      200,
    );
  });

  it('covers the whole range from 0 to just under the window', () => {
    equal(
      backoffDelay(4, () => 0),
      0,
    );
    between(
      backoffDelay(4, () => 0.999999),
      15_999,
      16_000,
    );
    for (let i = 0; i < 200; i++) between(backoffDelay(4), 0, 16_000);
  });

  it('is capped at 5 minutes however many attempts', () => {
    equal(BACKOFF_CAP_MS, 300_000);
    equal(
      backoffDelay(9, () => 1),
      300_000,
    ); // 512 s window, capped
    equal(
      backoffDelay(1000, () => 1),
      300_000,
    );
    equal(
      backoffDelay(Number.POSITIVE_INFINITY, () => 1),
      300_000,
    );
    equal(
      backoffDelay(50, () => 0.5, { capMs: 10_000 }),
      5000,
    );
  });

  it('treats odd attempts and randoms sanely', () => {
    equal(
      backoffDelay(-3, () => 0.5),
      500,
    );
    equal(
      backoffDelay(Number.NaN, () => 0.5),
      500,
    );
    equal(
      backoffDelay(2, () => 7),
      4000,
    );
    equal(
      backoffDelay(2, () => -1),
      0,
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 28, 12, 0, 0);

  it('reads delay-seconds', () => {
    equal(parseRetryAfter('120', now), 120_000);
    equal(parseRetryAfter(' 0 ', now), 0);
  });

  it('reads an HTTP-date relative to now', () => {
    equal(parseRetryAfter('Sat, 28 Nov 2026 12:00:30 GMT', now), 30_000);
    equal(parseRetryAfter(new Date(now + 90_000).toUTCString(), now), 90_000);
  });

  it('gives 0 for a date in the past', () => {
    equal(parseRetryAfter('Sat, 28 Nov 2026 11:00:00 GMT', now), 0);
    equal(parseRetryAfter('Thu, 01 Jan 1970 00:00:00 GMT', now), 0);
  });

  it('gives null for missing or unreadable values', () => {
    equal(parseRetryAfter(null, now), null);
    equal(parseRetryAfter('', now), null);
    equal(parseRetryAfter('soon', now), null);
    equal(parseRetryAfter('-5', now), null);
    equal(parseRetryAfter('1.5', now), null);
  });
});

describe('backoff and Retry-After (properties, fast-check)', () => {
  it('full jitter: any attempt and any random() give a delay in [0, min(cap, base·2^attempt)), growing with random()', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r1, r2) => {
          const window = Math.min(BACKOFF_CAP_MS, 1000 * 2 ** attempt);
          const d1 = backoffDelay(attempt, () => r1);
          const d2 = backoffDelay(attempt, () => r2);
          between(d1, 0, window - 1);
          if (r1 <= r2) between(d1, 0, d2);
          return Number.isInteger(d1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('Retry-After as seconds or as the HTTP date that many seconds after a fake now: the same wait', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2090, 0, 1) / 1000 }),
        fc.integer({ min: 0, max: 7 * 24 * 3600 }),
        fc.integer({ min: 0, max: 999 }),
        (nowSeconds, seconds, ms) => {
          const now = nowSeconds * 1000 + ms; // a clock between two whole seconds
          equal(parseRetryAfter(String(seconds), now), seconds * 1000);
          // An HTTP date has whole seconds: the wait is counted from the exact fake now.
          const date = new Date(nowSeconds * 1000 + seconds * 1000).toUTCString();
          equal(parseRetryAfter(date, now), Math.max(0, seconds * 1000 - ms));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

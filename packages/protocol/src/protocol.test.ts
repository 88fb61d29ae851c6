import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  FEEDBACK_CATEGORIES,
  FEEDBACK_STATUSES,
  FeedbackAccepted,
  FeedbackSubmission,
  Problem,
  PROBLEM_CODES,
  ServiceSummary,
  TrackingLookup,
  cleanSubmittedText,
  generateTrackingCode,
  groupTrackingCode,
  isValidTrackingCode,
  normalizeContact,
  normalizeIranMobile,
  parseTrackingCode,
  problem,
  textLength,
  toLatinDigits,
  toPersianDigits,
  withCheckDigit,
} from './index.js';

const digitString = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
const validCode = digitString(9, 9)
  .filter((b) => b[0] !== '0')
  .map(withCheckDigit);
const toArabicIndic = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCodePoint(0x0660 + Number(d)));

describe('tracking codes', () => {
  it('generated codes are valid, 10 digits, never starting with 0', () => {
    for (let i = 0; i < 2000; i++) {
      const code = generateTrackingCode();
      assert.match(code, /^[1-9][0-9]{9}$/);
      assert.ok(isValidTrackingCode(code));
    }
  });

  it('catches every single-digit error', () => {
    fc.assert(
      fc.property(validCode, fc.nat(9), fc.integer({ min: 1, max: 9 }), (code, pos, delta) => {
        const wrong = code.slice(0, pos) + String((Number(code[pos]) + delta) % 10) + code.slice(pos + 1);
        assert.equal(parseTrackingCode(wrong), null);
      }),
      { numRuns: 5000 },
    );
  });

  it('catches every swap of neighbouring digits', () => {
    fc.assert(
      fc.property(validCode, fc.nat(8), (code, pos) => {
        fc.pre(code[pos] !== code[pos + 1]);
        const swapped = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
        assert.equal(parseTrackingCode(swapped), null);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads Persian, Arabic-Indic and Latin digits with spaces, dashes and bidi marks', () => {
    fc.assert(
      fc.property(validCode, fc.constantFrom(' ', '-', '\u200f', '\u200e', ' - ', '\u2066'), (code, sep) => {
        const grouped = groupTrackingCode(code).replace(/-/g, sep);
        assert.equal(parseTrackingCode(code), code);
        assert.equal(parseTrackingCode(toPersianDigits(grouped)), code);
        assert.equal(parseTrackingCode(toArabicIndic(grouped)), code);
        assert.equal(parseTrackingCode(` ${grouped} `), code);
      }),
    );
  });

  it('refuses wrong lengths and non-digits', () => {
    for (const bad of ['', '123', '12345678901', 'abcdefghij', '12345x7890']) assert.equal(parseTrackingCode(bad), null);
  });
});

describe('digits and text', () => {
  it('maps digits both ways without losing leading zeros', () => {
    fc.assert(fc.property(digitString(0, 20), (s) => assert.equal(toLatinDigits(toPersianDigits(s)), s)));
    assert.equal(toPersianDigits('09151234567'), '۰۹۱۵۱۲۳۴۵۶۷');
  });

  it('removes bidi overrides and keeps everything else, ZWNJ included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const clean = cleanSubmittedText(s);
        assert.doesNotMatch(clean, /[\u202a-\u202e\u2066-\u2069]/);
        assert.equal(cleanSubmittedText(clean), clean, 'idempotent');
      }),
    );
    assert.equal(cleanSubmittedText(' می‌خواهم\u202e کتاب‌ها '), 'می‌خواهم کتاب‌ها');
  });

  it('counts user-perceived characters', () => {
    assert.equal(textLength('سلام'), 4);
    assert.equal(textLength('👍🏽'), 1);
    assert.equal(textLength('👨‍👩‍👧'), 1);
  });
});

describe('contacts', () => {
  it('normalises Iranian mobiles from any form and digit script', () => {
    for (const input of [
      '09151234567',
      '۰۹۱۵ ۱۲۳ ۴۵۶۷',
      '٠٩١٥١٢٣٤٥٦٧',
      '+98 915 123 4567',
      '0098-915-123-4567',
      '9151234567',
      '98 915 1234567',
    ]) {
      assert.equal(normalizeIranMobile(input), '09151234567', input);
    }
    for (const input of ['0915123456', '08151234567', '+1 915 123 4567', '']) assert.equal(normalizeIranMobile(input), null, input);
  });

  it('normalises emails and refuses what is neither', () => {
    assert.deepEqual(normalizeContact(' Ali.Rezaei@Example.IR '), { kind: 'email', value: 'ali.rezaei@example.ir' });
    assert.deepEqual(normalizeContact('۰۹۱۵۱۲۳۴۵۶۷'), { kind: 'mobile', value: '09151234567' });
    for (const bad of ['', 'ali', 'ali@', '@x.ir', 'a b@c.ir', '0915']) assert.equal(normalizeContact(bad), null, bad);
  });
});

const iso = fc.date({ min: new Date('2020-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const arbitraries = {
  ServiceSummary: fc.record({
    id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
    registered: fc.boolean(),
    title: fc.string(),
    categories: fc.uniqueArray(fc.constantFrom(...FEEDBACK_CATEGORIES)),
    count: fc.nat(),
    mean: fc.option(fc.double({ min: 1, max: 5, noNaN: true })),
    distribution: fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.nat()),
  }),
  FeedbackSubmission: fc.record(
    {
      rating: fc.integer({ min: 1, max: 5 }),
      categories: fc.uniqueArray(fc.constantFrom(...FEEDBACK_CATEGORIES)),
      text: fc.string({ maxLength: 2000 }),
      contact: fc.string({ maxLength: 254 }),
      serviceLabel: fc.string({ maxLength: 200 }),
      locale: fc.constantFrom('fa' as const, 'en' as const, 'bal' as const),
    },
    { requiredKeys: ['rating'] },
  ),
  FeedbackAccepted: fc.record({
    trackingCode: validCode,
    status: fc.constantFrom(...FEEDBACK_STATUSES),
    serviceId: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
    createdAt: iso,
  }),
  TrackingLookup: fc.record({
    trackingCode: validCode,
    kind: fc.constant('feedback' as const),
    status: fc.constantFrom(...FEEDBACK_STATUSES),
    createdAt: iso,
    updatedAt: iso,
    subject: fc.record({ type: fc.constant('service' as const), id: fc.string(), title: fc.string() }),
    answer: fc.option(fc.record({ text: fc.string(), answeredAt: iso })),
  }),
  Problem: fc
    .record(
      { code: fc.constantFrom(...PROBLEM_CODES), status: fc.integer({ min: 400, max: 599 }), detail: fc.string() },
      { requiredKeys: ['code', 'status'] },
    )
    .map(({ code, status, detail }) => problem(code, status, detail === undefined ? {} : { detail })),
};
const schemas = { ServiceSummary, FeedbackSubmission, FeedbackAccepted, TrackingLookup, Problem };

describe('schemas round-trip through JSON', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(name, () => {
      fc.assert(
        fc.property(arbitraries[name as keyof typeof arbitraries] as fc.Arbitrary<unknown>, (value) => {
          const wire = JSON.parse(JSON.stringify(value));
          const parsed = schema.safeParse(wire);
          assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
          assert.deepEqual(parsed.data, wire);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('refuses what breaks the contract', () => {
    assert.equal(FeedbackSubmission.safeParse({ rating: 6 }).success, false);
    assert.equal(FeedbackSubmission.safeParse({ rating: 2.5 }).success, false);
    assert.equal(FeedbackSubmission.safeParse({ rating: 3, extra: 1 }).success, false);
    assert.equal(FeedbackSubmission.safeParse({ rating: 3, categories: ['weather'] }).success, false);
    assert.equal(FeedbackAccepted.safeParse({ trackingCode: '12', status: 'received', serviceId: 'x', createdAt: 'now' }).success, false);
  });
});

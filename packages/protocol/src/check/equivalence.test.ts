// The browser's shapes and the zod schemas are one contract: for any JSON, both accept or both
// refuse, an accepted value comes back the same, and a refused one gives the same field errors
// (what the citizen is told). Inputs are derived from each shape — values that fit it, values one
// step off it (a string one past its limit, an integer out of range, a missing or unknown key, a
// wrong type at any depth) — and go through JSON first, as a real answer or body does. A shape
// looser or stricter than its schema anywhere is found here, not in a citizen's browser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type * as z from 'zod/mini';
import * as schemas from '../index.js';
import * as shapes from './shapes.js';
import { issuesOf, safeParse, type Shape } from './shape.js';
import { issuesToFieldErrors } from './field-errors.js';

type Node = Parameters<typeof issuesOf>[0];

/** Mostly a value that fits, now and then one just off it: so large shapes are often right as a whole. */
const mostly = (fits: fc.Arbitrary<unknown>, off: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 40, arbitrary: fits }, { weight: 1, arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 1 }), ...off) });

/** Values that fit `s`, and values just off it, at any depth. */
function around(s: Node, depth = 0): fc.Arbitrary<unknown> {
  switch (s.k) {
    case 'opt':
      return fc.oneof(fc.constant(undefined), around(s.of, depth));
    case 'null':
      return fc.oneof(fc.constant(null), around(s.of, depth));
    case 'str': {
      const { re, len, max } = s;
      const fits = re
        ? fc.stringMatching(re).map((v) => (len === undefined ? v : v.padEnd(len, '0').slice(0, len)))
        : fc.string({ maxLength: Math.min(6, max ?? 6) });
      const off: fc.Arbitrary<unknown>[] = [fc.string({ maxLength: 6 })];
      if (re && len !== undefined) off.push(fc.stringMatching(re).map((v) => v.padEnd(len + 1, '1')));
      const limit = len ?? max;
      if (limit !== undefined) off.push(fc.integer({ min: limit - 1, max: limit + 1 }).map((n) => 'ب'.repeat(Math.max(0, n))));
      return mostly(fits, off);
    }
    case 'num': {
      const lo = s.min ?? -3;
      const hi = s.max ?? 3;
      const fits = s.int ? fc.integer({ min: lo, max: hi }) : fc.double({ noNaN: true, noDefaultInfinity: true, min: lo, max: hi });
      return mostly(fits, [fc.integer({ min: lo - 2, max: hi + 2 }), fc.constantFrom(2 ** 53, -(2 ** 53), 1e300, 0.5, -0, 4.5)]);
    }
    case 'bool':
      return mostly(fc.boolean(), []);
    case 'enum':
      return mostly(fc.constantFrom(...s.values), [fc.string({ maxLength: 4 })]);
    case 'arr': {
      const minLength = s.min ?? 0;
      const maxLength = Math.max(minLength, Math.min(s.max ?? 3, depth > 1 ? 1 : 3));
      const off = [fc.array(around(s.of, depth + 1), { minLength: s.max ?? 0, maxLength: (s.max ?? 0) + 1 })];
      if (s.min) off.push(fc.constant([]));
      return mostly(fc.array(around(s.of, depth + 1), { minLength, maxLength }), off);
    }
    case 'tuple':
      return mostly(fc.tuple(...s.items.map((item) => around(item, depth + 1))), [
        fc.array(fc.integer({ min: -1, max: 9 }), { maxLength: s.items.length + 2 }),
      ]);
    case 'rec':
      return mostly(fc.dictionary(fc.string({ maxLength: 3 }), around(s.of, depth + 1), { maxKeys: depth > 1 ? 1 : 3 }), []);
    case 'obj': {
      const props = Object.fromEntries(Object.entries(s.props).map(([key, node]) => [key, around(node, depth + 1)]));
      const keys = Object.keys(s.props);
      // Unknown keys, among them the names every object inherits (a shape must not take them for its own).
      const key = fc.oneof(
        fc.string({ maxLength: 4 }),
        fc.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'),
      );
      const extra = fc.dictionary(key, fc.jsonValue({ maxDepth: 0 }), { minKeys: 1, maxKeys: 2 });
      return mostly(fc.record(props), [
        fc.tuple(fc.record(props), extra).map(([value, more]) => ({ ...more, ...value })),
        fc.tuple(fc.record(props), fc.constantFrom(...keys)).map(([value, drop]) => {
          const out: Record<string, unknown> = { ...value };
          delete out[drop];
          return out;
        }),
      ]);
    }
    case 'union':
      return fc.oneof(...s.options.map((o) => around(o, depth)));
  }
}

/** As the wire carries it: `undefined` members vanish, `-0` becomes `0`. */
const overJson = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

const byField = (a: { field: string; code: string }, b: { field: string; code: string }) =>
  `${a.field} ${a.code}`.localeCompare(`${b.field} ${b.code}`);

type SafeParse = z.ZodMiniType['safeParse'];
const PAIRS: [string, { safeParse: SafeParse }, Shape<unknown>][] = [
  ['FieldError', schemas.FieldError, shapes.FieldError],
  ['Problem', schemas.Problem, shapes.Problem],
  ['ServiceSummary', schemas.ServiceSummary, shapes.ServiceSummary],
  ['FeedbackSubmission', schemas.FeedbackSubmission, shapes.FeedbackSubmission],
  ['FeedbackAccepted', schemas.FeedbackAccepted, shapes.FeedbackAccepted],
  ['Clause', schemas.Clause, shapes.Clause],
  ['StanceCounts', schemas.StanceCounts, shapes.StanceCounts],
  ['Consultation', schemas.Consultation, shapes.Consultation],
  ['Clauses', schemas.Consultation.shape.clauses, shapes.Clauses],
  ['CountsByClause', schemas.Consultation.shape.counts.shape.byClause, shapes.CountsByClause],
  ['CommentSubmission', schemas.CommentSubmission, shapes.CommentSubmission],
  ['CommentAccepted', schemas.CommentAccepted, shapes.CommentAccepted],
  ['CommentPage', schemas.CommentPage, shapes.CommentPage],
  ['PollResults', schemas.PollResults, shapes.PollResults],
  ['Poll', schemas.Poll, shapes.Poll],
  ['VoteSubmission', schemas.VoteSubmission, shapes.VoteSubmission],
  ['VoteAccepted', schemas.VoteAccepted, shapes.VoteAccepted],
  ['TrackingLookup', schemas.TrackingLookup, shapes.TrackingLookup],
];

describe('the browser shapes and the zod schemas', () => {
  for (const [name, schema, shape] of PAIRS) {
    it(`${name}: the same JSON accepted, the same value, the same field errors`, () => {
      let accepted = 0;
      let refused = 0;
      fc.assert(
        fc.property(around(shape).map(overJson), (input) => {
          const zod = schema.safeParse(input);
          const issues = issuesOf(shape, input);
          assert.equal(issues.length === 0, zod.success, `zod ${zod.success ? 'accepts' : 'refuses'}: ${JSON.stringify(issues)}`);
          if (zod.success) {
            accepted++;
            assert.deepEqual(safeParse(shape, input), { success: true, data: zod.data });
          } else {
            refused++;
            const ours = issuesToFieldErrors(issues, input).sort(byField);
            const theirs = issuesToFieldErrors(zod.error.issues, input).sort(byField);
            assert.deepEqual(ours, theirs);
          }
        }),
        { numRuns: 400 },
      );
      // Both sides of the line were tried, not only one.
      assert.ok(accepted >= 10 && refused >= 10, `${name}: ${accepted} accepted, ${refused} refused`);
    });
  }

  it('every zod schema the widgets read or send has a shape here', () => {
    const names = new Set(PAIRS.map(([n]) => n));
    for (const n of Object.keys(shapes)) assert.ok(names.has(n), `${n} has no equivalence test`);
  });
});

// The types are zod's too (a compile error here when they drift).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Same<A, B> = Equal<A, B> extends true ? true : [A, 'differs from', B];
export const typesAreZods: true[] = [
  true satisfies Same<shapes.FieldError, schemas.FieldError>,
  true satisfies Same<shapes.Problem, schemas.Problem>,
  true satisfies Same<shapes.ServiceSummary, schemas.ServiceSummary>,
  true satisfies Same<shapes.FeedbackSubmission, schemas.FeedbackSubmission>,
  true satisfies Same<shapes.FeedbackAccepted, schemas.FeedbackAccepted>,
  true satisfies Same<shapes.Clause, schemas.Clause>,
  true satisfies Same<shapes.StanceCounts, schemas.StanceCounts>,
  true satisfies Same<shapes.Consultation, schemas.Consultation>,
  true satisfies Same<shapes.CommentSubmission, schemas.CommentSubmission>,
  true satisfies Same<shapes.CommentAccepted, schemas.CommentAccepted>,
  true satisfies Same<shapes.CommentPage, schemas.CommentPage>,
  true satisfies Same<shapes.PublishedComment, schemas.PublishedComment>,
  true satisfies Same<shapes.PollResults, schemas.PollResults>,
  true satisfies Same<shapes.Poll, schemas.Poll>,
  true satisfies Same<shapes.VoteSubmission, schemas.VoteSubmission>,
  true satisfies Same<shapes.VoteAccepted, schemas.VoteAccepted>,
  true satisfies Same<shapes.TrackingLookup, schemas.TrackingLookup>,
  true satisfies Same<shapes.Disposition, schemas.Disposition>,
  true satisfies Same<shapes.Stance, schemas.Stance>,
  true satisfies Same<shapes.CommentStatus, schemas.CommentStatus>,
  true satisfies Same<shapes.DispositionOutcome, schemas.DispositionOutcome>,
  true satisfies Same<shapes.ConsultationKind, schemas.ConsultationKind>,
  true satisfies Same<shapes.FeedbackCategory, schemas.FeedbackCategory>,
  true satisfies Same<shapes.FeedbackStatus, schemas.FeedbackStatus>,
];

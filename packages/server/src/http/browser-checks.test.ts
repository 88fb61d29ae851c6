// A widget checks a body before its offline save with the protocol's zod-free `checkFeedback`,
// `checkComment` and `checkVote`; the server checks the same body with its zod schemas and the
// same rules. For any body a form can make — and any JSON at all — both must give the same field
// errors: a citizen is never told "saved" for what the server will refuse, nor refused what it
// would take.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  CONSULTATION_LIMITS,
  FEEDBACK_CATEGORIES,
  LIMITS,
  STANCES,
  checkComment,
  checkFeedback,
  checkVote,
  choiceRules,
  type FieldError,
  type Poll,
} from '@nazar/protocol';
import { checkFeedbackBody } from './routes/feedback.js';
import { checkCommentBody } from './routes/consultations.js';
import { checkVoteBody } from './routes/polls.js';

const sorted = (errors: FieldError[]) => [...errors].sort((a, b) => `${a.field} ${a.code}`.localeCompare(`${b.field} ${b.code}`));

/** Text as citizens type it: Persian and Latin, spaces, joiners, emoji, around a limit. */
function text(limit: number): fc.Arbitrary<string> {
  const unit = fc.constantFrom('ب', 'a', ' ', '\u200c', '👍🏽', '\n', '\u200b', 'ی');
  return fc.oneof(
    fc.string({ unit, maxLength: 12 }),
    fc.integer({ min: limit - 2, max: limit + 2 }).chain((n) => fc.string({ unit, minLength: n, maxLength: n })),
  );
}

const contact = fc.oneof(
  fc.constantFrom('', '  ', '۰۹۱۲۳۴۵۶۷۸۹', '09123456789', '+989123456789', 'a@b.ir', 'not a contact', '0912', 'x'.repeat(300)),
  fc.emailAddress(),
  fc.string({ maxLength: 14 }),
);

const sometimes = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 3 });

/** Drops `undefined` members, as JSON.stringify does on the way to the server. */
const overJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

const feedbackBody = fc
  .record({
    rating: sometimes(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(2.5))),
    categories: sometimes(fc.array(fc.oneof(fc.constantFrom(...FEEDBACK_CATEGORIES), fc.constant('nope')), { maxLength: 9 })),
    text: sometimes(text(LIMITS.feedbackText)),
    contact: sometimes(contact),
    serviceLabel: sometimes(text(LIMITS.serviceLabel)),
    locale: sometimes(fc.constantFrom('fa', 'en', 'bal', 'de')),
  })
  .map(overJson);

const commentBody = fc
  .record({
    clauseId: sometimes(fc.oneof(fc.constant(null), fc.constantFrom('c1', 'bad id', ''))),
    stance: sometimes(fc.constantFrom(...STANCES, 'maybe')),
    text: sometimes(text(CONSULTATION_LIMITS.commentText)),
    proposedText: sometimes(text(CONSULTATION_LIMITS.proposedText)),
    displayName: sometimes(text(CONSULTATION_LIMITS.displayName)),
    contact: sometimes(contact),
    locale: sometimes(fc.constantFrom('fa', 'en')),
  })
  .map(overJson);

const POLL: Pick<Poll, 'options' | 'mode' | 'maxChoices'> = {
  options: [
    { id: 'a', label: 'A' },
    { id: 'b', label: 'B' },
    { id: 'c', label: 'C' },
  ],
  mode: 'multiple',
  maxChoices: 2,
};

const voteBody = fc
  .record({
    optionIds: sometimes(
      fc.oneof(
        { weight: 3, arbitrary: fc.subarray(['a', 'b', 'c']) },
        fc.array(fc.constantFrom('a', 'b', 'c', 'z', 'bad id'), { maxLength: 22 }),
      ),
    ),
    voter: sometimes(
      fc.record({
        type: fc.constantFrom('device', 'device', 'signed'),
        key: fc.constantFrom('k'.repeat(16), 'k'.repeat(40), 'short', 'k'.repeat(129)),
      }),
    ),
  })
  .map(overJson);

/** What the server says of a vote for POLL: its body's checks, then the poll's. */
function serverVote(body: unknown): FieldError[] {
  const checked = checkVoteBody(body);
  if (!checked.ok) return checked.errors;
  return choiceRules(POLL, checked.value.optionIds);
}

describe("the widgets' own checks say what the server says", () => {
  const runs = { numRuns: 600 };
  for (const [name, arbitrary, browser, server] of [
    [
      'feedback',
      feedbackBody,
      checkFeedback,
      (b: unknown) => {
        const r = checkFeedbackBody(b);
        return r.ok ? [] : r.errors;
      },
    ],
    [
      'comment',
      commentBody,
      checkComment,
      (b: unknown) => {
        const r = checkCommentBody(b);
        return r.ok ? [] : r.errors;
      },
    ],
    ['vote', voteBody, (b: unknown) => checkVote(b, POLL), serverVote],
  ] as const) {
    it(`${name}: the same errors for any body a form can make, and for any JSON`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(fc.oneof({ weight: 9, arbitrary }, fc.jsonValue({ maxDepth: 2 })), (body) => {
          const ours = sorted(browser(body));
          assert.deepEqual(ours, sorted(server(body)));
          if (ours.length === 0) accepted++;
        }),
        runs,
      );
      assert.ok(accepted > 10, `${name}: only ${accepted} bodies were accepted`);
    });
  }
});

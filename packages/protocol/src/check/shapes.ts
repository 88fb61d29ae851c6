/**
 * The browser's copies of the zod schemas it needs: the answers a widget reads and the bodies it
 * sends. Each has the name of its zod schema; `equivalence.test.ts` proves each pair accepts and
 * refuses the same JSON, returns the same value and gives the same field errors, and the types
 * below are checked equal to zod's at compile time. Built from `../vocabulary.ts`, as the schemas are.
 */
import {
  COMMENT_STATUSES,
  CONSULTATION_KINDS,
  CONSULTATION_LIMITS,
  CONSULTATION_STATUSES,
  DISPOSITIONS,
  FEEDBACK_CATEGORIES,
  FEEDBACK_STATUSES,
  FIELD_ERROR_CODES,
  ISO_DATE_TIME_PATTERN,
  ITEM_ID_PATTERN,
  LIMITS,
  LOCALES,
  POLL_LIMITS,
  POLL_MODES,
  POLL_STATUSES,
  PROBLEM_CODES,
  RESULTS_VISIBILITY,
  SERVICE_ID_PATTERN,
  SLUG_PATTERN,
  STANCES,
  TRACKING_CODE_LENGTH,
  TRACKING_CODE_PATTERN,
  VOTER_KEY_PATTERN,
} from '../vocabulary.js';
import {
  type Infer,
  array,
  boolean,
  int,
  literal,
  nullable,
  number,
  object,
  oneOf,
  optional,
  record,
  strictObject,
  string,
  tuple,
  union,
} from './shape.js';

const Iso = string({ re: ISO_DATE_TIME_PATTERN });
const Code = string({ len: TRACKING_CODE_LENGTH, re: TRACKING_CODE_PATTERN });
const ServiceId = string({ re: SERVICE_ID_PATTERN });
const Slug = string({ re: SLUG_PATTERN });
const ItemId = string({ re: ITEM_ID_PATTERN });
const Locale = optional(oneOf(LOCALES));

// ——— problems ———

export const FieldError = object({ field: string(), code: oneOf(FIELD_ERROR_CODES), limit: optional(number()) });

export const Problem = object({
  type: string(),
  title: string(),
  status: int(400, 599),
  code: oneOf(PROBLEM_CODES),
  detail: optional(string()),
  instance: optional(string()),
  errors: optional(array(FieldError)),
  retryAfter: optional(number()),
});

// ——— service feedback ———

const Category = oneOf(FEEDBACK_CATEGORIES);

export const ServiceSummary = object({
  id: ServiceId,
  title: string(),
  categories: array(Category),
  count: int(0),
  mean: nullable(number(1, 5)),
  distribution: tuple([int(), int(), int(), int(), int()]),
});

export const FeedbackSubmission = strictObject({
  rating: int(1, 5),
  categories: optional(array(Category, undefined, FEEDBACK_CATEGORIES.length)),
  text: optional(string({ max: LIMITS.feedbackText * 4 })),
  contact: optional(string({ max: LIMITS.contact })),
  serviceLabel: optional(string({ max: LIMITS.serviceLabel })),
  locale: Locale,
});

export const FeedbackAccepted = object({
  trackingCode: Code,
  status: oneOf(FEEDBACK_STATUSES),
  serviceId: ServiceId,
  createdAt: Iso,
});

// ——— draft consultations ———

const Stance = oneOf(STANCES);
const Outcome = oneOf(DISPOSITIONS);

export const Clause = object({ id: ItemId, number: int(1), heading: nullable(string()), text: string() });
export const StanceCounts = object({ total: int(), support: int(), oppose: int(), amend: int() });
/** A draft's clauses and its counts per clause: the draft widget checks them a batch at a time. */
export const Clauses = array(Clause);
export const CountsByClause = record(StanceCounts);

export const Consultation = object({
  slug: Slug,
  title: string(),
  summary: string(),
  kind: oneOf(CONSULTATION_KINDS),
  issuingBody: string(),
  opensAt: Iso,
  closesAt: Iso,
  status: oneOf(CONSULTATION_STATUSES),
  extensions: array(object({ previousClosesAt: Iso, closesAt: Iso, reason: string(), at: Iso })),
  clauses: Clauses,
  counts: object({ total: StanceCounts, whole: StanceCounts, byClause: CountsByClause }),
  outcome: nullable(
    object({
      issuedAt: Iso,
      summary: string(),
      clauses: Clauses,
      dispositions: object({ accepted: int(), 'partly-accepted': int(), 'not-accepted': int(), 'out-of-scope': int() }),
    }),
  ),
  withdrawal: nullable(object({ at: Iso, reason: string() })),
});

export const CommentSubmission = strictObject({
  clauseId: optional(nullable(ItemId)),
  stance: Stance,
  text: string({ max: CONSULTATION_LIMITS.commentText * 4 }),
  proposedText: optional(string({ max: CONSULTATION_LIMITS.proposedText * 4 })),
  displayName: optional(string({ max: CONSULTATION_LIMITS.displayName * 4 })),
  contact: optional(string({ max: LIMITS.contact })),
  locale: Locale,
});

export const CommentAccepted = object({
  trackingCode: Code,
  status: oneOf(COMMENT_STATUSES),
  consultation: Slug,
  clauseId: nullable(ItemId),
  createdAt: Iso,
});

const Reply = object({ text: string(), at: Iso });
const Disposition = object({ outcome: Outcome, reason: string() });

export const CommentPage = object({
  comments: array(
    object({
      id: string(),
      clauseId: nullable(ItemId),
      stance: Stance,
      text: string(),
      proposedText: nullable(string()),
      displayName: nullable(string()),
      createdAt: Iso,
      reply: nullable(Reply),
      disposition: nullable(Disposition),
    }),
  ),
  nextCursor: nullable(string()),
});

// ——— polls ———

export const PollResults = object({ totalVoters: int(0), counts: record(int(0)) });

export const Poll = object({
  slug: Slug,
  question: string(),
  description: nullable(string()),
  options: array(object({ id: ItemId, label: string() })),
  mode: oneOf(POLL_MODES),
  maxChoices: int(1),
  opensAt: Iso,
  closesAt: Iso,
  status: oneOf(POLL_STATUSES),
  resultsVisibility: oneOf(RESULTS_VISIBILITY),
  voted: boolean,
  results: nullable(PollResults),
});

export const VoteSubmission = strictObject({
  optionIds: array(ItemId, 1, POLL_LIMITS.maxOptions),
  voter: object({ type: literal('device'), key: string({ re: VOTER_KEY_PATTERN }) }),
});

export const VoteAccepted = object({
  trackingCode: Code,
  poll: Slug,
  optionIds: array(ItemId),
  createdAt: Iso,
  results: nullable(PollResults),
});

// ——— tracking ———

const Dated = { trackingCode: Code, createdAt: Iso, updatedAt: Iso };

export const TrackingLookup = union('kind', [
  object({
    ...Dated,
    kind: literal('feedback'),
    status: oneOf(FEEDBACK_STATUSES),
    subject: object({ type: literal('service'), id: string(), title: string() }),
    answer: nullable(object({ text: string(), answeredAt: Iso })),
  }),
  object({
    ...Dated,
    kind: literal('comment'),
    commentId: string(),
    status: oneOf(COMMENT_STATUSES),
    subject: object({
      type: literal('consultation'),
      slug: string(),
      title: string(),
      status: oneOf(CONSULTATION_STATUSES),
      clauseId: nullable(string()),
      clauseNumber: nullable(int()),
    }),
    rejectionReason: nullable(string()),
    reply: nullable(Reply),
    disposition: nullable(Disposition),
  }),
  object({
    ...Dated,
    kind: literal('vote'),
    status: literal('counted'),
    subject: object({ type: literal('poll'), slug: string(), title: string() }),
  }),
]);

// ——— the types, equal to zod's (checked in equivalence.test.ts) ———

export type FieldError = Infer<typeof FieldError>;
export type Problem = Infer<typeof Problem>;
export type ServiceSummary = Infer<typeof ServiceSummary>;
export type FeedbackSubmission = Infer<typeof FeedbackSubmission>;
export type FeedbackAccepted = Infer<typeof FeedbackAccepted>;
export type Clause = Infer<typeof Clause>;
export type StanceCounts = Infer<typeof StanceCounts>;
export type Clauses = Infer<typeof Clauses>;
export type CountsByClause = Infer<typeof CountsByClause>;
export type Consultation = Infer<typeof Consultation>;
export type CommentSubmission = Infer<typeof CommentSubmission>;
export type CommentAccepted = Infer<typeof CommentAccepted>;
export type CommentPage = Infer<typeof CommentPage>;
export type PollResults = Infer<typeof PollResults>;
export type Poll = Infer<typeof Poll>;
export type VoteSubmission = Infer<typeof VoteSubmission>;
export type VoteAccepted = Infer<typeof VoteAccepted>;
export type TrackingLookup = Infer<typeof TrackingLookup>;
export type PublishedComment = CommentPage['comments'][number];
export type Disposition = NonNullable<PublishedComment['disposition']>;
export type Stance = (typeof STANCES)[number];
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export type DispositionOutcome = (typeof DISPOSITIONS)[number];
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

// Shapes of the contract (see ../shapes.ts): draft consultations.
import {
  COMMENT_STATUSES,
  CONSULTATION_KINDS,
  CONSULTATION_LIMITS,
  CONSULTATION_STATUSES,
  LIMITS,
  STANCES,
  type DISPOSITIONS,
} from '../../vocabulary.js';
import { type Infer, array, int, nullable, object, oneOf, optional, record, strictObject, string } from '../shape.js';
import { Iso, Code, Slug, ItemId, Locale, Reply, Disposition } from './common.js';

const Stance = oneOf(STANCES);

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

// The types, equal to zod's (checked in ../equivalence.test.ts).
export type Clause = Infer<typeof Clause>;
export type StanceCounts = Infer<typeof StanceCounts>;
export type Clauses = Infer<typeof Clauses>;
export type CountsByClause = Infer<typeof CountsByClause>;
export type Consultation = Infer<typeof Consultation>;
export type CommentSubmission = Infer<typeof CommentSubmission>;
export type CommentAccepted = Infer<typeof CommentAccepted>;
export type CommentPage = Infer<typeof CommentPage>;
export type PublishedComment = CommentPage['comments'][number];
export type Disposition = NonNullable<PublishedComment['disposition']>;
export type Stance = (typeof STANCES)[number];
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export type DispositionOutcome = (typeof DISPOSITIONS)[number];
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];

// Shapes of the contract (see ../shapes.ts): tracking.
import { COMMENT_STATUSES, CONSULTATION_STATUSES, FEEDBACK_STATUSES } from '../../vocabulary.js';
import { type Infer, int, literal, nullable, object, oneOf, string, union } from '../shape.js';
import { Iso, Code, Reply, Disposition } from './common.js';

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

// The types, equal to zod's (checked in ../equivalence.test.ts).
export type TrackingLookup = Infer<typeof TrackingLookup>;

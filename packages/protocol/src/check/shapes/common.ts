// Shapes of the contract (see ../shapes.ts): ids, instants, problems, replies.
import {
  DISPOSITIONS,
  FIELD_ERROR_CODES,
  ISO_DATE_TIME_PATTERN,
  ITEM_ID_PATTERN,
  LOCALES,
  PROBLEM_CODES,
  SERVICE_ID_PATTERN,
  SLUG_PATTERN,
  TRACKING_CODE_LENGTH,
  TRACKING_CODE_PATTERN,
} from '../../vocabulary.js';
import { type Infer, array, int, number, object, oneOf, optional, string } from '../shape.js';

export const Iso = string({ re: ISO_DATE_TIME_PATTERN });
export const Code = string({ len: TRACKING_CODE_LENGTH, re: TRACKING_CODE_PATTERN });
export const ServiceId = string({ re: SERVICE_ID_PATTERN });
export const Slug = string({ re: SLUG_PATTERN });
export const ItemId = string({ re: ITEM_ID_PATTERN });
export const Locale = optional(oneOf(LOCALES));

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

const Outcome = oneOf(DISPOSITIONS);
export const Reply = object({ text: string(), at: Iso });
export const Disposition = object({ outcome: Outcome, reason: string() });

// The types, equal to zod's (checked in ../equivalence.test.ts).
export type FieldError = Infer<typeof FieldError>;
export type Problem = Infer<typeof Problem>;

import * as z from 'zod/mini';
import { FIELD_ERROR_CODES, PROBLEM_CODES } from '../vocabulary.js';

export const FieldError = z.object({
  /** JSON-pointer-like path of the field, e.g. `rating` or `categories.2`. */
  field: z.string(),
  code: z.enum(FIELD_ERROR_CODES),
  /** Limit involved, e.g. the maximum length, so the widget can say "at most 2,000 characters". */
  limit: z.optional(z.number()),
});
export type FieldError = z.infer<typeof FieldError>;

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int().check(z.gte(400), z.lte(599)),
  code: z.enum(PROBLEM_CODES),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(FieldError)),
  /** Seconds to wait before retrying (mirrors Retry-After). */
  retryAfter: z.optional(z.number()),
});
export type Problem = z.infer<typeof Problem>;

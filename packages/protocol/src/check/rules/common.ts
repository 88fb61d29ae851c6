// What the rules of every submission share (see ../rules.ts).
import { normalizeContact } from '../../text.js';
import type { LOCALES } from '../../vocabulary.js';
import { issuesToFieldErrors } from '../field-errors.js';
import { issuesOf, type Shape } from '../shape.js';
import type { FieldError } from '../shapes.js';

export type Contact = ReturnType<typeof normalizeContact>;
export type Locale = (typeof LOCALES)[number];

/** A blank contact (an empty form field) counts as none; anything else must be a contact. */
export function contactRule(raw: string | undefined, errors: FieldError[]): Contact {
  if (raw === undefined || raw.trim() === '') return null;
  const contact = normalizeContact(raw);
  if (contact === null) errors.push({ field: 'contact', code: 'invalid-contact' });
  return contact;
}

/** A body's shape errors, or the rules' errors when its shape is right. */
export function checked<T>(
  shape: Shape<T>,
  body: unknown,
  rules: (data: T) => FieldError[],
  limits?: Record<string, number>,
): FieldError[] {
  const issues = issuesOf(shape, body);
  return issues.length ? issuesToFieldErrors(issues, body, limits) : rules(body as T);
}

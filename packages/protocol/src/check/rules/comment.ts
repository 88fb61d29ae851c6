// The rules of a comment body (see ../rules.ts).
import { cleanSubmittedText, exceedsTextLength } from '../../text.js';
import { CONSULTATION_LIMITS } from '../../vocabulary.js';
import { CommentSubmission } from '../shapes/consultation.js';
import type { Infer } from '../shape.js';
import type { FieldError, Stance } from '../shapes.js';
import { checked, contactRule, type Contact, type Locale } from './common.js';

/** Limits (in graphemes) reported when a comment's raw string is over the schema's bound. */
export const COMMENT_FIELD_LIMITS: Record<string, number> = {
  text: CONSULTATION_LIMITS.commentText,
  proposedText: CONSULTATION_LIMITS.proposedText,
  displayName: CONSULTATION_LIMITS.displayName,
};

export interface CheckedComment {
  clauseId: string | null;
  stance: Stance;
  text: string;
  proposedText: string | null;
  displayName: string | null;
  contact: Contact;
  locale: Locale | null;
}

/** The rules of a comment body that passed its schema. */
export function commentRules(data: Infer<typeof CommentSubmission>): { errors: FieldError[]; value: CheckedComment } {
  const errors: FieldError[] = [];
  const text = cleanSubmittedText(data.text);
  if (text === '') errors.push({ field: 'text', code: 'required' });
  else if (exceedsTextLength(text, CONSULTATION_LIMITS.commentText))
    errors.push({ field: 'text', code: 'too-long', limit: CONSULTATION_LIMITS.commentText });

  // A blank field counts as absent (a form sends what it has).
  let proposedText: string | null = null;
  const proposed = data.proposedText === undefined ? '' : cleanSubmittedText(data.proposedText);
  if (data.stance === 'amend') {
    if (proposed === '') errors.push({ field: 'proposedText', code: 'required' });
    else if (exceedsTextLength(proposed, CONSULTATION_LIMITS.proposedText)) {
      errors.push({ field: 'proposedText', code: 'too-long', limit: CONSULTATION_LIMITS.proposedText });
    } else proposedText = proposed;
  } else if (proposed !== '') {
    errors.push({ field: 'proposedText', code: 'invalid' });
  }

  let displayName: string | null = null;
  if (data.displayName !== undefined) {
    const cleaned = cleanSubmittedText(data.displayName).replace(/\s+/g, ' ');
    if (exceedsTextLength(cleaned, CONSULTATION_LIMITS.displayName)) {
      errors.push({ field: 'displayName', code: 'too-long', limit: CONSULTATION_LIMITS.displayName });
    } else if (cleaned !== '') displayName = cleaned;
  }

  const contact = contactRule(data.contact, errors);
  const value = {
    clauseId: data.clauseId ?? null,
    stance: data.stance,
    text,
    proposedText,
    displayName,
    contact,
    locale: data.locale ?? null,
  };
  return { errors, value };
}

/** Everything the server would refuse in a comment body. */
export const checkComment = (body: unknown): FieldError[] =>
  checked(CommentSubmission, body, (d) => commentRules(d).errors, COMMENT_FIELD_LIMITS);

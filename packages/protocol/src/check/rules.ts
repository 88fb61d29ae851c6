/**
 * What a submission's schema cannot say, written once for the server and the widgets: lengths in
 * user-perceived characters after cleaning, a contact's format, proposed wording only with
 * `amend`, no category or option twice, a poll's own options and choice limit. The server runs
 * these after its zod schema; a widget runs `checkFeedback` / `checkComment` / `checkVote` (its
 * shape, then these) before the offline save, so the citizen hears at once what the server would
 * say. `http/browser-checks.test.ts` in the server proves both give the same errors for any body.
 */
import { cleanSubmittedText, exceedsTextLength, normalizeContact } from '../text.js';
import { CONSULTATION_LIMITS, LIMITS, type LOCALES } from '../vocabulary.js';
import { issuesToFieldErrors } from './field-errors.js';
import { issuesOf, type Shape } from './shape.js';
import {
  CommentSubmission,
  FeedbackSubmission,
  VoteSubmission,
  type FeedbackCategory,
  type FieldError,
  type Poll,
  type Stance,
} from './shapes.js';

export type Contact = ReturnType<typeof normalizeContact>;

/** Limits (in graphemes) reported when a comment's raw string is over the schema's bound. */
export const COMMENT_FIELD_LIMITS: Record<string, number> = {
  text: CONSULTATION_LIMITS.commentText,
  proposedText: CONSULTATION_LIMITS.proposedText,
  displayName: CONSULTATION_LIMITS.displayName,
};

/** A blank contact (an empty form field) counts as none; anything else must be a contact. */
function contactRule(raw: string | undefined, errors: FieldError[]): Contact {
  if (raw === undefined || raw.trim() === '') return null;
  const contact = normalizeContact(raw);
  if (contact === null) errors.push({ field: 'contact', code: 'invalid-contact' });
  return contact;
}

export interface CheckedFeedback {
  rating: number;
  categories: FeedbackCategory[];
  text: string | null;
  contact: Contact;
  locale: (typeof LOCALES)[number] | null;
  /** Cleaned label, or null when absent or blank. */
  serviceLabel: string | null;
}

/** The rules of a feedback body that passed its schema. */
export function feedbackRules(data: FeedbackSubmission): { errors: FieldError[]; value: CheckedFeedback } {
  const errors: FieldError[] = [];
  const categories: FeedbackCategory[] = [];
  (data.categories ?? []).forEach((category, i) => {
    if (categories.includes(category)) errors.push({ field: `categories.${i}`, code: 'duplicate' });
    else categories.push(category);
  });

  let text: string | null = null;
  if (data.text !== undefined) {
    const cleaned = cleanSubmittedText(data.text);
    if (exceedsTextLength(cleaned, LIMITS.feedbackText)) errors.push({ field: 'text', code: 'too-long', limit: LIMITS.feedbackText });
    else if (cleaned !== '') text = cleaned;
  }

  const contact = contactRule(data.contact, errors);

  let serviceLabel: string | null = null;
  if (data.serviceLabel !== undefined) {
    const cleaned = cleanSubmittedText(data.serviceLabel).replace(/\s+/g, ' ');
    if (cleaned !== '') serviceLabel = cleaned;
  }
  return { errors, value: { rating: data.rating, categories, text, contact, locale: data.locale ?? null, serviceLabel } };
}

export interface CheckedComment {
  clauseId: string | null;
  stance: Stance;
  text: string;
  proposedText: string | null;
  displayName: string | null;
  contact: Contact;
  locale: (typeof LOCALES)[number] | null;
}

/** The rules of a comment body that passed its schema. */
export function commentRules(data: CommentSubmission): { errors: FieldError[]; value: CheckedComment } {
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

/** The rules of a vote body that passed its schema: no option twice. */
export function voteRules(data: VoteSubmission): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  data.optionIds.forEach((id, i) => {
    if (seen.has(id)) errors.push({ field: `optionIds.${i}`, code: 'duplicate' });
    seen.add(id);
  });
  return errors;
}

/** A vote's choices against its poll: known options, and how many (single: 1; multiple: 1..maxChoices). */
export function choiceRules(poll: Pick<Poll, 'options' | 'mode' | 'maxChoices'>, optionIds: readonly string[]): FieldError[] {
  const known = new Set(poll.options.map((o) => o.id));
  const errors: FieldError[] = [];
  optionIds.forEach((id, i) => {
    if (!known.has(id)) errors.push({ field: `optionIds.${i}`, code: 'invalid' });
  });
  const max = poll.mode === 'single' ? 1 : poll.maxChoices;
  if (optionIds.length > max) errors.push({ field: 'optionIds', code: 'too-long', limit: max });
  return errors;
}

/** A body's shape errors, or the rules' errors when its shape is right. */
function checked<T>(shape: Shape<T>, body: unknown, rules: (data: T) => FieldError[], limits?: Record<string, number>): FieldError[] {
  const issues = issuesOf(shape, body);
  return issues.length ? issuesToFieldErrors(issues, body, limits) : rules(body as T);
}

/** Everything the server would refuse in a feedback body (an empty list: it would accept it). */
export const checkFeedback = (body: unknown): FieldError[] => checked(FeedbackSubmission, body, (d) => feedbackRules(d).errors);

/** Everything the server would refuse in a comment body. */
export const checkComment = (body: unknown): FieldError[] =>
  checked(CommentSubmission, body, (d) => commentRules(d).errors, COMMENT_FIELD_LIMITS);

/** Everything the server would refuse in a vote body for `poll` (bar `closed` and `already-voted`). */
export const checkVote = (body: unknown, poll: Pick<Poll, 'options' | 'mode' | 'maxChoices'>): FieldError[] =>
  checked(VoteSubmission, body, (d) => {
    const errors = voteRules(d);
    return errors.length ? errors : choiceRules(poll, d.optionIds);
  });

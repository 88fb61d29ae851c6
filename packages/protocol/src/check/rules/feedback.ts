// The rules of a feedback body (see ../rules.ts).
import { cleanSubmittedText, exceedsTextLength } from '../../text.js';
import { LIMITS } from '../../vocabulary.js';
import { FeedbackSubmission } from '../shapes/feedback.js';
import type { Infer } from '../shape.js';
import type { FeedbackCategory, FieldError } from '../shapes.js';
import { checked, contactRule, type Contact, type Locale } from './common.js';

export interface CheckedFeedback {
  rating: number;
  categories: FeedbackCategory[];
  text: string | null;
  contact: Contact;
  locale: Locale | null;
  /** Cleaned label, or null when absent or blank. */
  serviceLabel: string | null;
}

/** The rules of a feedback body that passed its schema. */
export function feedbackRules(data: Infer<typeof FeedbackSubmission>): { errors: FieldError[]; value: CheckedFeedback } {
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

/** Everything the server would refuse in a feedback body (an empty list: it would accept it). */
export const checkFeedback = (body: unknown): FieldError[] => checked(FeedbackSubmission, body, (d) => feedbackRules(d).errors);

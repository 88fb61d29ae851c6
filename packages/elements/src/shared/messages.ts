import { msg, str } from '@lit/localize';
import type { FieldError, Problem } from '@nazar/protocol';
import { formatNumber } from './format.js';
import type { NazarLocale } from './locale.js';

/**
 * Citizen-facing text for problem codes. The server's `title`/`detail` are for developers and
 * are never shown: every code the widgets can meet has a translated sentence here.
 */
export function problemMessage(problem: Pick<Problem, 'code'>): string {
  switch (problem.code) {
    case 'validation':
      return msg('Some answers need correcting.', { id: 'problem.validation' });
    case 'network':
      return msg('No connection. Your submission is saved on this device and will be sent when you are back online.', { id: 'problem.network' });
    case 'timeout':
      return msg('The server took too long to answer. We will try again.', { id: 'problem.timeout' });
    case 'rate-limited':
      return msg('Too many submissions from this connection. We will try again in a little while.', { id: 'problem.rate-limited' });
    case 'unknown-service':
    case 'origin-not-allowed':
      return msg('This service is not set up to receive feedback yet. Please tell the site’s webmaster.', { id: 'problem.unknown-service' });
    case 'not-found':
      return msg('Nothing was found.', { id: 'problem.not-found' });
    case 'closed':
      return msg('This is closed and no longer accepts submissions.', { id: 'problem.closed' });
    case 'already-voted':
      return msg('This device has already voted.', { id: 'problem.already-voted' });
    case 'idempotency-conflict':
      return msg('This submission clashes with an earlier one. Please send it again.', { id: 'problem.idempotency-conflict' });
    case 'payload-too-large':
      return msg('The submission is too long.', { id: 'problem.payload-too-large' });
    case 'storage-unavailable':
      return msg('This browser cannot save your submission on this device. Keep this page open until it has been received.', { id: 'problem.storage-unavailable' });
    case 'unavailable':
      return msg('The service is temporarily unavailable. We will try again.', { id: 'problem.unavailable' });
    case 'bad-response':
    case 'internal':
    default:
      return msg('Something went wrong on our side. Please try again later.', { id: 'problem.generic' });
  }
}

/** Names of fields as the citizen sees them (for the error summary). */
export function fieldLabel(field: string): string {
  const root = field.split('.')[0];
  switch (root) {
    case 'rating':
      return msg('Rating', { id: 'field.rating' });
    case 'categories':
      return msg('Topics', { id: 'field.categories' });
    case 'text':
      return msg('Your suggestion', { id: 'field.text' });
    case 'contact':
      return msg('Mobile or email', { id: 'field.contact' });
    case 'code':
      return msg('Tracking code', { id: 'field.code' });
    default:
      return msg('Form', { id: 'field.other' });
  }
}

/** One sentence per field error, specific enough to fix it (GOV.UK style). */
export function fieldErrorMessage(error: FieldError, locale: NazarLocale): string {
  const root = error.field.split('.')[0];
  if (root === 'rating') return msg('Choose a rating from 1 to 5.', { id: 'error.rating' });
  if (root === 'contact') return msg('Enter a mobile number like 0915 123 4567 or an email address like name@example.com, or leave it empty.', { id: 'error.contact' });
  if (root === 'code') return msg('Check the tracking code: it has 10 digits and one of them may be mistyped.', { id: 'error.code' });
  if (error.code === 'too-long') {
    const limit = formatNumber(error.limit ?? 0, locale);
    return msg(str`Use at most ${limit} characters.`, { id: 'error.too-long' });
  }
  if (error.code === 'unknown-category' || root === 'categories') return msg('Choose topics from the list.', { id: 'error.categories' });
  if (error.code === 'required') return msg('This is required.', { id: 'error.required' });
  return msg('Check this answer.', { id: 'error.invalid' });
}

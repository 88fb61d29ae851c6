import { toLatinDigits } from './digits.js';

/**
 * Bidi embedding and override controls (U+202A–202E, U+2066–2069) in submitted text can reorder
 * what moderators and other citizens read ("Trojan source"); they are removed. Everything else,
 * ZWNJ included, is kept byte for byte: a citizen's words are never rewritten.
 */
export function cleanSubmittedText(input: string): string {
  return input
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\r\n?/g, '\n')
    .trim();
}

/** Iranian mobile numbers: 09XXXXXXXXX, from +98 / 0098 / 98 / 9… and any digit script. */
export function normalizeIranMobile(input: string): string | null {
  const digits = toLatinDigits(input).replace(/[\s\-().\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  const m = /^(?:\+98|0098|98|0)?(9\d{9})$/.exec(digits);
  return m ? `0${m[1]}` : null;
}

const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]{2,}$/u;

/**
 * A private contact: an Iranian mobile or an email address, normalised. Returns null when the
 * input is neither.
 */
export function normalizeContact(input: string): { kind: 'mobile' | 'email'; value: string } | null {
  const trimmed = input.normalize('NFKC').trim();
  if (!trimmed) return null;
  const mobile = normalizeIranMobile(trimmed);
  if (mobile) return { kind: 'mobile', value: mobile };
  const email = toLatinDigits(trimmed).toLowerCase();
  if (email.length <= 254 && EMAIL.test(email)) return { kind: 'email', value: email };
  return null;
}

/** Length as a citizen counts it (user-perceived characters), so emoji and ZWJ sequences count once. */
export function textLength(input: string): number {
  let n = 0;
  // Intl.Segmenter is in every engine we target; without it fall back to code points.
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    // One segmenter for every call: making one costs far more than segmenting a short text.
    graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    for (const _ of graphemes.segment(input)) n++;
    return n;
  }
  return [...input].length;
}

let graphemes: Intl.Segmenter | undefined;

/**
 * `textLength(input) > limit`, without segmenting when the answer is plain: a string of at most
 * `limit` UTF-16 units cannot have more than `limit` user-perceived characters.
 */
export function exceedsTextLength(input: string, limit: number): boolean {
  return input.length > limit && textLength(input) > limit;
}

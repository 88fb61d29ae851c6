import { stripCodeSeparators, toLatinDigits } from './digits.js';

/**
 * Tracking codes: 9 random digits and a Damm check digit. Damm's quasigroup catches every
 * single-digit error and every swap of neighbouring digits (Luhn misses 09↔90), so a mistyped
 * code is refused before it reaches the server.
 */
export const TRACKING_CODE_LENGTH = 10;

// The weakly totally anti-symmetric quasigroup of order 10 from H. Michael Damm (2004).
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The Damm check digit of a string of ASCII digits. */
export function dammCheckDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim][ch.charCodeAt(0) - 48]!;
  return interim;
}

/** True when the last digit of an ASCII-digit string is its Damm check digit. */
export function isValidTrackingCode(code: string): boolean {
  return /^[0-9]+$/.test(code) && code.length === TRACKING_CODE_LENGTH && dammCheckDigit(code) === 0;
}

/** Appends the check digit to `body` (ASCII digits). */
export function withCheckDigit(body: string): string {
  return body + String(dammCheckDigit(body));
}

// A CSPRNG call costs far more than the few words a code needs (it is a system call on the
// server's busiest path), so words are drawn from a pool filled a thousand at a time.
const POOL_SIZE = 1024;
let pool = new Uint32Array(0);
let poolAt = 0;

function randomWords(count: number): ArrayLike<number> {
  if (poolAt + count > pool.length) {
    pool = crypto.getRandomValues(new Uint32Array(POOL_SIZE));
    poolAt = 0;
  }
  const words = pool.subarray(poolAt, poolAt + count);
  poolAt += count;
  return words;
}

/**
 * Makes a new code from a CSPRNG. The first digit is never 0 so that no spreadsheet or phone
 * keypad ever loses it.
 */
export function generateTrackingCode(random: (count: number) => ArrayLike<number> = randomWords): string {
  const words = random(TRACKING_CODE_LENGTH - 1);
  let body = String(1 + (words[0] % 9));
  for (let i = 1; i < TRACKING_CODE_LENGTH - 1; i++) body += String(words[i] % 10);
  return withCheckDigit(body);
}

/**
 * Reads a code as a citizen typed or pasted it: Persian, Arabic-Indic or Latin digits, with
 * spaces, dashes and bidi marks. Returns the canonical ASCII code, or null when it is not a
 * valid code (wrong length, a non-digit, or a failed check digit).
 */
export function parseTrackingCode(input: string): string | null {
  const code = toLatinDigits(stripCodeSeparators(input.normalize('NFKC')));
  return isValidTrackingCode(code) ? code : null;
}

/** Groups a canonical code for reading aloud and copying by eye: 1234 5678 90 → "1234-567-890". */
export function groupTrackingCode(code: string): string {
  return [code.slice(0, 4), code.slice(4, 7), code.slice(7)].filter(Boolean).join('-');
}

/**
 * Digit scripts. Intl formats numbers but never parses them, and codes and phone numbers must
 * keep their leading zeros, so codes are mapped digit by digit as strings (persian-rtl.md §2).
 */
const PERSIAN_ZERO = 0x06f0; // ۰
const ARABIC_INDIC_ZERO = 0x0660; // ٠

/** Maps Persian (U+06F0–06F9) and Arabic-Indic (U+0660–0669) digits to ASCII; leaves the rest. */
export function toLatinDigits(input: string): string {
  let out = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0)!;
    if (cp >= PERSIAN_ZERO && cp <= PERSIAN_ZERO + 9) out += String(cp - PERSIAN_ZERO);
    else if (cp >= ARABIC_INDIC_ZERO && cp <= ARABIC_INDIC_ZERO + 9) out += String(cp - ARABIC_INDIC_ZERO);
    else out += ch;
  }
  return out;
}

/** Maps ASCII digits to Persian digits (for codes, where Intl.NumberFormat would drop zeros). */
export function toPersianDigits(input: string): string {
  return input.replace(/[0-9]/g, (d) => String.fromCodePoint(PERSIAN_ZERO + Number(d)));
}

/** Removes spaces, dashes, dots and the invisible bidi/zero-width controls people paste with codes. */
export function stripCodeSeparators(input: string): string {
  return input.replace(/[\s\-_.\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2010-\u2015\u2212]/g, '');
}

/**
 * Splits a pasted draft into clauses by its numbering, for the preview an official corrects
 * before saving: «ماده ۱», «ماده یکم», «اصل ۲», «تبصره», «تبصره ۲», «بند الف», «الف)», «۱.», «1)», «۲-».
 * A marker counts only at the start of a line. Text before the first marker is the preamble (the
 * screen offers it as the summary). Each clause's heading is its marker, as written.
 */
export interface SplitClause {
  heading: string | null;
  text: string;
}

export interface SplitDraft {
  preamble: string;
  clauses: SplitClause[];
}

const DIGITS = '[0-9\u06F0-\u06F9\u0660-\u0669]+';
// A number, or an ordinal word (یکم، دوم، سی‌وپنجم، نخست); the official corrects a rare false «ماده مهم».
const ORDINAL = `(?:${DIGITS}|[\u0600-\u06FF\u200C]+م|نخست)`;
const LETTER = '(?:الف|[بپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی])';
const SEP = '\\s*[-–—:.)]?';

const MARKERS: RegExp[] = [
  // «ماده ۱ -», «ماده یکم:», «اصل ۲»
  new RegExp(`^((?:ماده|اصل)\\s+${ORDINAL})${SEP}\\s*`),
  // «تبصره», «تبصره ۱», «تبصره یکم»
  new RegExp(`^(تبصره(?:\\s+${ORDINAL})?)(?=[\\s\\-–—:.)]|$)${SEP}\\s*`),
  // «بند الف», «بند ۳»
  new RegExp(`^(بند\\s+(?:${LETTER}|${DIGITS}))(?=[\\s\\-–—:.)]|$)${SEP}\\s*`),
  // «الف)», «ب -»
  new RegExp(`^(${LETTER})\\s*[)\\-–—]\\s*`),
  // «۱.», «1)», «۲-» — a separator and a space, so «۱۴۰۳/۰۵/۰۱» or «2.5» is not a clause.
  new RegExp(`^(${DIGITS})\\s*[.)\\-–—](?=\\s)\\s*`),
];

/** The marker that opens `line`, and the rest of the line after it; null when it opens none. */
export function clauseMarker(line: string): { heading: string; rest: string } | null {
  const trimmed = line.replace(/^[\s\u200E\u200F\u202A-\u202E\u2066-\u2069]+/, '');
  for (const pattern of MARKERS) {
    const m = pattern.exec(trimmed);
    if (m) return { heading: m[1].replace(/\s+/g, ' '), rest: trimmed.slice(m[0].length) };
  }
  return null;
}

export function splitClauses(pasted: string): SplitDraft {
  const lines = pasted.replace(/\r\n?/g, '\n').split('\n');
  const preamble: string[] = [];
  const clauses: { heading: string | null; lines: string[] }[] = [];
  for (const line of lines) {
    const marker = clauseMarker(line);
    if (marker) clauses.push({ heading: marker.heading, lines: marker.rest ? [marker.rest] : [] });
    else if (clauses.length) clauses[clauses.length - 1].lines.push(line);
    else preamble.push(line);
  }
  const tidy = (ls: string[]) =>
    ls
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  return {
    preamble: tidy(preamble),
    clauses: clauses.map((c) => ({ heading: c.heading, text: tidy(c.lines) })),
  };
}

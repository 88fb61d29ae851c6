/**
 * The text search of the officials' lists (`q`): a case-insensitive substring after the same
 * folding on both sides. Latin A–Z are lower-cased (only those: SQLite's `lower()` folds no other
 * letters, and the memory store must find what SQLite finds), and the Arabic letters an Arabic
 * keyboard types for Persian ones are read as the Persian: ي and ى as ی, ك as ک. The SQL stores
 * fold the stored text with `searchFoldSql`, the needle is folded here. No Node built-ins.
 */

const ARABIC_TO_PERSIAN: readonly (readonly [string, string])[] = [
  ['\u064A', '\u06CC'], // ي → ی
  ['\u0649', '\u06CC'], // ى → ی
  ['\u0643', '\u06A9'], // ك → ک
];

export function searchFold(text: string): string {
  let out = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  for (const [from, to] of ARABIC_TO_PERSIAN) out = out.replaceAll(from, to);
  return out;
}

/** The same folding of a SQL text expression (SQLite and PostgreSQL alike). */
export function searchFoldSql(expr: string): string {
  let out = `lower(${expr})`;
  for (const [from, to] of ARABIC_TO_PERSIAN) out = `replace(${out}, '${from}', '${to}')`;
  return out;
}

/** A LIKE pattern (with `ESCAPE '\'`) matching any text that contains `needle`, already folded. */
export function containsPattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

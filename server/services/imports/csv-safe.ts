import "server-only";
import { stringify } from "csv-stringify/sync";

/** Excel needs the byte-order mark to read a UTF-8 CSV (Devanagari names) as UTF-8. */
export const UTF8_BOM = "\uFEFF";

// Leading whitespace does not stop every spreadsheet from running what follows (LibreOffice trims it).
const FORMULA_START = /^[\s\u0085]*[=+\-@]|^[\t\r]/;

/**
 * A cell that a spreadsheet would run as a formula ("=HYPERLINK(...)", "+1", "-2+3", "@SUM(...)", the same
 * after leading spaces, or one starting with a tab or carriage return) gets a leading apostrophe, so opening
 * an exported file cannot run what someone typed into a register. Every CSV the app writes goes through this.
 */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Any line break a reader might split a row at: CR and LF alone (csv-stringify quotes only the record
 * delimiter, CRLF, once one is set), NEL and the Unicode line and paragraph separators. The separator and
 * the quote character are quoted by csv-stringify itself.
 */
const NEEDS_QUOTES = /[\r\n\u0085\u2028\u2029]/;

/** CSV lines (CRLF, as Excel writes them) with every cell made safe. */
export function safeCsvLines(rows: readonly (readonly unknown[])[]): string {
  return stringify(
    rows.map((row) => row.map(safeCell)),
    { record_delimiter: "windows", quoted_match: NEEDS_QUOTES },
  );
}

import { stringify } from "csv-stringify/sync";

/** Excel needs the byte-order mark to read a UTF-8 CSV (Devanagari names) as UTF-8. */
export const UTF8_BOM = "\uFEFF";

/**
 * A cell that a spreadsheet would run as a formula ("=HYPERLINK(...)", "+1", "-2+3", "@SUM(...)", or one
 * starting with a tab or carriage return) gets a leading apostrophe, so opening an exported file cannot
 * run what someone typed into a register. Every CSV the app writes goes through this.
 */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** CSV lines (CRLF, as Excel writes them) with every cell made safe. */
export function safeCsvLines(rows: readonly (readonly unknown[])[]): string {
  return stringify(rows.map((row) => row.map(safeCell)), { record_delimiter: "windows" });
}

/**
 * Only the last 4 characters of an ID number may be kept (plus its keyed hash, computed in memory). What an
 * import stores or says about a row it did not take — rejected rows, anomaly evidence, reasons, error
 * messages — goes through here first, so a full Aadhaar number never reaches the database, a log or a
 * response. The migration 20261202010000_mask_rejected_ids applies the same rules in SQL to what was stored
 * before; tests/integration/id-redaction.test.ts checks that both agree.
 */
import "server-only";
import { parseMobile } from "@/core/domain/register-person";

/** What a masked ID cell looks like: the last 4 characters after a fixed run of X (the length is not kept). */
export const MASK_PREFIX = "XXXXXXXX";

/** Stored instead of an ID cell that has no sensible last 4 (too short, or not letters and digits at all). */
export const ID_PLACEHOLDER = "(removed)";

// ASCII and Devanagari digits (registers from Bihar are written in both).
const DIGIT = "[0-9\\u0966-\\u096F]";
// Twelve or more digits in a row (an Aadhaar, a 16-digit virtual ID, or one with a digit too many).
const DIGIT_RUN = new RegExp(`(?<!${DIGIT})${DIGIT}{8,}(${DIGIT}{4})(?!${DIGIT})`, "gu");
// Groups of four, as printed on the card: "2341 2341 2341", "2341-2341-2341-2341".
const DIGIT_GROUPS = new RegExp(`(?<!${DIGIT})${DIGIT}{4}(?:[ \\u00A0-]${DIGIT}{4}){1,2}[ \\u00A0-](${DIGIT}{4})(?!${DIGIT})`, "gu");

/** Columns that hold an ID number by name: the register's and the portal's, and the usual extra ones. */
const ID_COLUMN = /(^|_)(id_?(number|no|num|last4)|a?adhaa?r|uid|आधार)(_|$)/u;

export function isIdColumn(column: string): boolean {
  return ID_COLUMN.test(column);
}

/**
 * Free text (a reason, an error message, a cell of another column) with every number shaped like an ID
 * number reduced to its last 4 digits: "2341 2341 2341" → "XXXXXXXX2341". Shorter numbers (a mobile, a
 * date, a serial) are left as they are.
 */
export function redactIdNumbers(text: string): string {
  return text.replace(DIGIT_RUN, `${MASK_PREFIX}$1`).replace(DIGIT_GROUPS, `${MASK_PREFIX}$1`);
}

/**
 * An ID column's cell: kept if it shows no more than 4 letters or digits ("6080", "XXXXXXXX6080", as the
 * portal exports it), otherwise its last 4 after MASK_PREFIX; a cell with no sensible last 4 (shorter, or
 * with other characters: "???", Devanagari digits) becomes ID_PLACEHOLDER. Never the original.
 */
export function maskIdCell(value: string): string {
  const compact = value.replace(/[\s-]/g, "");
  if (compact === "") return value;
  if (!/^[0-9A-Za-z/*•]+$/.test(compact)) return ID_PLACEHOLDER;
  const upper = compact.toUpperCase();
  if (/^[X*•]*[0-9A-Z]{4}$/.test(upper)) return value;
  if (/[0-9A-Z]{4}$/.test(upper)) return MASK_PREFIX + upper.slice(-4);
  return ID_PLACEHOLDER;
}

/** One cell of a row about to be stored: ID columns masked, ID-shaped numbers elsewhere redacted. */
export function safeStoredCell(column: string, value: string): string {
  if (isIdColumn(column)) return maskIdCell(value);
  // A mobile written with its country code ("+91 98765 43210") has 12 digits but is not an ID number.
  if (column === "mobile" && parseMobile(value).ok) return value;
  return redactIdNumbers(value);
}

/** A row's cells as they may be stored (rejected rows, anomaly evidence). */
export function safeStoredCells(cells: Readonly<Record<string, string>>): Record<string, string> {
  const safe: Record<string, string> = {};
  for (const [column, value] of Object.entries(cells)) safe[column] = safeStoredCell(column, value);
  return safe;
}

const MASKED = /XXXXXXXX[0-9\u0966-\u096FA-Z]{4}/u;

/** Whether a stored cell was masked (so the rejected-rows download can say the number must be typed again). */
export function isMaskedCell(value: string): boolean {
  return value.trim() === ID_PLACEHOLDER || MASKED.test(value.replace(/[\s-]/g, "").toUpperCase());
}

/**
 * The ID cells of a register row that still hold a masked number or the placeholder (a row from the
 * rejected-rows download sent back unchanged): the full number has to be typed again. A masked number
 * would otherwise pass as a document number of another type ("XXXXXXXX4567" has the shape of one).
 */
export function maskedIdProblems(cells: Readonly<Record<string, string | undefined>>): { column: string; reason: string }[] {
  return ["id_number", "id_last4"]
    .filter((column) => {
      const value = (cells[column] ?? "").trim();
      return value === ID_PLACEHOLDER || (value.length > 4 && /^X{8}[0-9A-Z]{4}$/.test(value.replace(/[\s-]/g, "").toUpperCase()));
    })
    .map((column) => ({
      column,
      reason: `${column} holds the masked number from the rejected-rows download (only its last 4 characters were kept); type the full ID number from the register`,
    }));
}

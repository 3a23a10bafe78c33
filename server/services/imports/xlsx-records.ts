import "server-only";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { ImportFileError } from "@/server/services/imports/import-file-error";
import type { RawRecord } from "@/server/services/imports/raw-record";


/**
 * A date cell is a wall-clock time with no zone (exceljs hands it over as that clock in UTC); written back
 * as text it goes through the same rules as a CSV date, so IST is assumed there too.
 */
function dateText(date: Date): string {
  const iso = date.toISOString();
  if (iso.endsWith("T00:00:00.000Z")) return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${iso.slice(11, date.getUTCSeconds() === 0 ? 16 : 19)}`;
}

/** The text a user sees in the cell (the result of a formula, the text of a link or of rich text). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return dateText(value);
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string; formula?: string };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join("");
    if ("result" in v || "formula" in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (typeof v.error === "string") return v.error;
  }
  return "";
}

/**
 * Rows of the first worksheet, streamed with exceljs's WorkbookReader (rows are not kept). Shared strings
 * are cached, as the format requires, so memory follows the number of distinct texts, not of rows.
 * Row numbers are the sheet's own; empty rows are skipped.
 */
export async function* readXlsxRecords(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<RawRecord> {
  // The unzipper is fed through pipe(), which does not pass errors on; so the bytes are pumped by hand and
  // a source error (the size limit) ends the zip stream and is rethrown here instead of hanging the reader.
  const input = new PassThrough();
  // A late write after an early stop must not become an uncaught error.
  input.on("error", () => undefined);
  const stop = new AbortController();
  let sourceError: unknown = null;
  const pump = (async () => {
    try {
      for await (const chunk of bytes) {
        if (!input.write(chunk)) await once(input, "drain", { signal: stop.signal });
      }
    } catch (error) {
      sourceError = error;
    } finally {
      input.end();
    }
  })();

  // Loaded on first use: exceljs is large, and most registers arrive as CSV.
  const { default: ExcelJS } = await import("exceljs");
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        if (sourceError) throw sourceError;
        // Array.from, not map: row.values is sparse (empty cells are holes) and map would keep the holes.
        const values = Array.from((row.values as unknown[]).slice(1), cellText);
        if (values.every((v) => v.trim() === "")) continue;
        yield { rowNumber: row.number, values };
      }
      break; // the first worksheet is the register
    }
    if (sourceError) throw sourceError;
  } catch (error) {
    if (sourceError) throw sourceError;
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(400, "xlsxUnreadable");
  } finally {
    stop.abort();
    input.destroy();
    // Not awaited: the pump ends at the upload's next chunk, which a stalled client may never send.
    void pump;
  }
}

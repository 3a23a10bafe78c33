import "server-only";
import { englishText } from "@/server/errors/app-error";
import { Readable, pipeline } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { ImportFileError } from "@/server/services/imports/import-file-error";
import type { RawRecord } from "@/server/services/imports/raw-record";

/** A cell longer than this is not register data; the limit also keeps one unclosed quote from eating memory. */
export const MAX_CSV_RECORD_CHARS = 100_000;

type Encoding = { label: "utf-8" | "utf-16le" | "utf-16be"; bomBytes: number };

/** Excel writes "CSV UTF-8" with a BOM and "Unicode text" as UTF-16 LE with a BOM; without one it is UTF-8. */
function sniffEncoding(head: Uint8Array): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { label: "utf-8", bomBytes: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { label: "utf-16le", bomBytes: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { label: "utf-16be", bomBytes: 2 };
  return { label: "utf-8", bomBytes: 0 };
}


/** Decodes as it streams; binary data shows up as invalid UTF-8/UTF-16 or NUL characters. */
async function* decode(bytes: AsyncIterable<Uint8Array>, encoding: Encoding): AsyncGenerator<string> {
  // ignoreBOM: false lets the decoder drop the BOM itself.
  const decoder = new TextDecoder(encoding.label, { fatal: true, ignoreBOM: false });
  const check = (text: string) => {
    if (text.includes("\u0000")) throw new ImportFileError(415, "fileNotText");
    return text;
  };
  try {
    for await (const chunk of bytes) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield check(text);
    }
    const tail = decoder.decode();
    if (tail) yield check(tail);
  } catch (error) {
    if (error instanceof TypeError) throw new ImportFileError(415, "fileNotText");
    throw error;
  }
}

/** Comma, unless the header line has none but has semicolons (European Excel) or tabs (Unicode text). */
function pickDelimiter(headerLine: string): string {
  if (headerLine.includes(",")) return ",";
  if (headerLine.includes(";")) return ";";
  if (headerLine.includes("\t")) return "\t";
  return ",";
}

/** Reads the first line (to choose the delimiter) and gives back the whole text again. */
async function withHeaderLine(text: AsyncGenerator<string>): Promise<{ headerLine: string; text: AsyncGenerator<string> }> {
  let buffered = "";
  let done = false;
  while (!buffered.includes("\n") && buffered.length < MAX_CSV_RECORD_CHARS) {
    const next = await text.next();
    if (next.done) {
      done = true;
      break;
    }
    buffered += next.value;
  }
  async function* replay(): AsyncGenerator<string> {
    if (buffered) yield buffered;
    if (!done) yield* text;
  }
  return { headerLine: buffered.split("\n", 1)[0] ?? "", text: replay() };
}

/**
 * CSV records in file order, numbered as a spreadsheet shows them: one row per record (a quoted cell that
 * spans lines is still one row), blank lines counted but not returned. Never holds more than a chunk.
 */
export async function* readCsvRecords(bytes: AsyncIterable<Uint8Array>, head: Uint8Array): AsyncGenerator<RawRecord> {
  const { headerLine, text } = await withHeaderLine(decode(bytes, sniffEncoding(head)));
  const parser = parse({
    delimiter: pickDelimiter(headerLine),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_CSV_RECORD_CHARS,
  });
  // pipeline() destroys the parser with the source's error (e.g. the size limit), which the loop rethrows.
  pipeline(Readable.from(text), parser, () => undefined);
  let rowNumber = 0;
  try {
    for await (const values of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      if (values.length === 1 && values[0] === "") continue;
      yield { rowNumber, values };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      // The parser runs ahead of this loop, so its own count says where it stopped (records so far + 1).
      const records = (error as CsvError & { records?: number }).records;
      const at = typeof records === "number" ? records + 1 : rowNumber + 1;
      throw new ImportFileError(400, "csvUnreadable", { row: at, problem: csvProblem(error) });
    }
    throw error;
  } finally {
    parser.destroy();
  }
}

function csvProblem(error: CsvError): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return englishText("csvQuoteNotClosed");
    case "CSV_MAX_RECORD_SIZE":
      return englishText("csvRowTooLong", { max: MAX_CSV_RECORD_CHARS.toLocaleString("en-IN") });
    default:
      return error.message;
  }
}

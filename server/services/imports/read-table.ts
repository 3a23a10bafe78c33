/**
 * Reads an uploaded table (CSV or XLSX) row by row without holding the file: the byte limit is enforced as
 * the bytes arrive, and the kind is told by the content (zip magic), not by the name.
 */
import "server-only";
import { isZip, knownBinaryKind, limitBytes, peekBytes } from "@/server/services/imports/byte-stream";
import { readCsvRecords } from "@/server/services/imports/csv-records";
import { ImportFileError } from "@/server/services/imports/import-file-error";
import type { RawRecord } from "@/server/services/imports/raw-record";
import { resolveColumns, type TableSpec } from "@/server/services/imports/table-columns";
import { readXlsxRecords } from "@/server/services/imports/xlsx-records";

export { ImportFileError } from "@/server/services/imports/import-file-error";
export type { TableSpec } from "@/server/services/imports/table-columns";

/** 50 MB: about 400,000 register lines, far more than any camp day, and a bound on one request's work. */
export const MAX_IMPORT_BYTES = 50_000_000;

/** The cell set on a CSV row whose cell count differs from the header's (value: what was expected and got). */
export const RAGGED = "__ragged";

/** rowNumber as a spreadsheet shows it (header = 1); cells keyed by canonical lower-case column name. */
export type TableRow = { rowNumber: number; cells: Record<string, string> };

export type TableSource = { bytes: AsyncIterable<Uint8Array>; fileName: string; contentType?: string | null };

export type ReadTableOptions = { maxBytes?: number; onBytes?: (chunk: Uint8Array) => void };

export async function* readTable(source: TableSource, spec: TableSpec, options: ReadTableOptions = {}): AsyncGenerator<TableRow> {
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  const { head, bytes } = await peekBytes(limitBytes(source.bytes, maxBytes, options.onBytes), 8);
  try {
    if (head.byteLength === 0) throw new ImportFileError(400, "fileEmpty", { file: source.fileName });
    const zip = isZip(head);
    if (!zip) {
      const binary = knownBinaryKind(head);
      if (binary) throw new ImportFileError(415, "fileBinary", { file: source.fileName, kind: binary });
    }
    const records: AsyncGenerator<RawRecord> = zip ? readXlsxRecords(bytes) : readCsvRecords(bytes, head);
    // XLSX leaves out trailing empty cells, so a short row is normal there; in CSV it means a lost separator.
    yield* namedRows(records, spec, !zip, source.fileName);
  } finally {
    await bytes.return(undefined);
  }
}

/**
 * The table, read up to its first data row: a file refused at its head (empty, binary, wrong or missing columns, a
 * header and nothing else) is refused before the caller has written anything (an import batch, a transaction).
 */
export async function openTable(source: TableSource, spec: TableSpec, options: ReadTableOptions = {}): Promise<AsyncGenerator<TableRow>> {
  const rows = readTable(source, spec, options);
  const first = await rows.next();
  return (async function* () {
    if (!first.done) yield first.value;
    yield* rows;
  })();
}

async function* namedRows(records: AsyncGenerator<RawRecord>, spec: TableSpec, strictWidth: boolean, fileName: string): AsyncGenerator<TableRow> {
  let columns: string[] | null = null;
  let dataRows = 0;
  for await (const record of records) {
    if (!columns) {
      columns = resolveColumns(record.values, spec);
      continue;
    }
    const { values } = record;
    if (values.every((v) => v.trim() === "")) continue;
    const cells: Record<string, string> = {};
    columns.forEach((column, i) => (cells[column] = values[i] ?? ""));
    // Cells past the header are kept under a positional name, so a rejected row can be given back whole.
    for (let i = columns.length; i < values.length; i++) if ((values[i] ?? "").trim() !== "") cells[`column_${i + 1}`] = values[i]!;
    // Trailing empty cells (a spreadsheet's stray commas) are not a shape problem.
    let width = values.length;
    while (width > columns.length && (values[width - 1] ?? "").trim() === "") width -= 1;
    if (strictWidth && width !== columns.length) cells[RAGGED] = `expected ${columns.length} cells, got ${width}`;
    dataRows += 1;
    yield { rowNumber: record.rowNumber, cells };
  }
  if (!columns) throw new ImportFileError(400, "fileEmpty", { file: fileName });
  if (dataRows === 0) throw new ImportFileError(400, "fileNoDataRows", { file: fileName });
}

import { redactIdNumbers } from "@/server/imports/id-redaction";

/**
 * A problem with an uploaded file as a whole (not with one of its rows). `status` is the HTTP status a
 * route should answer with: 400 the file is of the right kind but its content cannot be imported (empty,
 * no data rows, wrong columns, broken quoting, a damaged workbook); 413 it is over the size limit; 415 it
 * is not a CSV or XLSX file at all (an image, a legacy .xls, binary data). The message may quote the file
 * (its name, a header cell, the parser's words about a cell), so ID-shaped numbers in it are masked.
 */
export class ImportFileError extends Error {
  readonly status: 400 | 413 | 415;

  constructor(status: 400 | 413 | 415, message: string) {
    super(redactIdNumbers(message));
    this.name = "ImportFileError";
    this.status = status;
  }
}

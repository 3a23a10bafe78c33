import "server-only";
import { AppError, type ErrorKey } from "@/server/errors/app-error";
import type { ErrorParams } from "@/core/errors/error-codes";
import { redactIdNumbers } from "@/server/services/imports/id-redaction";

const CODE = { 400: "BAD_REQUEST", 413: "PAYLOAD_TOO_LARGE", 415: "UNSUPPORTED_MEDIA_TYPE" } as const;

/**
 * A problem with an uploaded file as a whole (not with one of its rows), as the one error type. 400: the file is of
 * the right kind but its content cannot be imported (empty, no data rows, wrong columns, broken quoting, a damaged
 * workbook); 413: over the size limit; 415: not a CSV or XLSX file at all (an image, a legacy .xls, binary data).
 * The parameters may quote the file (its name, a header cell, the parser's words), so ID-shaped numbers are masked.
 */
export class ImportFileError extends AppError {
  constructor(status: 400 | 413 | 415, key: ErrorKey, params: ErrorParams = {}) {
    super(CODE[status], key, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? redactIdNumbers(v) : v])));
  }
}

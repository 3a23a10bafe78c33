import "server-only";
import type { Db } from "@/server/db/client";
import type { ImportKind } from "@/server/generated/prisma/enums";
import { AppError } from "@/server/errors/app-error";
import { MAX_IMPORT_BYTES, type TableSource } from "@/server/services/imports/read-table";
import { formatMegabytes } from "@/server/services/imports/byte-stream";
import { checkFileName, fileNameFromHeader, MAX_IMPORT_ID, parseImportId } from "@/server/services/imports/upload-headers";
import { claimImport, failImport } from "@/server/services/imports/import-batches";

const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", "fileTooLarge", { limit: formatMegabytes(MAX_IMPORT_BYTES) });

/**
 * The uploaded file: the raw request body (streamed, and cut off with 413 the moment it passes the limit; name in
 * X-File-Name), or a multipart form field "file". The platform reads a multipart body whole before the route sees
 * it, so a form is refused up front unless its Content-Length is within the limit; big files go raw, as the
 * browser sends them.
 */
export async function uploadSource(req: Request): Promise<TableSource> {
  const declared = req.headers.get("content-length");
  const length = declared === null ? null : Number(declared);
  if (length !== null && length > MAX_IMPORT_BYTES) throw tooLarge();
  const type = req.headers.get("content-type") ?? "";
  if (type.toLowerCase().startsWith("multipart/form-data")) {
    if (length === null || !Number.isFinite(length)) throw new AppError("LENGTH_REQUIRED", "multipartNeedsLength", { limit: formatMegabytes(MAX_IMPORT_BYTES) });
    const form = await req.formData().catch(() => null);
    const file = form?.get("file");
    if (!(file instanceof File)) throw new AppError("BAD_REQUEST", "multipartNoFile");
    if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
    const name = checkFileName(file.name);
    if (!name.ok) throw new AppError("BAD_REQUEST", "fileNameInvalid", { reason: name.reason });
    return { bytes: file.stream() as unknown as AsyncIterable<Uint8Array>, fileName: name.name, contentType: file.type };
  }
  if (!req.body) throw new AppError("BAD_REQUEST", "uploadNoBody");
  const name = fileNameFromHeader(req.headers.get("x-file-name"));
  if (!name.ok) throw new AppError("BAD_REQUEST", "fileNameInvalid", { reason: name.reason });
  return { bytes: req.body as unknown as AsyncIterable<Uint8Array>, fileName: name.name, contentType: type };
}

/** The batch the browser created to watch progress (X-Import-Id), or undefined; a 400 if it is not claimable. */
export async function claimedImportId(db: Db, req: Request, userId: number, kind: ImportKind): Promise<number | undefined> {
  const raw = req.headers.get("x-import-id");
  if (raw === null) return undefined;
  const id = parseImportId(raw);
  if (id === null) throw new AppError("BAD_REQUEST", "importIdInvalid", { max: MAX_IMPORT_ID });
  if (!(await claimImport(db, userId, id, kind))) throw new AppError("BAD_REQUEST", "importNotClaimable", { id, kind: kind.toLowerCase() });
  return id;
}

/**
 * The upload of an import route: the claimed batch (if the page opened one) and the file. A batch opened for
 * progress must not stay RUNNING when the upload is refused before its first byte is read.
 */
export async function openUpload(db: Db, req: Request, userId: number, kind: ImportKind, now: Date): Promise<{ importId: number | undefined; source: TableSource }> {
  const importId = await claimedImportId(db, req, userId, kind);
  try {
    return { importId, source: await uploadSource(req) };
  } catch (error) {
    if (importId !== undefined && error instanceof AppError) await failImport(db, importId, error.message, now);
    throw error;
  }
}

import "server-only";
import type { Db } from "@/server/db/client";
import type { ImportKind } from "@/server/generated/prisma/enums";
import { problem, type RestCaller } from "@/server/api/rest";
import { MAX_IMPORT_BYTES, type TableSource } from "@/server/imports/read-table";
import { formatMegabytes } from "@/server/imports/byte-stream";
import { ImportFileError } from "@/server/imports/import-file-error";
import { ImportForbiddenError, type ImportActor } from "@/server/imports/import-types";
import { PortalImportForbiddenError } from "@/server/imports/portal-types";
import { checkFileName, fileNameFromHeader, MAX_IMPORT_ID, parseImportId } from "@/server/imports/upload-headers";
import { claimImport, failImport } from "@/server/services/import-batches";
import { authenticate } from "@/server/api/rest";

const TOO_BIG = `The file is larger than the ${formatMegabytes(MAX_IMPORT_BYTES)} limit; split it into smaller files.`;

/**
 * The uploaded file: the raw request body (streamed, and cut off with 413 the moment it passes the limit;
 * name in X-File-Name), or a multipart form field "file". The platform reads a multipart body whole before
 * the route sees it, so a form is refused up front unless its Content-Length is within the limit; big files
 * go raw, as the browser sends them.
 */
export async function uploadSource(req: Request): Promise<TableSource | Response> {
  const declared = req.headers.get("content-length");
  const length = declared === null ? null : Number(declared);
  if (length !== null && length > MAX_IMPORT_BYTES) return problem(413, TOO_BIG);
  const type = req.headers.get("content-type") ?? "";
  if (type.toLowerCase().startsWith("multipart/form-data")) {
    if (length === null || !Number.isFinite(length)) {
      return problem(
        411,
        `A multipart upload needs a Content-Length (it is read whole before it can be checked against the ${formatMegabytes(MAX_IMPORT_BYTES)} limit); send the raw file as the request body instead, with its name in X-File-Name.`,
      );
    }
    const form = await req.formData().catch(() => null);
    const file = form?.get("file");
    if (!(file instanceof File)) return problem(400, 'Send the file in a multipart form field named "file".');
    if (file.size > MAX_IMPORT_BYTES) return problem(413, TOO_BIG);
    const name = checkFileName(file.name);
    if (!name.ok) return problem(400, name.reason);
    return { bytes: file.stream() as unknown as AsyncIterable<Uint8Array>, fileName: name.name, contentType: file.type };
  }
  if (!req.body) return problem(400, "The request has no body: send the CSV or XLSX file as the body.");
  const name = fileNameFromHeader(req.headers.get("x-file-name"));
  if (!name.ok) return problem(400, name.reason);
  return { bytes: req.body as unknown as AsyncIterable<Uint8Array>, fileName: name.name, contentType: type };
}

export function importActor(caller: RestCaller): ImportActor {
  return { userId: caller.user.id, role: caller.user.role, blockId: caller.user.blockId };
}

/** The batch the browser created to watch progress (X-Import-Id), or undefined; a 400 if it is not claimable. */
export async function claimedImportId(db: Db, req: Request, userId: number, kind: ImportKind): Promise<number | undefined | Response> {
  const raw = req.headers.get("x-import-id");
  if (raw === null) return undefined;
  const id = parseImportId(raw);
  if (id === null) {
    return problem(400, `X-Import-Id must be a whole number from 1 to ${MAX_IMPORT_ID} (the id the page got when it opened the import); leave the header out to start a new import.`);
  }
  const claimed = await claimImport(db, userId, id, kind);
  return claimed ? id : problem(400, `X-Import-Id ${id} is not an unused ${kind.toLowerCase()} import of yours; leave the header out to start a new import.`);
}

/** File-level and permission errors as 4xx JSON; anything else is a real failure and propagates. */
export function importErrorResponse(error: unknown): Response {
  if (error instanceof ImportFileError) return problem(error.status, error.message);
  if (error instanceof ImportForbiddenError || error instanceof PortalImportForbiddenError) return problem(403, error.message);
  throw error;
}

type ImportRunner = (caller: RestCaller, source: TableSource, importId: number | undefined) => Promise<unknown>;

/** POST handler shared by both import routes: caller, claimed batch, upload, run, 4xx for file problems. */
export function importRoute(kind: ImportKind, run: ImportRunner) {
  return async function POST(req: Request): Promise<Response> {
    const caller = await authenticate(req);
    if (caller instanceof Response) return caller;
    const importId = await claimedImportId(caller.db, req, caller.user.id, kind);
    if (importId instanceof Response) return importId;
    const source = await uploadSource(req);
    if (source instanceof Response) {
      // A batch opened for progress must not stay RUNNING when the upload is refused before reading.
      if (importId !== undefined) await failBatch(caller.db, importId, source);
      return source;
    }
    try {
      return Response.json(await run(caller, source, importId), { headers: { "cache-control": "no-store" } });
    } catch (error) {
      return importErrorResponse(error);
    }
  };
}

async function failBatch(db: Db, importId: number, refusal: Response): Promise<void> {
  const { error } = (await refusal.clone().json()) as { error?: string };
  await failImport(db, importId, error ?? `HTTP ${refusal.status}`, new Date());
}

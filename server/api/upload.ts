import "server-only";
import type { Db } from "@/server/db/client";
import type { ImportKind } from "@/server/generated/prisma/enums";
import { problem, type RestCaller } from "@/server/api/rest";
import { MAX_IMPORT_BYTES, type TableSource } from "@/server/imports/read-table";
import { ImportFileError } from "@/server/imports/import-file-error";
import { ImportForbiddenError, type ImportActor } from "@/server/imports/import-types";
import { PortalImportForbiddenError } from "@/server/imports/portal-types";
import { claimableImport } from "@/server/services/import-batches";
import { authenticate } from "@/server/api/rest";

/**
 * The uploaded file: the raw request body (streamed; name in X-File-Name), or a multipart form field
 * "file" (the platform buffers multipart bodies, so big files should be sent raw).
 */
export async function uploadSource(req: Request): Promise<TableSource | Response> {
  const length = Number(req.headers.get("content-length") ?? "0");
  if (length > MAX_IMPORT_BYTES) return problem(413, `The file is larger than the ${MAX_IMPORT_BYTES / 1_000_000} MB limit.`);
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await req.formData().catch(() => null);
    const file = form?.get("file");
    if (!(file instanceof File)) return problem(400, 'Send the file in a multipart form field named "file".');
    return { bytes: file.stream() as unknown as AsyncIterable<Uint8Array>, fileName: file.name, contentType: file.type };
  }
  if (!req.body) return problem(400, "The request has no body: send the CSV or XLSX file as the body.");
  const fileName = decodeURIComponent(req.headers.get("x-file-name") ?? "upload");
  return { bytes: req.body as unknown as AsyncIterable<Uint8Array>, fileName, contentType: type };
}

export function importActor(caller: RestCaller): ImportActor {
  return { userId: caller.user.id, role: caller.user.role, blockId: caller.user.blockId };
}

/** The batch the browser created to watch progress (X-Import-Id), or undefined; a 400 if it is not claimable. */
export async function claimedImportId(db: Db, req: Request, userId: number, kind: ImportKind): Promise<number | undefined | Response> {
  const raw = req.headers.get("x-import-id");
  if (!raw) return undefined;
  const id = Number(raw);
  const batch = Number.isInteger(id) && id > 0 ? await claimableImport(db, userId, id, kind) : null;
  return batch ? batch.id : problem(400, `X-Import-Id ${raw} is not an unused ${kind.toLowerCase()} import of yours.`);
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
  await db.importBatch.update({ where: { id: importId }, data: { status: "FAILED", error: error ?? `HTTP ${refusal.status}`, finishedAt: new Date() } });
}

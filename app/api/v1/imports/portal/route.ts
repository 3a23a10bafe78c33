import { authenticate } from "@/server/api/rest";
import { claimedImportId, importActor, importErrorResponse, uploadSource } from "@/server/api/upload";
import { runPortalImport } from "@/server/services/portal-import-run";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const importId = await claimedImportId(caller.db, req, caller.user.id, "PORTAL");
  if (importId instanceof Response) return importId;
  const source = await uploadSource(req);
  if (source instanceof Response) return source;
  try {
    const result = await runPortalImport(caller.db, importActor(caller), source, { now: caller.now, importId });
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return importErrorResponse(error);
  }
}

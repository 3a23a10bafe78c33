import { authenticate } from "@/server/api/rest";
import { claimedImportId, importActor, importErrorResponse, uploadSource } from "@/server/api/upload";
import { getEnv } from "@/server/env";
import { importRegister } from "@/server/imports/register-import";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  const caller = await authenticate(req);
  if (caller instanceof Response) return caller;
  const importId = await claimedImportId(caller.db, req, caller.user.id, "REGISTER");
  if (importId instanceof Response) return importId;
  const source = await uploadSource(req);
  if (source instanceof Response) return source;
  try {
    const result = await importRegister(caller.db, importActor(caller), source, { now: caller.now, importId, idHashKey: getEnv().TEEKA_ID_HASH_KEY });
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return importErrorResponse(error);
  }
}

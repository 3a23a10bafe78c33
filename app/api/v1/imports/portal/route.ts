import { importActor, importRoute } from "@/server/api/upload";
import { runPortalImport } from "@/server/services/portal-import-run";

export const dynamic = "force-dynamic";

export const POST = importRoute("PORTAL", (caller, source, importId) => runPortalImport(caller.db, importActor(caller), source, { now: caller.now, importId }));

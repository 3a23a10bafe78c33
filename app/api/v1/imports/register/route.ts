import { importActor, importRoute } from "@/server/api/upload";
import { getEnv } from "@/server/env";
import { importRegister } from "@/server/imports/register-import";

export const dynamic = "force-dynamic";

export const POST = importRoute("REGISTER", (caller, source, importId) =>
  importRegister(caller.db, importActor(caller), source, { now: caller.now, importId, idHashKey: getEnv().TEEKA_ID_HASH_KEY }),
);

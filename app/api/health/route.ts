import { appConfig } from "@/server/config";
import { getDb } from "@/server/db/client";
import { getReplicaDb, replicaLagSeconds } from "@/server/db/replica";
import { checkHealth } from "@/server/db/health";
import { RETRY_AFTER_SECONDS } from "@/server/errors/classify";
import { englishText } from "@/server/errors/app-error";

export const dynamic = "force-dynamic";

/**
 * 200 `status: "ok"` — the database answers and requests are served at once; 200 `status: "busy"` (`busy: true`)
 * — the database answers but every connection slot is taken, so requests queue or get 503 "busy" (load, not an
 * outage: do not restart); 503 `status: "error"`, `db: "unreachable"` — the database does not answer on the health
 * check's own connection. `load` gives the queue's counters either way.
 */
export async function GET() {
  const health = await checkHealth(appConfig().DATABASE_URL);
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (health.db === "unreachable") {
    headers["retry-after"] = String(RETRY_AFTER_SECONDS);
    const error = englishText("databaseUnavailable", { seconds: RETRY_AFTER_SECONDS });
    return Response.json({ status: "error", db: "unreachable", key: "databaseUnavailable", error, busy: health.busy, load: health.load }, { status: 503, headers });
  }
  // The replica's lag (null: none configured, or unreachable; reads then go to the primary, so still "ok").
  const replicaLag = await replicaLagSeconds(getDb(), getReplicaDb()).catch(() => null);
  return Response.json({ status: health.busy ? "busy" : "ok", db: "ok", busy: health.busy, load: health.load, replicaLagSeconds: replicaLag }, { headers });
}

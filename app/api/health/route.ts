import { getDb } from "@/server/db/client";
import { getReplicaDb, replicaLagSeconds } from "@/server/db/replica";

export const dynamic = "force-dynamic";

const DB_TIMEOUT_MS = 3_000;

export async function GET() {
  try {
    await Promise.race([
      getDb().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("database did not answer in time")), DB_TIMEOUT_MS)),
    ]);
    // The replica's lag (null: none configured, or unreachable; reads then go to the primary, so still "ok").
    const replicaLag = await replicaLagSeconds(getDb(), getReplicaDb());
    return Response.json({ status: "ok", db: "ok", replicaLagSeconds: replicaLag }, { headers: { "cache-control": "no-store" } });
  } catch {
    return Response.json({ status: "error", db: "unreachable" }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}

import "server-only";
/**
 * The health check's own connection (issue 13): one pg client outside the app's pool and outside the bounded
 * queue, so that a saturated pool cannot make a healthy database look "unreachable". It tells three states apart:
 * the database answers and there is room ("ok"); it answers but every slot is taken ("busy" — requests are being
 * queued or told to retry, which is load, not an outage); it does not answer in time ("unreachable").
 */
import pg from "pg";
import { getDbLimiter } from "@/server/db/client";
import type { LimiterStats } from "@/server/db/limiter";

const CHECK_TIMEOUT_MS = 3_000;

export type Health = { db: "ok" | "unreachable"; busy: boolean; load: LimiterStats };

const globalForHealth = globalThis as unknown as { teekaHealthPool?: { url: string; pool: pg.Pool } };

function healthPool(databaseUrl: string): pg.Pool {
  const current = globalForHealth.teekaHealthPool;
  if (current?.url === databaseUrl) return current.pool;
  void current?.pool.end().catch(() => undefined);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 1,
    application_name: "teeka-health",
    connectionTimeoutMillis: CHECK_TIMEOUT_MS,
    statement_timeout: CHECK_TIMEOUT_MS,
    query_timeout: CHECK_TIMEOUT_MS,
    allowExitOnIdle: true,
  });
  pool.on("error", () => undefined); // an idle connection that dies is replaced at the next check
  globalForHealth.teekaHealthPool = { url: databaseUrl, pool };
  return pool;
}

export async function checkHealth(databaseUrl: string): Promise<Health> {
  const limiter = getDbLimiter();
  let db: Health["db"] = "ok";
  try {
    await healthPool(databaseUrl).query("SELECT 1");
  } catch {
    db = "unreachable";
  }
  return { db, busy: limiter.saturated(), load: limiter.stats() };
}

import "server-only";
/**
 * GET /metrics: Prometheus text format, for operators. Deny by default: without TEEKA_METRICS_TOKEN the endpoint
 * does not exist (404); with it, only `Authorization: Bearer <token>` is answered. Gauges that come from the
 * database (backlog per block, replica lag) and from the pools are read at scrape time, one query each.
 */
import { timingSafeEqual } from "node:crypto";
import { environment } from "@/server/config";
import { poolOf, type Db } from "@/server/db/client";
import { replicaLag } from "@/server/db/replica";
import { AppError } from "@/server/errors/app-error";
import { logger } from "@/server/logger";
import { backlogGauges } from "@/server/metrics/backlog-gauges";
import { metrics } from "@/server/metrics/registry";

export type MetricsSources = { db: Db; replica: Db | null; now: Date };

function refuse(error: AppError): Response {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (error.status === 401) headers["www-authenticate"] = 'Bearer realm="metrics"';
  return Response.json({ error: error.message, ...error.detail() }, { status: error.status, headers });
}

function tokenMatches(header: string | null, token: string): boolean {
  const given = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function refreshGauges({ db, replica, now }: MetricsSources): Promise<void> {
  const m = metrics();
  for (const [name, client] of [["primary", db], ["replica", replica]] as const) {
    const pool = client ? poolOf(client) : undefined;
    if (!pool) continue;
    m.poolConnections.set({ pool: name, state: "total" }, pool.totalCount);
    m.poolConnections.set({ pool: name, state: "idle" }, pool.idleCount);
    m.poolConnections.set({ pool: name, state: "waiting" }, pool.waitingCount);
  }
  if (replica) m.replicaLag.set((await replicaLag(db, replica))?.seconds ?? -1);
  // Reset first: a block that no longer exists must not keep its last figure.
  m.backlogPending.reset();
  m.backlogOverdue.reset();
  // The backlog is read where dashboards read it: the replica when there is one.
  for (const g of await backlogGauges(replica ?? db, now)) {
    m.backlogPending.set({ district: g.district, block: g.block }, g.pending);
    m.backlogOverdue.set({ district: g.district, block: g.block }, g.overdue);
  }
}

export async function handleMetrics(req: Request, sources: MetricsSources): Promise<Response> {
  const token = environment().TEEKA_METRICS_TOKEN;
  if (!token) return refuse(new AppError("NOT_FOUND", "metricsOff"));
  if (!tokenMatches(req.headers.get("authorization"), token)) return refuse(new AppError("UNAUTHORIZED", "metricsTokenRequired"));
  const { registry } = metrics();
  try {
    await refreshGauges(sources);
  } catch (err) {
    // The process metrics are still worth having when the database is down; the backlog gauges then go missing.
    logger.warn({ err }, "metrics: database gauges not refreshed");
  }
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}

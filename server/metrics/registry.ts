import "server-only";
/**
 * The process's metrics for operators (GET /metrics, Prometheus text format). One registry per process, kept on
 * globalThis: Next.js may load this module once per bundle (instrumentation, route handlers), and a second
 * registry would split the counts. Labels are bounded sets only (procedure paths, route templates, event types,
 * probe states, blocks), never ids or user input.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "teeka_" });
  return {
    registry,
    requestDuration: new Histogram({
      name: "teeka_request_duration_seconds",
      help: "Time to answer one tRPC procedure or REST route, by route and outcome.",
      labelNames: ["transport", "route", "method", "status"] as const,
      // Dashboard reads take tens of milliseconds; the slow end matters for the 48-hour review-meeting peak.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    eventsReceived: new Counter({
      name: "teeka_events_received_total",
      help: "Change events this instance heard from the database (LISTEN), by type.",
      labelNames: ["type"] as const,
      registers: [registry],
    }),
    eventDeliveries: new Counter({
      name: "teeka_event_deliveries_total",
      help: "Change events handed to open live streams (events received times the streams listening).",
      registers: [registry],
    }),
    probeResults: new Counter({
      name: "teeka_probe_results_total",
      help: "Portal probe results written, by the state they put the target in.",
      labelNames: ["state"] as const,
      registers: [registry],
    }),
    poolConnections: new Gauge({
      name: "teeka_db_pool_connections",
      help: "Database pool connections of this instance: total open, idle, and requests waiting for one.",
      labelNames: ["pool", "state"] as const,
      registers: [registry],
    }),
    replicaLag: new Gauge({
      name: "teeka_replica_lag_seconds",
      help: "How far the read replica's data is behind the primary's (absent without a replica; -1 when unreachable).",
      registers: [registry],
    }),
    backlogPending: new Gauge({
      name: "teeka_backlog_pending",
      help: "Register entries not yet entered on the national portal, per block.",
      labelNames: ["district", "block"] as const,
      registers: [registry],
    }),
    backlogOverdue: new Gauge({
      name: "teeka_backlog_overdue",
      help: "Pending entries past the 48-hour deadline, per block.",
      labelNames: ["district", "block"] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as unknown as { teekaMetrics?: Metrics };

export function metrics(): Metrics {
  globalForMetrics.teekaMetrics ??= createMetrics();
  return globalForMetrics.teekaMetrics;
}

/** Seconds since `startedAt` (a process.hrtime.bigint() reading), for the request histogram. */
export function secondsSince(startedAt: bigint): number {
  return Number(process.hrtime.bigint() - startedAt) / 1e9;
}

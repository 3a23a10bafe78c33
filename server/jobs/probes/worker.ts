/**
 * The probe worker (issue 4): lease + scheduler + alerts. Every app instance (and `npm run worker`) starts one;
 * only the instance holding the lease runs a scheduler, and it stops the scheduler the moment the lease is lost.
 */
import "server-only";
import pg from "pg";
import type { Db } from "@/server/db/client";
import { createAlertEngine, type AlertEngine, type AlertEngineOptions } from "@/server/jobs/probes/alerts";
import { startLease, type Lease } from "@/server/jobs/probes/lease";
import { startProbeScheduler, type ProbeScheduler, type SchedulerLog, type SchedulerOptions } from "@/server/jobs/probes/scheduler";
import { startBlockRiskJob } from "@/server/jobs/block-risk";
import { startAlertDigestJob } from "@/server/jobs/alert-digests";

export type WorkerOptions = {
  /** For the lease's own connection (a pooled Prisma connection cannot hold a session lock). */
  databaseUrl: string;
  db: Db;
  log: SchedulerLog;
  leaseKey?: bigint | number;
  leaseRetryMs?: number;
  leaseCheckMs?: number;
  scheduler?: Omit<SchedulerOptions, "db" | "log" | "onOutcome">;
  alerts?: Omit<AlertEngineOptions, "db" | "log">;
  /** Also evaluate the blocks' burn-down risk (issue 5) under the same lease; default true. */
  blockRisk?: boolean;
  /** Also queue and send alert messages (SMS, WhatsApp, Telegram, email; issue 16) under the lease; default as blockRisk. */
  notify?: boolean;
};

export type ProbeWorker = {
  stop(): Promise<void>;
  isLeader(): boolean;
  /** The running scheduler while this instance holds the lease. */
  scheduler(): ProbeScheduler | null;
  alerts(): AlertEngine | null;
};

export function startProbeWorker(opts: WorkerOptions): ProbeWorker {
  const { db, log } = opts;
  let scheduler: ProbeScheduler | null = null;
  let alerts: AlertEngine | null = null;
  let riskJob: { stop(): Promise<void> } | null = null;
  let notifyJob: { stop(): Promise<void> } | null = null;
  const stopping: Promise<void>[] = [];
  // Two connections for the scheduler's batched writes; opened lazily, only by the lease holder.
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 2, idleTimeoutMillis: 30_000, application_name: "teeka-probe-writer" });
  pool.on("error", (err) => log.warn({ err: err.message }, "probe writer connection failed; it is replaced on the next write"));

  const lease: Lease = startLease({
    databaseUrl: opts.databaseUrl,
    key: opts.leaseKey,
    log,
    retryMs: opts.leaseRetryMs,
    checkMs: opts.leaseCheckMs,
    onAcquired() {
      const engine = createAlertEngine({ ...opts.alerts, db, log });
      alerts = engine;
      scheduler = startProbeScheduler({ ...opts.scheduler, db, log, pool, onOutcome: (o) => engine.onOutcome({ ...o, state: o.step.state, stateSince: o.step.memory.since, error: o.result.error, at: o.result.checkedAt }) });
      // One evaluator district-wide, like one prober: the lease holder runs both.
      if (opts.blockRisk !== false) riskJob = startBlockRiskJob({ db, log });
      if ((opts.notify ?? opts.blockRisk) !== false) notifyJob = startAlertDigestJob({ db, log });
    },
    onLost() {
      // Another instance may already be probing: drop what is buffered rather than write it over theirs.
      if (scheduler) stopping.push(scheduler.stop({ discard: true }));
      if (alerts) stopping.push(alerts.stop());
      if (riskJob) stopping.push(riskJob.stop());
      if (notifyJob) stopping.push(notifyJob.stop());
      scheduler = null;
      alerts = null;
      riskJob = null;
      notifyJob = null;
    },
  });

  return {
    async stop() {
      // A clean stop writes what is buffered while still holding the lease, then releases it.
      const running = scheduler;
      const engine = alerts;
      const risk = riskJob;
      const notify = notifyJob;
      scheduler = null;
      alerts = null;
      riskJob = null;
      notifyJob = null;
      if (running) await running.stop();
      if (engine) await engine.stop();
      if (risk) await risk.stop();
      if (notify) await notify.stop();
      await lease.stop();
      await Promise.allSettled(stopping);
      await pool.end().catch(() => undefined);
    },
    isLeader: () => lease.held(),
    scheduler: () => scheduler,
    alerts: () => alerts,
  };
}

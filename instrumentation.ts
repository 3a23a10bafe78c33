/**
 * Next.js start-up hook: every app instance starts the probe worker (issue 4). Only the instance that holds the
 * lease in PostgreSQL probes; the others wait to take over. `TEEKA_PROBES=off` leaves probing to a separate
 * `npm run worker` process (or to nobody).
 *
 * The worker is imported dynamically inside the Node.js branch, so neither the Edge bundle nor the build
 * pulls in `pg` or the scheduler.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.TEEKA_PROBES === "off" || process.env.NEXT_PHASE === "phase-production-build") return;
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const { logger } = await import("@/server/logger");
    logger.warn({}, "probes not started: DATABASE_URL is not set");
    return;
  }
  const { startInstanceProbeWorker } = await import("@/server/jobs/probes/instrumentation-node");
  startInstanceProbeWorker(databaseUrl);
}

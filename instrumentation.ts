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
  const { logger } = await import("@/server/logger");
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    logger.warn({}, "probes not started: DATABASE_URL is not set");
    return;
  }
  const marker = globalThis as unknown as { teekaProbeWorker?: boolean };
  if (marker.teekaProbeWorker) return; // dev reloads call register again
  marker.teekaProbeWorker = true;
  try {
    const { startProbeWorker } = await import("@/server/probes/worker");
    const { getDb } = await import("@/server/db/client");
    const log = logger.child({ component: "probes" });
    const worker = startProbeWorker({ databaseUrl, db: getDb(), log });
    const shutdown = () => void worker.stop().catch((err: unknown) => log.error({ err }, "probe worker did not stop cleanly"));
    process.once("SIGTERM", shutdown);
    process.once("SIGINT", shutdown);
  } catch (err) {
    marker.teekaProbeWorker = false;
    logger.error({ err }, "probe worker failed to start; the app runs without probing");
  }
}

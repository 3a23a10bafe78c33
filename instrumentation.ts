/**
 * Next.js start-up hook: every app instance starts the probe worker (issue 4). Only the instance that holds the
 * lease in PostgreSQL probes; the others wait to take over. `TEEKA_PROBES=off` leaves probing to a separate
 * `npm run worker` process (or to nobody).
 *
 * The worker is imported dynamically inside the Node.js branch, so neither the Edge bundle nor the build
 * pulls in `pg` or the scheduler.
 */
export async function register(): Promise<void> {
  // Next.js replaces this one variable at build time, per runtime; it must stay a literal process.env read.
  // eslint-disable-next-line no-restricted-syntax
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { appConfig, environment } = await import("@/server/config");
  if (environment().NEXT_PHASE === "phase-production-build") return;
  // The whole configuration is checked here, at start: a bad or missing value stops the instance with its name.
  const config = appConfig();
  if (config.TEEKA_PROBES === "off") return;
  const { startInstanceProbeWorker } = await import("@/server/jobs/probes/instrumentation-node");
  startInstanceProbeWorker(config.DATABASE_URL);
}

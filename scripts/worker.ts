/**
 * `DATABASE_URL=… npm run worker`: the probe worker as its own process (issue 4), for deployments that run the
 * app with TEEKA_PROBES=off or want probing isolated. Several may run: one probes, the others stand by.
 * SIGINT/SIGTERM write what is buffered, release the lease and exit.
 * TEEKA_PROBE_LEASE_KEY overrides the advisory-lock key (tests run workers side by side on one database).
 */
import { appConfig } from "@/server/config";
import { createDb } from "@/server/db/client";
import { logger } from "@/server/logger";
import { startProbeWorker } from "@/server/jobs/probes/worker";

function configuration() {
  try {
    return appConfig();
  } catch (error) {
    console.error(`${(error as Error).message} (the worker probes the targets of that database: DATABASE_URL=postgresql://… npm run worker)`);
    process.exit(2);
  }
}

const config = configuration();
const databaseUrl = config.DATABASE_URL;

const db = createDb(databaseUrl);
const log = logger.child({ component: "probes" });
const worker = startProbeWorker({
  databaseUrl,
  db,
  log,
  leaseKey: config.TEEKA_PROBE_LEASE_KEY,
  leaseRetryMs: config.TEEKA_PROBE_LEASE_RETRY_MS,
  scheduler: { onlyTargetIds: config.TEEKA_PROBE_TARGET_IDS },
  // A worker limited to some targets (tests, trials) leaves the district-wide block-risk alerts alone.
  blockRisk: config.TEEKA_PROBE_TARGET_IDS === undefined,
});
log.info({ pid: process.pid }, "probe worker started; waiting for the lease");

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "probe worker stopping");
  worker
    .stop()
    .then(() => db.$disconnect())
    .then(() => process.exit(0))
    .catch((err: unknown) => {
      log.error({ err }, "probe worker did not stop cleanly");
      process.exit(1);
    });
};
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));

/**
 * `DATABASE_URL=… npm run worker`: the probe worker as its own process (issue 4), for deployments that run the
 * app with TEEKA_PROBES=off or want probing isolated. Several may run: one probes, the others stand by.
 * SIGINT/SIGTERM write what is buffered, release the lease and exit.
 * TEEKA_PROBE_LEASE_KEY overrides the advisory-lock key (tests run workers side by side on one database).
 */
import { createDb } from "@/server/db/client";
import { logger } from "@/server/logger";
import { startProbeWorker } from "@/server/jobs/probes/worker";

function leaseKey(): bigint | undefined {
  const raw = process.env.TEEKA_PROBE_LEASE_KEY;
  if (!raw) return undefined;
  if (!/^-?\d{1,18}$/.test(raw)) {
    console.error(`TEEKA_PROBE_LEASE_KEY must be an integer, got "${raw}"`);
    process.exit(2);
  }
  return BigInt(raw);
}

function onlyTargetIds(): number[] | undefined {
  const raw = process.env.TEEKA_PROBE_TARGET_IDS;
  if (!raw) return undefined;
  const ids = raw.split(",").map((s) => Number(s.trim()));
  if (ids.some((n) => !Number.isInteger(n) || n <= 0)) {
    console.error(`TEEKA_PROBE_TARGET_IDS must be comma-separated target ids, got "${raw}"`);
    process.exit(2);
  }
  return ids;
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set: the worker probes the targets of that database (e.g. DATABASE_URL=postgresql://… npm run worker).");
  process.exit(2);
}

const db = createDb(databaseUrl);
const log = logger.child({ component: "probes" });
const worker = startProbeWorker({
  databaseUrl,
  db,
  log,
  leaseKey: leaseKey(),
  leaseRetryMs: Number(process.env.TEEKA_PROBE_LEASE_RETRY_MS) || undefined,
  scheduler: { onlyTargetIds: onlyTargetIds() },
  // A worker limited to some targets (tests, trials) leaves the district-wide block-risk alerts alone.
  blockRisk: onlyTargetIds() === undefined,
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

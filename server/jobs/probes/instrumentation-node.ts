/**
 * The Node.js half of instrumentation.ts: starts this app instance's probe worker (only the lease holder
 * probes). Kept apart so that the Edge bundle never sees `process.once` or `pg`.
 */
import "server-only";
import { logger } from "@/server/logger";
import { getDb } from "@/server/db/client";
import { startProbeWorker } from "@/server/jobs/probes/worker";

export function startInstanceProbeWorker(databaseUrl: string): void {
  const marker = globalThis as unknown as { teekaProbeWorker?: boolean };
  if (marker.teekaProbeWorker) return; // dev reloads call register again
  marker.teekaProbeWorker = true;
  const log = logger.child({ component: "probes" });
  try {
    const worker = startProbeWorker({ databaseUrl, db: getDb(), log });
    const shutdown = () => void worker.stop().catch((err: unknown) => log.error({ err }, "probe worker did not stop cleanly"));
    process.once("SIGTERM", shutdown);
    process.once("SIGINT", shutdown);
  } catch (err) {
    marker.teekaProbeWorker = false;
    log.error({ err }, "probe worker failed to start; the app runs without probing");
  }
}

import path from "node:path";
import { startEmbeddedPostgres } from "@/server/db/embedded-postgres";
import { migrateDatabase } from "@/server/db/migrate";
import { createDb } from "@/server/db/client";
import { seedDemoData } from "@/server/seed/seed-demo";
import { failStaleImports } from "@/server/services/imports/import-batches";
import type { StartConfig } from "@/scripts/lib/config";

export type PreparedDatabase = { url: string; stop: () => Promise<void> };

/**
 * An external server when DATABASE_URL is set, else the embedded one; migrated, and with the demo data when asked
 * for (TEEKA_DEMO_DATA). Nothing else is written: a real database gets its states and districts from the operator
 * (npm run create-district), never from a start.
 */
export async function prepareDatabase(config: StartConfig, log: (message: string) => void): Promise<PreparedDatabase> {
  let url = config.databaseUrl;
  let stop: () => Promise<void> = async () => {};
  if (!url) {
    log(`Starting embedded PostgreSQL on 127.0.0.1:${config.pgPort} (data in ${path.join(config.dataDir, "pg")})`);
    const pg = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, "pg"), port: config.pgPort, database: "teeka" });
    url = pg.url;
    stop = pg.stop;
  }
  try {
    log("Applying database migrations");
    await migrateDatabase(url);
    const db = createDb(url);
    try {
      // Imports left RUNNING by a server that died (their rows were rolled back with it). Only stale ones:
      // another instance may be running an import right now.
      const failed = await failStaleImports(db, new Date());
      if (failed > 0) log(`Marked ${failed} interrupted import(s) as failed`);
      if (config.demoData) {
        log("Loading demo data (first start takes a few seconds)");
        const result = await seedDemoData(db, { now: new Date(), idHashKey: config.idHashKey, log });
        log(result.created ? "Demo data created" : `Demo data present${result.shiftedDays ? `, moved ${result.shiftedDays} day(s) forward to stay current` : ""}`);
      }
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

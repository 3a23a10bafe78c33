import { randomBytes } from "node:crypto";
import { freePort } from "@/scripts/lib/free-port";
import { rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import { startEmbeddedPostgres, type RunningPostgres } from "@/server/db/embedded-postgres";
import { migrateDatabase } from "@/server/db/migrate";

export type BenchServer = { url: string; root: string; dispose: () => Promise<void> };

/** A throw-away, migrated PostgreSQL; dispose() stops it and deletes its folder. */
export async function startBenchServer(): Promise<BenchServer> {
  // Must not exist yet: embedded-postgres creates it and hands it to the `postgres` OS user
  // (a mkdtemp folder is 0700 root-owned, which that user cannot enter).
  const root = `/tmp/teeka-bench-${randomBytes(4).toString("hex")}`;
  const dataDir = `${root}/pg`;
  const removeRoot = () => rm(root, { recursive: true, force: true });
  // On Ctrl-C embedded-postgres stops the server in its own exit hook, then exits; this removes the folder.
  process.once("exit", () => rmSync(root, { recursive: true, force: true }));
  let pg: RunningPostgres;
  try {
    pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "teeka_bench" });
  } catch (error) {
    await removeRoot();
    throw error;
  }
  const dispose = async () => {
    try {
      await pg.stop();
    } finally {
      await removeRoot();
    }
  };
  try {
    await migrateDatabase(pg.url);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { url: pg.url, root, dispose };
}


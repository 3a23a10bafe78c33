import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/server/db/embedded-postgres";
import { migrateDatabase } from "@/server/db/migrate";
import { createDb } from "@/server/db/client";
import { seedDemoData } from "@/server/seed/seed-demo";
import { freePort } from "@/scripts/lib/free-port";
import { TEST_ID_HASH_KEY, TEST_NOW } from "@/tests/helpers/test-clock";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One real PostgreSQL for the integration run, migrated and loaded with the demo story pinned to TEST_NOW. */
export default async function setup(project: TestProject) {
  // A path under /tmp that does not exist yet: the package creates it for the `postgres` OS user.
  const dataDir = `/tmp/teeka-it-${randomBytes(4).toString("hex")}/pg`;
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "teeka_test" });
  await migrateDatabase(pg.url);
  const db = createDb(pg.url);
  await seedDemoData(db, { now: TEST_NOW, idHashKey: TEST_ID_HASH_KEY });
  await db.$disconnect();
  project.provide("databaseUrl", pg.url);
  // The configuration every test worker starts with (workers inherit this process's environment): the app's own
  // variables, so route handlers and services read their configuration the way a server does.
  Object.assign(process.env, {
    DATABASE_URL: pg.url,
    NEXTAUTH_URL: "http://localhost:3000",
    NEXTAUTH_SECRET: "integration-test-secret-0123456789",
    TEEKA_ID_HASH_KEY: TEST_ID_HASH_KEY,
    LOG_LEVEL: "warn",
    // Tests write with raw SQL too, which only a NOTIFY would announce: the read models' own test switches them on.
    TEEKA_READ_MODELS: "off",
  });
  return async () => {
    await pg.stop();
    await rm(dataDir.replace(/\/pg$/, ""), { recursive: true, force: true });
  };
}

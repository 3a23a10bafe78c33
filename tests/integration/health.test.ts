import { afterEach, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { GET } from "@/app/api/health/route";
import { freePort } from "@/scripts/lib/free-port";
import { resetEnvironment } from "@/server/config";

const globalForDb = globalThis as unknown as { teekaDb?: { $disconnect: () => Promise<void> } };

async function useDatabase(url: string) {
  await globalForDb.teekaDb?.$disconnect();
  globalForDb.teekaDb = undefined;
  process.env.DATABASE_URL = url;
  resetEnvironment();
}

// Not run through withTestRuntime: the health route reads no clock, and what it checks is the process's own
// database connection (getDb()), which each test points at a reachable or an unreachable server.
describe("GET /api/health", () => {
  afterEach(() => useDatabase(inject("databaseUrl")));

  it("answers ok when the database answers", async () => {
    await useDatabase(inject("databaseUrl"));
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", db: "ok", replicaLagSeconds: null });
  });

  it("answers 503 when the database is unreachable", async () => {
    await useDatabase(`postgresql://nobody:nothing@127.0.0.1:${await freePort()}/none`);
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "error", db: "unreachable" });
  });
});

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
// database (its own connection to DATABASE_URL), which each test points at a reachable or an unreachable server.
describe("GET /api/health", () => {
  afterEach(() => useDatabase(inject("databaseUrl")));

  it("answers ok when the database answers", async () => {
    await useDatabase(inject("databaseUrl"));
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", db: "ok", busy: false, load: { inFlight: 0, queued: 0 }, replicaLagSeconds: null });
  });

  it("answers 503 when the database is unreachable", async () => {
    await useDatabase(`postgresql://nobody:nothing@127.0.0.1:${await freePort()}/none`);
    const res = await GET();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).not.toBeNull();
    // "Down", told apart from "busy" (200, status busy: see overload.test.ts).
    expect(await res.json()).toMatchObject({ status: "error", db: "unreachable", key: "databaseUnavailable" });
  });
});

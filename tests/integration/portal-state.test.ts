import { afterAll, describe, expect, it } from "vitest";
import { callerFor, demoStateId, testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";

// The header's "is the portal up?": the worst of the state's enabled targets, and a block user's own reach.
const created: number[] = [];
afterAll(async () => {
  await testDb().probeTarget.deleteMany({ where: { id: { in: created } } });
});

describe("probes.getPortalState", () => {
  it("names the worst enabled target of the state, with since when; a paused one does not count", async () => {
    const dio = await callerFor("dio");
    const before = await dio.probes.getPortalState();
    expect(before).not.toBeNull();
    const stateId = await demoStateId();
    const since = new Date(TEST_NOW.getTime() - 600_000);
    const base = { stateId, url: "http://127.0.0.1:9/", method: "GET" as const, intervalSeconds: 60, timeoutMs: 2000, slowMs: 1000, retries: 0, expectedStatus: [200] };
    const paused = await testDb().probeTarget.create({ data: { ...base, name: "Paused mirror", enabled: false, state: "DOWN", stateSince: since } });
    created.push(paused.id);
    expect((await dio.probes.getPortalState())?.targetId).toBe(before?.targetId);
    const down = await testDb().probeTarget.create({ data: { ...base, name: "U-WIN API", state: "DOWN", stateSince: since } });
    created.push(down.id);
    const now = await dio.probes.getPortalState();
    expect(now).toMatchObject({ targetId: down.id, name: "U-WIN API", state: "DOWN", since, blockReach: null });
    // Banka's DIO is in the same state: the same portal.
    expect((await (await callerFor("dio.banka")).probes.getPortalState())?.targetId).toBe(down.id);
  });

  it("tells a block user whether their own block can reach it", async () => {
    const sup = await callerFor("sup.pirpainti");
    const state = await sup.probes.getPortalState();
    expect(state?.blockReach).toMatch(/^(OK|BLOCK_NETWORK|PORTAL_DOWN|NO_REPORTS)$/);
    await expect((await callerFor(null)).probes.getPortalState()).rejects.toThrow();
  });
});

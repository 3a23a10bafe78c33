import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createEventBus, type EventBus } from "@/server/events/event-bus";
import { configureReadModels, readModelStats } from "@/server/services/read-models/read-model-cache";
import { getBacklogSummary } from "@/server/services/backlog/backlog-summary";
import { getBlockForecasts } from "@/server/services/performance/burn-down";
import { getPendingHistory } from "@/server/services/backlog/pending-history";
import { blockIdOf, blockScope, callerFor, districtScope, testDb } from "@/tests/helpers/callers";
import { restorePendingAfterAll } from "@/tests/helpers/restore-pending";
import { TEST_NOW } from "@/tests/helpers/test-clock";

// The read models with the cache switched on (the other files run with it off, because they also write with raw
// SQL): every answer must equal the record-by-record computation, before and after changes, whoever made them.
const touched = restorePendingAfterAll();
let bus: EventBus;

beforeAll(async () => {
  bus = createEventBus(inject("databaseUrl"));
  await bus.ready();
  configureReadModels({ enabled: true, bus });
});

afterAll(async () => {
  configureReadModels({ enabled: false });
  await bus.close();
});

async function pendingOf(block: string, take: number) {
  const rows = await testDb().vaccinationRecord.findMany({ where: { blockId: await blockIdOf(block), status: "PENDING" }, orderBy: { id: "asc" }, take, select: { id: true } });
  for (const r of rows) touched.add(r.id);
  return rows.map((r) => r.id);
}

/** Polls until `check` passes (a NOTIFY from "another instance" arrives within milliseconds, not at once). */
async function eventually(check: () => Promise<void>, ms = 3_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

describe("read models", () => {
  it("serve the second request of a scope from the first one's computation, with the same figures", async () => {
    const dio = await callerFor("dio");
    const first = await dio.backlog.getSummary();
    const before = readModelStats();
    const second = await dio.backlog.getSummary();
    expect(readModelStats().hits).toBe(before.hits + 1);
    expect(second).toEqual(first);
    expect(second).toEqual(await getBacklogSummary(testDb(), await districtScope(), TEST_NOW));
  });

  it("follow a change made through this instance at once: the next answer is the fresh computation", async () => {
    const dio = await callerFor("dio");
    const sup = await callerFor("sup.pirpainti");
    const pirpainti = await blockIdOf("Pirpainti");
    const district0 = await dio.backlog.getSummary();
    const block0 = await sup.backlog.getSummary({ blockId: pirpainti });
    const forecasts0 = await dio.performance.getForecasts();
    const [id] = await pendingOf("Pirpainti", 1);
    await (await callerFor("op.pirpainti")).records.markEntered({ items: [{ id: id!, portalRef: "CWN-9300000001" }] });

    const district1 = await dio.backlog.getSummary();
    expect(district1.district.pending).toBe(district0.district.pending - 1);
    expect(district1).toEqual(await getBacklogSummary(testDb(), await districtScope(), TEST_NOW));
    const block1 = await sup.backlog.getSummary({ blockId: pirpainti });
    expect(block1.district.pending).toBe(block0.district.pending - 1);
    const forecasts1 = await dio.performance.getForecasts();
    expect(forecasts1).toEqual(await getBlockForecasts(testDb(), await districtScope(), TEST_NOW));
    expect(forecasts1.blocks.find((b) => b.blockId === pirpainti)?.forecast.pending).toBe((forecasts0.blocks.find((b) => b.blockId === pirpainti)?.forecast.pending ?? 0) - 1);
  });

  it("follow a change another instance made (heard as the database's NOTIFY)", async () => {
    const dio = await callerFor("dio");
    const before = await dio.backlog.getSummary();
    const ids = await pendingOf("Sultanganj", 2);
    // Another instance's write: straight to the database, not through this process's pipeline.
    await testDb().vaccinationRecord.updateMany({ where: { id: { in: ids } }, data: { status: "ENTERED", enteredAt: TEST_NOW, portalRef: "CWN-9300000009" } });
    await eventually(async () => expect((await dio.backlog.getSummary()).district.pending).toBe(before.district.pending - 2));
    expect(await dio.backlog.getSummary()).toEqual(await getBacklogSummary(testDb(), await districtScope(), TEST_NOW));
  });

  it("keep each scope's answer apart, and a change in Banka leaves Bhagalpur's block answers cached", async () => {
    const sup = await callerFor("sup.sultanganj");
    const banka = await callerFor("dio.banka");
    const sultanganj = await blockIdOf("Sultanganj");
    await sup.backlog.getSummary({ blockId: sultanganj });
    const bankaSummary = await banka.backlog.getSummary();
    expect(bankaSummary).toEqual(await getBacklogSummary(testDb(), await districtScope("Banka"), TEST_NOW));
    expect(bankaSummary.blocks.map((b) => b.block)).not.toContain("Sultanganj");
    const [bankaId] = (await testDb().vaccinationRecord.findMany({ where: { blockId: await blockIdOf("Amarpur", "Banka"), status: "PENDING" }, take: 1, select: { id: true } })).map((r) => r.id);
    touched.add(bankaId!);
    await (await callerFor("sup.amarpur")).records.markEntered({ items: [{ id: bankaId!, portalRef: "CWN-9300000010" }] });
    const hits = readModelStats().hits;
    await sup.backlog.getSummary({ blockId: sultanganj });
    expect(readModelStats().hits).toBe(hits + 1);
    expect((await banka.backlog.getSummary()).district.pending).toBe(bankaSummary.district.pending - 1);
  });

  it("recompute once the clock has moved past a read model's bound, or backwards", async () => {
    const pirpainti = await blockIdOf("Pirpainti");
    const at = (ms: number) => callerFor("sup.pirpainti", new Date(TEST_NOW.getTime() + ms));
    await (await at(0)).backlog.getPendingHistory({ blockId: pirpainti });
    let misses = readModelStats().misses;
    await (await at(59_000)).backlog.getPendingHistory({ blockId: pirpainti });
    expect(readModelStats().misses).toBe(misses);
    const later = new Date(TEST_NOW.getTime() + 61_000);
    const fresh = await (await at(61_000)).backlog.getPendingHistory({ blockId: pirpainti });
    expect(readModelStats().misses).toBe(misses + 1);
    expect(fresh).toEqual(await getPendingHistory(testDb(), await blockScope("Pirpainti"), later, { blockId: pirpainti }));
    misses = readModelStats().misses;
    await (await at(-1_000)).backlog.getPendingHistory({ blockId: pirpainti });
    expect(readModelStats().misses).toBe(misses + 1);
  });

  it("are not served while the listener is down (changes could be missed), and computed as before", async () => {
    configureReadModels({ enabled: true, bus: { ...bus, isConnected: () => false } });
    const dio = await callerFor("dio");
    const bypassed = readModelStats().bypassed;
    await dio.backlog.getSummary();
    await dio.backlog.getSummary();
    expect(readModelStats().bypassed).toBe(bypassed + 2);
    configureReadModels({ enabled: true, bus });
  });
});

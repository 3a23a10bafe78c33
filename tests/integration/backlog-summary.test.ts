import { describe, expect, it } from "vitest";
import { AGE_BUCKETS, ageBucket, emptyBucketCounts, isDueWithin6h } from "@/core/domain/aging";
import { blockIdOf, callerFor, testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";

describe("district summary for the DIO", () => {
  it("shows the report's backlog: 2,000+ pending, Pirpainti near 200, some overdue", async () => {
    const dio = await callerFor("dio");
    const summary = await dio.backlog.getSummary();
    expect(summary.blocks).toHaveLength(17);
    expect(summary.district.vaccinated).toBeGreaterThan(90_000);
    expect(summary.district.pending).toBeGreaterThanOrEqual(2_000);
    expect(summary.district.overdue).toBeGreaterThan(0);
    const pirpainti = summary.blocks.find((b) => b.block === "Pirpainti")!;
    expect(pirpainti.pending).toBeGreaterThanOrEqual(180);
    expect(pirpainti.pending).toBeLessThanOrEqual(220);
  });

  it("invariant: per block vaccinated = entered + pending + rejected, and blocks add up to the district", async () => {
    const summary = await (await callerFor("dio")).backlog.getSummary();
    const total = { vaccinated: 0, entered: 0, pending: 0, rejected: 0, overdue: 0, dueWithin6h: 0 };
    for (const b of summary.blocks) {
      expect(b.vaccinated).toBe(b.entered + b.pending + b.rejected);
      expect(AGE_BUCKETS.reduce((sum, k) => sum + b.ageBuckets[k], 0)).toBe(b.pending);
      for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += b[key];
    }
    expect(summary.district).toMatchObject(total);
  });

  it("trigger-kept counters equal a full count of the records", async () => {
    const summary = await (await callerFor("dio")).backlog.getSummary();
    const rows = await testDb().vaccinationRecord.groupBy({ by: ["blockId", "status"], _count: { _all: true } });
    for (const b of summary.blocks) {
      const count = (status: string) => rows.find((r) => r.blockId === b.blockId && r.status === status)?._count._all ?? 0;
      expect({ pending: b.pending, entered: b.entered, rejected: b.rejected }).toEqual({
        pending: count("PENDING"),
        entered: count("ENTERED"),
        rejected: count("REJECTED"),
      });
    }
  });

  it("SQL aging agrees with the pure ageBucket() rule for every pending record", async () => {
    const summary = await (await callerFor("dio")).backlog.getSummary();
    const pending = await testDb().vaccinationRecord.findMany({ where: { status: "PENDING" }, select: { blockId: true, vaccinatedAt: true } });
    const expected = new Map<number, { buckets: ReturnType<typeof emptyBucketCounts>; due: number }>();
    for (const r of pending) {
      const e = expected.get(r.blockId) ?? { buckets: emptyBucketCounts(), due: 0 };
      e.buckets[ageBucket(r.vaccinatedAt, TEST_NOW)] += 1;
      if (isDueWithin6h(r.vaccinatedAt, TEST_NOW)) e.due += 1;
      expected.set(r.blockId, e);
    }
    for (const b of summary.blocks) {
      const e = expected.get(b.blockId) ?? { buckets: emptyBucketCounts(), due: 0 };
      expect(b.ageBuckets).toEqual(e.buckets);
      expect(b.dueWithin6h).toBe(e.due);
      expect(b.overdue).toBe(e.buckets.overdue);
    }
  });
});

describe("block supervisor's own block", () => {
  it("matches the DIO's figures for that block", async () => {
    const sultanganj = await blockIdOf("Sultanganj");
    const fromSup = await (await callerFor("sup.sultanganj")).backlog.getSummary({ blockId: sultanganj });
    const fromDio = await (await callerFor("dio")).backlog.getSummary();
    const { vaccinated, entered, pending, rejected, overdue, dueWithin6h, ageBuckets } = fromDio.blocks.find((b) => b.blockId === sultanganj)!;
    expect(fromSup.district).toEqual({ vaccinated, entered, pending, rejected, overdue, dueWithin6h, ageBuckets });
    expect(pending).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from "vitest";
import { ageBucket, emptyBucketCounts, isDueWithin6h } from "@/core/domain/aging";
import { getBacklogSummary } from "@/server/services/backlog/backlog-summary";
import type { Db } from "@/server/db/client";
import { testDb, districtScope } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";

const H = 3_600_000;

async function expectSummaryMatchesRecords(db: Db, now: Date) {
  const summary = await getBacklogSummary(db, await districtScope(), now);
  const pending = await db.vaccinationRecord.findMany({ where: { status: "PENDING" }, select: { blockId: true, vaccinatedAt: true } });
  for (const block of summary.blocks) {
    const mine = pending.filter((r) => r.blockId === block.blockId);
    const buckets = emptyBucketCounts();
    mine.forEach((r) => (buckets[ageBucket(r.vaccinatedAt, now)] += 1));
    expect(block.ageBuckets, `${block.block} at ${now.toISOString()}`).toEqual(buckets);
    expect(block.dueWithin6h).toBe(mine.filter((r) => isDueWithin6h(r.vaccinatedAt, now)).length);
    expect(block.pending).toBe(mine.length);
  }
}

async function expectRollupsExact(db: Db) {
  const hours = await db.$queryRaw<{ diff: bigint }[]>`
    SELECT count(*) AS diff FROM (
      SELECT block_id, hour, count::bigint AS n FROM pending_hour_counts
      EXCEPT
      SELECT block_id, date_trunc('hour', vaccinated_at), count(*) FROM vaccination_records WHERE status = 'PENDING' GROUP BY 1, 2
    ) d`;
  const missing = await db.$queryRaw<{ diff: bigint }[]>`
    SELECT count(*) AS diff FROM (
      SELECT block_id, date_trunc('hour', vaccinated_at), count(*) FROM vaccination_records WHERE status = 'PENDING' GROUP BY 1, 2
      EXCEPT
      SELECT block_id, hour, count::bigint FROM pending_hour_counts
    ) d`;
  const statuses = await db.$queryRaw<{ diff: bigint }[]>`
    SELECT count(*) AS diff FROM (
      SELECT block_id, status, count FROM block_status_counts WHERE count <> 0
      EXCEPT
      SELECT block_id, status, count(*) FROM vaccination_records GROUP BY 1, 2
    ) d`;
  expect([Number(hours[0]!.diff), Number(missing[0]!.diff), Number(statuses[0]!.diff)]).toEqual([0, 0, 0]);
}

class Rollback extends Error {}

describe("hourly pending rollup", () => {
  it("gives exact buckets at any clock time, including cut-offs on an exact hour and odd milliseconds", async () => {
    for (const offset of [0, 0.5 * H, 0.5 * H + 1, 7 * H + 12_345, 30 * H - 1, 3 * 24 * H]) {
      await expectSummaryMatchesRecords(testDb(), new Date(TEST_NOW.getTime() + offset));
    }
  });

  it("stays exact through entries, rejections, re-opening, re-timing and deletion", async () => {
    await expectRollupsExact(testDb());
    await expect(
      testDb().$transaction(async (tx) => {
        const db = tx as unknown as Db;
        const pending = await tx.vaccinationRecord.findMany({ where: { status: "PENDING" }, take: 40, orderBy: { id: "asc" }, select: { id: true } });
        const ids = pending.map((r) => r.id);
        await tx.vaccinationRecord.updateMany({ where: { id: { in: ids.slice(0, 10) } }, data: { status: "ENTERED", enteredAt: TEST_NOW } });
        await tx.vaccinationRecord.updateMany({ where: { id: { in: ids.slice(10, 15) } }, data: { status: "REJECTED", rejectionReason: "test" } });
        await tx.vaccinationRecord.updateMany({ where: { id: { in: ids.slice(0, 3) } }, data: { status: "PENDING", enteredAt: null } });
        await tx.vaccinationRecord.updateMany({ where: { id: { in: ids.slice(15, 25) } }, data: { vaccinatedAt: new Date(TEST_NOW.getTime() - 47 * H) } });
        const entered = await tx.vaccinationRecord.findFirstOrThrow({ where: { status: "ENTERED" }, select: { id: true } });
        await tx.statusChange.deleteMany({ where: { recordId: { in: [...ids.slice(25, 30), entered.id] } } });
        await tx.vaccinationRecord.deleteMany({ where: { id: { in: [...ids.slice(25, 30), entered.id] } } });
        await expectRollupsExact(db);
        await expectSummaryMatchesRecords(db, TEST_NOW);
        throw new Rollback();
      }, { timeout: 60_000 }),
    ).rejects.toBeInstanceOf(Rollback);
    await expectRollupsExact(testDb());
  });
});

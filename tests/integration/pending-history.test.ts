import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { blockIdOf, callerFor, testDb, districtIdOf } from "@/tests/helpers/callers";
import { restorePendingAfterAll } from "@/tests/helpers/restore-pending";
import { TEST_NOW } from "@/tests/helpers/test-clock";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const touched = restorePendingAfterAll();

const code = (e: unknown) => (e instanceof TRPCError ? e.code : String(e));

/**
 * The slow, obvious way: replay each record's changes in order up to t (undone changes and their reversals
 * left out), starting from PENDING, and count the records vaccinated by t that are PENDING at t.
 */
async function bruteForcePending(at: readonly Date[], blockId?: number): Promise<number[]> {
  // The DIO's district only: the demo's other district is none of theirs.
  const districtId = await districtIdOf("Bhagalpur");
  const where = blockId === undefined ? { districtId } : { districtId, blockId };
  const records = await testDb().vaccinationRecord.findMany({ where, select: { id: true, vaccinatedAt: true } });
  const changes = await testDb().statusChange.findMany({
    where: { undoneAt: null, undoOfId: null, record: where },
    select: { recordId: true, toStatus: true, changedAt: true, id: true },
    orderBy: [{ changedAt: "asc" }, { id: "asc" }],
  });
  const byRecord = new Map<number, { toStatus: string; changedAt: Date }[]>();
  for (const c of changes) {
    const list = byRecord.get(c.recordId) ?? [];
    list.push(c);
    byRecord.set(c.recordId, list);
  }
  return at.map((t) => {
    let count = 0;
    for (const r of records) {
      if (r.vaccinatedAt.getTime() > t.getTime()) continue;
      let status = "PENDING";
      for (const c of byRecord.get(r.id) ?? []) {
        if (c.changedAt.getTime() > t.getTime()) break;
        status = c.toStatus;
      }
      if (status === "PENDING") count += 1;
    }
    return count;
  });
}

describe("pending entries over time", () => {
  it("covers the last 8 days by default, one point per IST hour plus both ends", async () => {
    const dio = await callerFor("dio");
    const history = await dio.backlog.getPendingHistory();
    expect(history.to).toEqual(TEST_NOW);
    expect(history.from).toEqual(new Date(TEST_NOW.getTime() - 8 * DAY_MS));
    const { points } = history;
    expect(points[0]!.at).toEqual(history.from);
    expect(points.at(-1)!.at).toEqual(TEST_NOW);
    // TEST_NOW is 12:00 IST, itself a mark: 8 × 24 hourly points after `from`, plus `from`.
    expect(points).toHaveLength(8 * 24 + 1);
    for (const p of points.slice(1, -1)) expect(p.at.getUTCMinutes()).toBe(30); // hh:00 IST = hh:30 UTC
    for (let i = 1; i < points.length; i += 1) expect(points[i]!.at.getTime()).toBeGreaterThan(points[i - 1]!.at.getTime());
  });

  it("ends at the backlog summary's pending count, district-wide and for Pirpainti", async () => {
    const dio = await callerFor("dio");
    const pirpainti = await blockIdOf("Pirpainti");
    const summary = await dio.backlog.getSummary();
    const district = await dio.backlog.getPendingHistory();
    expect(district.points.at(-1)!.pending).toBe(summary.district.pending);
    const block = await dio.backlog.getPendingHistory({ blockId: pirpainti });
    expect(block.points.at(-1)!.pending).toBe(summary.blocks.find((b) => b.block === "Pirpainti")!.pending);
    // The story: the backlog rose with each mega camp (7 and 2 days before now) and has been worked down since.
    const peak = Math.max(...district.points.map((p) => p.pending));
    expect(peak).toBeGreaterThan(summary.district.pending * 3);
  });

  it("equals a brute-force replay of records and changes, at hour marks and at odd instants", async () => {
    const dio = await callerFor("dio");
    const from = new Date(TEST_NOW.getTime() - 8 * DAY_MS + 17 * 60_000 + 123); // not on a mark
    const to = new Date(TEST_NOW.getTime() - 3 * HOUR_MS - 7 * 60_000);
    const { points } = await dio.backlog.getPendingHistory({ from, to });
    expect(points[0]!.at).toEqual(from);
    expect(points.at(-1)!.at).toEqual(to);
    const sample = [points[0]!, points[25]!, points[100]!, points[130]!, points[170]!, points.at(-1)!];
    expect(sample.map((p) => p.pending)).toEqual(await bruteForcePending(sample.map((p) => p.at)));
  });

  it("a supervisor gets their own block only; another block is refused", async () => {
    const sup = await callerFor("sup.pirpainti");
    const pirpainti = await blockIdOf("Pirpainti");
    const own = await sup.backlog.getPendingHistory();
    const dio = await (await callerFor("dio")).backlog.getPendingHistory({ blockId: pirpainti });
    expect(own.points).toEqual(dio.points);
    const at = [own.points[60]!.at, own.points.at(-1)!.at];
    expect([own.points[60]!.pending, own.points.at(-1)!.pending]).toEqual(await bruteForcePending(at, pirpainti));
    const sultanganj = await blockIdOf("Sultanganj");
    await expect(sup.backlog.getPendingHistory({ blockId: sultanganj })).rejects.toSatisfy((e) => code(e) === "NOT_FOUND");
  });

  it("refuses a reversed range and one longer than 31 days", async () => {
    const dio = await callerFor("dio");
    const reversed = dio.backlog.getPendingHistory({ from: TEST_NOW, to: new Date(TEST_NOW.getTime() - DAY_MS) });
    await expect(reversed).rejects.toSatisfy((e) => code(e) === "BAD_REQUEST");
    await expect(reversed).rejects.toThrow(/before its end/);
    const long = dio.backlog.getPendingHistory({ from: new Date(TEST_NOW.getTime() - 32 * DAY_MS) });
    await expect(long).rejects.toSatisfy((e) => code(e) === "BAD_REQUEST");
    await expect(long).rejects.toThrow(/at most 31 days/);
    await expect((await callerFor(null)).backlog.getPendingHistory()).rejects.toSatisfy((e) => code(e) === "UNAUTHORIZED");
  });

  it("follows marks made now, and treats an undone mark as never made", async () => {
    const op = await callerFor("op.pirpainti");
    const dio = await callerFor("dio");
    const pirpainti = await blockIdOf("Pirpainti");
    const [a, b] = await testDb().vaccinationRecord.findMany({
      where: { blockId: pirpainti, status: "PENDING" },
      orderBy: { id: "asc" },
      take: 2,
      select: { id: true },
    });
    touched.add(a!.id).add(b!.id);
    const before = await dio.backlog.getPendingHistory({ blockId: pirpainti });
    await op.records.markEntered({ items: [{ id: a!.id, portalRef: "CWN-9100000001" }, { id: b!.id, portalRef: "CWN-9100000002" }] });
    const detail = await dio.records.getDetail({ id: b!.id });
    await dio.records.undoChange({ changeId: detail.history.at(-1)!.id });
    const after = await dio.backlog.getPendingHistory({ blockId: pirpainti });
    expect(after.points.at(-1)!.pending).toBe(before.points.at(-1)!.pending - 1);
    expect(after.points.slice(0, -1)).toEqual(before.points.slice(0, -1));
    const summary = await dio.backlog.getSummary({ blockId: pirpainti });
    expect(after.points.at(-1)!.pending).toBe(summary.district.pending);
    expect([after.points.at(-1)!.pending]).toEqual(await bruteForcePending([TEST_NOW], pirpainti));
  });
});

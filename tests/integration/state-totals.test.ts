/**
 * Figures add up at every level (issue 12): the state officer's summary and camp totals equal the sum of the two
 * district officers' own, tile by tile and block by block, and both equal a brute-force count of the register.
 */
import { describe, expect, it } from "vitest";
import { Prisma } from "@/server/generated/prisma/client";
import { sumCampFigures } from "@/core/domain/camp-figures";
import { bucketStart, dueSoonCutoff } from "@/core/domain/aging";
import { sumFigures } from "@/server/services/backlog/backlog-summary";
import { callerFor, testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";

const DISTRICT_OFFICERS = ["dio", "dio.banka"] as const;

type Counted = { district_id: number; vaccinated: bigint; entered: bigint; pending: bigint; rejected: bigint; overdue: bigint; due_soon: bigint };

/** Every tile figure per district straight from the register: no counters, no rollups, one pass. */
async function bruteForce(): Promise<Map<number, Record<string, number>>> {
  const overdueFrom = bucketStart("overdue", TEST_NOW);
  const rows = await testDb().$queryRaw<Counted[]>(Prisma.sql`
    SELECT district_id, count(*) AS vaccinated,
      count(*) FILTER (WHERE status = 'ENTERED') AS entered,
      count(*) FILTER (WHERE status = 'PENDING') AS pending,
      count(*) FILTER (WHERE status = 'REJECTED') AS rejected,
      count(*) FILTER (WHERE status = 'PENDING' AND vaccinated_at <= ${overdueFrom}::timestamp(3)) AS overdue,
      count(*) FILTER (WHERE status = 'PENDING' AND vaccinated_at <= ${dueSoonCutoff(TEST_NOW)}::timestamp(3) AND vaccinated_at > ${overdueFrom}::timestamp(3)) AS due_soon
    FROM vaccination_records GROUP BY district_id`);
  return new Map(
    rows.map((r) => [
      r.district_id,
      { vaccinated: Number(r.vaccinated), entered: Number(r.entered), pending: Number(r.pending), rejected: Number(r.rejected), overdue: Number(r.overdue), dueWithin6h: Number(r.due_soon) },
    ]),
  );
}

const tiles = (f: { vaccinated: number; entered: number; pending: number; rejected: number; overdue: number; dueWithin6h: number }) => ({
  vaccinated: f.vaccinated,
  entered: f.entered,
  pending: f.pending,
  rejected: f.rejected,
  overdue: f.overdue,
  dueWithin6h: f.dueWithin6h,
});

describe("state totals", () => {
  it("the state's backlog summary is the sum of its districts', tile by tile and block by block, and the register's count", async () => {
    const state = await (await callerFor("sio.bihar")).backlog.getSummary();
    const districts = await Promise.all(DISTRICT_OFFICERS.map(async (u) => (await callerFor(u)).backlog.getSummary()));
    expect(districts.every((d) => d.district.pending > 0)).toBe(true);
    expect(state.district).toEqual(sumFigures(districts.map((d) => d.district)));
    const byId = (blocks: { blockId: number }[]) => [...blocks].sort((a, b) => a.blockId - b.blockId);
    expect(byId(state.blocks)).toEqual(byId(districts.flatMap((d) => d.blocks)));

    const counted = await bruteForce();
    const bihar = await testDb().district.findMany({ where: { state: { name: "Bihar" } }, select: { id: true } });
    const register = [...counted].filter(([id]) => bihar.some((d) => d.id === id)).map(([, f]) => f);
    const total = register.reduce<Record<string, number>>((sum, f) => Object.fromEntries(Object.keys(f).map((k) => [k, (sum[k] ?? 0) + f[k]!])), {});
    expect(tiles(state.district)).toEqual(total);
    for (const [i, username] of DISTRICT_OFFICERS.entries()) {
      const own = await testDb().user.findUniqueOrThrow({ where: { username } });
      expect(tiles(districts[i]!.district), username).toEqual(counted.get(own.districtId!));
    }
  });

  it("the state's camp totals are the sum of its districts', and every mega camp is one district's", async () => {
    const state = await (await callerFor("sio.bihar")).camps.listMegaCamps();
    const districts = await Promise.all(DISTRICT_OFFICERS.map(async (u) => (await callerFor(u)).camps.listMegaCamps()));
    expect(districts.every((d) => d.district.vaccinated > 0)).toBe(true);
    expect(state.district).toEqual(sumCampFigures(districts.map((d) => d.district)));
    expect(state.otherCamps).toEqual(sumCampFigures(districts.map((d) => d.otherCamps)));
    const byId = (m: { id: number }[]) => [...m].sort((a, b) => a.id - b.id);
    expect(byId(state.megaCamps)).toEqual(byId(districts.flatMap((d) => d.megaCamps)));
    const records = await testDb().vaccinationRecord.count({ where: { block: { district: { state: { name: "Bihar" } } } } });
    expect(state.district.vaccinated).toBe(records);
  });
});

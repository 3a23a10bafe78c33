import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { TRPCError } from "@trpc/server";
import { GET as timelinessCsvRoute } from "@/app/api/v1/performance/timeliness.csv/route";
import { createApiToken } from "@/server/auth/api-tokens";
import { isNightShift, istHour } from "@/core/domain/working-hours";
import { entryLagMs, lagHistogram, timeliness } from "@/core/domain/timeliness";
import { PORTAL_IMPORT_LABEL, type BlockTimeliness } from "@/server/services/performance/timeliness";
import { blockIdOf, callerFor, loadUser, testDb, districtIdOf } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";
import { atTestNow } from "@/tests/helpers/rest";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const code = (e: unknown) => (e instanceof TRPCError ? e.code : String(e));
const tokens: Record<string, string> = {};

// A small situation of our own, far from the demo camps: vaccinated 1 March 2021, 10:00 IST, in Pirpainti.
const VACCINATED = new Date("2021-03-01T04:30:00Z");
const EDGE_RANGE = { from: new Date("2021-02-28T18:30:00Z"), to: new Date("2021-03-01T18:30:00Z") };
const createdIds: number[] = [];
let lastChangeBefore = 0;

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789";
  for (const username of ["dio", "sup.sultanganj"]) {
    tokens[username] = (await createApiToken(testDb(), (await loadUser(username)).id, `timeliness test ${username}`)).token;
  }
  lastChangeBefore = (await testDb().statusChange.aggregate({ _max: { id: true } }))._max.id ?? 0;
});

afterAll(async () => {
  const db = testDb();
  await db.statusChange.deleteMany({ where: { id: { gt: lastChangeBefore } } });
  await db.vaccinationRecord.deleteMany({ where: { id: { in: createdIds } } });
  await db.apiToken.deleteMany({ where: { name: { startsWith: "timeliness test " } } });
});

type Entry = { blockId: number; vaccinatedAt: Date; enteredAt: Date; operatorId: number | null };

/** Every entered record of the range with its operator, computed record by record in JS. */
async function bruteForce(from: Date, to: Date): Promise<Entry[]> {
  const records = await testDb().vaccinationRecord.findMany({
    where: { districtId: await districtIdOf("Bhagalpur"), status: "ENTERED", enteredAt: { not: null }, vaccinatedAt: { gte: from, lt: to } },
    select: { id: true, blockId: true, vaccinatedAt: true, enteredAt: true },
  });
  const changes = await testDb().statusChange.findMany({
    where: { toStatus: "ENTERED", undoneAt: null, undoOfId: null },
    select: { id: true, recordId: true, changedAt: true, changedById: true, source: true, note: true },
  });
  const latest = new Map<number, (typeof changes)[number]>();
  for (const c of changes) {
    const seen = latest.get(c.recordId);
    if (!seen || c.changedAt > seen.changedAt || (c.changedAt.getTime() === seen.changedAt.getTime() && c.id > seen.id)) latest.set(c.recordId, c);
  }
  return records.map((r) => {
    const change = latest.get(r.id);
    const byImport = !change || change.changedById === null || change.source === "PORTAL_IMPORT";
    // The rule before the column existed (the note a portal import writes) gives the same answer for every entry.
    const byImportNote = !change || change.changedById === null || (change.note ?? "").startsWith("portal export");
    expect(byImport, `record ${r.id}`).toBe(byImportNote);
    return { blockId: r.blockId, vaccinatedAt: r.vaccinatedAt, enteredAt: r.enteredAt!, operatorId: byImport ? null : change.changedById };
  });
}

describe("performance.getTimeliness on the demo data", () => {
  it("equals a record-by-record computation: per block, per operator, histogram and entries per hour", async () => {
    const dio = await callerFor("dio");
    const started = performance.now();
    const report = await dio.performance.getTimeliness();
    console.log(`getTimeliness (district, default 30 days, ~93k entries): ${(performance.now() - started).toFixed(0)} ms`);
    expect(report.range).toEqual({ from: new Date(TEST_NOW.getTime() - 30 * DAY), to: TEST_NOW });
    const entries = await bruteForce(report.range.from, report.range.to);
    expect(report.district.entered).toBe(entries.length);
    expect(entries.length).toBeGreaterThan(90_000);

    for (const b of report.blocks) {
      const mine = entries.filter((e) => e.blockId === b.blockId);
      // Entries still pending past the deadline count as late (issue 15): a share can never read 100 % with overdue ones.
      const t = timeliness(mine, b.pendingOverdue);
      if (b.pendingOverdue > 0) expect(b.within48hPercent ?? 0, b.block).toBeLessThan(100);
      expect({ entered: b.entered, within24h: b.within24h, within48h: b.within48h, p24: b.within24hPercent, p48: b.within48hPercent }, b.block).toEqual({
        entered: t.entered,
        within24h: t.within24h,
        within48h: t.within48h,
        p24: t.within24hPercent,
        p48: t.within48hPercent,
      });
      expect(b.nightEntries, b.block).toBe(mine.filter((e) => isNightShift(e.enteredAt)).length);
    }
    for (const o of report.operators) {
      const mine = entries.filter((e) => e.blockId === o.blockId && e.operatorId === o.operatorId);
      expect(o.entered, o.key).toBe(mine.length);
      expect(o.within24h, o.key).toBe(timeliness(mine).within24h);
      expect(o.within48h, o.key).toBe(timeliness(mine).within48h);
      if (o.operatorId === null) expect(o.operator, o.key).toBe(PORTAL_IMPORT_LABEL);
    }
    expect(report.operators.reduce((s, o) => s + o.entered, 0)).toBe(entries.length);

    const expectedHistogram = lagHistogram(entries.map((e) => entryLagMs(e.vaccinatedAt, e.enteredAt)));
    expect(report.lagHistogram.map(({ fromHours, toHours, count }) => ({ fromHours, toHours, count }))).toEqual(expectedHistogram);

    const perHour = Array.from({ length: 24 }, () => 0);
    for (const e of entries) perHour[istHour(e.enteredAt)]! += 1;
    expect(report.byHourOfDay.map((h) => h.entries)).toEqual(perHour);
    expect(report.byHourOfDay.filter((h) => h.night).map((h) => h.istHour)).toEqual([0, 1, 2, 3, 4, 5, 22, 23]);
    expect(report.hourly.reduce((s, h) => s + h.entries, 0)).toBe(entries.length);
    expect(report.district.nightEntries).toBe(entries.filter((e) => isNightShift(e.enteredAt)).length);

    // The demo's Pirpainti operator keyed the block's entries; blocks without an operator show as portal import.
    const pirpainti = report.operators.filter((o) => o.block === "Pirpainti");
    expect(pirpainti.some((o) => o.username === "op.pirpainti" && o.entered > 0)).toBe(true);
  });

  it("counts still-pending records of the range apart", async () => {
    const report = await (await callerFor("dio")).performance.getTimeliness();
    const pending = await testDb().vaccinationRecord.count({ where: { districtId: await districtIdOf("Bhagalpur"), status: "PENDING", vaccinatedAt: { gte: report.range.from, lt: report.range.to } } });
    expect(report.district.pending).toBe(pending);
    expect(report.district.pendingOverdue).toBeGreaterThan(0);
  });
});

describe("exactly 24 h and 48 h", () => {
  it("an entry at 23:59:59.999 is within 24 h, one at 24:00:00.000 is not; the same at 48 h", async () => {
    const db = testDb();
    const pirpainti = await blockIdOf("Pirpainti");
    const op = await loadUser("op.pirpainti");
    const dio = await loadUser("dio");
    const camp = await db.camp.findFirstOrThrow({ where: { site: { blockId: pirpainti } } });
    const lags = [24 * HOUR - 1, 24 * HOUR, 48 * HOUR - 1, 48 * HOUR, 14 * HOUR /* 00:00 IST: night */];
    for (const [i, lag] of lags.entries()) {
      const record = await db.vaccinationRecord.create({
        data: {
          districtId: camp.districtId, blockId: pirpainti, campId: camp.id, registerSerial: `TIMELINESS-TEST-${i}`, vaccinatedAt: VACCINATED, dose: 1, vaccine: "COVISHIELD",
          beneficiaryName: "Test Person", birthYear: 1980, sex: "FEMALE", idType: "OTHER", idLast4: "0000", idHash: `timeliness-test-${i}`,
          status: "ENTERED", enteredAt: new Date(VACCINATED.getTime() + lag), portalRef: `CWN-TEST-${i}`,
        },
      });
      createdIds.push(record.id);
      const at = new Date(VACCINATED.getTime() + lag);
      if (i === 0) {
        // Marked by the DIO, undone, then marked again by the operator: the operator made the entry.
        const first = await db.statusChange.create({ data: { districtId: record.districtId, recordId: record.id, fromStatus: "PENDING", toStatus: "ENTERED", changedAt: at, changedById: dio.id, source: "APP", undoneAt: at } });
        await db.statusChange.create({ data: { districtId: record.districtId, recordId: record.id, fromStatus: "ENTERED", toStatus: "PENDING", changedAt: at, changedById: dio.id, source: "UNDO", undoOfId: first.id } });
      }
      // Entry 3 came in with a portal export the operator uploaded; entry 4 has no user (as in the demo's blocks
      // without an operator); the rest the operator keyed in.
      const made =
        i === 3
          ? { changedById: op.id, source: "PORTAL_IMPORT" as const, note: "portal export, import #0 (row 2)" }
          : i === 4
            ? { changedById: null, source: "SEED" as const, note: null }
            : { changedById: op.id, source: "APP" as const, note: "marked entered" };
      await db.statusChange.create({ data: { districtId: record.districtId, recordId: record.id, fromStatus: "PENDING", toStatus: "ENTERED", changedAt: at, ...made } });
    }
    const pending = await db.vaccinationRecord.create({
      data: {
        districtId: camp.districtId, blockId: pirpainti, campId: camp.id, registerSerial: "TIMELINESS-TEST-P", vaccinatedAt: VACCINATED, dose: 1, vaccine: "COVISHIELD",
        beneficiaryName: "Test Person", birthYear: 1980, sex: "MALE", idType: "OTHER", idLast4: "0000", idHash: "timeliness-test-p",
      },
    });
    createdIds.push(pending.id);

    const report = await (await callerFor("dio")).performance.getTimeliness({ ...EDGE_RANGE, blockId: pirpainti });
    expect(report.blocks).toHaveLength(1);
    expect(report.blocks[0]).toMatchObject({ block: "Pirpainti", entered: 5, within24h: 2, within48h: 4, nightEntries: 1, pending: 1, pendingOverdue: 1 });
    // The pending entry is past the deadline: it counts as late, so 2 of 6 (not 2 of 5) were entered within 24 h.
    expect(report.blocks[0]).toMatchObject({ latePending: 1 });
    expect(report.blocks[0]!.within24hPercent).toBeCloseTo((2 / 6) * 100);
    expect(report.blocks[0]!.within48hPercent).toBeCloseTo((4 / 6) * 100);
    expect(report.lagHistogram.map((b) => b.count)).toEqual([0, 0, 2, 1, 1, 1, 0]); // 14 h and 23:59 | 24:00 | 47:59 | 48:00
    const byName = Object.fromEntries(report.operators.map((o) => [o.username ?? "import", o]));
    expect(byName["op.pirpainti"]).toMatchObject({ entered: 3, within24h: 1, within48h: 3, source: "OPERATOR" });
    expect(byName.import).toMatchObject({ entered: 2, within24h: 1, within48h: 1, nightEntries: 1, source: "PORTAL_IMPORT", operator: PORTAL_IMPORT_LABEL });
    expect(byName.dio).toBeUndefined();
    expect(report.hourly.filter((h) => h.night)).toEqual([{ hourStart: new Date("2021-03-01T18:30:00Z"), istHour: 0, entries: 1, night: true }]);
  });
});

describe("scope and bad input", () => {
  it("a block supervisor sees only their block, and is refused another one", async () => {
    const sup = await callerFor("sup.sultanganj");
    const report = await sup.performance.getTimeliness();
    expect(report.blocks.map((b) => b.block)).toEqual(["Sultanganj"]);
    expect(new Set(report.operators.map((o) => o.block))).toEqual(new Set(["Sultanganj"]));
    const dio = await (await callerFor("dio")).performance.getTimeliness({ blockId: await blockIdOf("Sultanganj") });
    expect(report.blocks[0]).toEqual(dio.blocks[0]);
    expect(report.lagHistogram).toEqual(dio.lagHistogram);
    await expect(sup.performance.getTimeliness({ blockId: await blockIdOf("Pirpainti") })).rejects.toSatisfy((e) => code(e) === "NOT_FOUND");
    await expect(sup.performance.getTimeliness({ blockId: 99_999 })).rejects.toSatisfy((e) => code(e) === "NOT_FOUND");
    await expect((await callerFor(null)).performance.getTimeliness()).rejects.toSatisfy((e) => code(e) === "UNAUTHORIZED");
  });

  it("refuses a reversed range and one longer than a year, with a message", async () => {
    const dio = await callerFor("dio");
    const reversed = dio.performance.getTimeliness({ from: TEST_NOW, to: new Date(TEST_NOW.getTime() - DAY) });
    await expect(reversed).rejects.toSatisfy((e) => code(e) === "BAD_REQUEST" && /reversed/.test((e as Error).message));
    const long = dio.performance.getTimeliness({ from: new Date(TEST_NOW.getTime() - 367 * DAY), to: TEST_NOW });
    await expect(long).rejects.toSatisfy((e) => code(e) === "BAD_REQUEST" && /longer than a year/.test((e as Error).message));
    await expect(dio.performance.getTimeliness({ from: new Date(TEST_NOW.getTime() - 366 * DAY), to: TEST_NOW })).resolves.toBeTruthy();
  });
});

describe("GET /api/v1/performance/timeliness.csv", () => {
  // The route runs at the pinned test clock (TEST_NOW), like the tRPC callers it is compared with.
  const timelinessCsv = atTestNow(timelinessCsvRoute);
  const get = (query: string, as: string) =>
    timelinessCsv(new Request(`http://localhost/api/v1/performance/timeliness.csv?${query}`, { headers: { authorization: `Bearer ${tokens[as]}` } }));
  const JUNE = "from=2021-06-10&to=2021-06-23";
  const line = (b: BlockTimeliness) =>
    `${b.block},${b.entered},${b.within24h},${b.within24hPercent!.toFixed(1)},${b.within48h},${b.within48hPercent!.toFixed(1)},${b.nightEntries},${b.pending},${b.pendingOverdue}`;

  it("returns the per-block table as text/csv, scoped to the caller", async () => {
    const res = await get(`table=blocks&${JUNE}`, "sup.sultanganj");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("block,entered,within_24h,within_24h_percent,within_48h,within_48h_percent,night_entries,still_pending,pending_past_48h");
    expect(lines).toHaveLength(2);
    const report = await (await callerFor("sup.sultanganj")).performance.getTimeliness({ from: new Date("2021-06-09T18:30:00Z"), to: new Date("2021-06-23T18:30:00Z") });
    const b = report.blocks[0]!;
    expect(lines[1]).toBe(line(b));
    // At TEST_NOW only part of what is still pending is past 48 h.
    expect(b.pendingOverdue).toBeGreaterThan(0);
    expect(b.pendingOverdue).toBeLessThan(b.pending);

    // Without a range: the last 30 days up to the request's clock, as on the page at TEST_NOW.
    const byDefault = (await (await get("table=blocks", "dio")).text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    const page = await (await callerFor("dio")).performance.getTimeliness();
    expect(byDefault.slice(1)).toEqual(page.blocks.map(line));
    expect(byDefault).toHaveLength(1 + page.blocks.length);
  });

  it("returns the operator rows of one block for the DIO; refuses another block, bad tables and bad ranges", async () => {
    const res = await get(`table=operators&${JUNE}&block=pirpainti`, "dio");
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toMatch(/^block,operator,username,source,entered/);
    expect(lines.slice(1).every((l) => l.startsWith("Pirpainti,"))).toBe(true);
    expect(lines.some((l) => l.includes(",op.pirpainti,operator,"))).toBe(true);

    expect((await get(`table=blocks&${JUNE}&block=pirpainti`, "sup.sultanganj")).status).toBe(404);
    expect((await get(`table=blocks&block=nowhere`, "dio")).status).toBe(404);
    expect((await get(`table=nope`, "dio")).status).toBe(400);
    const reversed = await get(`table=blocks&from=2021-06-23&to=2021-06-10`, "dio");
    expect(reversed.status).toBe(400);
    expect((await reversed.json()).error).toMatch(/reversed/);
    expect((await get(`table=blocks&from=2020-01-01&to=2021-06-23`, "dio")).status).toBe(400);
    expect((await get(`table=blocks&from=2021-02-30`, "dio")).status).toBe(400);
  });
});

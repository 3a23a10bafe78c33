import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as totalsCsvRoute } from "@/app/api/v1/camps/totals.csv/route";
import { GET as trendCsvRoute } from "@/app/api/v1/camps/trend.csv/route";
import { ageBand } from "@/core/domain/age-band";
import { createApiToken } from "@/server/auth/api-tokens";
import { emptyCampFigures, figuresAddUp, sumCampFigures, type CampFigures } from "@/core/domain/camp-figures";
import { blockIdOf, callerFor, loadUser, testDb, districtIdOf } from "@/tests/helpers/callers";
import { atTestNow } from "@/tests/helpers/rest";

// The routes run at the pinned test clock (TEST_NOW), like the tRPC callers they are compared with.
const totalsCsv = atTestNow(totalsCsvRoute);
const trendCsv = atTestNow(trendCsvRoute);

const tokens: Record<string, string> = {};
const timings: Record<string, number> = {};

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789";
  for (const username of ["dio", "sup.sultanganj"]) {
    tokens[username] = (await createApiToken(testDb(), (await loadUser(username)).id, `camp totals test ${username}`)).token;
  }
});

afterAll(async () => {
  await testDb().apiToken.deleteMany({ where: { name: { startsWith: "camp totals test " } } });
  console.info("camp totals timings (ms):", JSON.stringify(timings));
});

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  timings[label] = Math.round(performance.now() - started);
  return result;
}

/** Only the CampFigures fields of a row that also carries names and ids. */
const figuresOnly = (row: CampFigures): CampFigures =>
  Object.fromEntries(Object.keys(emptyCampFigures()).map((k) => [k, row[k as keyof CampFigures]])) as CampFigures;
const statusOf = (f: CampFigures) => ({ vaccinated: f.vaccinated, entered: f.entered, pending: f.pending, rejected: f.rejected });
/** Figures without the camp count and target, to compare with other sources. */
const counts = (f: CampFigures) => {
  const { vaccinated, entered, pending, rejected, byDose, byVaccine, bySex, byAgeBand } = f;
  return { vaccinated, entered, pending, rejected, byDose, byVaccine, bySex, byAgeBand };
};

describe("camp totals for the DIO", () => {
  it("lists the two mega camps; the district total equals the overview's (backlog.getSummary)", async () => {
    const dio = await callerFor("dio");
    await dio.camps.listMegaCamps(); // warm-up, so the timing below is the steady one
    const list = await timed("listMegaCamps", () => dio.camps.listMegaCamps());
    const summary = await timed("backlog.getSummary", () => dio.backlog.getSummary());
    expect(list.megaCamps).toHaveLength(2);
    expect(list.megaCamps.every((m) => m.vaccinated > 30_000 && m.target !== null && m.camps > 0)).toBe(true);
    expect(statusOf(list.district)).toEqual({
      vaccinated: summary.district.vaccinated,
      entered: summary.district.entered,
      pending: summary.district.pending,
      rejected: summary.district.rejected,
    });
    expect(list.district).toEqual(sumCampFigures([...list.megaCamps, list.otherCamps]));
    for (const f of [list.district, list.otherCamps, ...list.megaCamps]) expect(figuresAddUp(f)).toBe(true);
  });

  it("mega camp = sum of its blocks = sum of its camps; block = sum of its sites; every camp adds up", async () => {
    const dio = await callerFor("dio");
    const list = await dio.camps.listMegaCamps();
    for (const mega of list.megaCamps) {
      const detail = await timed("getMegaCamp", () => dio.camps.getMegaCamp({ id: mega.id }));
      expect(detail.blocks).toHaveLength(17);
      expect(detail.totals).toEqual(sumCampFigures(detail.blocks));
      expect(detail.totals).toEqual(figuresOnly(mega));
      const allSites = [];
      for (const block of detail.blocks) {
        const camps = await timed("getBlockCamps", () => dio.camps.getBlockCamps({ megaCampId: mega.id, blockId: block.blockId }));
        expect(camps.totals).toEqual(sumCampFigures(camps.sites));
        expect(camps.totals).toEqual(figuresOnly(block));
        for (const site of camps.sites) {
          expect(site.vaccinated).toBe(site.entered + site.pending + site.rejected);
          expect(figuresAddUp(site)).toBe(true);
          expect(site.camps).toBe(1);
        }
        allSites.push(...camps.sites);
      }
      expect(sumCampFigures(allSites)).toEqual(detail.totals);
    }
  });

  it("per-camp status counts equal a plain count of the records, and getCamp agrees with the sites table", async () => {
    const dio = await callerFor("dio");
    const mega = (await dio.camps.listMegaCamps()).megaCamps[0]!;
    const pirpainti = await blockIdOf("Pirpainti");
    const { sites } = await dio.camps.getBlockCamps({ megaCampId: mega.id, blockId: pirpainti });
    const groups = await testDb().vaccinationRecord.groupBy({
      by: ["campId", "status"],
      where: { campId: { in: sites.map((s) => s.campId) } },
      _count: { _all: true },
    });
    for (const site of sites) {
      const n = (status: string) => groups.find((g) => g.campId === site.campId && g.status === status)?._count._all ?? 0;
      expect({ entered: site.entered, pending: site.pending, rejected: site.rejected }).toEqual({ entered: n("ENTERED"), pending: n("PENDING"), rejected: n("REJECTED") });
    }
    const first = sites[0]!;
    const camp = await timed("getCamp", () => dio.camps.getCamp({ id: first.campId }));
    expect(camp.camp).toMatchObject({ campId: first.campId, site: first.site, date: first.date, block: "Pirpainti", megaCamp: { id: mega.id } });
    expect(camp.figures).toEqual(figuresOnly(first));
    const campTrend = await dio.camps.getTrend({ grain: "hour", campId: first.campId });
    expect(campTrend.from).toBe(first.date);
    expect(campTrend.points.reduce((s, p) => s + p.vaccinated, 0)).toBe(first.vaccinated);
  });

  it("splits by dose, vaccine, sex and age band match the records (age band as the pure ageBand rule)", async () => {
    const list = await (await callerFor("dio")).camps.listMegaCamps();
    const records = await testDb().vaccinationRecord.findMany({ where: { districtId: await districtIdOf("Bhagalpur") }, select: { dose: true, vaccine: true, sex: true, birthYear: true, vaccinatedAt: true } });
    const expected = { byDose: { dose1: 0, dose2: 0 }, byVaccine: { COVISHIELD: 0, COVAXIN: 0, SPUTNIK_V: 0 }, bySex: { MALE: 0, FEMALE: 0, OTHER: 0 }, byAgeBand: { "18-44": 0, "45-59": 0, "60+": 0, unknown: 0 } };
    for (const r of records) {
      expected.byDose[r.dose === 1 ? "dose1" : "dose2"] += 1;
      expected.byVaccine[r.vaccine as keyof typeof expected.byVaccine] += 1;
      expected.bySex[r.sex] += 1;
      expected.byAgeBand[ageBand(r.birthYear, r.vaccinatedAt)] += 1;
    }
    const { byDose, byVaccine, bySex, byAgeBand } = list.district;
    expect({ byDose, byVaccine, bySex, byAgeBand }).toEqual(expected);
    expect(list.district.vaccinated).toBe(records.length);
  });
});

describe("trends count by vaccination time", () => {
  it("daily trend: the mega camp's day holds its records; hourly points add up to the day", async () => {
    const dio = await callerFor("dio");
    const list = await dio.camps.listMegaCamps();
    const mega = list.megaCamps[0]!;
    const daily = await timed("getTrend day (8 days)", () => dio.camps.getTrend({ grain: "day", from: list.megaCamps[1]!.date, to: mega.date }));
    expect(daily.points).toHaveLength(1 + (Date.parse(mega.date) - Date.parse(list.megaCamps[1]!.date)) / 86_400_000);
    const day = daily.points.find((p) => p.label === mega.date)!;
    expect(day.vaccinated).toBeGreaterThanOrEqual(mega.vaccinated);
    const megaDaily = await dio.camps.getTrend({ grain: "day", megaCampId: mega.id });
    expect(megaDaily.points.map((p) => p.label)).toEqual([mega.date, new Date(Date.parse(mega.date) + 86_400_000).toISOString().slice(0, 10)]);
    expect(megaDaily.points[0]!.vaccinated).toBe(mega.vaccinated);
    const hourly = await timed("getTrend hour (2 days)", () => dio.camps.getTrend({ grain: "hour", megaCampId: mega.id }));
    expect(hourly.points).toHaveLength(48);
    expect(hourly.points.reduce((s, p) => s + p.vaccinated, 0)).toBe(mega.vaccinated);
    expect(hourly.points[0]!.label).toBe(`${mega.date} 00:00`);
    expect(hourly.points[0]!.at.toISOString()).toBe(new Date(Date.parse(`${mega.date}T00:00:00+05:30`)).toISOString());
    const hourly8 = await timed("getTrend hour (8 days)", () => dio.camps.getTrend({ grain: "hour" }));
    expect(hourly8.points).toHaveLength(8 * 24);
  });

  it("moving a record's upload and entry time to the next day leaves the vaccination day's count unchanged", async () => {
    const dio = await callerFor("dio");
    const mega = (await dio.camps.listMegaCamps()).megaCamps[0]!;
    const record = await testDb().vaccinationRecord.findFirstOrThrow({ where: { status: "ENTERED", camp: { megaCampId: mega.id } }, orderBy: { id: "asc" } });
    const before = await dio.camps.getTrend({ grain: "day", from: mega.date, to: mega.date });
    const beforeHourly = await dio.camps.getTrend({ grain: "hour", megaCampId: mega.id });
    try {
      await testDb().$executeRaw`UPDATE vaccination_records SET created_at = created_at + interval '1 day', entered_at = entered_at + interval '1 day' WHERE id = ${record.id}`;
      const moved = await testDb().vaccinationRecord.findUniqueOrThrow({ where: { id: record.id } });
      expect(moved.createdAt.getTime() - record.createdAt.getTime()).toBe(86_400_000);
      expect(await dio.camps.getTrend({ grain: "day", from: mega.date, to: mega.date })).toEqual(before);
      expect(await dio.camps.getTrend({ grain: "hour", megaCampId: mega.id })).toEqual(beforeHourly);
      expect((await dio.camps.getCamp({ id: record.campId })).figures.vaccinated).toBeGreaterThan(0);
    } finally {
      await testDb().$executeRaw`UPDATE vaccination_records SET created_at = ${record.createdAt}::timestamp(3), entered_at = ${record.enteredAt}::timestamp(3) WHERE id = ${record.id}`;
    }
    const restored = await testDb().vaccinationRecord.findUniqueOrThrow({ where: { id: record.id } });
    expect([restored.createdAt, restored.enteredAt]).toEqual([record.createdAt, record.enteredAt]);
  });

  it("refuses a reversed range, one over a year, an hourly one over 31 days and an impossible date", async () => {
    const dio = await callerFor("dio");
    await expect(dio.camps.getTrend({ grain: "day", from: "2021-06-20", to: "2021-06-10" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("reversed") });
    await expect(dio.camps.getTrend({ grain: "day", from: "2020-06-01", to: "2021-06-20" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("at most a year") });
    await expect(dio.camps.getTrend({ grain: "hour", from: "2021-05-01", to: "2021-06-20" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Hourly") });
    await expect(dio.camps.getTrend({ grain: "day", from: "2021-02-30", to: "2021-03-02" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await dio.camps.getTrend({ grain: "day", from: "2020-06-21", to: "2021-06-20" })).points).toHaveLength(365);
  });
});

describe("a block supervisor", () => {
  it("sees only their block: their 'district' is their block, and it matches the overview for that block", async () => {
    const sup = await callerFor("sup.sultanganj");
    const sultanganj = await blockIdOf("Sultanganj");
    const list = await sup.camps.listMegaCamps();
    const summary = await (await callerFor("dio")).backlog.getSummary();
    const own = summary.blocks.find((b) => b.blockId === sultanganj)!;
    expect(statusOf(list.district)).toEqual({ vaccinated: own.vaccinated, entered: own.entered, pending: own.pending, rejected: own.rejected });
    const detail = await sup.camps.getMegaCamp({ id: list.megaCamps[0]!.id });
    expect(detail.blocks.map((b) => b.block)).toEqual(["Sultanganj"]);
    expect(counts(detail.totals)).toEqual(counts(list.megaCamps[0]!));
    const trend = await sup.camps.getTrend({ grain: "day", megaCampId: list.megaCamps[0]!.id });
    expect(trend.points[0]!.vaccinated).toBe(list.megaCamps[0]!.vaccinated);
  });

  it("gets NOT_FOUND for another block, exactly as for unknown ids", async () => {
    const sup = await callerFor("sup.sultanganj");
    const pirpainti = await blockIdOf("Pirpainti");
    const mega = (await sup.camps.listMegaCamps()).megaCamps[0]!;
    const otherCamp = await testDb().camp.findFirstOrThrow({ where: { site: { blockId: pirpainti } } });
    await expect(sup.camps.getBlockCamps({ megaCampId: mega.id, blockId: pirpainti })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sup.camps.getCamp({ id: otherCamp.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sup.camps.getTrend({ grain: "day", blockId: pirpainti })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sup.camps.getTrend({ grain: "hour", campId: otherCamp.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sup.camps.getTrend({ grain: "hour", campId: 999_999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sup.camps.getMegaCamp({ id: 999_999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sup.camps.getBlockCamps({ megaCampId: 999_999, blockId: pirpainti })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sup.camps.getBlockCamps({ megaCampId: mega.id, blockId: 999_999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sup.camps.getCamp({ id: 999_999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sup.camps.getTrend({ grain: "hour", megaCampId: 999_999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect((await callerFor(null)).camps.listMegaCamps()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("CSV exports", () => {
  function get(url: string, as?: string) {
    const headers = new Headers(as ? { authorization: `Bearer ${tokens[as]}` } : {});
    return new Request(`http://localhost${url}`, { headers });
  }
  const lines = async (res: Response) => (await res.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n");

  it("exports each table with a header and one row per item, as text/csv", async () => {
    const dio = await callerFor("dio");
    const list = await dio.camps.listMegaCamps();
    const mega = list.megaCamps[0]!;
    const all = await totalsCsv(get("/api/v1/camps/totals.csv", "dio"));
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toMatch(/^text\/csv/);
    const allLines = await lines(all);
    expect(allLines).toHaveLength(1 + list.megaCamps.length + (list.otherCamps.camps > 0 ? 1 : 0));
    expect(allLines[0]).toMatch(/^mega_camp_id,mega_camp,date,camps,target,vaccinated,entered,pending,rejected,/);

    expect(await lines(await totalsCsv(get(`/api/v1/camps/totals.csv?megaCamp=${mega.id}`, "dio")))).toHaveLength(1 + 17);
    const pirpainti = await dio.camps.getBlockCamps({ megaCampId: mega.id, blockId: await blockIdOf("Pirpainti") });
    const sitesCsv = await timed("CSV sites", async () => lines(await totalsCsv(get(`/api/v1/camps/totals.csv?megaCamp=${mega.id}&block=pirpainti`, "dio"))));
    expect(sitesCsv).toHaveLength(1 + pirpainti.sites.length);
    expect(await lines(await totalsCsv(get(`/api/v1/camps/totals.csv?camp=${pirpainti.sites[0]!.campId}`, "dio")))).toHaveLength(2);

    const trend = await trendCsv(get(`/api/v1/camps/trend.csv?grain=hour&megaCamp=${mega.id}`, "dio"));
    expect(trend.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(await lines(trend)).toHaveLength(1 + 48);
    // Without a range the trend is the last 8 days up to the request's clock: the screen's, at TEST_NOW.
    const recent = await dio.camps.getTrend({ grain: "day" });
    const recentCsv = await trendCsv(get("/api/v1/camps/trend.csv?grain=day", "dio"));
    expect(recentCsv.headers.get("content-disposition")).toContain(`vaccinations-by-day-${recent.from}-${recent.to}.csv`);
    expect(recent.to).toBe("2021-06-23");
    expect((await lines(recentCsv)).slice(1)).toEqual(recent.points.map((p) => [p.label, p.vaccinated, p.dose1, p.dose2, p.entered, p.pending, p.rejected].join(",")));
  });

  it("is scoped and refuses bad requests like the API", async () => {
    const mega = (await (await callerFor("dio")).camps.listMegaCamps()).megaCamps[0]!;
    expect((await totalsCsv(get(`/api/v1/camps/totals.csv?megaCamp=${mega.id}&block=Pirpainti`, "sup.sultanganj"))).status).toBe(404);
    const own = await lines(await totalsCsv(get(`/api/v1/camps/totals.csv?megaCamp=${mega.id}`, "sup.sultanganj")));
    expect(own).toHaveLength(2);
    expect(own[1]).toContain("Sultanganj");
    expect((await totalsCsv(get("/api/v1/camps/totals.csv?megaCamp=999999", "dio"))).status).toBe(404);
    expect((await totalsCsv(get(`/api/v1/camps/totals.csv?megaCamp=${mega.id}&block=atlantis`, "dio"))).status).toBe(404);
    expect((await totalsCsv(get("/api/v1/camps/totals.csv?colour=red", "dio"))).status).toBe(400);
    const reversed = await trendCsv(get("/api/v1/camps/trend.csv?from=2021-06-20&to=2021-06-01", "dio"));
    expect(reversed.status).toBe(400);
    expect(((await reversed.json()) as { error: string }).error).toMatch(/reversed/);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createApiToken } from "@/server/auth/api-tokens";
import { stateOverviewRoute } from "@/server/api/rest/routes/state";
import { getBacklogSummary, sumFigures } from "@/server/services/backlog/backlog-summary";
import { callerFor, districtScope, loadUser, testDb } from "@/tests/helpers/callers";
import { withTestRuntime } from "@/tests/helpers/rest";
import { TEST_NOW } from "@/tests/helpers/test-clock";

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  return p.then(
    () => null,
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  );
}

const SET_UP_IN_TEST = "Munger";
const TOKEN = "state overview test";

afterAll(async () => {
  const db = testDb();
  const d = await db.district.findFirst({ where: { name: SET_UP_IN_TEST } });
  if (d) {
    await db.blockAlias.deleteMany({ where: { districtId: d.id } });
    await db.blockStatusCount.deleteMany({ where: { districtId: d.id } });
    await db.block.deleteMany({ where: { districtId: d.id } });
    await db.district.update({ where: { id: d.id }, data: { setUpAt: null } });
  }
  await db.apiToken.deleteMany({ where: { name: TOKEN } });
});

describe("the state overview", () => {
  it("adds up to the sum of the districts' own summaries, district by district", async () => {
    const overview = await (await callerFor("sio.bihar")).state.getOverview();
    expect(overview.districts.map((d) => d.name).sort()).toEqual(["Banka", "Bhagalpur"]);
    for (const row of overview.districts) {
      const own = await getBacklogSummary(testDb(), await districtScope(row.name), TEST_NOW);
      expect(row.figures, row.name).toEqual(own.district);
      expect(row.blocks).toBe(own.blocks.length);
    }
    const perDistrict = await Promise.all(overview.districts.map(async (d) => (await getBacklogSummary(testDb(), await districtScope(d.name), TEST_NOW)).district));
    expect(overview.totals).toEqual(sumFigures(perDistrict));
    expect(overview.totals.pending).toBeGreaterThan(0);
    // Ranked by pending, most first.
    const pending = overview.districts.map((d) => d.figures.pending);
    expect(pending).toEqual([...pending].sort((a, b) => b - a));
    // At risk is the district overview's own forecast, counted per district.
    for (const row of overview.districts) {
      const forecasts = await (await callerFor("sio.bihar", TEST_NOW, row.slug)).performance.getForecasts();
      expect(row.atRiskBlocks, row.name).toBe(forecasts.blocks.filter((b) => b.atRisk).length);
    }
  });

  it("lists the 36 districts not set up by name, with no figures", async () => {
    const overview = await (await callerFor("sio.bihar")).state.getOverview();
    expect(overview.notSetUp).toHaveLength(36);
    expect(overview.districts.length + overview.notSetUp.length).toBe(38);
    const patna = overview.notSetUp.find((d) => d.name === "Patna");
    expect(patna).toEqual({ id: expect.any(Number), name: "Patna", nameHi: "पटना", slug: "patna" });
    expect(overview.state).toMatchObject({ name: "Bihar", nameHi: "बिहार" });
  });

  it("answers a district officer with their own district only, and refuses block accounts", async () => {
    const banka = await (await callerFor("dio.banka")).state.getOverview();
    expect(banka.districts.map((d) => d.name)).toEqual(["Banka"]);
    expect(banka.notSetUp).toEqual([]);
    expect(banka.totals).toEqual((await (await callerFor("dio.banka")).backlog.getSummary()).district);
    expect(await codeOf((await callerFor("sup.amarpur")).state.getOverview())).toBe("FORBIDDEN");
    expect(await codeOf((await callerFor("op.pirpainti")).state.getOverview())).toBe("FORBIDDEN");
    expect(await codeOf((await callerFor("helpdesk")).state.getOverview())).toBe("FORBIDDEN");
    expect(await codeOf((await callerFor(null)).state.getOverview())).toBe("UNAUTHORIZED");
  });

  it("is on the REST API too, with the same figures", async () => {
    const token = (await createApiToken(testDb(), (await loadUser("sio.bihar")).id, TOKEN)).token;
    const res = await withTestRuntime(() => stateOverviewRoute.handle(new Request("http://localhost/api/v1/state/overview", { headers: { authorization: `Bearer ${token}` } })));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { totals: { pending: number }; districts: { name: string; pending: number }[]; notSetUp: unknown[] };
    const overview = await (await callerFor("sio.bihar")).state.getOverview();
    expect(body.totals.pending).toBe(overview.totals.pending);
    expect(body.districts.map((d) => [d.name, d.pending])).toEqual(overview.districts.map((d) => [d.name, d.figures.pending]));
    expect(body.notSetUp).toHaveLength(36);
    const onBanka = await withTestRuntime(() => stateOverviewRoute.handle(new Request("http://localhost/api/v1/state/overview?district=banka", { headers: { authorization: `Bearer ${token}` } })));
    expect(((await onBanka.json()) as { districts: { name: string }[] }).districts.map((d) => d.name)).toEqual(["Banka"]);
  });

  it("names the caller's place from the database", async () => {
    expect((await (await callerFor("sio.bihar")).state.place())).toMatchObject({ kind: "state", state: { name: "Bihar", nameHi: "बिहार" }, district: null });
    expect((await (await callerFor("dio.banka")).state.place())).toMatchObject({ kind: "district", district: { name: "Banka" } });
    expect((await (await callerFor("sup.pirpainti")).state.place())).toMatchObject({ kind: "block", district: { name: "Bhagalpur" }, block: { name: "Pirpainti" } });
    expect((await (await callerFor("helpdesk")).state.place())).toMatchObject({ kind: "district", district: { name: "Bhagalpur" } });
  });
});

const MUNGER_CSV = "name,name_hi,lgd_code,aliases\nJamalpur,जमालपुर,,Jamalpur Block;Jmp\nTarapur,तारापुर,1234,\nKharagpur,खड़गपुर,,";

describe("setting a district up", () => {
  it("is the state officer's alone", async () => {
    for (const who of ["dio", "dio.banka", "sup.pirpainti", "op.pirpainti", "helpdesk"]) {
      const caller = await callerFor(who);
      expect(await codeOf(caller.setup.listDistricts()), who).toBe("FORBIDDEN");
      expect(await codeOf(caller.setup.setUpDistrict({ districtId: 1, csv: MUNGER_CSV })), who).toBe("FORBIDDEN");
      expect(await codeOf(caller.setup.addAliases({ blockId: 1, aliases: ["x"] })), who).toBe("FORBIDDEN");
      expect(await codeOf(caller.setup.removeAlias({ aliasId: 1 })), who).toBe("FORBIDDEN");
    }
  });

  it("previews problems and writes nothing from a list that has one", async () => {
    const sio = await callerFor("sio.bihar");
    const munger = (await sio.setup.listDistricts()).find((d) => d.name === SET_UP_IN_TEST)!;
    expect(munger.setUpAt).toBeNull();
    const twice = await sio.setup.previewDistrict({ districtId: munger.id, csv: "name,name_hi,aliases\nJamalpur,जमालपुर,Tara\nTarapur,तारापुर,Tara" });
    expect(twice.problems.map((p) => p.key)).toEqual(["setupSpellingTwice"]);
    const noHindi = await sio.setup.previewDistrict({ districtId: munger.id, csv: "name\nJamalpur" });
    expect(noHindi.problems).toEqual([{ key: "setupCsvMissingColumn", params: { column: "name_hi" } }]);
    const badRow = await sio.setup.previewDistrict({ districtId: munger.id, csv: "name,name_hi,lgd_code\nJamalpur,,\nTarapur,तारापुर,12a" });
    expect(badRow.problems.map((p) => [p.key, p.params.row])).toEqual([["setupCsvRowIncomplete", "2"], ["setupCsvLgdInvalid", "3"]]);
    expect(await codeOf(sio.setup.setUpDistrict({ districtId: munger.id, csv: "name,name_hi,aliases\nJamalpur,जमालपुर,Tara\nTarapur,तारापुर,Tara" }))).toBe("BAD_REQUEST");
    expect(await testDb().block.count({ where: { districtId: munger.id } })).toBe(0);
  });

  it("from a CSV, after which the district is in the overview with its blocks and aliases", async () => {
    const sio = await callerFor("sio.bihar");
    const munger = (await sio.setup.listDistricts()).find((d) => d.name === SET_UP_IN_TEST)!;
    const preview = await sio.setup.previewDistrict({ districtId: munger.id, csv: MUNGER_CSV });
    expect(preview.problems).toEqual([]);
    expect(preview.blocks.map((b) => b.name)).toEqual(["Jamalpur", "Tarapur", "Kharagpur"]);
    const result = await sio.setup.setUpDistrict({ districtId: munger.id, csv: MUNGER_CSV });
    expect(result).toMatchObject({ blocksAdded: 3, aliasesAdded: 2, slug: "munger" });
    expect(await codeOf(sio.setup.setUpDistrict({ districtId: munger.id, csv: MUNGER_CSV }))).toBe("CONFLICT");

    const overview = await sio.state.getOverview();
    expect(overview.notSetUp).toHaveLength(35);
    const row = overview.districts.find((d) => d.name === SET_UP_IN_TEST);
    expect(row).toMatchObject({ blocks: 3, nameHi: "मुंगेर", figures: { pending: 0, vaccinated: 0 } });

    const blocks = await sio.setup.listBlocks({ districtId: munger.id });
    const jamalpur = blocks.find((b) => b.name === "Jamalpur")!;
    expect(jamalpur.aliases.map((a) => a.alias)).toEqual(["Jamalpur Block", "Jmp"]);
    expect(await sio.setup.addAliases({ blockId: jamalpur.id, aliases: ["Jamalpur HQ", "jmp"] })).toEqual({ added: 1 });
    const tarapur = blocks.find((b) => b.name === "Tarapur")!;
    expect(await codeOf(sio.setup.addAliases({ blockId: tarapur.id, aliases: ["Jamalpur HQ"] }))).toBe("CONFLICT");
    const jmp = jamalpur.aliases.find((a) => a.alias === "Jmp")!;
    expect(await sio.setup.removeAlias({ aliasId: jmp.id })).toEqual({ removed: "Jmp" });
    expect((await sio.setup.listBlocks({ districtId: munger.id })).find((b) => b.name === "Jamalpur")!.aliases.map((a) => a.alias)).toEqual(["Jamalpur Block", "Jamalpur HQ"]);
  });
});

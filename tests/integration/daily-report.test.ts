import { parse } from "csv-parse/sync";
import { resetEnvironment } from "@/server/config";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as getDailyReportRoute } from "@/app/api/v1/reports/daily/route";
import { scopeFor } from "@/server/auth/scope";
import { storedPortalRow } from "@/core/domain/portal-evidence";
import { parsePortalRow } from "@/core/domain/portal-row";
import { closePdfBrowser } from "@/server/services/reports/pdf";
import { createApiToken } from "@/server/auth/api-tokens";
import { listAnomalies } from "@/server/services/imports/anomalies";
import { buildDailyReport, type DailyReport } from "@/server/services/reports/daily-report";
import { can } from "@/server/auth/policy";
import { DAILY_REPORT_CSV_SECTIONS } from "@/server/services/reports/daily-report-csv";
import { blockIdOf, callerFor, districtIdOf, loadUser, testDb, districtScope, blockScope } from "@/tests/helpers/callers";
import { TEST_ID_HASH_KEY, TEST_NOW } from "@/tests/helpers/test-clock";
import { fixtureRows } from "@/tests/integration/portal-test-db";
import { atTestNow } from "@/tests/helpers/rest";
import { DEMO_LOOKUP } from "@/tests/helpers/demo-lookup";

const TOKEN_PREFIX = "daily report test ";
const tokens: Record<string, string> = {};
const anomalyIds: number[] = [];
let pirpainti = 0;
let sultanganj = 0;

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.TEEKA_ID_HASH_KEY = TEST_ID_HASH_KEY;
  pirpainti = await blockIdOf("Pirpainti");
  sultanganj = await blockIdOf("Sultanganj");
  for (const username of ["dio", "sup.pirpainti", "op.pirpainti", "helpdesk"]) {
    tokens[username] = (await createApiToken(testDb(), (await loadUser(username)).id, `${TOKEN_PREFIX}${username}`)).token;
  }
  // Open anomalies: three in Pirpainti (two kinds), one in Sultanganj, one without a block, one resolved.
  const cells = fixtureRows("good.csv")[0]!.cells;
  const parsed = parsePortalRow(cells, TEST_NOW, DEMO_LOOKUP);
  if (!parsed.ok) throw new Error(parsed.reason);
  const make = async (kind: "DOSE_MISMATCH" | "NO_REGISTER_ROW" | "DATE_MISMATCH", blockId: number | null, status: "OPEN" | "RESOLVED" = "OPEN") => {
    const a = await testDb().anomaly.create({
      data: { kind, districtId: await districtIdOf("Bhagalpur"), blockId, status, candidateIds: [], portalRef: `CWN-DR-${anomalyIds.length}`, portalRow: storedPortalRow(cells, parsed.row, "daily report test") },
    });
    anomalyIds.push(a.id);
  };
  await make("DOSE_MISMATCH", pirpainti);
  await make("DOSE_MISMATCH", pirpainti);
  await make("NO_REGISTER_ROW", pirpainti);
  await make("DATE_MISMATCH", sultanganj);
  await make("NO_REGISTER_ROW", null);
  await make("DOSE_MISMATCH", pirpainti, "RESOLVED");
});

afterAll(async () => {
  await closePdfBrowser();
  await testDb().anomaly.deleteMany({ where: { id: { in: anomalyIds } } });
  await testDb().apiToken.deleteMany({ where: { name: { startsWith: TOKEN_PREFIX } } });
});

// The route runs at the pinned test clock (TEST_NOW), the clock buildDailyReport is called with below.
const getDailyReport = atTestNow(getDailyReportRoute);
const get = (query: string, as: string) => getDailyReport(new Request(`http://localhost/api/v1/reports/daily${query}`, { headers: { authorization: `Bearer ${tokens[as]}` } }));

async function pdfText(res: Response): Promise<{ text: string; pages: number; bytes: Uint8Array }> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
  const doc = await getDocumentProxy(bytes.slice());
  const { text, totalPages } = await extractText(doc, { mergePages: true });
  return { text, pages: totalPages, bytes };
}

describe("buildDailyReport at the story's clock", () => {
  let report: DailyReport;
  beforeAll(async () => {
    report = await buildDailyReport(testDb(), await districtScope(), TEST_NOW);
  });

  it("has the dashboard's backlog figures, district and per block", async () => {
    const dashboard = await (await callerFor("dio")).backlog.getSummary();
    const d = dashboard.district;
    expect(report.backlog.district).toEqual({ vaccinated: d.vaccinated, entered: d.entered, pending: d.pending, rejected: d.rejected, overdue: d.overdue, dueWithin6h: d.dueWithin6h });
    expect(report.backlog.district.pending).toBe(2150);
    expect(report.backlog.blocks).toHaveLength(dashboard.blocks.length);
    for (const b of dashboard.blocks) {
      expect(report.backlog.blocks.find((r) => r.blockId === b.blockId), b.block).toMatchObject({
        pending: b.pending,
        overdue: b.overdue,
        dueWithin6h: b.dueWithin6h,
        entered: b.entered,
        vaccinated: b.vaccinated,
      });
    }
    expect(report.backlog.blocks.find((b) => b.block === "Pirpainti")?.pending).toBe(202);
    expect(report.generatedAt).toEqual(TEST_NOW);
  });

  it("lists overdue blocks and the burn-down forecast's at-risk blocks", async () => {
    const forecasts = await (await callerFor("dio")).performance.getForecasts();
    const atRisk = forecasts.blocks.filter((b) => b.atRisk);
    expect(report.risk.atRiskBlocks.map((b) => b.blockId).sort()).toEqual(atRisk.map((b) => b.blockId).sort());
    expect(report.risk.atRiskBlocks.length).toBeGreaterThan(0);
    const counts = report.risk.atRiskBlocks.map((b) => b.willCrossDeadline);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(report.risk.overdueBlocks.every((b) => b.overdue > 0)).toBe(true);
    expect(report.risk.overdueBlocks.reduce((s, b) => s + b.overdue, 0)).toBe(report.backlog.district.overdue);
  });

  it("shows the last camp day, labelled, when no camp was held yesterday", async () => {
    const camps = report.camps;
    expect(camps).toMatchObject({ yesterday: "2021-06-22", day: "2021-06-21", isYesterday: false });
    const megaCamps = await (await callerFor("dio")).camps.listMegaCamps();
    const mega2 = megaCamps.megaCamps.find((m) => m.date === "2021-06-21")!;
    expect(camps.megaCamp).toBe(mega2.name);
    const megaDetail = await (await callerFor("dio")).camps.getMegaCamp({ id: mega2.id });
    // Every camp of 21 June belongs to mega camp 2 in the demo, so the figures are the camp explorer's.
    expect(camps.totals).toMatchObject({ vaccinated: megaDetail.totals.vaccinated, entered: megaDetail.totals.entered, pending: megaDetail.totals.pending, rejected: megaDetail.totals.rejected });
    expect(camps.totals.vaccinated).toBe(camps.totals.entered + camps.totals.pending + camps.totals.rejected);
    expect(camps.rows.reduce((s, r) => s + r.pending, 0)).toBe(camps.totals.pending);
    // On camp day itself "yesterday" is the day before: at 00:30 IST on 22 June, yesterday is 21 June.
    const nextDay = await buildDailyReport(testDb(), await districtScope(), new Date("2021-06-21T19:00:00Z"));
    expect(nextDay.camps).toMatchObject({ yesterday: "2021-06-21", day: "2021-06-21", isYesterday: true });
  });

  it("has the probe's 24 h uptime exactly as probe status reports it, and its incidents", async () => {
    const statuses = await (await callerFor("dio")).probes.listTargets();
    expect(report.portal.targets.length).toBe(statuses.length);
    const portal = statuses.find((s) => s.name === "National portal")!;
    const mine = report.portal.targets.find((t) => t.id === portal.id)!;
    expect(mine.upPercent).toBe(portal.uptime["24h"].upPercent);
    expect(mine.usableHours).toBe(portal.uptime["24h"].usableHours);
    expect(mine.downMinutes).toBe(portal.uptime["24h"].downMinutes);
    expect(report.portal.window).toEqual({ from: new Date(TEST_NOW.getTime() - 86_400_000), to: TEST_NOW });
    for (const i of mine.incidents) expect(i.endedAt === null || i.endedAt > report.portal.window.from).toBe(true);
    // 24 h after the outage began (11:00 IST on 21 June) it is in the window, with its first error.
    const afterOutage = await buildDailyReport(testDb(), await districtScope(), new Date("2021-06-22T03:30:00Z"));
    const outage = afterOutage.portal.targets.find((t) => t.id === portal.id)!.incidents.find((i) => i.state === "DOWN");
    expect(outage?.durationSeconds).toBeGreaterThan(3 * 3600);
    expect(outage?.firstError).toBeTruthy();
  });

  it("counts open anomalies by kind and block like the queue, largest group first", async () => {
    const queue = await listAnomalies(testDb(), await districtScope(), { status: "OPEN", page: 1, pageSize: 1 });
    expect(report.anomalies.open).toBe(queue.total);
    expect(report.anomalies.top[0]).toMatchObject({ kind: "DOSE_MISMATCH", block: "Pirpainti", count: 2 });
    expect(report.anomalies.top.length).toBeLessThanOrEqual(5);
    expect(report.anomalies.byKind.DOSE_MISMATCH).toBe(2);
  });
});

describe("scope", () => {
  it("gives a supervisor their own block only, whatever they ask for", async () => {
    const sup = await loadUser("sup.pirpainti");
    const report = await buildDailyReport(testDb(), scopeFor(sup), TEST_NOW);
    expect(report.scope).toMatchObject({ kind: "block", block: "Pirpainti" });
    expect(report.backlog.blocks.map((b) => b.block)).toEqual(["Pirpainti"]);
    expect(report.backlog.district.pending).toBe(202);
    expect(report.risk.atRiskBlocks.every((b) => b.blockId === pirpainti)).toBe(true);
    expect(report.anomalies.open).toBe(3);
    expect(report.anomalies.top.every((g) => g.blockId === pirpainti)).toBe(true);
    const sites = await testDb().site.findMany({ where: { blockId: pirpainti }, select: { name: true } });
    expect(report.camps.rows.length).toBeGreaterThan(0);
    for (const row of report.camps.rows) expect(sites.map((s) => s.name)).toContain(row.label);
    const dashboard = await (await callerFor("sup.pirpainti")).camps.getMegaCamp({ id: (await testDb().megaCamp.findFirstOrThrow({ where: { date: new Date("2021-06-21") } })).id });
    expect(report.camps.totals.pending).toBe(dashboard.totals.pending);
    await expect(buildDailyReport(testDb(), scopeFor(sup), TEST_NOW, { blockId: sultanganj })).rejects.toMatchObject({ name: "AppError", code: "NOT_FOUND" });
  });

  it("lets the district officer narrow the report to one block, with the same figures as the block's own", async () => {
    const narrowed = await buildDailyReport(testDb(), await districtScope(), TEST_NOW, { blockId: pirpainti });
    const own = await buildDailyReport(testDb(), await blockScope("Pirpainti"), TEST_NOW);
    expect(narrowed).toEqual(own);
  });
});

describe("GET /api/v1/reports/daily", () => {
  it("answers JSON with the district figures, and a supervisor's with their block only", async () => {
    const res = await get("", "dio");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.backlog.district.pending).toBe(2150);
    // The whole report is the one built at TEST_NOW, as JSON.
    expect(body).toEqual(JSON.parse(JSON.stringify(await buildDailyReport(testDb(), await districtScope(), TEST_NOW))));
    expect(body.generatedAt).toBe(TEST_NOW.toISOString());
    const sup = await (await get("?format=json", "sup.pirpainti")).json();
    expect(sup.backlog.blocks.map((b: { block: string }) => b.block)).toEqual(["Pirpainti"]);
    const own = await get("?block=pirpainti", "op.pirpainti");
    expect(own.status).toBe(200);
  });

  it("refuses bad parameters with 400, finds neither other blocks nor unknown ones (404), refuses the helpdesk with 403", async () => {
    expect((await get("?block=atlantis", "dio")).status).toBe(404);
    for (const q of ["?format=xml", "?lang=fr", "?block=", "?foo=1", "?format=csv&format=pdf"]) {
      const res = await get(q, "dio");
      expect(res.status, q).toBe(400);
      expect((await res.json()).error, q).toMatch(/\w/);
    }
    expect((await get("?block=sultanganj", "sup.pirpainti")).status).toBe(404);
    const helpdesk = await get("", "helpdesk");
    expect(helpdesk.status).toBe(403);
    // (The API refuses the helpdesk role altogether; the report's own rule refuses it too, see below.)
    expect(can(await loadUser("helpdesk"), "reports.daily")).toBe(false);
  });

  it("returns the CSV sections, each with a header row, formula-safe", async () => {
    const res = await get("?format=csv", "dio");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="daily-report-bhagalpur-2021-06-23\.csv"/);
    const rows = parse((await res.text()).replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true }) as string[][];
    const titles = rows.filter((r) => r[0]?.startsWith("# ")).map((r) => r[0]!.slice(2));
    expect(titles).toEqual([...DAILY_REPORT_CSV_SECTIONS]);
    const at = (name: string) => rows.findIndex((r) => r[0] === `# ${name}`);
    expect(rows[at("backlog") + 1]).toEqual(["block", "block_hi", "vaccinated", "entered", "pending", "rejected", "overdue", "due_within_6h"]);
    const total = rows.slice(at("backlog")).find((r) => r[0] === "District total")!;
    expect(total[4]).toBe("2150");
    expect(rows[at("top_anomalies") + 2]?.slice(0, 4)).toEqual(["DOSE_MISMATCH", "Pirpainti", "पीरपैंती", "2"]);
    expect(rows[at("portal_uptime_24h") + 1]?.[0]).toBe("target");
  });

  it("renders a one-page PDF on the server with the district's figures", async () => {
    let t0 = performance.now();
    const first = await pdfText(await get("?format=pdf", "dio"));
    const firstMs = performance.now() - t0;
    t0 = performance.now();
    const warm = await pdfText(await get("?format=pdf", "dio"));
    const warmMs = performance.now() - t0;
    console.log(`daily report PDF: first ${Math.round(firstMs)} ms, warm ${Math.round(warmMs)} ms, ${first.bytes.length} bytes`);
    expect(first.pages).toBe(1);
    expect(first.text).toContain("2,150");
    expect(first.text).toContain("Pirpainti");
    expect(first.text).toContain("Daily review report");
    expect(warm.text).toContain("2,150");
  });

  it("renders the Hindi PDF with Devanagari text, and a supervisor's PDF with their block only", async () => {
    const hi = await pdfText(await get("?format=pdf&lang=hi", "dio"));
    expect(hi.pages).toBe(1);
    expect(hi.text).toMatch(/[\u0900-\u097F]{2,}/);
    expect((hi.text.match(/[\u0900-\u097F]/g) ?? []).length).toBeGreaterThan(200);
    expect(hi.text).toContain("2,150");
    const sup = await pdfText(await get("?format=pdf", "sup.pirpainti"));
    expect(sup.text).toContain("Pirpainti");
    expect(sup.text).toContain("202");
    expect(sup.text).not.toContain("Sultanganj");
  });

  it("answers 503 with a reason when Chromium is missing", async () => {
    await closePdfBrowser();
    process.env.TEEKA_CHROMIUM_PATH = "/nonexistent/chromium";
    resetEnvironment();
    try {
      const res = await get("?format=pdf", "dio");
      expect(res.status).toBe(503);
      expect((await res.json()).error).toMatch(/Chromium.*not installed/);
    } finally {
      delete process.env.TEEKA_CHROMIUM_PATH;
      resetEnvironment();
    }
  });
});

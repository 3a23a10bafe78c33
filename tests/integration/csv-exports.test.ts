import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as getBacklogRoute } from "@/app/api/v1/backlog/route";
import { GET as getCampsCsvRoute } from "@/app/api/v1/blocks/[block]/camps.csv/route";
import { GET as getRecordsCsvRoute } from "@/app/api/v1/blocks/[block]/records.csv/route";
import { createApiToken } from "@/server/auth/api-tokens";
import { isOverdue } from "@/core/domain/aging";
import { findPendingRecords } from "@/server/services/backlog/pending-records";
import { blockIdOf, callerFor, loadUser, testDb, districtScope } from "@/tests/helpers/callers";
import { atTestNow } from "@/tests/helpers/rest";
import { TEST_ID_HASH_KEY, TEST_NOW } from "@/tests/helpers/test-clock";

// Every route runs at the pinned test clock (TEST_NOW), like the tRPC callers and the figures compared with.
const getBacklog = atTestNow(getBacklogRoute);
const getCampsCsv = atTestNow(getCampsCsvRoute);
const getRecordsCsv = atTestNow(getRecordsCsvRoute);

const tokens: Record<string, string> = {};

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.TEEKA_ID_HASH_KEY = TEST_ID_HASH_KEY;
  for (const username of ["dio", "sup.pirpainti", "sup.sultanganj"]) {
    tokens[username] = (await createApiToken(testDb(), (await loadUser(username)).id, `csv test ${username}`)).token;
  }
});

afterAll(async () => {
  await testDb().apiToken.deleteMany({ where: { name: { startsWith: "csv test " } } });
});

const get = (url: string, as: string) => new Request(`http://localhost${url}`, { headers: { authorization: `Bearer ${tokens[as]}` } });
const params = (block: string) => ({ params: Promise.resolve({ block }) });

async function csvRows(res: Response): Promise<Record<string, string>[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="/);
  return parse((await res.text()).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
}

describe("CSV exports of the drill-down tables", () => {
  it("exports the backlog by block with the same figures as the JSON API", async () => {
    const rows = await csvRows(await getBacklog(get("/api/v1/backlog?format=csv", "dio")));
    const json = (await (await getBacklog(get("/api/v1/backlog", "dio"))).json()) as { blocks: { block: string; pending: number; overdue: number }[] };
    expect(rows).toHaveLength(17);
    for (const block of json.blocks) {
      const row = rows.find((r) => r.block === block.block);
      expect(Number(row?.pending), block.block).toBe(block.pending);
      expect(Number(row?.overdue), block.block).toBe(block.overdue);
    }
    expect(rows.reduce((sum, r) => sum + Number(r.pending), 0)).toBe(2150);
    // Both are the dashboard's figures at TEST_NOW, every column of every block.
    const dashboard = await (await callerFor("dio")).backlog.getSummary();
    for (const b of dashboard.blocks) {
      expect(rows.find((r) => r.block === b.block), b.block).toEqual({
        block: b.block, vaccinated: String(b.vaccinated), entered: String(b.entered), pending: String(b.pending), rejected: String(b.rejected),
        overdue: String(b.overdue), due_within_6h: String(b.dueWithin6h), pending_0_12h: String(b.ageBuckets.h0_12), pending_12_24h: String(b.ageBuckets.h12_24),
        pending_24_36h: String(b.ageBuckets.h24_36), pending_36_48h: String(b.ageBuckets.h36_48), pending_overdue: String(b.ageBuckets.overdue),
      });
    }
    expect((await getBacklog(get("/api/v1/backlog?format=xml", "dio"))).status).toBe(400);
  });

  it("exports a block's camps, and only to someone who may see that block", async () => {
    const rows = await csvRows(await getCampsCsv(get("/api/v1/blocks/pirpainti/camps.csv", "sup.pirpainti"), params("pirpainti")));
    expect(rows.reduce((sum, r) => sum + Number(r.pending), 0)).toBe(202);
    expect((await getCampsCsv(get("/api/v1/blocks/pirpainti/camps.csv", "sup.sultanganj"), params("pirpainti"))).status).toBe(404);
    expect((await getCampsCsv(get("/api/v1/blocks/atlantis/camps.csv", "dio"), params("atlantis"))).status).toBe(404);
  });

  it("exports exactly the filtered records view on screen (all pages), with personal numbers masked", async () => {
    const pirpainti = await blockIdOf("Pirpainti");
    // The route and the screen's own query both at TEST_NOW.
    const onScreen = await findPendingRecords(testDb(), await districtScope(), TEST_NOW, { blockId: pirpainti, dose: 2, page: 1, pageSize: 5, sort: "vaccinatedAt", direction: "asc" });
    const rows = await csvRows(await getRecordsCsv(get("/api/v1/blocks/pirpainti/records.csv?dose=2&page=3", "dio"), params("pirpainti")));
    expect(onScreen.total).toBeGreaterThan(0);
    expect(rows).toHaveLength(onScreen.total);
    // The overdue filter at TEST_NOW is the pure rule's count over Pirpainti's pending records (some, not all).
    const pendingTimes = await testDb().vaccinationRecord.findMany({ where: { blockId: pirpainti, status: "PENDING" }, select: { vaccinatedAt: true } });
    const overdueAtTestNow = pendingTimes.filter((r) => isOverdue(r.vaccinatedAt, TEST_NOW)).length;
    expect(overdueAtTestNow).toBeGreaterThan(0);
    expect(overdueAtTestNow).toBeLessThan(202);
    const overdue = await csvRows(await getRecordsCsv(get("/api/v1/blocks/pirpainti/records.csv?bucket=overdue", "dio"), params("pirpainti")));
    expect(overdue).toHaveLength(overdueAtTestNow);
    const onScreenOverdue = await findPendingRecords(testDb(), await districtScope(), TEST_NOW, { blockId: pirpainti, bucket: "overdue", page: 1, pageSize: 5, sort: "vaccinatedAt", direction: "asc" });
    expect(onScreenOverdue.total).toBe(overdueAtTestNow);
    expect(rows.every((r) => r.dose === "2" && r.status === "PENDING")).toBe(true);
    const all = await csvRows(await getRecordsCsv(get("/api/v1/blocks/pirpainti/records.csv", "dio"), params("pirpainti")));
    expect(all).toHaveLength(202);
    const text = all.map((r) => `${r.mobile_masked} ${r.id_masked}`).join("\n");
    expect(text).not.toMatch(/\d{6,}/);
  });

  it("refuses bad filters with a reason", async () => {
    const res = await getRecordsCsv(get("/api/v1/blocks/pirpainti/records.csv?dose=3", "dio"), params("pirpainti"));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/dose/);
    expect((await getRecordsCsv(get("/api/v1/blocks/pirpainti/records.csv?status=ENTERED&bucket=overdue", "dio"), params("pirpainti"))).status).toBe(400);
    expect((await getRecordsCsv(get("/api/v1/blocks/pirpainti/records.csv?limit=5", "dio"), params("pirpainti"))).status).toBe(400);
  });
});

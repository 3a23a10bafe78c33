import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as getBacklog } from "@/app/api/v1/backlog/route";
import { GET as getCampsCsv } from "@/app/api/v1/blocks/[block]/camps.csv/route";
import { GET as getRecordsCsv } from "@/app/api/v1/blocks/[block]/records.csv/route";
import { createApiToken } from "@/server/auth/api-tokens";
import { findPendingRecords } from "@/server/services/backlog/pending-records";
import { blockIdOf, loadUser, testDb } from "@/tests/helpers/callers";
import { TEST_ID_HASH_KEY } from "@/tests/helpers/test-clock";

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
    // The REST routes run on the real clock (the tRPC test callers are pinned), so compare at the real clock too.
    const onScreen = await findPendingRecords(testDb(), { kind: "district" }, new Date(), { blockId: pirpainti, dose: 2, page: 1, pageSize: 5, sort: "vaccinatedAt", direction: "asc" });
    const rows = await csvRows(await getRecordsCsv(get("/api/v1/blocks/pirpainti/records.csv?dose=2&page=3", "dio"), params("pirpainti")));
    expect(onScreen.total).toBeGreaterThan(0);
    expect(rows).toHaveLength(onScreen.total);
    const overdue = await csvRows(await getRecordsCsv(get("/api/v1/blocks/pirpainti/records.csv?bucket=overdue", "dio"), params("pirpainti")));
    expect(overdue).toHaveLength(202); // the demo story is 3 years old on the real clock: everything is overdue
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

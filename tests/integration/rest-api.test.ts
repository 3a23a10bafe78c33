import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { POST as importRegisterRoute } from "@/app/api/v1/imports/register/route";
import { POST as importPortalRoute } from "@/app/api/v1/imports/portal/route";
import { GET as getAnomaliesRoute } from "@/app/api/v1/anomalies/route";
import { POST as postStatusRoute } from "@/app/api/v1/records/status/route";
import { GET as getOpenApiRoute } from "@/app/api/v1/openapi.json/route";
import { createApiToken } from "@/server/auth/api-tokens";
import { loadUser, testDb } from "@/tests/helpers/callers";
import { atTestNow } from "@/tests/helpers/rest";
import { TEST_ID_HASH_KEY } from "@/tests/helpers/test-clock";

// Every route runs at the pinned test clock (TEST_NOW), like the tRPC callers.
const importRegister = atTestNow(importRegisterRoute);
const importPortal = atTestNow(importPortalRoute);
const getAnomalies = atTestNow(getAnomaliesRoute);
const postStatus = atTestNow(postStatusRoute);
const getOpenApi = atTestNow(getOpenApiRoute);

const fixture = (...parts: string[]) => readFileSync(path.join(import.meta.dirname, "..", "fixtures", ...parts));
const tokens: Record<string, string> = {};
let lastImportBefore = 0;

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789";
  process.env.TEEKA_ID_HASH_KEY = TEST_ID_HASH_KEY;
  for (const username of ["dio", "op.pirpainti", "sup.sultanganj"]) {
    tokens[username] = (await createApiToken(testDb(), (await loadUser(username)).id, `rest test ${username}`)).token;
  }
  lastImportBefore = (await testDb().importBatch.aggregate({ _max: { id: true } }))._max.id ?? 0;
});

afterAll(async () => {
  await testDb().anomaly.deleteMany({ where: { importId: { gt: lastImportBefore } } });
  await testDb().importBatch.deleteMany({ where: { id: { gt: lastImportBefore } } });
  await testDb().apiToken.deleteMany({ where: { name: { startsWith: "rest test " } } });
});

function request(url: string, init: RequestInit & { as?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.as) headers.set("authorization", `Bearer ${tokens[init.as]}`);
  return new Request(`http://localhost${url}`, { ...init, headers, duplex: "half" } as RequestInit);
}

describe("POST /api/v1/imports/register", () => {
  // Requests without any credentials need Next's request scope (session cookies): the end-to-end tests cover 401s.
  it("needs a role that may import", async () => {
    const res = await importRegister(request("/api/v1/imports/register", { method: "POST", body: fixture("register", "header-only.csv"), as: "sup.sultanganj" }));
    expect(res.status).toBe(403);
  });

  it("answers file-level problems with a 4xx and a reason", async () => {
    const cases: [string, number, RegExp][] = [
      ["empty.csv", 400, /empty/i],
      ["header-only.csv", 400, /no data rows/i],
      ["missing-columns.csv", 400, /missing/i],
      ["binary.csv", 415, /./],
    ];
    for (const [file, status, message] of cases) {
      const res = await importRegister(request("/api/v1/imports/register", { method: "POST", body: fixture("register", file), headers: { "x-file-name": file }, as: "op.pirpainti" }));
      expect(res.status, file).toBe(status);
      expect((await res.json()).error, file).toMatch(message);
    }
    const tooBig = await importRegister(request("/api/v1/imports/register", { method: "POST", body: "a", headers: { "content-length": String(60_000_000) }, as: "op.pirpainti" }));
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error).toMatch(/50 MB/);
  });
});

describe("POST /api/v1/imports/portal", () => {
  it("reports every bad row with its number, column and reason", async () => {
    const res = await importPortal(request("/api/v1/imports/portal", { method: "POST", body: fixture("portal", "bad-rows.csv"), headers: { "x-file-name": "bad-rows.csv" }, as: "dio" }));
    expect(res.status).toBe(200);
    const body = await res.json();
    // At TEST_NOW (12:00 IST on 23 June 2021) the row entered on 24 June is in the future: every row is refused.
    expect(body).toMatchObject({ rows: 6, rejected: 6, matched: 0, anomalies: 0, duplicates: 0 });
    expect(body.rows).toBe(body.matched + body.duplicates + body.anomalies + body.rejected);
    expect(body.errors).toHaveLength(6);
    // Each error names its row, column and reason; a reason the page renders in the reader's language also carries its key.
    for (const error of body.errors) expect(error).toMatchObject({ row: expect.any(Number), column: expect.any(String), reason: expect.any(String) });
    for (const error of body.errors) expect(Object.keys(error).filter((k) => !["row", "column", "reason", "key", "params"].includes(k))).toEqual([]);
    expect(body.errors.find((e: { row: number }) => e.row === 6)).toEqual({ row: 6, column: "entered_at", reason: "entered_at is in the future" });
    // The same row entered before TEST_NOW is valid; it names a person the register lacks and goes to the queue.
    const [header, , , , , future] = fixture("portal", "bad-rows.csv").toString("utf8").trim().split("\n");
    const past = `${header}\n${future!.replace("2021-06-24 10:00", "2021-06-23 09:00")}\n`;
    const queued = await importPortal(request("/api/v1/imports/portal", { method: "POST", body: past, headers: { "x-file-name": "past-row.csv" }, as: "dio" }));
    expect(queued.status).toBe(200);
    const queuedBody = await queued.json();
    expect(queuedBody).toMatchObject({ importId: expect.any(Number), rows: 1, rejected: 0, matched: 0, anomalies: 1 });
    expect(await testDb().anomaly.count({ where: { importId: queuedBody.importId, portalRef: "CWN-8800000014" } })).toBe(1);
  });
});

describe("GET /api/v1/anomalies", () => {
  it("is scoped like the backlog", async () => {
    expect((await getAnomalies(request("/api/v1/anomalies?block=Pirpainti", { as: "sup.sultanganj" }))).status).toBe(404);
    expect((await getAnomalies(request("/api/v1/anomalies?block=Atlantis", { as: "dio" }))).status).toBe(404);
    expect((await getAnomalies(request("/api/v1/anomalies?colour=red", { as: "dio" }))).status).toBe(400);
    const ok = await getAnomalies(request("/api/v1/anomalies?block=Sultanganj", { as: "sup.sultanganj" }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ rows: expect.any(Array), total: expect.any(Number) });
  });
});

describe("POST /api/v1/records/status", () => {
  it("wants JSON with at least one item", async () => {
    expect((await postStatus(request("/api/v1/records/status", { method: "POST", body: "items", as: "op.pirpainti" }))).status).toBe(415);
    const bad = await postStatus(request("/api/v1/records/status", { method: "POST", body: "{", headers: { "content-type": "application/json" }, as: "op.pirpainti" }));
    expect(bad.status).toBe(400);
    const empty = await postStatus(request("/api/v1/records/status", { method: "POST", body: JSON.stringify({ items: [] }), headers: { "content-type": "application/json" }, as: "op.pirpainti" }));
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toMatch(/at least one item/);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("describes every /api/v1 route", async () => {
    const doc = await (await getOpenApi(request("/api/v1/openapi.json"))).json();
    expect(doc.openapi).toBe("3.1.0");
    // Every route file under app/api/v1 (except this document itself) must be described.
    const root = path.join(import.meta.dirname, "..", "..", "app", "api", "v1");
    const routes = readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith("route.ts"))
      .map((file) => `/${path.dirname(file).replaceAll(path.sep, "/")}`.replace(/\[(\w+)\]/g, "{$1}"))
      .filter((route) => route !== "/openapi.json");
    expect(Object.keys(doc.paths).sort()).toEqual(routes.sort());
  });
});

/**
 * The API contract cannot drift from the code: the OpenAPI document is derived from the zod schemas the routes
 * validate with, the standard generator (openapi-typescript) turns it into types, a typed client (openapi-fetch)
 * calls every JSON operation with them, and each answer is checked against the operation's documented schema.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { paths } from "@/tests/generated/api-v1";
import { openApiDocument } from "@/server/api/rest/openapi";
import { REST_ROUTES } from "@/server/api/rest/registry";
import type { RestRoute } from "@/server/api/rest/route";
import { createApiToken } from "@/server/auth/api-tokens";
import { loadUser, testDb } from "@/tests/helpers/callers";
import { withTestRuntime } from "@/tests/helpers/rest";
import { apiTypesSource } from "@/tests/helpers/openapi-types";
import { restorePendingAfterAll } from "@/tests/helpers/restore-pending";

type Doc = { paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, unknown> }> }>> };
const doc = openApiDocument(REST_ROUTES) as unknown as Doc;
const touched = restorePendingAfterAll();
let token = "";
let stateToken = "";
let operatorToken = "";
let marks = { target: 0, report: 0n, batch: 0, camp: 0, site: 0 };

beforeAll(async () => {
  token = (await createApiToken(testDb(), (await loadUser("dio")).id, "contract test")).token;
  stateToken = (await createApiToken(testDb(), (await loadUser("sio.bihar")).id, "contract test")).token;
  operatorToken = (await createApiToken(testDb(), (await loadUser("op.pirpainti")).id, "contract test")).token;
  marks = {
    target: (await testDb().probeTarget.aggregate({ _max: { id: true } }))._max.id ?? 0,
    report: (await testDb().fieldProbeReport.aggregate({ _max: { id: true } }))._max.id ?? 0n,
    batch: (await testDb().importBatch.aggregate({ _max: { id: true } }))._max.id ?? 0,
    camp: (await testDb().camp.aggregate({ _max: { id: true } }))._max.id ?? 0,
    site: (await testDb().site.aggregate({ _max: { id: true } }))._max.id ?? 0,
  };
});

afterAll(async () => {
  await testDb().apiToken.deleteMany({ where: { name: "contract test" } });
  await testDb().fieldProbeReport.deleteMany({ where: { id: { gt: marks.report } } });
  await testDb().probeTarget.deleteMany({ where: { id: { gt: marks.target } } });
  await testDb().anomaly.deleteMany({ where: { importId: { gt: marks.batch } } });
  await testDb().vaccinationRecord.deleteMany({ where: { importId: { gt: marks.batch } } });
  await testDb().camp.deleteMany({ where: { id: { gt: marks.camp } } });
  await testDb().site.deleteMany({ where: { id: { gt: marks.site } } });
  await testDb().importBatch.deleteMany({ where: { id: { gt: marks.batch } } });
  await testDb().campDevice.deleteMany({ where: { deviceId: CONTRACT_DEVICE } });
});

/** The route behind a URL, with its path parameters, as Next.js routes a request. */
function routeFor(req: Request): { route: RestRoute; params: Record<string, string> } {
  const pathname = new URL(req.url).pathname;
  for (const route of REST_ROUTES) {
    if (route.spec.method !== req.method) continue;
    const names: string[] = [];
    const pattern = new RegExp(`^${route.spec.path.replace(/\{(\w+)\}/g, (_, n: string) => (names.push(n), "([^/]+)"))}$`);
    const m = pattern.exec(pathname);
    if (m) return { route, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
  }
  throw new Error(`no route for ${req.method} ${pathname}`);
}

const served: { operationId: string; body: unknown }[] = [];

/** A typed client acting with one token: the district officer's, or (for what only a state officer may) the state's. */
const clientAs = (bearer: () => string) => createClient<paths>({
  baseUrl: "http://localhost/api/v1",
  fetch: async (req: Request) => {
    const { route, params } = routeFor(req);
    const res = await withTestRuntime(() => route.handle(new Request(req, { headers: { ...Object.fromEntries(req.headers), authorization: `Bearer ${bearer()}` } }), { params: Promise.resolve(params) }));
    const json = res.headers.get("content-type")?.includes("json") ? await res.clone().json() : null;
    served.push({ operationId: route.spec.operationId, body: json });
    // The answer must be what the document says, field for field.
    if (res.ok && json !== null) route.spec.responses.json?.parse(json);
    return res;
  },
});
const client = clientAs(() => token);
const stateClient = clientAs(() => stateToken);
const operatorClient = clientAs(() => operatorToken);
const CONTRACT_DEVICE = "00000000-0000-4000-8000-00000000c0de";

const REGISTER = "register_serial,block,site,vaccinated_at,beneficiary_name,birth_year,gender,id_type,id_number,dose,vaccine\nCONTRACT-1,Kahalgaon,Contract Site,2021-06-22 10:00,Contract Person,1980,M,Voter ID,CONTRACT01,1,Covaxin\n";
const PORTAL = "portal_ref,beneficiary_name,birth_year,gender,id_last4,mobile_last4,dose,vaccinated_at,site,block,entered_at\nCWN-CONTRACT-1,Nobody Here,1975,F,1234,,1,2021-06-22 11:00,Contract Site,Kahalgaon,2021-06-22 12:00\n";
/** An operation that answers JSON or CSV: here, the JSON. */
function json<T>(data: T): Exclude<T, string> {
  if (typeof data === "string") throw new Error("expected JSON, got CSV");
  return data as Exclude<T, string>;
}

const raw = (text: string) => ({ body: text as never, bodySerializer: (b: unknown) => b as string, headers: { "content-type": "text/csv", "x-file-name": "contract.csv" } });

describe("the OpenAPI document and a client generated from it", () => {
  it("the committed types are the ones the document gives now (run `npm run openapi:types` after changing a route)", async () => {
    const committed = readFileSync(path.join(import.meta.dirname, "..", "generated", "api-v1.ts"), "utf8");
    expect(committed).toBe(await apiTypesSource());
  });

  it("every operation has an operationId and says what it answers; CSV routes declare text/csv", () => {
    const ids = new Set<string>();
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        expect(op.operationId, `${method} ${p}`).toMatch(/^[a-z][A-Za-z]+$/);
        expect(ids.has(op.operationId), op.operationId).toBe(false);
        ids.add(op.operationId);
        const ok = Object.entries(op.responses).find(([status]) => status.startsWith("2"));
        expect(ok?.[1].content && Object.keys(ok[1].content).length, `${method} ${p} documents its answer`).toBeTruthy();
        if (p.endsWith(".csv")) expect(Object.keys(ok![1].content!), p).toContain("text/csv");
      }
    }
  });

  it("calls every JSON operation through the typed client, and each answer fits its documented schema", async () => {
    const record = await testDb().vaccinationRecord.findFirstOrThrow({ where: { status: "PENDING", block: { name: "Kahalgaon" } }, orderBy: { id: "asc" } });
    touched.add(record.id);
    const backlog = await client.GET("/backlog", { params: { query: { block: "pirpainti" } } });
    expect(json(backlog.data)?.blocks).toHaveLength(1);
    expect((await client.GET("/anomalies", { params: { query: { status: "OPEN", pageSize: 5 } } })).response.status).toBe(200);
    const status = await client.POST("/records/status", { body: { items: [{ id: record.id, status: "ENTERED", portalRef: "CWN-CONTRACT-9" }] } });
    expect(status.data?.results[0]).toMatchObject({ result: "changed" });
    const created = await stateClient.POST("/probes", { body: { name: "Contract target", url: "http://127.0.0.1:9/" } });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    expect((await client.GET("/probes")).data?.targets.some((t) => t.id === id)).toBe(true);
    expect((await client.GET("/probes/{id}", { params: { path: { id: String(id) } } })).data?.name).toBe("Contract target");
    expect((await stateClient.PATCH("/probes/{id}", { params: { path: { id: String(id) } }, body: { enabled: false } })).data?.enabled).toBe(false);
    expect(json((await client.GET("/probes/{id}/incidents", { params: { path: { id: String(id) }, query: { format: "json" } } })).data)?.incidents).toEqual([]);
    expect((await client.POST("/probes/field", { body: { ok: true, latencyMs: 800, block: "kahalgaon" } })).data).toEqual({ stored: 1, duplicates: 0 });
    expect((await client.GET("/reports/daily", { params: { query: { format: "json" } } })).response.status).toBe(200);
    expect((await stateClient.GET("/state/overview")).data?.notSetUp).toHaveLength(36);
    const register = await client.POST("/imports/register", raw(REGISTER));
    expect(register.data).toMatchObject({ rows: 1, created: 1 });
    const portal = await client.POST("/imports/portal", raw(PORTAL));
    expect(portal.data).toMatchObject({ rows: 1 });
    // A camp device's sync with nothing waiting (it reports in all the same), then the supervisor's device list.
    const sync = await operatorClient.POST("/camp/sync", { body: { deviceId: CONTRACT_DEVICE, deviceTime: new Date().toISOString(), waiting: 0, records: [] } });
    expect(sync.data).toMatchObject({ created: 0, results: [] });
    expect((await client.GET("/camp/devices")).data?.devices.some((d) => d.deviceId === CONTRACT_DEVICE)).toBe(true);
    expect((await client.GET("/rules")).data?.state.deadline).toEqual({ kind: "hours", hours: 48 });
    // The state officer sets Bihar's rules to what they are: the call is checked, and no other test's figures move.
    const rules = await stateClient.PUT("/rules", { body: { rules: { deadline: { kind: "hours", hours: 48 }, work: { startMinute: 480, endMinute: 1320 } } } });
    expect(rules.data?.districts.length).toBeGreaterThan(0);

    // Every operation that answers JSON was called and answered 2xx: a new JSON route needs a call here.
    const jsonOperations = Object.values(doc.paths)
      .flatMap((methods) => Object.values(methods))
      .filter((op) => Object.entries(op.responses).some(([s, r]) => s.startsWith("2") && r.content?.["application/json"]))
      .map((op) => op.operationId);
    const called = new Set(served.map((s) => s.operationId));
    expect(jsonOperations.filter((op) => !called.has(op))).toEqual([]);
  });
});

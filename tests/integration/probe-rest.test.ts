import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { GET as listProbesRoute, POST as createProbeRoute } from "@/app/api/v1/probes/route";
import { GET as getProbeRoute, PATCH as patchProbeRoute } from "@/app/api/v1/probes/[id]/route";
import { GET as getIncidentsRoute } from "@/app/api/v1/probes/[id]/incidents/route";
import { POST as postFieldRoute } from "@/app/api/v1/probes/field/route";
import { createApiToken } from "@/server/auth/api-tokens";
import { blockIdOf, loadUser, testDb } from "@/tests/helpers/callers";
import { atTestNow } from "@/tests/helpers/rest";
import { TEST_NOW } from "@/tests/helpers/test-clock";

// Every route runs at the pinned test clock (TEST_NOW); the segments and report times here are relative to it.
const listProbes = atTestNow(listProbesRoute);
const createProbe = atTestNow(createProbeRoute);
const getProbe = atTestNow(getProbeRoute);
const patchProbe = atTestNow(patchProbeRoute);
const getIncidents = atTestNow(getIncidentsRoute);
const postField = atTestNow(postFieldRoute);

const PREFIX = "probe-rest test ";
const HOUR = 3_600_000;
const tokens: Record<string, string> = {};
const body = { url: "http://127.0.0.1:9/portal", intervalSeconds: 60, timeoutMs: 5000, slowMs: 2000, retries: 1 };

beforeAll(async () => {
  process.env.DATABASE_URL = inject("databaseUrl");
  for (const username of ["sio.bihar", "dio", "op.pirpainti", "sup.sultanganj"]) {
    const user = await loadUser(username);
    tokens[username] = (await createApiToken(testDb(), user.id, `${PREFIX}${username}`)).token;
  }
});

afterAll(async () => {
  const db = testDb();
  // Every report stored here names one of this file's targets (deleting a target keeps its reports).
  await db.fieldProbeReport.deleteMany({ where: { target: { name: { startsWith: PREFIX } } } });
  await db.probeTarget.deleteMany({ where: { name: { startsWith: PREFIX } } });
  await db.apiToken.deleteMany({ where: { name: { startsWith: PREFIX } } });
});

function request(url: string, init: RequestInit & { as?: string; json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (init.as) headers.set("authorization", `Bearer ${tokens[init.as]}`);
  let payload = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    payload = JSON.stringify(init.json);
  }
  return new Request(`http://localhost${url}`, { ...init, body: payload, headers });
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function create(name: string, as = "sio.bihar", extra: Record<string, unknown> = {}) {
  return createProbe(request("/api/v1/probes", { method: "POST", as, json: { ...body, name: PREFIX + name, ...extra } }));
}

describe("GET/POST /api/v1/probes", () => {
  it("creates a target for the state officer only (targets are the state's), with reasons for refusals", async () => {
    const res = await create("list");
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(res.headers.get("location")).toBe(`/api/v1/probes/${created.id}`);
    expect(created).toMatchObject({
      id: expect.any(Number),
      state: null,
      name: PREFIX + "list",
      url: body.url,
      method: "GET",
      expectedStatus: [200],
      keyword: null,
      intervalSeconds: 60,
      timeoutMs: 5000,
      slowMs: 2000,
      retries: 1,
      enabled: true,
    });
    expect(Object.keys(created.uptime)).toEqual(["1h", "24h", "7d", "30d"]);

    expect((await create("forbidden", "dio")).status).toBe(403);
    expect((await create("forbidden", "sup.sultanganj")).status).toBe(403);
    expect((await create("forbidden", "op.pirpainti")).status).toBe(403);
    const taken = await create("LIST");
    expect(taken.status).toBe(409);
    expect((await taken.json()).error).toMatch(/already exists/);

    const bad: [Record<string, unknown>, RegExp][] = [
      [{ url: "ftp://portal.example/" }, /scheme "ftp" is not allowed/],
      [{ url: "http://169.254.169.254/" }, /cloud metadata/],
      [{ intervalSeconds: 4 }, /intervalSeconds must be at least 5/],
      [{ intervalSeconds: 3601 }, /intervalSeconds must be at most 3600/],
      [{ intervalSeconds: 5, timeoutMs: 5000 }, /timeoutMs \(5000\) must be less than/],
      [{ method: "HEAD", keyword: "CoWIN" }, /HEAD/],
      [{ colour: "red" }, /Unknown field\(s\): colour; the accepted fields are name, url, method/],
    ];
    for (const [extra, message] of bad) {
      const r = await create("bad", "sio.bihar", extra);
      expect(r.status, JSON.stringify(extra)).toBe(400);
      expect((await r.json()).error).toMatch(message);
    }
    const notJson = await createProbe(request("/api/v1/probes", { method: "POST", as: "sio.bihar", body: "name=x" }));
    expect(notJson.status).toBe(415);

    const list = await listProbes(request("/api/v1/probes", { as: "sup.sultanganj" }));
    expect(list.status).toBe(200);
    const listed = (await list.json()).targets.find((t: { id: number }) => t.id === created.id);
    expect(listed).toMatchObject({ id: created.id, state: null, name: PREFIX + "list", uptime: { "1h": { upPercent: null, usableHours: 0 } } });
    expect((await listProbes(request("/api/v1/probes?x=1", { as: "dio" }))).status).toBe(400);
  });
});

describe("GET/PATCH /api/v1/probes/:id", () => {
  it("reads one, patches for the state officer only, and never answers 500 for a bad id", async () => {
    const { id } = await (await create("patch")).json();
    const one = await getProbe(request(`/api/v1/probes/${id}`, { as: "op.pirpainti" }), params(String(id)));
    expect(one.status).toBe(200);
    expect((await one.json()).name).toBe(PREFIX + "patch");
    expect((await getProbe(request("/api/v1/probes/abc", { as: "dio" }), params("abc"))).status).toBe(400);
    expect((await getProbe(request("/api/v1/probes/1e3", { as: "dio" }), params("1e3"))).status).toBe(400);
    expect((await getProbe(request("/api/v1/probes/999999", { as: "dio" }), params("999999"))).status).toBe(404);

    const patch = (as: string, json: unknown, target = String(id)) => patchProbe(request(`/api/v1/probes/${target}`, { method: "PATCH", as, json }), params(target));
    expect((await patch("sup.sultanganj", { enabled: false })).status).toBe(403);
    expect((await patch("dio", { enabled: false })).status).toBe(403);
    const ok = await patch("sio.bihar", { enabled: false, slowMs: 1500 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id, enabled: false, slowMs: 1500, timeoutMs: 5000 });
    const merged = await patch("sio.bihar", { timeoutMs: 1000 });
    expect(merged.status).toBe(400);
    expect((await merged.json()).error).toMatch(/slowMs \(1500\) must be less than timeoutMs \(1000\)/);
    expect((await patch("sio.bihar", { id: 5 })).status).toBe(400);
    expect((await patch("sio.bihar", { enabled: true }, "999999")).status).toBe(404);
    expect((await patch("sio.bihar", { name: PREFIX + "list" })).status).toBe(409);
  });
});

describe("GET /api/v1/probes/:id/incidents", () => {
  it("answers JSON or a CSV download, with formula-looking errors neutralised", async () => {
    const { id } = await (await create("incidents")).json();
    const now = TEST_NOW.getTime();
    await testDb().probeSegment.createMany({
      data: [
        { targetId: id, state: "UP", startedAt: new Date(now - 6 * HOUR), lastSeenAt: new Date(now - 5 * HOUR - 60_000), endedAt: new Date(now - 5 * HOUR) },
        { targetId: id, state: "DOWN", startedAt: new Date(now - 5 * HOUR), lastSeenAt: new Date(now - 1 * HOUR - 60_000), endedAt: new Date(now - 1 * HOUR), firstError: "=HYPERLINK(\"x\")" },
        { targetId: id, state: "UP", startedAt: new Date(now - 1 * HOUR), lastSeenAt: new Date(now - 2 * 60_000), endedAt: new Date(now - 2 * 60_000 + 1) },
        { targetId: id, state: "DEGRADED", startedAt: new Date(now - 2 * 60_000 + 1), lastSeenAt: new Date(now), endedAt: null, firstError: "slow" },
      ],
    });
    const res = await getIncidents(request(`/api/v1/probes/${id}/incidents`, { as: "sup.sultanganj" }), params(String(id)));
    expect(res.status).toBe(200);
    const { incidents } = await res.json();
    expect(incidents).toHaveLength(2);
    expect(incidents[0]).toEqual({
      startedAt: new Date(now - 5 * HOUR).toISOString(),
      endedAt: new Date(now - HOUR).toISOString(),
      durationSeconds: 4 * 3600,
      state: "DOWN",
      firstError: "=HYPERLINK(\"x\")",
    });
    expect(incidents[1]).toMatchObject({ endedAt: null, state: "DEGRADED", firstError: "slow" });

    const ranged = await getIncidents(request(`/api/v1/probes/${id}/incidents?from=${new Date(now - 30 * 60_000).toISOString()}&to=${new Date(now).toISOString()}`, { as: "dio" }), params(String(id)));
    expect((await ranged.json()).incidents.map((i: { state: string }) => i.state)).toEqual(["DEGRADED"]);

    const csv = await getIncidents(request(`/api/v1/probes/${id}/incidents?format=csv`, { as: "dio" }), params(String(id)));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="probe-${id}-incidents.csv"`);
    const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("started_at,ended_at,started_ist,ended_ist,duration_seconds,state,first_error");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`DOWN,"'=HYPERLINK(""x"")"`);
    expect(lines[2]).toMatch(/,ongoing,\d+,DEGRADED,slow$/);

    const cases: [string, number, RegExp][] = [
      ["?from=yesterday", 400, /from must be an ISO 8601/],
      ["?from=2021-06-22&to=2021-06-21", 400, /from must be before to/],
      ["?format=xml", 400, /format must be/],
      ["?block=pirpainti", 400, /Unknown parameter/],
      ["?format=csv&format=json", 400, /once/],
    ];
    for (const [query, status, message] of cases) {
      const r = await getIncidents(request(`/api/v1/probes/${id}/incidents${query}`, { as: "dio" }), params(String(id)));
      expect(r.status, query).toBe(status);
      expect((await r.json()).error, query).toMatch(message);
    }
    expect((await getIncidents(request("/api/v1/probes/999999/incidents", { as: "dio" }), params("999999"))).status).toBe(404);
    expect((await getIncidents(request("/api/v1/probes/x/incidents", { as: "dio" }), params("x"))).status).toBe(400);
  });
});

describe("POST /api/v1/probes/field", () => {
  const post = (as: string, json: unknown) => postField(request("/api/v1/probes/field", { method: "POST", as, json }));
  const minutesAgo = (m: number) => new Date(TEST_NOW.getTime() - m * 60_000).toISOString();

  it("stores a report, or a backlog array, for the token owner's block", async () => {
    const pirpainti = await blockIdOf("Pirpainti");
    const { id: target } = await (await create("field")).json();
    const single = await post("op.pirpainti", { ok: true, latencyMs: 840, target });
    expect(single.status).toBe(201);
    expect(await single.json()).toEqual({ stored: 1, duplicates: 0 });

    const backlog = [
      { ok: false, error: "timeout", checkedAt: minutesAgo(30), target },
      { ok: false, error: "timeout", checkedAt: minutesAgo(25), target },
      { ok: true, latencyMs: 1200, checkedAt: minutesAgo(20), target },
    ];
    const batch = await post("op.pirpainti", backlog);
    expect(batch.status).toBe(201);
    expect(await batch.json()).toEqual({ stored: 3, duplicates: 0 });
    expect(await (await post("op.pirpainti", backlog)).json()).toEqual({ stored: 0, duplicates: 3 });
    const rows = await testDb().fieldProbeReport.findMany({ where: { targetId: target }, orderBy: { checkedAt: "asc" } });
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.blockId === pirpainti && r.source === "SCRIPT")).toBe(true);
    // Received at the request's clock; a report without checkedAt was checked then too.
    expect(rows.map((r) => r.receivedAt)).toEqual([TEST_NOW, TEST_NOW, TEST_NOW, TEST_NOW]);
    expect(rows.map((r) => r.checkedAt.toISOString())).toEqual([minutesAgo(30), minutesAgo(25), minutesAgo(20), TEST_NOW.toISOString()]);

    const dio = await post("dio", { ok: true, block: "pirpainti", target });
    expect(dio.status).toBe(201);
    expect(await post("sup.sultanganj", { ok: true, block: "Sultanganj", target }).then((r) => r.status)).toBe(201);
  });

  it("refuses a missing or foreign block, bad times and bad bodies with a reason", async () => {
    const cases: [string, unknown, number, RegExp][] = [
      ["dio", { ok: true }, 400, /must name the block/],
      ["dio", { ok: true, block: "Atlantis" }, 404, /There is no block "Atlantis" that you can see/],
      ["op.pirpainti", { ok: true, block: "sultanganj" }, 404, /There is no block "sultanganj" that you can see/],
      ["op.pirpainti", { ok: true, checkedAt: new Date(TEST_NOW.getTime() + HOUR).toISOString() }, 400, /in the future/],
      ["op.pirpainti", { ok: true, checkedAt: minutesAgo(25 * 60) }, 400, /older than 24 hours/],
      // The edges are the request's clock: today's date is in the future at TEST_NOW.
      ["op.pirpainti", { ok: true, checkedAt: new Date().toISOString() }, 400, /in the future/],
      ["op.pirpainti", { ok: true, checkedAt: "2021-06-21 10:00" }, 400, /ISO 8601/],
      ["op.pirpainti", [{ ok: true }, { ok: "yes" }], 400, /^Report 2: ok must be true/],
      ["op.pirpainti", [], 400, /empty/],
      ["op.pirpainti", Array.from({ length: 101 }, () => ({ ok: true })), 400, /At most 100/],
      ["op.pirpainti", { ok: true, target: 999_999 }, 400, /no probe target 999999/],
      ["op.pirpainti", { ok: true, blockId: 3 }, 400, /Unknown field\(s\): blockId/],
    ];
    for (const [as, json, status, message] of cases) {
      const res = await post(as, json);
      expect(res.status, JSON.stringify(json).slice(0, 80)).toBe(status);
      expect((await res.json()).error).toMatch(message);
    }
  });
});

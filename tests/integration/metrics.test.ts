/**
 * GET /metrics: deny by default (404 without TEEKA_METRICS_TOKEN, 401 without the right Bearer token), Prometheus
 * text when allowed; the request histogram counts a procedure and a REST call once each; the backlog gauges equal
 * the backlog summary's figures, block by block; probe results and the change events they announce are counted.
 */
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/metrics/route";
import { backlogRoute } from "@/server/api/rest/routes/backlog";
import { createApiToken } from "@/server/auth/api-tokens";
import { resetEnvironment } from "@/server/config";
import { getEventBus } from "@/server/events/event-bus";
import type { StreamEvent } from "@/server/events/live-event";
import { writeProbeOutcomes, type ProbeOutcome } from "@/server/jobs/probes/store";
import { callerFor, demoStateId, loadUser, scopeOfUser, testDb } from "@/tests/helpers/callers";
import { withTestRuntime } from "@/tests/helpers/rest";

const TOKEN = "metrics-token-for-the-test-0123";

function useToken(token: string | undefined) {
  if (token === undefined) delete process.env.TEEKA_METRICS_TOKEN;
  else process.env.TEEKA_METRICS_TOKEN = token;
  resetEnvironment();
}

function scrape(authorization?: string): Promise<Response> {
  const headers = authorization ? { authorization } : undefined;
  return withTestRuntime(() => GET(new Request("http://localhost/metrics", { headers })));
}

async function scrapeText(): Promise<string> {
  const res = await scrape(`Bearer ${TOKEN}`);
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of one sample (`name{labels} value`), or undefined when it is not in the text. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    const m = line.match(/^([a-z_:]+)\{(.*)\} (\S+)$/);
    if (!m || m[1] !== name) continue;
    const have = m[2]!.split(/,(?=[a-z_]+=")/);
    if (wanted.every((w) => have.includes(w))) return Number(m[3]);
  }
  return undefined;
}

describe("GET /metrics", () => {
  afterEach(() => useToken(undefined));

  it("does not exist without TEEKA_METRICS_TOKEN (deny by default)", async () => {
    useToken(undefined);
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
    expect((await scrape()).status).toBe(404);
  });

  it("answers 401 without the token or with a wrong one, and Prometheus text with it", async () => {
    useToken(TOKEN);
    for (const auth of [undefined, "Bearer wrong-token-wrong-token-00", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const res = await scrape(auth);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect(((await res.json()) as { error: string }).error).toContain("TEEKA_METRICS_TOKEN");
    }
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain("# TYPE teeka_request_duration_seconds histogram");
    expect(sample(text, "teeka_db_pool_connections", { pool: "primary", state: "total" })).toBeGreaterThanOrEqual(0);
  });

  describe("with the token", () => {
    let apiToken: string;
    beforeAll(async () => {
      apiToken = (await createApiToken(testDb(), (await loadUser("dio")).id, "metrics test")).token;
    });

    it("the latency histogram has a sample after a procedure call and after a REST call", async () => {
      useToken(TOKEN);
      const trpcLabels = { transport: "trpc", route: "backlog.getSummary", method: "query", status: "ok" };
      const restLabels = { transport: "rest", route: "/api/v1/backlog", method: "GET", status: "200" };
      const before = await scrapeText();
      await (await callerFor("dio")).backlog.getSummary();
      const res = await withTestRuntime(() => backlogRoute.handle(new Request("http://localhost/api/v1/backlog", { headers: { authorization: `Bearer ${apiToken}` } })));
      expect(res.status).toBe(200);
      const after = await scrapeText();
      expect(sample(after, "teeka_request_duration_seconds_count", trpcLabels)).toBe((sample(before, "teeka_request_duration_seconds_count", trpcLabels) ?? 0) + 1);
      expect(sample(after, "teeka_request_duration_seconds_count", restLabels)).toBe((sample(before, "teeka_request_duration_seconds_count", restLabels) ?? 0) + 1);
      expect(sample(after, "teeka_request_duration_seconds_bucket", { ...trpcLabels, le: "+Inf" })).toBeGreaterThanOrEqual(1);
    });

    it("the backlog gauges equal the backlog summary's figures (Pirpainti, and every block of Bhagalpur)", async () => {
      useToken(TOKEN);
      const summary = await (await callerFor("dio")).backlog.getSummary();
      const text = await scrapeText();
      const pirpainti = summary.blocks.find((b) => b.block === "Pirpainti")!;
      expect(pirpainti.pending).toBeGreaterThan(0);
      expect(pirpainti.overdue).toBeGreaterThan(0);
      expect(sample(text, "teeka_backlog_pending", { district: "Bhagalpur", block: "Pirpainti" })).toBe(pirpainti.pending);
      expect(sample(text, "teeka_backlog_overdue", { district: "Bhagalpur", block: "Pirpainti" })).toBe(pirpainti.overdue);
      for (const b of summary.blocks) {
        expect({ block: b.block, pending: sample(text, "teeka_backlog_pending", { district: "Bhagalpur", block: b.block }), overdue: sample(text, "teeka_backlog_overdue", { district: "Bhagalpur", block: b.block }) })
          .toEqual({ block: b.block, pending: b.pending, overdue: b.overdue });
      }
    });
  });

  describe("probe results and live events", () => {
    const created: number[] = [];
    afterAll(async () => {
      await testDb().probeTarget.deleteMany({ where: { id: { in: created } } });
      await getEventBus().close();
    });

    function outcome(targetId: number, state: "UP" | "DOWN", checkedAt: Date): ProbeOutcome {
      const ok = state === "UP";
      return {
        targetId,
        intervalSeconds: 10,
        result: { ok, slow: false, keywordMissing: false, statusCode: ok ? 200 : 503, latencyMs: 100, error: ok ? null : "HTTP 503 (expected 200)", checkedAt },
        step: { state, memory: { state, consecutiveFailures: ok ? 0 : 1, since: checkedAt }, transition: null },
        outageStartedAt: ok ? null : checkedAt,
      };
    }

    it("counts the probe results written, by state, and the events heard and handed to streams", async () => {
      useToken(TOKEN);
      const target = await testDb().probeTarget.create({
        data: { stateId: await demoStateId(), name: `it-metrics-${randomBytes(4).toString("hex")}`, url: "http://127.0.0.1:9/", expectedStatus: [200], intervalSeconds: 10, timeoutMs: 1000, slowMs: 500, retries: 0, enabled: false },
      });
      created.push(target.id);
      const bus = getEventBus();
      await bus.ready();
      const heard: StreamEvent[] = [];
      // A stream of the state officer's scope: a probe event is delivered to it (the deliveries counter moves).
      const unsubscribe = bus.subscribe(await scopeOfUser("sio.bihar"), undefined, (event) => heard.push(event));
      const before = await scrapeText();
      const t0 = Date.parse("2021-06-21T05:00:00.000Z");
      await writeProbeOutcomes(testDb(), [outcome(target.id, "UP", new Date(t0)), outcome(target.id, "DOWN", new Date(t0 + 10_000))]);
      const deadline = Date.now() + 10_000;
      while (!heard.some((e) => e.type === "probe.result") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      unsubscribe();
      expect(heard.map((e) => e.type)).toContain("probe.result");
      const after = await scrapeText();
      const delta = (name: string, labels: Record<string, string> = {}) => (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
      expect(delta("teeka_probe_results_total", { state: "UP" })).toBe(1);
      expect(delta("teeka_probe_results_total", { state: "DOWN" })).toBe(1);
      expect(delta("teeka_events_received_total", { type: "probe.result" })).toBeGreaterThanOrEqual(1);
      expect((Number(after.match(/^teeka_event_deliveries_total (\S+)$/m)?.[1] ?? 0)) - Number(before.match(/^teeka_event_deliveries_total (\S+)$/m)?.[1] ?? 0)).toBeGreaterThanOrEqual(1);
    });
  });
});

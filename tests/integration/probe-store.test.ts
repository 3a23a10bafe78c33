/**
 * The probe store, rollups and retention against the real database. Each test works on targets it creates
 * (named "it-store-…") and deletes them (cascading to results, segments and rollups) at the end; retention runs
 * inside a transaction that is rolled back, so the shared demo data is never touched.
 */
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import type { ProbeState } from "@/core/domain/probe-state";
import { latencyPercentiles } from "@/core/domain/uptime";
import { pruneProbeData, RAW_RETENTION_DAYS } from "@/server/jobs/probes/retention";
import { rollUpProbeResults } from "@/server/jobs/probes/rollups";
import { writeProbeOutcomes, type ProbeOutcome } from "@/server/jobs/probes/store";
import { testDb, demoStateId } from "@/tests/helpers/callers";

const created: number[] = [];
const T0 = Date.parse("2021-06-21T05:00:00.000Z"); // 10:30 IST
const at = (s: number) => new Date(T0 + s * 1000);

async function createTarget(intervalSeconds = 10): Promise<number> {
  const t = await testDb().probeTarget.create({
    data: { stateId: await demoStateId(), name: `it-store-${randomBytes(4).toString("hex")}`, url: "http://127.0.0.1:9/", expectedStatus: [200], intervalSeconds, timeoutMs: 1000, slowMs: 500, retries: 0, enabled: false },
  });
  created.push(t.id);
  return t.id;
}

afterAll(async () => {
  await testDb().probeTarget.deleteMany({ where: { id: { in: created } } });
});

function outcome(targetId: number, s: number, state: ProbeState, opts: { error?: string | null; latencyMs?: number; intervalSeconds?: number } = {}): ProbeOutcome {
  const ok = state === "UP" || state === "DEGRADED";
  return {
    targetId,
    intervalSeconds: opts.intervalSeconds ?? 10,
    result: { ok, slow: state === "DEGRADED", keywordMissing: false, statusCode: ok ? 200 : 503, latencyMs: opts.latencyMs ?? 100, error: opts.error ?? (ok ? null : "HTTP 503 (expected 200)"), checkedAt: at(s) },
    step: { state, memory: { state, consecutiveFailures: ok ? 0 : 1, since: at(s) }, transition: null },
    outageStartedAt: state === "DOWN" || state === "DEGRADED" ? at(s) : null,
  };
}

async function segments(targetId: number) {
  return testDb().probeSegment.findMany({ where: { targetId }, orderBy: { startedAt: "asc" }, select: { state: true, startedAt: true, lastSeenAt: true, endedAt: true, firstError: true } });
}

describe("writeProbeOutcomes", () => {
  it("keeps probe_segments as the reader documents: bump, close at the next state, close at +2 intervals after a gap", async () => {
    const id = await createTarget();
    await writeProbeOutcomes(testDb(), [outcome(id, 0, "UP")]);
    await writeProbeOutcomes(testDb(), [outcome(id, 10, "UP"), outcome(id, 20, "UP")]);
    expect(await segments(id)).toEqual([{ state: "UP", startedAt: at(0), lastSeenAt: at(20), endedAt: null, firstError: null }]);

    // A new state closes the open row at this check's time.
    await writeProbeOutcomes(testDb(), [outcome(id, 30, "DOWN", { error: "timed out after 1000 ms" })]);
    // Same state after a gap longer than 2 intervals: closed at lastSeenAt + 20 s, a new row opens.
    await writeProbeOutcomes(testDb(), [outcome(id, 100, "DOWN", { error: "connection refused" })]);
    // Several runs in one batch, the first merging with the open row.
    await writeProbeOutcomes(testDb(), [outcome(id, 110, "DOWN"), outcome(id, 120, "UP"), outcome(id, 130, "DEGRADED", { error: null })]);
    expect(await segments(id)).toEqual([
      { state: "UP", startedAt: at(0), lastSeenAt: at(20), endedAt: at(30), firstError: null },
      { state: "DOWN", startedAt: at(30), lastSeenAt: at(30), endedAt: at(50), firstError: "timed out after 1000 ms" },
      { state: "DOWN", startedAt: at(100), lastSeenAt: at(110), endedAt: at(120), firstError: "connection refused" },
      { state: "UP", startedAt: at(120), lastSeenAt: at(120), endedAt: at(130), firstError: null },
      { state: "DEGRADED", startedAt: at(130), lastSeenAt: at(130), endedAt: null, firstError: null },
    ]);

    const target = await testDb().probeTarget.findUniqueOrThrow({ where: { id } });
    expect(target).toMatchObject({ state: "DEGRADED", stateSince: at(130), lastCheckedAt: at(130), lastStatusCode: 200, lastLatencyMs: 100, outageStartedAt: at(130), lastError: null });
    const results = await testDb().probeResult.findMany({ where: { targetId: id }, orderBy: { checkedAt: "asc" } });
    expect(results.map((r) => r.state)).toEqual(["UP", "UP", "UP", "DOWN", "DOWN", "DOWN", "UP", "DEGRADED"]);
    expect(results.filter((r) => !r.ok).every((r) => r.latencyMs === null)).toBe(true);
  });

  it("sets firstError on a merged row that had none, and drops outcomes of a deleted target", async () => {
    const id = await createTarget();
    await writeProbeOutcomes(testDb(), [outcome(id, 0, "DEGRADED", { error: null })]);
    await writeProbeOutcomes(testDb(), [outcome(id, 10, "DEGRADED", { error: "keyword missing" })]);
    expect((await segments(id))[0]?.firstError).toBe("keyword missing");
    await writeProbeOutcomes(testDb(), [outcome(id, 20, "UP"), outcome(999_999_999, 20, "UP")]);
    expect(await testDb().probeResult.count({ where: { targetId: 999_999_999 } })).toBe(0);
  });
});

const H = 3_600_000;
/** Start of the IST hour / day holding `ms`, as a UTC instant (IST = UTC+5:30, no DST). */
const istFloor = (ms: number, unit: number) => Math.floor((ms + 5.5 * H) / unit) * unit - 5.5 * H;

describe("rollUpProbeResults", () => {
  it("buckets by IST minute/hour/day, matching the raw rows, idempotently", async () => {
    const id = await createTarget(60);
    // 05:29:59.999Z is 10:59:59.999 IST; 05:30Z is 11:00 IST, the next IST hour. 18:30Z starts the next IST day.
    const base = Date.parse("2021-06-21T05:29:00.000Z");
    const times = [0, 30_000, 59_999, 60_000, 61_000, 90_000, 13 * H + 59 * 60_000 + 59_999, 14 * H - 29 * 60_000 + 29 * 60_000];
    const rows = times.map((dt, i) => ({ checkedAt: new Date(base + dt), state: (["UP", "UP", "DEGRADED", "DOWN", "UP", "MAINTENANCE", "UP", "UP"] as const)[i]!, latency: [120, 80, 900, null, 40, 55, 70, 60][i]! }));
    await testDb().probeResult.createMany({
      data: rows.map((r) => ({ targetId: id, checkedAt: r.checkedAt, state: r.state, ok: r.latency !== null, latencyMs: r.latency, error: r.latency === null ? "HTTP 503" : null })),
    });
    const range = { from: new Date(base), to: new Date(base + 14 * H), targetIds: [id] };
    await rollUpProbeResults(testDb(), range);
    await rollUpProbeResults(testDb(), range); // idempotent: recomputed, not added

    const rollups = await testDb().probeRollup.findMany({ where: { targetId: id }, orderBy: [{ grain: "asc" }, { bucketStart: "asc" }] });
    const expected = (unit: number) => {
      const buckets = new Map<number, typeof rows>();
      for (const r of rows) {
        const b = unit === 60_000 ? Math.floor(r.checkedAt.getTime() / unit) * unit : istFloor(r.checkedAt.getTime(), unit);
        buckets.set(b, [...(buckets.get(b) ?? []), r]);
      }
      return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([b, rs]) => {
        const lat = rs.filter((r) => r.latency !== null).map((r) => r.latency!);
        const p = latencyPercentiles(lat);
        return {
          bucketStart: new Date(b),
          checks: rs.length,
          upChecks: rs.filter((r) => r.state === "UP").length,
          degradedChecks: rs.filter((r) => r.state === "DEGRADED").length,
          downChecks: rs.filter((r) => r.state === "DOWN").length,
          maintenanceChecks: rs.filter((r) => r.state === "MAINTENANCE").length,
          latencyCount: lat.length,
          latencySumMs: lat.reduce((a, b) => a + b, 0),
          latencyMaxMs: lat.length ? Math.max(...lat) : null,
          latencyP50Ms: unit === 86_400_000 ? null : p.p50,
          latencyP95Ms: unit === 86_400_000 ? null : p.p95,
        };
      });
    };
    const pick = (grain: string) =>
      rollups.filter((r) => r.grain === grain).map(({ bucketStart, checks, upChecks, degradedChecks, downChecks, maintenanceChecks, latencyCount, latencySumMs, latencyMaxMs, latencyP50Ms, latencyP95Ms }) => ({ bucketStart, checks, upChecks, degradedChecks, downChecks, maintenanceChecks, latencyCount, latencySumMs, latencyMaxMs, latencyP50Ms, latencyP95Ms }));
    expect(pick("MINUTE")).toEqual(expected(60_000));
    expect(pick("HOUR")).toEqual(expected(H));
    expect(pick("DAY")).toEqual(expected(24 * H));
    // The IST edges, spelled out.
    expect(pick("HOUR").map((r) => r.bucketStart.toISOString())).toEqual(["2021-06-21T04:30:00.000Z", "2021-06-21T05:30:00.000Z", "2021-06-21T18:30:00.000Z"]);
    expect(pick("DAY").map((r) => r.bucketStart.toISOString())).toEqual(["2021-06-20T18:30:00.000Z", "2021-06-21T18:30:00.000Z"]);
  });

  it("rolls up 7 days of one-minute checks quickly", async () => {
    const id = await createTarget(60);
    const start = Date.parse("2021-06-14T00:00:00.000Z");
    const n = 7 * 24 * 60;
    await testDb().$executeRaw`
      INSERT INTO probe_results (target_id, checked_at, state, ok, latency_ms)
      SELECT ${id}, ${new Date(start).toISOString()}::timestamp(3) + g * interval '1 minute', 'UP', true, 50 + (g % 400)
      FROM generate_series(0, ${n - 1}) g`;
    const t0 = performance.now();
    const counts = await rollUpProbeResults(testDb(), { from: new Date(start), to: new Date(start + n * 60_000), targetIds: [id] });
    const ms = performance.now() - t0;
    expect(counts).toEqual({ minute: n, hour: 7 * 24 + 1, day: 8 });
    expect(ms).toBeLessThan(3000);
  });
});

class Rollback extends Error {}

describe("pruneProbeData", () => {
  it("deletes raw rows older than the retention and keeps newer ones (in a rolled-back transaction)", async () => {
    const id = await createTarget();
    const now = new Date("2021-06-23T06:30:00.000Z");
    const old = new Date(now.getTime() - (RAW_RETENTION_DAYS * 24 + 1) * H);
    const recent = new Date(now.getTime() - (RAW_RETENTION_DAYS * 24 - 1) * H);
    await testDb().probeResult.createMany({ data: [old, recent].map((checkedAt) => ({ targetId: id, checkedAt, state: "UP", ok: true, latencyMs: 10 })) });
    await expect(
      testDb().$transaction(async (tx) => {
        const db = tx as unknown as Db;
        const counts = await pruneProbeData(db, now);
        expect(counts.results).toBeGreaterThanOrEqual(1);
        const left = await tx.probeResult.findMany({ where: { targetId: id }, select: { checkedAt: true } });
        expect(left).toEqual([{ checkedAt: recent }]);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await testDb().probeResult.count({ where: { targetId: id } })).toBe(2);
  });
});

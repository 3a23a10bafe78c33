import { describe, expect, it } from "vitest";
import type { ProbeState } from "@/core/domain/probe-state";
import { latencyPercentiles, segmentsFromResults, uptime, windowsEndingAt, type ProbeSegment } from "@/core/domain/uptime";

const H = 3_600_000;
const M = 60_000;
// The story's "now": 23 June 2021, 12:00 IST.
const NOW = new Date("2021-06-23T06:30:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const seg = (state: ProbeState, fromAgo: number, toAgo: number | null, error: string | null = null): ProbeSegment => ({
  state,
  from: ago(fromAgo),
  to: toAgo === null ? null : ago(toAgo),
  error,
});
const last24h = { from: ago(24 * H), to: NOW };

describe("uptime: no data and maintenance", () => {
  it("is null with no segments at all, and all the window is no data", () => {
    const u = uptime([], last24h, NOW);
    expect(u.upPercent).toBeNull();
    expect(u).toMatchObject({ usableHours: 0, coveredMs: 0, noDataMs: 24 * H, downMs: 0 });
  });

  it("is null when the only segments lie outside the window", () => {
    expect(uptime([seg("UP", 48 * H, 24 * H)], last24h, NOW).upPercent).toBeNull();
  });

  it("is null (not 0 %, not 100 %) when the whole window was maintenance", () => {
    const u = uptime([seg("MAINTENANCE", 30 * H, null)], last24h, NOW);
    expect(u.upPercent).toBeNull();
    expect(u).toMatchObject({ maintenanceMs: 24 * H, coveredMs: 24 * H, noDataMs: 0 });
  });

  it("leaves maintenance out of both sides of the ratio", () => {
    // 12 h up, 6 h maintenance, 6 h down: 12 / 18.
    const u = uptime([seg("UP", 24 * H, 12 * H), seg("MAINTENANCE", 12 * H, 6 * H), seg("DOWN", 6 * H, null)], last24h, NOW);
    expect(u.upPercent).toBeCloseTo((12 / 18) * 100, 10);
    expect(u.maintenanceMs).toBe(6 * H);
  });

  it("computes from the time with data only: a gap is neither up nor down", () => {
    // 6 h up, 12 h no data, 6 h down → 50 %, with 12 h counted as no data.
    const u = uptime([seg("UP", 24 * H, 18 * H), seg("DOWN", 6 * H, null)], last24h, NOW);
    expect(u.upPercent).toBe(50);
    expect(u).toMatchObject({ noDataMs: 12 * H, coveredMs: 12 * H, downMs: 6 * H });
  });
});

describe("uptime: the 21 June outage", () => {
  it("is 20/24 with a 4-hour outage inside 24 h", () => {
    const u = uptime([seg("UP", 24 * H, 14 * H), seg("DOWN", 14 * H, 10 * H, "connect ETIMEDOUT"), seg("UP", 10 * H, null)], last24h, NOW);
    expect(u.upPercent).toBeCloseTo(83.333333333, 8);
    expect(u.upPercent).toBe((20 / 24) * 100);
    expect(u).toMatchObject({ downMs: 4 * H, usableHours: 20, noDataMs: 0, coveredMs: 24 * H });
  });

  it("counts DEGRADED as up for uptime, but not as usable hours", () => {
    const u = uptime([seg("UP", 24 * H, 18 * H), seg("DEGRADED", 18 * H, 8 * H), seg("UP", 8 * H, null)], last24h, NOW);
    expect(u.upPercent).toBe(100);
    expect(u.usableHours).toBe(14);
    expect(u.degradedMs).toBe(10 * H);
  });

  it("counts PENDING against uptime: those checks did fail", () => {
    const u = uptime([seg("UP", 24 * H, 1 * H), seg("PENDING", 1 * H, null)], last24h, NOW);
    expect(u.upPercent).toBe((23 / 24) * 100);
    expect(u.pendingMs).toBe(H);
  });

  it("is 0 % (not null) when the portal was down the whole window", () => {
    expect(uptime([seg("DOWN", 25 * H, null)], last24h, NOW).upPercent).toBe(0);
  });
});

describe("uptime: window edges", () => {
  it("clips a segment that crosses the window start, to the millisecond", () => {
    // DOWN from 1 ms before the window starts to 1 h into it: exactly 1 h of it counts.
    const u = uptime([seg("DOWN", 24 * H + 1, 23 * H), seg("UP", 23 * H, null)], last24h, NOW);
    expect(u.downMs).toBe(H);
    expect(u.coveredMs).toBe(24 * H);
  });

  it("clips a segment that crosses the window end", () => {
    const window = { from: ago(24 * H), to: ago(12 * H) };
    const u = uptime([seg("UP", 24 * H, 12 * H + 1), seg("DOWN", 12 * H + 1, null)], window, NOW);
    expect(u.downMs).toBe(1);
    expect(u.upPercent).toBe(((12 * H - 1) / (12 * H)) * 100);
  });

  it("ignores a segment that ends exactly where the window starts", () => {
    const u = uptime([seg("DOWN", 25 * H, 24 * H), seg("UP", 24 * H, null)], last24h, NOW);
    expect(u.downMs).toBe(0);
    expect(u.upPercent).toBe(100);
  });

  it("runs an ongoing segment to now, and does not count the future as no data", () => {
    const window = { from: ago(H), to: new Date(NOW.getTime() + H) };
    const u = uptime([seg("UP", 30 * M, null)], window, NOW);
    expect(u).toMatchObject({ upMs: 30 * M, noDataMs: 30 * M, coveredMs: 30 * M });
  });

  it("counts overlapping segments once, so uptime never exceeds 100 %", () => {
    const u = uptime([seg("UP", 24 * H, 0), seg("UP", 12 * H, 6 * H), seg("DOWN", 6 * H, 5 * H)], last24h, NOW);
    expect(u.coveredMs).toBe(24 * H);
    expect(u.upPercent).toBe(100);
  });
});

describe("segmentsFromResults", () => {
  const interval = 5 * M;
  const r = (minutesAgo: number, state: ProbeState, error: string | null = null) => ({ checkedAt: ago(minutesAgo * M), state, error });

  it("holds each state until the next result and merges repeats, keeping the first error", () => {
    const results = [r(20, "UP"), r(15, "UP"), r(10, "DOWN", "ECONNREFUSED"), r(5, "DOWN", "ETIMEDOUT"), r(0, "UP")];
    expect(segmentsFromResults(results, interval, NOW)).toEqual([
      { state: "UP", from: ago(20 * M), to: ago(10 * M), error: null },
      { state: "DOWN", from: ago(10 * M), to: ago(0), error: "ECONNREFUSED" },
      { state: "UP", from: NOW, to: null, error: null },
    ]);
  });

  it("accepts results in any order", () => {
    const results = [r(0, "UP"), r(10, "DOWN"), r(5, "DOWN")];
    expect(segmentsFromResults(results, interval, NOW).map((s) => s.state)).toEqual(["DOWN", "UP"]);
  });

  it("caps a result's hold at 2 × interval: beyond it is no data, and the next result starts anew", () => {
    const results = [r(60, "UP"), r(30, "UP"), r(25, "UP")];
    const segments = segmentsFromResults(results, interval, NOW);
    expect(segments).toEqual([
      { state: "UP", from: ago(60 * M), to: ago(50 * M), error: null },
      { state: "UP", from: ago(30 * M), to: ago(15 * M), error: null },
    ]);
    expect(uptime(segments, { from: ago(H), to: NOW }, NOW)).toMatchObject({ coveredMs: 25 * M, noDataMs: 35 * M, upPercent: 100 });
  });

  it("keeps the last segment ongoing only while its hold reaches now", () => {
    expect(segmentsFromResults([r(9, "DEGRADED")], interval, NOW)).toEqual([{ state: "DEGRADED", from: ago(9 * M), to: null, error: null }]);
    expect(segmentsFromResults([r(10, "DEGRADED")], interval, NOW)[0]!.to).toBeNull();
    expect(segmentsFromResults([r(11, "DEGRADED")], interval, NOW)[0]!.to).toEqual(ago(M));
  });

  it("lets the later of two results at the same instant win, and ignores results after now", () => {
    const results = [r(5, "UP"), r(5, "DOWN"), r(-1, "UP")];
    expect(segmentsFromResults(results, interval, NOW)).toEqual([{ state: "DOWN", from: ago(5 * M), to: null, error: null }]);
  });

  it("returns no segments for no results, and refuses a non-positive interval", () => {
    expect(segmentsFromResults([], interval, NOW)).toEqual([]);
    expect(() => segmentsFromResults([r(1, "UP")], 0, NOW)).toThrow(RangeError);
  });
});

describe("latencyPercentiles (nearest rank)", () => {
  it("is null for no values", () => {
    expect(latencyPercentiles([])).toEqual({ p50: null, p95: null });
  });

  it("is the value itself for one value", () => {
    expect(latencyPercentiles([420])).toEqual({ p50: 420, p95: 420 });
  });

  it("is the lower value for p50 and the higher for p95 with two values", () => {
    expect(latencyPercentiles([900, 100])).toEqual({ p50: 100, p95: 900 });
  });

  it("is the 10th and the 19th of 20 sorted values, never interpolated", () => {
    const values = Array.from({ length: 20 }, (_, i) => (20 - i) * 100); // 2000, 1900, … 100
    expect(latencyPercentiles(values)).toEqual({ p50: 1000, p95: 1900 });
  });

  it("rounds the rank up: of 11 values, p95 is the largest (rank 10.45 → 11) and p50 the 6th", () => {
    const values = Array.from({ length: 11 }, (_, i) => (i + 1) * 10);
    expect(latencyPercentiles(values)).toEqual({ p50: 60, p95: 110 });
  });

  it("ignores values a failed check cannot have had, and does not reorder the caller's array", () => {
    const values = [300, Number.NaN, -1, Number.POSITIVE_INFINITY, 100];
    expect(latencyPercentiles(values)).toEqual({ p50: 100, p95: 300 });
    expect(values[0]).toBe(300);
  });
});

describe("windowsEndingAt", () => {
  it("gives the 1 h, 24 h, 7 d and 30 d windows ending exactly at now", () => {
    const w = windowsEndingAt(NOW);
    expect(Object.keys(w)).toEqual(["1h", "24h", "7d", "30d"]);
    expect(w["1h"]).toEqual({ from: new Date("2021-06-23T05:30:00Z"), to: NOW });
    expect(w["24h"].from).toEqual(new Date("2021-06-22T06:30:00Z"));
    expect(w["7d"].from).toEqual(new Date("2021-06-16T06:30:00Z"));
    expect(w["30d"].from).toEqual(new Date("2021-05-24T06:30:00Z"));
    expect(w["30d"].to).not.toBe(NOW); // a copy: a caller mutating it cannot move the clock
  });
});

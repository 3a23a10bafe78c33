import { describe, expect, it } from "vitest";
import { alertDedupeKey, alertMessage, alertsFor, formatDuration } from "@/server/jobs/probes/alerts";
import { SLOT_MS, alignToSlot, firstDueMs, inMaintenance, nextDueMs, nextOutageStart, percentileOfSorted, staggerOffsetMs } from "@/server/jobs/probes/schedule";
import { runsOf, type ProbeOutcome } from "@/server/jobs/probes/store";
import type { ProbeState } from "@/core/domain/probe-state";

const T0 = Date.parse("2021-06-21T05:30:00.000Z"); // 11:00 IST
const at = (s: number) => new Date(T0 + s * 1000);

describe("stagger", () => {
  it("spreads 200 consecutive ids over the interval, the same way every time", () => {
    const offsets = Array.from({ length: 200 }, (_, i) => staggerOffsetMs(i + 1, 5000));
    expect(offsets).toEqual(Array.from({ length: 200 }, (_, i) => staggerOffsetMs(i + 1, 5000)));
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(5000);
    // Every 500 ms tenth of the interval gets 20 ± 3 targets.
    const tenths = Array.from({ length: 10 }, (_, k) => offsets.filter((o) => Math.floor(o / 500) === k).length);
    for (const n of tenths) expect(Math.abs(n - 20)).toBeLessThanOrEqual(3);
  });

  it("continues the previous holder's cadence when it checked less than an interval ago", () => {
    expect(firstDueMs(7, 5000, T0, T0 - 2000)).toBe(T0 + 3000);
    expect(firstDueMs(7, 5000, T0, T0 - 5000)).toBe(T0 + staggerOffsetMs(7, 5000));
    expect(firstDueMs(7, 5000, T0, null)).toBe(T0 + staggerOffsetMs(7, 5000));
    // A last check in the future (clock skew between instances) is not trusted beyond one interval.
    expect(firstDueMs(7, 5000, T0, T0 + 60_000)).toBe(T0 + staggerOffsetMs(7, 5000));
  });
});

describe("slots (one shared timer)", () => {
  it("aligns a due time to the next slot boundary, never earlier", () => {
    expect(alignToSlot(T0)).toBe(T0); // T0 is a whole minute
    expect(alignToSlot(T0 + 1)).toBe(T0 + SLOT_MS);
    expect(alignToSlot(T0 + SLOT_MS - 1)).toBe(T0 + SLOT_MS);
    expect(alignToSlot(T0 + SLOT_MS)).toBe(T0 + SLOT_MS);
    expect(alignToSlot(T0 + 7, 100)).toBe(T0 + 100);
  });

  it("keeps whole-second cadences on the grid, and a continued cadence is never shorter than the interval", () => {
    expect(1000 % SLOT_MS).toBe(0);
    const due = alignToSlot(firstDueMs(7, 5000, T0 + 3, T0 - 2000 + 37)); // the previous holder checked 37 ms late
    expect(due % SLOT_MS).toBe(0);
    expect(due - (T0 - 2000 + 37)).toBeGreaterThanOrEqual(5000);
    expect(due - (T0 - 2000 + 37)).toBeLessThan(5000 + SLOT_MS);
    expect(nextDueMs(due, 5000, due + 12) % SLOT_MS).toBe(0);
  });

  it("still spreads 200 targets over the slots of a 5 s interval", () => {
    const now = T0 + 123;
    const perSlot = new Map<number, number>();
    for (let id = 1; id <= 200; id++) {
      const due = alignToSlot(firstDueMs(id, 5000, now, null));
      perSlot.set(due, (perSlot.get(due) ?? 0) + 1);
    }
    expect(perSlot.size).toBeGreaterThanOrEqual(5000 / SLOT_MS - 1);
    expect(Math.max(...perSlot.values())).toBeLessThanOrEqual(15);
  });
});

describe("cadence", () => {
  it("is previous due + interval, whatever the check took", () => {
    expect(nextDueMs(T0, 5000, T0 + 40)).toBe(T0 + 5000);
    expect(nextDueMs(T0, 5000, T0 + 4999)).toBe(T0 + 5000);
  });

  it("holds over hours: 720 slots later it is exactly 720 intervals on", () => {
    let due = T0;
    for (let i = 0; i < 720; i++) due = nextDueMs(due, 5000, due + 37); // every start 37 ms late
    expect(due).toBe(T0 + 720 * 5000);
  });

  it("skips slots missed during a stall instead of bursting", () => {
    expect(nextDueMs(T0, 5000, T0 + 5000)).toBe(T0 + 10_000);
    expect(nextDueMs(T0, 5000, T0 + 12_345)).toBe(T0 + 15_000);
  });
});

describe("outage start", () => {
  it("is set on entering DOWN/DEGRADED, kept between them, cleared on leaving", () => {
    expect(nextOutageStart("UP", null, "DOWN", at(0))).toEqual(at(0));
    expect(nextOutageStart("PENDING", null, "DEGRADED", at(0))).toEqual(at(0));
    expect(nextOutageStart(null, null, "DOWN", at(0))).toEqual(at(0));
    expect(nextOutageStart("DOWN", at(-60), "DEGRADED", at(0))).toEqual(at(-60));
    expect(nextOutageStart("DEGRADED", at(-60), "DOWN", at(0))).toEqual(at(-60));
    expect(nextOutageStart("DOWN", at(-60), "UP", at(0))).toBeNull();
    expect(nextOutageStart("DEGRADED", at(-60), "PENDING", at(0))).toBeNull();
    expect(nextOutageStart("DOWN", at(-60), "MAINTENANCE", at(0))).toBeNull();
    // A row left in an outage state without a start (older data) starts the stretch now.
    expect(nextOutageStart("DOWN", null, "DOWN", at(0))).toEqual(at(0));
  });
});

describe("maintenance windows", () => {
  it("include the start and exclude the end", () => {
    const w = [{ startsAt: at(0), endsAt: at(60) }];
    expect(inMaintenance(w, T0 - 1)).toBe(false);
    expect(inMaintenance(w, T0)).toBe(true);
    expect(inMaintenance(w, T0 + 59_999)).toBe(true);
    expect(inMaintenance(w, T0 + 60_000)).toBe(false);
    expect(inMaintenance([], T0)).toBe(false);
  });
});

describe("nearest-rank percentile", () => {
  it("picks a measured value", () => {
    expect(percentileOfSorted([], 95)).toBeNull();
    expect(percentileOfSorted([10], 95)).toBe(10);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentileOfSorted(hundred, 50)).toBe(50);
    expect(percentileOfSorted(hundred, 95)).toBe(95);
  });
});

describe("alert decisions", () => {
  const base = { prevOutageStartedAt: null, state: "DOWN" as ProbeState, stateSince: at(0), outageStartedAt: at(0), downAfterMinutes: 5, downRaised: false };

  it("raises DOWN once the target has been DOWN for the set minutes, not a millisecond before", () => {
    expect(alertsFor({ ...base, at: at(5 * 60 - 0.001) })).toEqual([]);
    expect(alertsFor({ ...base, at: at(5 * 60) })).toEqual(["down"]);
    expect(alertsFor({ ...base, at: at(5 * 60), downRaised: true })).toEqual([]);
    expect(alertsFor({ ...base, at: at(0), downAfterMinutes: 0 })).toEqual(["down"]);
  });

  it("counts DOWN time from the DOWN transition, not from an earlier DEGRADED start", () => {
    expect(alertsFor({ ...base, outageStartedAt: at(-600), stateSince: at(0), at: at(60) })).toEqual([]);
  });

  it("never raises DOWN for DEGRADED or PENDING", () => {
    expect(alertsFor({ ...base, state: "DEGRADED", at: at(3600) })).toEqual([]);
    expect(alertsFor({ ...base, state: "PENDING", outageStartedAt: null, at: at(3600) })).toEqual([]);
  });

  it("raises RECOVERED when the outage ends", () => {
    expect(alertsFor({ ...base, prevOutageStartedAt: at(0), state: "UP", outageStartedAt: null, stateSince: at(600), at: at(600) })).toEqual(["recovered"]);
    expect(alertsFor({ ...base, prevOutageStartedAt: at(0), state: "DOWN", outageStartedAt: at(0), at: at(600), downRaised: true })).toEqual([]);
  });

  it("names the incident by its start in the dedupe key", () => {
    expect(alertDedupeKey(3, at(0), "down")).toBe("probe:3:2021-06-21T05:30:00.000Z:down");
  });

  it("writes plain-English messages in IST", () => {
    const target = { id: 1, name: "National portal", url: "https://example.test" };
    expect(alertMessage("down", target, { startedAt: at(120), downSince: at(120), at: at(480), firstError: "timed out after 10000 ms" })).toBe(
      "National portal has been DOWN for 6 min (since 21 Jun 2021, 11:02 IST): timed out after 10000 ms",
    );
    expect(alertMessage("recovered", target, { startedAt: at(120), downSince: null, at: at(120 + 4 * 3600 + 120), firstError: null })).toBe(
      "National portal has recovered after 4 h 02 min of outage (21 Jun 2021, 11:02 to 15:04 IST)",
    );
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(3 * 86_400_000 + 3_600_000)).toBe("3 d 1 h");
  });
});

describe("segment runs of a batch", () => {
  const outcome = (targetId: number, s: number, state: ProbeState, error: string | null = null, intervalSeconds = 5): ProbeOutcome => ({
    targetId,
    intervalSeconds,
    result: { ok: state === "UP", slow: false, keywordMissing: false, statusCode: null, latencyMs: 10, error, checkedAt: at(s) },
    step: { state, memory: { state, consecutiveFailures: 0, since: at(s) }, transition: null },
    outageStartedAt: null,
  });

  it("merges same-state checks within 2 intervals and closes a run at the next state's first check", () => {
    const runs = runsOf([outcome(1, 10, "DOWN", "HTTP 503"), outcome(1, 0, "UP"), outcome(1, 5, "UP"), outcome(1, 15, "DOWN", "later")]);
    expect(runs.map((r) => ({ state: r.state, from: r.firstAt, last: r.lastAt, end: r.endedAt, err: r.firstError, i: r.index }))).toEqual([
      { state: "UP", from: at(0), last: at(5), end: at(10), err: null, i: 0 },
      { state: "DOWN", from: at(10), last: at(15), end: null, err: "HTTP 503", i: 1 },
    ]);
  });

  it("ends a run at last seen + 2 intervals when the checks stopped, even in the same state", () => {
    const runs = runsOf([outcome(1, 0, "UP"), outcome(1, 11, "UP"), outcome(2, 0, "UP")]);
    expect(runs.filter((r) => r.targetId === 1).map((r) => [r.firstAt, r.lastAt, r.endedAt])).toEqual([
      [at(0), at(0), at(10)],
      [at(11), at(11), null],
    ]);
    expect(runs.filter((r) => r.targetId === 2)).toHaveLength(1);
  });
});

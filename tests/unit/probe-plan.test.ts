import { beforeAll, describe, expect, it } from "vitest";
import { incidentsFrom } from "@/core/domain/incidents";
import { INITIAL_PROBE_MEMORY, nextProbeState } from "@/core/domain/probe-state";
import { segmentsFromResults, uptime } from "@/core/domain/uptime";
import { HOUR_MS, istTimeOfDayMs } from "@/server/seed/ist-time";
import { type PlannedFieldReport, planFieldReports } from "@/server/seed/probe-field-plan";
import { DEMO_PROBE_TARGET, type ProbeHistoryPlan, type Span, planProbeHistory } from "@/server/seed/probe-plan";
import { UNIT_PLANS } from "@/server/seed/scenario-plan";

const H = HOUR_MS;
const DAY = 24 * H;
// 10:30 IST: the story anchor itself, so story time = clock time.
const AT_ANCHOR = new Date("2026-11-26T05:00:00Z");
// Seeded at 18:30 IST: the whole story moves 8 h, like the records.
const EVENING = new Date("2026-11-26T13:00:00Z");
const INTERVAL_MS = DEMO_PROBE_TARGET.intervalSeconds * 1000;

const istHour = (d: Date, shiftMs = 0) => istTimeOfDayMs(d.getTime() - shiftMs) / H;
const inside = (s: Span, d: Date) => d >= s.from && d < s.to;
const domainSegments = (plan: ProbeHistoryPlan) => plan.segments.map((s) => ({ state: s.state, from: s.startedAt, to: s.endedAt, error: s.firstError }));

describe.each([
  ["seeded at 10:30 IST", AT_ANCHOR],
  ["seeded at 18:30 IST", EVENING],
])("demo probe history, %s", (_label, now) => {
  let plan: ProbeHistoryPlan;
  let reports: PlannedFieldReport[];
  beforeAll(() => {
    plan = planProbeHistory(now);
    reports = planFieldReports(plan.story);
  });

  it("covers seven days at the target's interval and ends UP just before now", () => {
    const { checks } = plan;
    expect(checks).toHaveLength(7 * 24 * 60);
    expect(checks[0]!.checkedAt.getTime()).toBeGreaterThanOrEqual(now.getTime() - 7 * DAY);
    const last = checks[checks.length - 1]!;
    expect(last.checkedAt.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(now.getTime() - last.checkedAt.getTime()).toBeLessThan(INTERVAL_MS);
    expect(last.state).toBe("UP");
    expect(plan.segments.at(-1)).toMatchObject({ state: "UP", endedAt: null, lastSeenAt: last.checkedAt });
    expect(plan.segments.filter((s) => s.endedAt === null)).toHaveLength(1);
  });

  it("has exactly one DOWN incident of about 4 h on camp-two day, inside the camp's hours", () => {
    const { story } = plan;
    const downs = incidentsFrom(domainSegments(plan), now).filter((i) => i.state === "DOWN");
    expect(downs).toHaveLength(1);
    const down = downs[0]!;
    expect(down.durationSeconds / 3600).toBeGreaterThan(3.5);
    expect(down.durationSeconds / 3600).toBeLessThan(4.5);
    expect(down.startedAt >= story.campTwo.from && down.endedAt! <= story.campTwo.to).toBe(true);
    expect(story.campTwo.to.getTime() - story.campOne.to.getTime()).toBe(5 * DAY);
    expect(down.firstError).toBe("timed out after 10000 ms");
    // Story time (clock minus the shift): 11:02 to 15:00 IST.
    expect(istHour(down.startedAt, story.shiftMs)).toBeCloseTo(11 + 2 / 60, 1);
    expect(istHour(down.endedAt!, story.shiftMs)).toBeCloseTo(15, 1);
  });

  it("reaches DOWN the way the state machine does: two PENDING retries first", () => {
    const first = plan.checks.findIndex((c) => !c.ok && inside(plan.story.outage, c.checkedAt));
    expect(plan.checks.slice(first, first + 4).map((c) => c.state)).toEqual(["PENDING", "PENDING", "DOWN", "DOWN"]);
    // Replaying the machine over the planned outcomes gives the planned states.
    let memory = INITIAL_PROBE_MEMORY;
    for (const check of plan.checks) {
      const step = nextProbeState(memory, check, DEMO_PROBE_TARGET, false);
      expect(step.state).toBe(check.state);
      memory = step.memory;
    }
    const errors = new Set(plan.checks.filter((c) => c.state === "DOWN").map((c) => c.error));
    expect(errors).toEqual(new Set(["timed out after 10000 ms", "HTTP 502 (expected 200)", "connection refused"]));
  });

  it("is slow only inside the 10:00–13:00 and 16:00–18:00 peaks, with real slow latencies", () => {
    const degraded = plan.checks.filter((c) => c.state === "DEGRADED");
    expect(degraded.length).toBeGreaterThan(300);
    for (const c of degraded) {
      const hour = istHour(c.checkedAt, plan.story.shiftMs);
      expect((hour >= 10 && hour < 13) || (hour >= 16 && hour < 18), c.checkedAt.toISOString()).toBe(true);
      expect(c.slow || c.keywordMissing).toBe(true);
    }
    expect(degraded.some((c) => c.keywordMissing)).toBe(true);
    const up = plan.checks.filter((c) => c.state === "UP").map((c) => c.latencyMs!);
    expect(Math.min(...up)).toBeGreaterThanOrEqual(300);
    expect(Math.max(...up)).toBeLessThanOrEqual(1200);
  });

  it("keeps 7-day uptime between 95 % and 99 %", () => {
    const figures = uptime(domainSegments(plan), { from: new Date(now.getTime() - 7 * DAY), to: now }, now);
    expect(figures.upPercent).toBeGreaterThan(95);
    expect(figures.upPercent).toBeLessThan(99);
  });

  it("stores segments by the readers' own rule", () => {
    expect(domainSegments(plan)).toEqual(segmentsFromResults(plan.checks, INTERVAL_MS, now).map((s) => ({ ...s, error: s.error ?? null })));
  });

  it("has field reports from all 17 units, failing everywhere during the outage", () => {
    expect(new Set(reports.map((r) => r.unit))).toEqual(new Set(UNIT_PLANS.map((u) => u.name)));
    const during = reports.filter((r) => inside(plan.story.outage, r.checkedAt));
    expect(new Set(during.map((r) => r.unit)).size).toBe(17);
    expect(during.every((r) => !r.ok)).toBe(true);
    const elsewhere = reports.filter((r) => !inside(plan.story.outage, r.checkedAt) && !inside(plan.story.pirpaintiNight, r.checkedAt));
    expect(elsewhere.filter((r) => r.ok).length / elsewhere.length).toBeGreaterThan(0.98);
    expect(new Set(reports.map((r) => r.source))).toEqual(new Set(["BROWSER", "SCRIPT"]));
  });

  it("tells Pirpainti's night apart: its reports fail while the portal and every other unit are fine", () => {
    const night = plan.story.pirpaintiNight;
    expect(night.from > plan.story.outage.to && night.to.getTime() - night.from.getTime()).toBe(8 * H);
    const inNight = reports.filter((r) => inside(night, r.checkedAt));
    const pirpainti = inNight.filter((r) => r.unit === "Pirpainti");
    expect(pirpainti.length).toBeGreaterThan(40);
    expect(pirpainti.every((r) => !r.ok && r.reporter === "op.pirpainti" && r.receivedAt >= night.to)).toBe(true);
    const others = inNight.filter((r) => r.unit !== "Pirpainti");
    expect(new Set(others.map((r) => r.unit)).size).toBe(16);
    expect(others.filter((r) => !r.ok).length).toBeLessThanOrEqual(1);
    const central = plan.checks.filter((c) => inside(night, c.checkedAt));
    expect(central.every((c) => c.state === "UP")).toBe(true);
  });
});

describe("determinism and the story clock", () => {
  it("gives the same plan for the same now", () => {
    const a = planProbeHistory(AT_ANCHOR);
    const b = planProbeHistory(AT_ANCHOR);
    expect(b.checks).toEqual(a.checks);
    expect(planFieldReports(b.story)).toEqual(planFieldReports(a.story));
  });

  it("moves the outage and Pirpainti's night by whole days with the anchor", () => {
    const a = planProbeHistory(AT_ANCHOR).story;
    const b = planProbeHistory(new Date(AT_ANCHOR.getTime() + 3 * DAY)).story;
    expect(b.outage.from.getTime() - a.outage.from.getTime()).toBe(3 * DAY);
    expect(b.pirpaintiNight.from.getTime() - a.pirpaintiNight.from.getTime()).toBe(3 * DAY);
    expect(b.campTwo.from.getTime() - a.campTwo.from.getTime()).toBe(3 * DAY);
  });

  it("shifts with the seeding hour like the camps do", () => {
    const a = planProbeHistory(AT_ANCHOR).story;
    const b = planProbeHistory(EVENING).story;
    expect(b.outage.from.getTime() - a.outage.from.getTime()).toBe(EVENING.getTime() - AT_ANCHOR.getTime());
  });
});
